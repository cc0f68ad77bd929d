//! Second factor for staff and admin accounts: a TOTP secret (RFC 6238) per account that
//! turned it on, and the last time step accepted, so that no code is accepted twice.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("two_factor")
                .col(integer("user_id").primary_key())
                .col(string_len("secret", 64))
                .col(timestamp_with_time_zone("enabled_at"))
                .col(big_integer("last_step"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_two_factor_user_id")
                        .from("two_factor", "user_id")
                        .to("user_account", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("two_factor").to_owned()).await
    }
}
