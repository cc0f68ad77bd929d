//! WhatsApp messages leave from the outbox like mail: the same claims (several instances,
//! one sender per row), renewals, backoff and record (`mail::worker`), with the Graph API
//! in place of SMTP. The messages' bodies are made by `mail::whatsapp`.

use std::sync::Arc;

use sea_orm::{DatabaseConnection, EntityTrait};
use tokio::sync::Notify;

use crate::domain::{
    Clock,
    entities::{outbox, wa_contact},
    error::OrInternal,
    mail::{
        transport::SendError,
        whatsapp::STOP_KEY,
        worker::{WorkerConfig, claim_batch, record, renew, stopped},
    },
    whatsapp::Graph,
};
use crate::model::AppError;

/// Sends what is due, then waits for the bell or the poll interval, until `stop` turns true.
pub async fn run(
    db: DatabaseConnection,
    graph: Graph,
    clock: Clock,
    bell: Arc<Notify>,
    config: WorkerConfig,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    tracing::info!(worker = %config.id, "WhatsApp sender started");
    while !*stop.borrow() {
        match deliver_due(&db, &graph, &clock, &config).await {
            Ok(n) if n as u64 >= config.batch => continue,
            Ok(_) => {}
            Err(err) => tracing::warn!(?err, "WhatsApp delivery round failed"),
        }
        tokio::select! {
            () = bell.notified() => {}
            () = tokio::time::sleep(config.poll) => {}
            () = stopped(&mut stop) => {}
        }
    }
}

/// One round: claims the due WhatsApp rows and sends them one by one (one number's
/// messages in the order they were queued). Returns how many were claimed.
pub async fn deliver_due(
    db: &DatabaseConnection,
    graph: &Graph,
    clock: &Clock,
    config: &WorkerConfig,
) -> Result<usize, AppError> {
    let claimed = claim_batch(db, clock.now(), config, outbox::Channel::WhatsApp).await?;
    let count = claimed.len();
    for row in claimed {
        if !renew(db, &row, clock.now(), config).await? {
            continue;
        }
        let outcome = match refused_by_contact(db, &row).await? {
            Some(reason) => Err(SendError::Permanent(reason)),
            None => match &row.payload {
                Some(payload) => graph.send(payload).await,
                None => Err(SendError::Permanent("a WhatsApp row without a body".into())),
            },
        };
        record(db, &row, clock.now(), outcome, config).await?;
    }
    Ok(count)
}

/// Why a row may not go to its number: the resident said "berhenti" (only the message
/// confirming it still goes), or staff blocked the number.
async fn refused_by_contact(db: &DatabaseConnection, row: &outbox::Model) -> Result<Option<String>, AppError> {
    let contact = wa_contact::Entity::find_by_id(row.recipient.clone())
        .one(db)
        .await
        .or_internal("reading a WhatsApp contact")?;
    Ok(match contact {
        Some(c) if c.blocked_at.is_some() => Some("not sent: the number is blocked".into()),
        Some(c) if c.stopped_at.is_some() && !row.idempotency_key.starts_with(STOP_KEY) => {
            Some("not sent: the resident stopped WhatsApp messages".into())
        }
        _ => None,
    })
}
