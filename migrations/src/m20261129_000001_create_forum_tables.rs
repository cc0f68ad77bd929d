//! The residents' forum: supports ("Dukung"), follows and comments, with counters on the
//! issue kept in the same transaction as the rows they count.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(from: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from}_{col}"))
        .from(from, col)
        .to(to, "id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// One person, one row: `(issue_id, user_id)` is unique.
fn membership(table: &'static str) -> TableCreateStatement {
    Table::create()
        .table(table)
        .col(pk_auto("id"))
        .col(integer("issue_id"))
        .col(integer("user_id"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(&mut fk(table, "issue_id", "issue"))
        .foreign_key(&mut fk(table, "user_id", "user_account"))
        .index(
            Index::create()
                .name(format!("ux_{table}_issue_user"))
                .col("issue_id")
                .col("user_id")
                .unique(),
        )
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in ["support_count", "comment_count"] {
            m.alter_table(
                Table::alter()
                    .table("issue")
                    .add_column(integer(column).default(0))
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(membership("issue_support")).await?;
        m.create_table(membership("issue_follow")).await?;
        m.create_index(
            Index::create()
                .name("ix_issue_follow_user_id")
                .table("issue_follow")
                .col("user_id")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("comment")
                .col(pk_auto("id"))
                .col(integer("issue_id"))
                .col(integer("author_id"))
                .col(integer_null("parent_id"))
                .col(text("body_md"))
                .col(text("body_html"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("edited_at"))
                .col(timestamp_with_time_zone_null("deleted_at"))
                .foreign_key(&mut fk("comment", "issue_id", "issue"))
                .foreign_key(&mut fk("comment", "author_id", "user_account"))
                .foreign_key(&mut fk("comment", "parent_id", "comment"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_comment_issue_id_id")
                .table("comment")
                .col("issue_id")
                .col("id")
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["comment", "issue_follow", "issue_support"] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for column in ["comment_count", "support_count"] {
            m.alter_table(Table::alter().table("issue").drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
