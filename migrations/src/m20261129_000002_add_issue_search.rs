//! Full-text search over issues' titles and descriptions, and indexes for the list's sort
//! orders. SQLite gets an FTS5 table kept in step by triggers; PostgreSQL a generated
//! `tsvector` column with a GIN index. Both use plain word matching (no stemming), so that
//! a search finds the same issues on either database.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: &[&str] = &[
    "CREATE VIRTUAL TABLE issue_fts USING fts5(title, body_md, content='issue', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER issue_fts_insert AFTER INSERT ON issue BEGIN \
       INSERT INTO issue_fts(rowid, title, body_md) VALUES (new.id, new.title, new.body_md); END",
    "CREATE TRIGGER issue_fts_delete AFTER DELETE ON issue BEGIN \
       INSERT INTO issue_fts(issue_fts, rowid, title, body_md) VALUES ('delete', old.id, old.title, old.body_md); END",
    "CREATE TRIGGER issue_fts_update AFTER UPDATE OF title, body_md ON issue BEGIN \
       INSERT INTO issue_fts(issue_fts, rowid, title, body_md) VALUES ('delete', old.id, old.title, old.body_md); \
       INSERT INTO issue_fts(rowid, title, body_md) VALUES (new.id, new.title, new.body_md); END",
    "INSERT INTO issue_fts(issue_fts) VALUES ('rebuild')",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER issue_fts_update",
    "DROP TRIGGER issue_fts_delete",
    "DROP TRIGGER issue_fts_insert",
    "DROP TABLE issue_fts",
];

const POSTGRES_UP: &[&str] = &[
    "ALTER TABLE issue ADD COLUMN search tsvector GENERATED ALWAYS AS \
       (to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body_md, ''))) STORED",
    "CREATE INDEX ix_issue_search ON issue USING GIN (search)",
];

const POSTGRES_DOWN: &[&str] = &["DROP INDEX ix_issue_search", "ALTER TABLE issue DROP COLUMN search"];

fn sort_index(column: &'static str) -> IndexCreateStatement {
    Index::create()
        .name(format!("ix_issue_{column}_id"))
        .table("issue")
        .col(column)
        .col("id")
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let statements = match m.get_database_backend() {
            DbBackend::Sqlite => SQLITE_UP,
            DbBackend::Postgres => POSTGRES_UP,
            _ => return Err(DbErr::Migration("only SQLite and PostgreSQL are supported".into())),
        };
        for sql in statements {
            m.get_connection().execute_unprepared(sql).await?;
        }
        m.create_index(sort_index("support_count")).await?;
        m.create_index(sort_index("comment_count")).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_issue_comment_count_id")
                .table("issue")
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("ix_issue_support_count_id")
                .table("issue")
                .to_owned(),
        )
        .await?;
        let statements = match m.get_database_backend() {
            DbBackend::Sqlite => SQLITE_DOWN,
            _ => POSTGRES_DOWN,
        };
        for sql in statements {
            m.get_connection().execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
