//! Earlier versions of an issue: each edit by its author keeps what was there before.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("issue_revision")
                .col(pk_auto("id"))
                .col(integer("issue_id"))
                .col(string_len("title", 160))
                .col(text("body_md"))
                .col(integer("category_id"))
                .col(integer("kecamatan_id"))
                .col(integer("desa_id"))
                .col(integer("edited_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_issue_revision_issue_id")
                        .from("issue_revision", "issue_id")
                        .to("issue", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_issue_revision_edited_by")
                        .from("issue_revision", "edited_by")
                        .to("user_account", "id"),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_issue_revision_issue_id")
                .table("issue_revision")
                .col("issue_id")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("issue_revision").to_owned()).await
    }
}
