//! The `form_submission` table: a phone that sends a draft again (the answer was lost on a
//! weak signal, or it sends what waited offline) names it with the same key, and is answered
//! with what the first sending made instead of making it twice (issue 25).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("form_submission")
                .col(integer("account_id"))
                .col(string_len("client_key", 64))
                .col(string_len("location", 200))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(Index::create().col("account_id").col("client_key"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_form_submission_account")
                        .from("form_submission", "account_id")
                        .to("user_account", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("form_submission").to_owned()).await
    }
}
