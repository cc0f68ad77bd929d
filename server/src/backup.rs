//! `jatinan backup PATH` and `jatinan restore PATH` for the embedded SQLite database and the
//! photos beside it. A backup is a folder: `jatinan.db` (a consistent copy made with
//! `VACUUM INTO`, which reads one snapshot and so may run while the server writes) and
//! `photos/`. PostgreSQL is backed up with its own tools (`pg_dump`, see README).

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::{db, settings::Settings};

/// The database file inside a backup folder.
pub const DB_FILE: &str = "jatinan.db";
const PHOTOS: &str = "photos";

/// The file of a `sqlite://` URL, or why there is none.
fn sqlite_file(url: &str) -> anyhow::Result<PathBuf> {
    if url.starts_with("sqlite:") && !url.starts_with("sqlite://") {
        bail!("DATABASE_URL names no database file");
    }
    let Some(rest) = url.strip_prefix("sqlite://") else {
        bail!(
            "backup and restore handle the embedded SQLite database; for PostgreSQL use \
             pg_dump and pg_restore (README, \"Backups\")"
        );
    };
    let file = rest.split('?').next().unwrap_or_default();
    if file.is_empty() || file.starts_with(':') {
        bail!("DATABASE_URL names no database file");
    }
    Ok(PathBuf::from(file))
}

/// Copies the database and the photos into the new folder `path`.
pub async fn backup(settings: &Settings, path: &Path) -> anyhow::Result<()> {
    let source = sqlite_file(&settings.database_url)?;
    if !source.exists() {
        bail!("there is no database at {}", source.display());
    }
    if path.exists() && std::fs::read_dir(path)?.next().is_some() {
        bail!("{} exists and is not empty: back up into a new folder", path.display());
    }
    std::fs::create_dir_all(path).with_context(|| format!("creating {}", path.display()))?;
    let target = path.join(DB_FILE);
    let db = db::connect(&settings.database_url).await?;
    let quoted = target.display().to_string().replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
        .await
        .context("copying the database")?;
    db.close().await?;
    let photos = copy_photos(&settings.data_dir.join(PHOTOS), &path.join(PHOTOS))?;
    let issues = check(&target).await.context("checking the copy")?;
    println!(
        "backed up {} issues and {photos} photos into {}",
        issues,
        path.display()
    );
    Ok(())
}

/// Replaces the database and the photos with the backup in `path`. What was there is moved
/// aside (`….before-restore-<time>`), never deleted.
pub async fn restore(settings: &Settings, path: &Path) -> anyhow::Result<()> {
    let target = sqlite_file(&settings.database_url)?;
    let backup = path.join(DB_FILE);
    if !backup.is_file() {
        bail!(
            "{} holds no {DB_FILE}: is it a folder made by `jatinan backup`?",
            path.display()
        );
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    // Checked as a copy beside the target, so that the rename below is atomic and a backup
    // that fails the check leaves the current database untouched.
    let incoming = with_suffix(&target, ".restoring");
    std::fs::copy(&backup, &incoming).with_context(|| format!("copying {}", backup.display()))?;
    let issues = match check(&incoming).await {
        Ok(issues) => issues,
        Err(err) => {
            std::fs::remove_file(&incoming).ok();
            return Err(err.context(format!("{} is not a usable backup", backup.display())));
        }
    };
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let aside = with_suffix(&target, &format!(".before-restore-{stamp}"));
    if target.exists() {
        for suffix in ["", "-wal", "-shm"] {
            let from = with_suffix(&target, suffix);
            if from.exists() {
                std::fs::rename(&from, with_suffix(&aside, suffix))?;
            }
        }
    }
    std::fs::rename(&incoming, &target)?;
    let photos_dir = settings.data_dir.join(PHOTOS);
    let mut photos = 0;
    if path.join(PHOTOS).is_dir() {
        if photos_dir.exists() {
            std::fs::rename(
                &photos_dir,
                settings.data_dir.join(format!("{PHOTOS}.before-restore-{stamp}")),
            )?;
        }
        photos = copy_photos(&path.join(PHOTOS), &photos_dir)?;
    }
    println!(
        "restored {issues} issues and {photos} photos from {}; the previous database is kept as {}",
        path.display(),
        aside.display()
    );
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Copies the files of `from` (if it exists) into `to`; returns how many.
fn copy_photos(from: &Path, to: &Path) -> anyhow::Result<usize> {
    std::fs::create_dir_all(to)?;
    if !from.is_dir() {
        return Ok(0);
    }
    let mut copied = 0;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))
                .with_context(|| format!("copying {}", entry.path().display()))?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// Opens a database file, checks it page by page and that it is this application's, and
/// leaves it as one self-contained file (no write-ahead log beside it). Returns its issues.
async fn check(file: &Path) -> anyhow::Result<i64> {
    let db = db::connect(&format!("sqlite://{}?mode=rw", file.display())).await?;
    let result = check_open(&db).await;
    db.execute_unprepared("PRAGMA journal_mode=DELETE").await.ok();
    db.close().await?;
    result
}

async fn check_open(db: &DatabaseConnection) -> anyhow::Result<i64> {
    let one = |sql: &'static str| async move {
        db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql))
            .await?
            .context("no answer")
    };
    let integrity: String = one("PRAGMA integrity_check").await?.try_get_by_index(0)?;
    if integrity != "ok" {
        bail!("integrity check: {integrity}");
    }
    let migrations: i64 = one("SELECT COUNT(*) FROM seaql_migrations")
        .await
        .context("not a Minggon Jatinan database")?
        .try_get_by_index(0)?;
    if migrations == 0 {
        bail!("not a Minggon Jatinan database (no migrations applied)");
    }
    Ok(one("SELECT COUNT(*) FROM issue").await?.try_get_by_index(0)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_sqlite_file_can_be_backed_up_here() {
        assert_eq!(
            sqlite_file("sqlite://data/jatinan.db?mode=rwc").ok(),
            Some(PathBuf::from("data/jatinan.db"))
        );
        let pg = sqlite_file("postgres://postgres@127.0.0.1/jatinan")
            .err()
            .map(|e| e.to_string());
        assert!(pg.is_some_and(|message| message.contains("pg_dump")));
        assert!(sqlite_file("sqlite::memory:").is_err());
    }
}
