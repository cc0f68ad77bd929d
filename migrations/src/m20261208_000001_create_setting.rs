//! The `setting` table: the thresholds the admin sets (days to confirm, flags to hide, …),
//! one row per changed setting, with who changed it last and when. A setting without a row
//! has its default.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("setting")
                .col(string_len("key", 40).primary_key())
                .col(integer("value"))
                .col(timestamp_with_time_zone("changed_at"))
                .col(integer_null("changed_by"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_setting_changed_by")
                        .from("setting", "changed_by")
                        .to("user_account", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("setting").to_owned()).await
    }
}
