//! Delivers the outbox. Several instances may run against one database: a worker claims a
//! batch in one transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL, SQLite's single
//! writer), renews its claim on each row just before sending it, and records the result
//! only while the row is still its own, so no two workers send the same row. A row whose
//! worker died is claimed again when its claim runs out. Transient failures are retried
//! with exponential backoff for about a day; permanent refusals (SMTP 5xx) are counted per
//! address, and an address that refused `SUPPRESS_AFTER` times gets no more mail.
//! Longer than 400 lines: the claim, renewal and record here are shared by both channels'
//! senders (mail and WhatsApp); apart, they would be one protocol in three files.

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, TimeDelta, Utc};
use futures_util::StreamExt;
use lettre::message::Mailbox;
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, LockBehavior, LockType, OnConflict},
};

use crate::domain::mail::{
    Mailer,
    transport::{SendError, build_message},
};
use crate::domain::{
    Clock,
    entities::{mail_suppression, outbox},
    error::{OrInternal, write_txn},
    state::OutboxBell,
};
use crate::model::AppError;

/// Messages a worker sends at once (see `WorkerConfig::parallel`); at a crash, at most
/// these may have reached the server without being recorded as sent.
pub const SEND_AT_ONCE: usize = 8;

#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// How often to look for due mail when nobody rings the bell.
    pub poll: Duration,
    pub batch: u64,
    /// Messages of a batch in flight at once. An SMTP client that writes a message and its
    /// final dot separately waits out the server's delayed ACK (about 40 ms on Linux) once
    /// per message, so one connection at a time would cap a worker near 25 messages a
    /// second; several connections of the transport's pool overlap those waits.
    pub parallel: usize,
    /// Transient failures before a row is given up (about a day with the backoff below).
    pub max_attempts: i32,
    /// Where replies go (`MAIL_REPLY_TO`), if not to the sender.
    pub reply_to: Option<Mailbox>,
    /// How long a claimed row stays this worker's before another may take it over (after
    /// a crash). Renewed before each message, so it must only outlast one SMTP exchange.
    pub claim: TimeDelta,
    /// This worker's name in `outbox.claimed_by`: process id and a random part.
    pub id: String,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self {
            poll: Duration::from_secs(5),
            batch: 20,
            parallel: SEND_AT_ONCE,
            max_attempts: 12,
            reply_to: None,
            claim: TimeDelta::minutes(2),
            id: worker_id(),
        }
    }
}

/// A name no other running worker has.
pub fn worker_id() -> String {
    let mut random = [0u8; 8];
    if let Err(error) = getrandom::fill(&mut random) {
        // Without randomness, the clock's nanoseconds still tell two workers apart.
        tracing::warn!(%error, "no randomness for the mail worker's name; using the clock");
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.subsec_nanos());
        random[..4].copy_from_slice(&nanos.to_le_bytes());
    }
    format!("{}:{}", std::process::id(), crate::domain::secrets::hex(&random))
}

/// 30 s, 1 min, 2 min, … doubling up to 6 h.
pub fn backoff(attempts: i32) -> TimeDelta {
    let secs = Ord::min(30i64.saturating_mul(1i64 << attempts.clamp(0, 20)), 6 * 3600);
    TimeDelta::seconds(secs)
}

/// Permanent refusals (SMTP 5xx) after which an address gets no more mail.
pub const SUPPRESS_AFTER: i32 = 3;

/// Delivers what is due, then waits for the bell or the poll interval, until `stop` turns
/// true: then it finishes the batch in hand (each message sent is recorded as sent, so
/// none goes twice after a restart) and returns. Runs for ever if `stop`'s sender is gone.
pub async fn run(
    db: DatabaseConnection,
    mailer: Mailer,
    from: Mailbox,
    clock: Clock,
    bell: Arc<OutboxBell>,
    config: WorkerConfig,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    tracing::info!(transport = %mailer.describe(), worker = %config.id, "mail worker started");
    while !*stop.borrow() {
        match deliver_due(&db, &mailer, &from, &clock, &config).await {
            // A full batch went out: there may be more waiting.
            Ok(n) if n as u64 >= config.batch => continue,
            Ok(_) => {}
            Err(err) => tracing::warn!(?err, "mail delivery round failed"),
        }
        tokio::select! {
            () = bell.mail.notified() => {}
            () = tokio::time::sleep(config.poll) => {}
            () = stopped(&mut stop) => {}
        }
    }
    tracing::info!(worker = %config.id, "mail worker stopped");
}

