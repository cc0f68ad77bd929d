//! Web push (issue 25): the devices a resident turned notices on for (`push_subscription`,
//! one row per browser's subscription, the keys its messages are encrypted to), and a
//! `push` flag per topic beside the email/WhatsApp channel (`mail_preference.push`, on
//! unless turned off: a person who turns push on for a phone wants to hear on it).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("push_subscription")
                .col(pk_auto("id"))
                .col(integer("user_id"))
                .col(text("endpoint"))
                .col(string_len("p256dh", 100))
                .col(string_len("auth", 40))
                .col(string_len("label", 120))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("last_sent_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_push_subscription_user")
                        .from("push_subscription", "user_id")
                        .to("user_account", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_push_subscription_endpoint")
                .table("push_subscription")
                .col("endpoint")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_push_subscription_user")
                .table("push_subscription")
                .col("user_id")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("mail_preference")
                .add_column(boolean("push").default(true))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("mail_preference").drop_column("push").to_owned())
            .await?;
        m.drop_table(Table::drop().table("push_subscription").to_owned()).await
    }
}
