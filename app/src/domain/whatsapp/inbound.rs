//! Processes the events the webhook stored, on any number of instances: a worker claims
//! the oldest waiting event whose number has no earlier one waiting (so one number's
//! messages are taken in the order they came, one at a time, across instances), and the
//! event's effects, its replies and its `processed_at` are written in one transaction, so
//! that it counts once even if an instance dies halfway (its claim runs out and another
//! takes it). Processed events are purged after `KEEP`.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use serde_json::Value;
use tokio::sync::Notify;

use crate::domain::{
    AppState,
    entities::{outbox, wa_event},
    error::{OrInternal, write_txn},
    mail::worker::{stopped, worker_id},
    whatsapp::{Graph, conversation, webhook::mark_processed},
};
use crate::model::AppError;

/// How long an event stays claimed by a worker that may have died.
pub const CLAIM: TimeDelta = TimeDelta::minutes(2);

/// Received events are kept this long after processing (the raw log), then deleted.
pub const KEEP: TimeDelta = TimeDelta::days(30);

/// Processes what waits, then waits for the bell (the webhook stored something) or a few
/// seconds, until `stop` turns true.
pub async fn run(
    state: AppState,
    graph: Graph,
    bell: Arc<Notify>,
    poll: std::time::Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let id = worker_id();
    tracing::info!(worker = %id, "WhatsApp receiver started");
    while !*stop.borrow() {
        if let Err(err) = process_waiting(&state, &graph, &id).await {
            tracing::warn!(?err, "processing WhatsApp events failed");
        }
        tokio::select! {
            () = bell.notified() => {}
            () = tokio::time::sleep(poll) => {}
            () = stopped(&mut stop) => {}
        }
    }
}

/// Processes every event that waits; returns how many.
pub async fn process_waiting(state: &AppState, graph: &Graph, worker: &str) -> Result<usize, AppError> {
    let mut done = 0;
    while let Some(event) = claim_next(&state.db, state.clock.now(), worker).await? {
        let result = match event.kind {
            wa_event::EventKind::Status => record_status(state, &event).await,
            wa_event::EventKind::Message => conversation::handle(state, graph, &event).await,
        };
        match result {
            Ok(()) => done += 1,
            // Left claimed: taken again when the claim runs out (a database hiccup passes).
            Err(err) => {
                tracing::warn!(?err, id = event.id, "a WhatsApp event failed; it will be tried again");
                break;
            }
        }
    }
    // Replies (and the mail of an issue posted) leave at once, not at the next poll.
    if done > 0 {
        state.whatsapp_out_bell.notify_one();
        state.mail_bell.notify_one();
    }
    Ok(done)
}

/// Claims the next event for `worker`: the oldest waiting, not claimed by a live worker,
/// whose number has nothing older waiting.
async fn claim_next(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    worker: &str,
) -> Result<Option<wa_event::Model>, AppError> {
    let claimable = Condition::all().add(wa_event::Column::ProcessedAt.is_null()).add(
        Condition::any()
            .add(wa_event::Column::ClaimedUntil.is_null())
            .add(wa_event::Column::ClaimedUntil.lt(now)),
    );
    let candidates: Vec<i32> = wa_event::Entity::find()
        .select_only()
        .column(wa_event::Column::Id)
        .filter(claimable.clone())
        .filter(Expr::cust(
            "NOT EXISTS (SELECT 1 FROM wa_event earlier WHERE earlier.phone = wa_event.phone \
             AND earlier.processed_at IS NULL AND earlier.id < wa_event.id)",
        ))
        .order_by_asc(wa_event::Column::Id)
        .limit(8)
        .into_tuple()
        .all(db)
        .await
        .or_internal("looking for WhatsApp events")?;
    for id in candidates {
        let claimed = wa_event::Entity::update_many()
            .col_expr(wa_event::Column::ClaimedUntil, Expr::value(Some(now + CLAIM)))
            .col_expr(wa_event::Column::ClaimedBy, Expr::value(Some(worker.to_owned())))
            .filter(wa_event::Column::Id.eq(id))
            .filter(claimable.clone())
            .exec(db)
            .await
            .or_internal("claiming a WhatsApp event")?;
        if claimed.rows_affected == 1 {
            return wa_event::Entity::find_by_id(id)
                .one(db)
                .await
                .or_internal("reading a WhatsApp event");
        }
    }
    Ok(None)
}

/// A status of a message sent: kept on its outbox row, never moving back (statuses may
/// arrive out of order); a failure's reason shows on the admin's outbox page.
async fn record_status(state: &AppState, event: &wa_event::Model) -> Result<(), AppError> {
    let payload: Value = serde_json::from_str(&event.payload).unwrap_or(Value::Null);
    let status = payload["status"].as_str().and_then(outbox::WaStatus::parse);
    let wamid = payload["id"].as_str().unwrap_or_default().to_owned();
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    if let Some(status) = status {
        let row = outbox::Entity::find()
            .filter(outbox::Column::ExternalId.eq(wamid.as_str()))
            .one(&txn)
            .await
            .or_internal("reading a sent WhatsApp message")?;
        if let Some(row) = row
            && row.delivery_status.is_none_or(|known| known.rank() < status.rank())
        {
            let mut update = outbox::Entity::update_many()
                .col_expr(outbox::Column::DeliveryStatus, Expr::value(Some(status)))
                .filter(outbox::Column::Id.eq(row.id));
            if status == outbox::WaStatus::Failed {
                let reason = payload["errors"][0]["title"]
                    .as_str()
                    .or_else(|| payload["errors"][0]["message"].as_str())
                    .unwrap_or("failed");
                update = update.col_expr(
                    outbox::Column::LastError,
                    Expr::value(Some(format!("WhatsApp: {reason}"))),
                );
            }
            update.exec(&txn).await.or_internal("recording a WhatsApp status")?;
        }
    }
    if mark_processed(&txn, event, now).await? {
        txn.commit().await.or_internal("committing a WhatsApp status")?;
    }
    Ok(())
}

/// Deletes events processed more than `KEEP` ago (the raw log of what residents sent).
pub async fn purge(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, AppError> {
    let deleted = wa_event::Entity::delete_many()
        .filter(wa_event::Column::ProcessedAt.lt(now - KEEP))
        .exec(db)
        .await
        .or_internal("purging WhatsApp events")?;
    Ok(deleted.rows_affected)
}