/// Resolves once `stop` turns true; never, once nobody can turn it.
pub(crate) async fn stopped(stop: &mut tokio::sync::watch::Receiver<bool>) {
    if stop.wait_for(|stop| *stop).await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// One round: claims a batch of due rows and sends them. Returns how many were sent.
pub async fn deliver_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    from: &Mailbox,
    clock: &Clock,
    config: &WorkerConfig,
) -> Result<usize, AppError> {
    let claimed = claim_batch(db, clock.now(), config, outbox::Channel::Email).await?;
    // One address's messages go one after another, in order (so its refusals are counted
    // before its next message is tried); different addresses go at once.
    let mut by_address: Vec<Vec<outbox::Model>> = Vec::new();
    for row in claimed {
        match by_address
            .iter_mut()
            .find(|group| group[0].recipient.eq_ignore_ascii_case(&row.recipient))
        {
            Some(group) => group.push(row),
            None => by_address.push(vec![row]),
        }
    }
    let sent = futures_util::stream::iter(by_address)
        .map(|group| async move {
            let mut sent = 0;
            for row in group {
                sent += usize::from(deliver_one(db, mailer, from, clock, config, row).await?);
            }
            Ok::<_, AppError>(sent)
        })
        .buffer_unordered(config.parallel.max(1))
        .collect::<Vec<_>>()
        .await;
    let mut count = 0;
    for group in sent {
        count += group?;
    }
    Ok(count)
}

/// Sends one claimed row and records the outcome; `true` when it went out.
async fn deliver_one(
    db: &DatabaseConnection,
    mailer: &Mailer,
    from: &Mailbox,
    clock: &Clock,
    config: &WorkerConfig,
    row: outbox::Model,
) -> Result<bool, AppError> {
    // Renewed just before sending: a row whose claim ran out while this worker was slow
    // belongs to whoever took it over.
    if !renew(db, &row, clock.now(), config).await? {
        return Ok(false);
    }
    let outcome = match suppressed(db, &row.recipient).await? {
        Some(refusals) => Err(SendError::Suppressed(refusals)),
        None => match build_message(from, config.reply_to.as_ref(), &row) {
            Ok(message) => mailer.send(message).await,
            Err(err) => Err(err),
        },
    };
    let sent = outcome.is_ok();
    record(db, &row, clock.now(), outcome.map(|()| None), config).await?;
    Ok(sent)
}

fn due(now: DateTime<Utc>, channel: outbox::Channel) -> Condition {
    Condition::all().add(outbox::Column::Channel.eq(channel)).add(
        Condition::any()
            .add(
                Condition::all()
                    .add(outbox::Column::Status.eq(outbox::PENDING))
                    .add(outbox::Column::NextAttemptAt.lte(now)),
            )
            .add(
                Condition::all()
                    .add(outbox::Column::Status.eq(outbox::SENDING))
                    .add(outbox::Column::ClaimedUntil.lt(now)),
            ),
    )
}

