//! Keys for Open311 clients (`api_key`): issued and revoked by the admin, stored as a
//! SHA-256 hash; each client posts as its own account when a request names no email. An
//! issue may carry a link to media the client sent (`issue.media_url`).

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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("api_key")
                .col(pk_auto("id"))
                .col(string("name"))
                .col(string_len("prefix", 16))
                .col(string_len("key_hash", 64).unique_key())
                .col(integer("user_id"))
                .col(integer_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .col(timestamp_with_time_zone_null("last_used_at"))
                .foreign_key(&mut fk("api_key", "user_id", "user_account"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("issue")
                .add_column(string_null("media_url"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("issue").drop_column("media_url").to_owned())
            .await?;
        m.drop_table(Table::drop().table("api_key").to_owned()).await
    }
}
