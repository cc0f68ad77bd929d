//! Turning server-side failures into the wire `AppError`: internal causes are logged with
//! their context and the browser only learns that something failed.

use std::fmt::Display;

use sea_orm::{DbErr, SqlErr};

use crate::model::{AppError, ErrorCode};

/// Logs `err` with `context` and returns `AppError::Internal`.
pub fn internal(context: &str, err: impl Display) -> AppError {
    tracing::error!(%err, "{context}");
    AppError::Internal
}

/// `.or_internal("what was being done")?` on any fallible call of the domain layer.
pub trait OrInternal<T> {
    fn or_internal(self, context: &str) -> Result<T, AppError>;
}

impl<T, E: Display + 'static> OrInternal<T> for Result<T, E> {
    fn or_internal(self, context: &str) -> Result<T, AppError> {
        self.map_err(|err| {
            if let Some(db) = (&err as &dyn std::any::Any).downcast_ref::<DbErr>()
                && is_unreachable(db)
            {
                tracing::error!(%err, "{context}: the database cannot be reached");
                return AppError::Unavailable;
            }
            internal(context, err)
        })
    }
}

/// Whether `err` says the database cannot be reached (down, refusing connections, the
/// connection lost), as opposed to a statement that failed: the answer is then 503, and
/// the pool reconnects by itself once the database is back.
pub fn is_unreachable(err: &DbErr) -> bool {
    use sea_orm::{RuntimeErr, sqlx};
    let sqlx_error = match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => return true,
        DbErr::Query(RuntimeErr::SqlxError(e)) | DbErr::Exec(RuntimeErr::SqlxError(e)) => e,
        _ => return false,
    };
    match sqlx_error.as_ref() {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        // SQLSTATE class 08 (connection exception) and 57P (operator intervention: the
        // server is shutting down or ended this session).
        sqlx::Error::Database(db) => db
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
        _ => false,
    }
}

/// A unique-constraint violation becomes a field error; anything else is internal.
pub fn on_unique(err: DbErr, field: &str, code: ErrorCode, context: &str) -> AppError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::field(field, code),
        _ => internal(context, err),
    }
}

/// Starts a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), so that a transaction that reads before it writes waits its turn
/// instead of failing with "database is locked" when another writer got in between;
/// PostgreSQL ignores the option.
pub async fn write_txn(db: &sea_orm::DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, AppError> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
    .or_internal("starting a transaction")
}