/// Takes up to a batch of due rows of `channel` for this worker in one transaction: on
/// PostgreSQL rows another worker is claiming are skipped (`FOR UPDATE SKIP LOCKED`); SQLite
/// has one writer at a time, which the immediate transaction waits for.
pub(crate) async fn claim_batch(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    config: &WorkerConfig,
    channel: outbox::Channel,
) -> Result<Vec<outbox::Model>, AppError> {
    // Most rounds find nothing: look first without a transaction (this runs every few
    // seconds on every instance).
    let any_due = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .filter(due(now, channel))
        .limit(1)
        .into_tuple::<i32>()
        .one(db)
        .await
        .or_internal("looking for due mail")?;
    if any_due.is_none() {
        return Ok(Vec::new());
    }
    let txn = write_txn(db).await?;
    let mut select = outbox::Entity::find()
        .filter(due(now, channel))
        .order_by_asc(outbox::Column::Id)
        .limit(config.batch);
    if db.get_database_backend() == DbBackend::Postgres {
        select = select.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let rows = select.all(&txn).await.or_internal("reading due mail")?;
    if rows.is_empty() {
        // Ended explicitly: this runs several times a second, and a transaction left to be
        // rolled back on drop hands its connection back to the pool later than it should.
        txn.commit().await.or_internal("ending an empty claim")?;
        return Ok(rows);
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(outbox::SENDING))
        .col_expr(outbox::Column::ClaimedUntil, Expr::value(Some(now + config.claim)))
        .col_expr(outbox::Column::ClaimedBy, Expr::value(Some(config.id.clone())))
        .filter(outbox::Column::Id.is_in(rows.iter().map(|r| r.id)))
        .exec(&txn)
        .await
        .or_internal("claiming mail")?;
    txn.commit().await.or_internal("committing a claim")?;
    Ok(rows)
}

/// Holds this worker's claim on `row` a little longer; false if it is no longer ours.
pub(crate) async fn renew(
    db: &DatabaseConnection,
    row: &outbox::Model,
    now: DateTime<Utc>,
    config: &WorkerConfig,
) -> Result<bool, AppError> {
    let result = outbox::Entity::update_many()
        .col_expr(outbox::Column::ClaimedUntil, Expr::value(Some(now + config.claim)))
        .filter(outbox::Column::Id.eq(row.id))
        .filter(outbox::Column::Status.eq(outbox::SENDING))
        .filter(outbox::Column::ClaimedBy.eq(config.id.as_str()))
        .exec(db)
        .await
        .or_internal("renewing a claim")?;
    Ok(result.rows_affected == 1)
}

/// How often an address refused mail, if it refused too often to be tried again.
async fn suppressed(db: &DatabaseConnection, email: &str) -> Result<Option<i32>, AppError> {
    Ok(mail_suppression::Entity::find_by_id(email.to_lowercase())
        .one(db)
        .await
        .or_internal("reading suppressed addresses")?
        .filter(|s| s.suppressed_at.is_some())
        .map(|s| s.permanent_failures))
}

/// Counts a permanent refusal of `email`; the `SUPPRESS_AFTER`th suppresses it.
async fn count_refusal(db: &DatabaseConnection, email: &str, error: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let email = email.to_lowercase();
    let txn = write_txn(db).await?;
    mail_suppression::Entity::insert(mail_suppression::ActiveModel {
        email: Set(email.clone()),
        permanent_failures: Set(0),
        last_error: Set(String::new()),
        updated_at: Set(now),
        suppressed_at: Set(None),
    })
    .on_conflict(
        OnConflict::column(mail_suppression::Column::Email)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await
    .or_internal("counting a refusal")?;
    mail_suppression::Entity::update_many()
        .col_expr(
            mail_suppression::Column::PermanentFailures,
            Expr::col(mail_suppression::Column::PermanentFailures).add(1),
        )
        .col_expr(mail_suppression::Column::LastError, Expr::value(error.to_owned()))
        .col_expr(mail_suppression::Column::UpdatedAt, Expr::value(now))
        .filter(mail_suppression::Column::Email.eq(email.as_str()))
        .exec(&txn)
        .await
        .or_internal("counting a refusal")?;
    mail_suppression::Entity::update_many()
        .col_expr(mail_suppression::Column::SuppressedAt, Expr::value(Some(now)))
        .filter(mail_suppression::Column::Email.eq(email.as_str()))
        .filter(mail_suppression::Column::PermanentFailures.gte(SUPPRESS_AFTER))
        .filter(mail_suppression::Column::SuppressedAt.is_null())
        .exec(&txn)
        .await
        .or_internal("suppressing an address")?;
    txn.commit().await.or_internal("committing a refusal")?;
    Ok(())
}

/// Records what became of a claimed row: sent (with the id the channel gave it, if any),
/// refused for good, or to be tried again after the backoff.
pub(crate) async fn record(
    db: &DatabaseConnection,
    row: &outbox::Model,
    now: DateTime<Utc>,
    outcome: Result<Option<String>, SendError>,
    config: &WorkerConfig,
) -> Result<(), AppError> {
    let mail = row.channel == outbox::Channel::Email;
    let attempts = row.attempts + 1;
    let update = outbox::Entity::update_many()
        .col_expr(outbox::Column::Attempts, Expr::value(attempts))
        .col_expr(outbox::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(outbox::Column::ClaimedBy, Expr::value(Option::<String>::None))
        .filter(outbox::Column::Id.eq(row.id))
        .filter(outbox::Column::ClaimedBy.eq(config.id.as_str()));
    let update = match outcome {
        Ok(external_id) => {
            if mail {
                mail_suppression::Entity::delete_by_id(row.recipient.to_lowercase())
                    .exec(db)
                    .await
                    .or_internal("forgetting refusals")?;
            }
            update
                .col_expr(outbox::Column::ExternalId, Expr::value(external_id))
                .col_expr(outbox::Column::Status, Expr::value(outbox::SENT))
                .col_expr(outbox::Column::SentAt, Expr::value(Some(now)))
                .col_expr(outbox::Column::LastError, Expr::value(Option::<String>::None))
        }
        Err(SendError::Suppressed(refusals)) => update
            .col_expr(outbox::Column::Status, Expr::value(outbox::FAILED))
            .col_expr(
                outbox::Column::LastError,
                Expr::value(Some(format!(
                    "not sent: the address refused mail permanently {refusals} times"
                ))),
            ),
        Err(SendError::Permanent(err)) => {
            tracing::warn!(id = row.id, %err, channel = ?row.channel, "message refused permanently");
            if mail {
                count_refusal(db, &row.recipient, &err, now).await?;
            }
            update
                .col_expr(outbox::Column::Status, Expr::value(outbox::FAILED))
                .col_expr(outbox::Column::LastError, Expr::value(Some(err)))
        }
        Err(SendError::Transient(err)) => {
            tracing::warn!(id = row.id, attempts, %err, "mail delivery failed, will retry");
            let status = if attempts >= config.max_attempts {
                outbox::FAILED
            } else {
                outbox::PENDING
            };
            update
                .col_expr(outbox::Column::Status, Expr::value(status))
                .col_expr(outbox::Column::NextAttemptAt, Expr::value(now + backoff(row.attempts)))
                .col_expr(outbox::Column::LastError, Expr::value(Some(err)))
        }
    };
    update.exec(db).await.or_internal("recording a delivery")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(0), TimeDelta::seconds(30));
        assert_eq!(backoff(1), TimeDelta::seconds(60));
        assert_eq!(backoff(5), TimeDelta::seconds(960));
        assert_eq!(backoff(30), TimeDelta::hours(6));
    }
}
