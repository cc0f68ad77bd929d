//! Connecting to the database and migrating it. SQLite gets WAL, foreign keys and a busy
//! timeout; its file and folder are created when missing. PostgreSQL ends sessions idle
//! inside a transaction.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};

/// SQL statements run by this process, for `/metrics` (and `make bench`, which reads how
/// many a page costs).
pub static STATEMENTS: AtomicU64 = AtomicU64::new(0);

/// Whether a statement changes nothing a page shows: a read, or a rate limit's counter.
fn changes_no_page(sql: &str) -> bool {
    only_reads(sql) || sql.contains("rate_count")
}

/// Whether a statement only reads.
fn only_reads(sql: &str) -> bool {
    let word = sql
        .trim_start()
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or_default();
    ["SELECT", "EXPLAIN", "PRAGMA", "SHOW"]
        .iter()
        .any(|read| word.eq_ignore_ascii_case(read))
}

pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    let mut url = url.to_owned();
    if let Some(path) = url.strip_prefix("sqlite://") {
        let file = path.split('?').next().unwrap_or_default();
        if let Some(dir) = std::path::Path::new(file)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)?;
        }
        if !url.contains("mode=") {
            url.push_str(if url.contains('?') { "&mode=rwc" } else { "?mode=rwc" });
        }
    }
    let mut options = ConnectOptions::new(url);
    options
        .sqlx_logging(false)
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        })
        // A connection left inside a transaction (a request cancelled while its rollback
        // could not be queued) would hold its row locks until the pool hands it out again;
        // PostgreSQL ends such a session after 15 s instead, so nobody waits for ever.
        .map_sqlx_postgres_opts(|o| o.options([("idle_in_transaction_session_timeout", "15s")]));
    let mut db = Database::connect(options).await?;
    db.set_metric_callback(|_| {
        STATEMENTS.fetch_add(1, Ordering::Relaxed);
    });
    Ok(db)
}

/// Counts on `db` (and its clones made after) every statement that may have changed data a
/// page shows, anything but a read or a rate count, in `writes`: the page cache's
/// generation (`page_cache`).
pub fn count_writes(db: &mut DatabaseConnection, writes: Arc<AtomicU64>) {
    db.set_metric_callback(move |info| {
        STATEMENTS.fetch_add(1, Ordering::Relaxed);
        if !changes_no_page(&info.statement.sql) {
            writes.fetch_add(1, Ordering::AcqRel);
        }
    });
}

pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_are_told_from_writes() {
        for read in [
            "SELECT 1",
            "  select \"x\" FROM y",
            "EXPLAIN QUERY PLAN SELECT 1",
            "PRAGMA foreign_keys",
        ] {
            assert!(super::only_reads(read), "{read}");
        }
        for write in [
            "INSERT INTO t VALUES (1)",
            "UPDATE t SET a = 1",
            "delete from t",
            "CREATE TABLE t (a)",
            "",
        ] {
            assert!(!super::only_reads(write), "{write}");
        }
    }
}
