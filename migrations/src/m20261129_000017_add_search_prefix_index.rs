//! SQLite: the FTS5 table keeps prefix indexes for prefixes of 2 to 10 characters. Every
//! search word is a prefix (`"jalan"*` also finds "jalanan"), and without a prefix index of
//! that length FTS5 collects and merges every doclist of the prefix before it yields the
//! first row: 10 to 20 ms for a word in a quarter of 1,000,000 issues, 0.1 ms with the
//! index (BENCHMARKS.md). The index costs disk: about four times the text index. Longer
//! words are rare enough to be merged. PostgreSQL is unchanged.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The table as migration 000002 made it, and with the prefix indexes. The triggers that
/// keep it in step with `issue` name it only, so they stay.
const PLAIN: &str = "CREATE VIRTUAL TABLE issue_fts USING fts5(title, body_md, content='issue', \
    content_rowid='id', tokenize='unicode61 remove_diacritics 2')";
const PREFIXED: &str = "CREATE VIRTUAL TABLE issue_fts USING fts5(title, body_md, content='issue', \
    content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5 6 7 8 9 10')";

async fn recreate(m: &SchemaManager<'_>, create: &str) -> Result<(), DbErr> {
    if m.get_database_backend() != DbBackend::Sqlite {
        return Ok(());
    }
    let db = m.get_connection();
    db.execute_unprepared("DROP TABLE issue_fts").await?;
    db.execute_unprepared(create).await?;
    db.execute_unprepared("INSERT INTO issue_fts(issue_fts) VALUES ('rebuild')")
        .await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        recreate(m, PREFIXED).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        recreate(m, PLAIN).await
    }
}
