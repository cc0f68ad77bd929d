//! Delivers the outbox. Several instances may run against one database: a row is claimed by
//! a compare-and-set update before it is sent, so no two workers send the same row. A row
//! whose worker died is claimed again when its claim runs out.

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, TimeDelta, Utc};
use lettre::message::Mailbox;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use tokio::sync::Notify;

use super::{
    super::{Clock, entities::outbox, error::OrInternal},
    Mailer,
    transport::{SendError, build_message},
};
use crate::model::AppError;

#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// How often to look for due mail when nobody rings the bell.
    pub poll: Duration,
    pub batch: u64,
    /// Transient failures before a row is given up (about a day with the backoff below).
    pub max_attempts: i32,
    /// Where replies go (`MAIL_REPLY_TO`), if not to the sender.
    pub reply_to: Option<Mailbox>,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self {
            poll: Duration::from_secs(5),
            batch: 20,
            max_attempts: 12,
            reply_to: None,
        }
    }
}

/// 30 s, 1 min, 2 min, … doubling up to 6 h.
pub fn backoff(attempts: i32) -> TimeDelta {
    let secs = 30i64.saturating_mul(1i64 << attempts.clamp(0, 20)).min(6 * 3600);
    TimeDelta::seconds(secs)
}

const CLAIM: TimeDelta = TimeDelta::minutes(5);

/// Runs forever: delivers what is due, then waits for the bell or the poll interval.
pub async fn run(
    db: DatabaseConnection,
    mailer: Mailer,
    from: Mailbox,
    clock: Clock,
    bell: Arc<Notify>,
    config: WorkerConfig,
) {
    tracing::info!(transport = %mailer.describe(), "mail worker started");
    loop {
        if let Err(err) = deliver_due(&db, &mailer, &from, &clock, &config).await {
            tracing::warn!(?err, "mail delivery round failed");
        }
        tokio::select! {
            () = bell.notified() => {}
            () = tokio::time::sleep(config.poll) => {}
        }
    }
}

/// One round: claims and sends every due row (up to a batch). Returns how many were sent.
pub async fn deliver_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    from: &Mailbox,
    clock: &Clock,
    config: &WorkerConfig,
) -> Result<usize, AppError> {
    let now = clock.now();
    let due = outbox::Entity::find()
        .filter(
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
        .order_by_asc(outbox::Column::Id)
        .limit(config.batch)
        .all(db)
        .await
        .or_internal("reading due mail")?;
    let mut sent = 0;
    for row in due {
        if !claim(db, &row, now).await? {
            continue;
        }
        let outcome = match build_message(from, config.reply_to.as_ref(), &row) {
            Ok(message) => mailer.send(message).await,
            Err(err) => Err(err),
        };
        record(db, &row, clock.now(), outcome.clone(), config).await?;
        if outcome.is_ok() {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Compare-and-set: only the worker that still sees the row as it read it wins the claim.
async fn claim(db: &DatabaseConnection, row: &outbox::Model, now: DateTime<Utc>) -> Result<bool, AppError> {
    let result = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(outbox::SENDING))
        .col_expr(outbox::Column::ClaimedUntil, Expr::value(now + CLAIM))
        .filter(outbox::Column::Id.eq(row.id))
        .filter(outbox::Column::Status.eq(row.status.clone()))
        .filter(outbox::Column::Attempts.eq(row.attempts))
        .exec(db)
        .await
        .or_internal("claiming mail")?;
    Ok(result.rows_affected == 1)
}

async fn record(
    db: &DatabaseConnection,
    row: &outbox::Model,
    now: DateTime<Utc>,
    outcome: Result<(), SendError>,
    config: &WorkerConfig,
) -> Result<(), AppError> {
    let attempts = row.attempts + 1;
    let update = outbox::Entity::update_many()
        .col_expr(outbox::Column::Attempts, Expr::value(attempts))
        .col_expr(outbox::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(outbox::Column::Id.eq(row.id));
    let update = match outcome {
        Ok(()) => update
            .col_expr(outbox::Column::Status, Expr::value(outbox::SENT))
            .col_expr(outbox::Column::SentAt, Expr::value(Some(now)))
            .col_expr(outbox::Column::LastError, Expr::value(Option::<String>::None)),
        Err(SendError::Permanent(err)) => {
            tracing::warn!(id = row.id, %err, "mail refused permanently");
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
