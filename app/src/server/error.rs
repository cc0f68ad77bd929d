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

impl<T, E: Display> OrInternal<T> for Result<T, E> {
    fn or_internal(self, context: &str) -> Result<T, AppError> {
        self.map_err(|err| internal(context, err))
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
