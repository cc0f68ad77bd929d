//! WhatsApp as a channel (issue 23): the numbers that write to the regency's WhatsApp
//! number (`wa_contact`, with the conversation each is in), every event Meta's webhook
//! delivers (`wa_event`, processed once each: its key is unique), the one-time codes that
//! sign in or link a number (`wa_code`, kept as hashes), and outbound messages in
//! the same outbox as mail (`outbox.channel`), whose `to_email` becomes `recipient`: an
//! email address or a WhatsApp number; and per topic, whether a person hears by email, by
//! WhatsApp or both (`mail_preference.channel`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("wa_contact")
                // E.164 digits without the plus (`6281234567890`).
                .col(string_len("phone", 16).primary_key())
                .col(integer_null("user_id").unique_key())
                // The name the number's WhatsApp profile gives.
                .col(string_len("name", 100))
                .col(string_len("locale", 2).default("id"))
                .col(timestamp_with_time_zone_null("last_inbound_at"))
                // "berhenti": no more WhatsApp messages until the number writes "mulai".
                .col(timestamp_with_time_zone_null("stopped_at"))
                .col(timestamp_with_time_zone_null("blocked_at"))
                .col(integer_null("blocked_by"))
                // The conversation: the step it waits at (none: idle), what was given so far.
                .col(string_len_null("step", 20))
                .col(text_null("draft"))
                .col(timestamp_with_time_zone_null("step_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_wa_contact_user")
                        .from("wa_contact", "user_id")
                        .to("user_account", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("wa_event")
                .col(pk_auto("id"))
                // A message's `wamid`, or `status:<wamid>:<status>`: a redelivery is refused.
                .col(string_len("event_key", 200).unique_key())
                .col(string_len("phone", 16))
                .col(string_len("kind", 10))
                // The event as Meta sent it (JSON), purged 30 days after it was processed.
                .col(text("payload"))
                .col(timestamp_with_time_zone("received_at"))
                .col(timestamp_with_time_zone_null("processed_at"))
                .col(timestamp_with_time_zone_null("claimed_until"))
                .col(string_len_null("claimed_by", 60))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_wa_event_waiting")
                .table("wa_event")
                .col("processed_at")
                .col("id")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_wa_event_phone")
                .table("wa_event")
                .col("phone")
                .col("id")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("wa_code")
                .col(pk_auto("id"))
                .col(string_len("phone", 16))
                // `sign_in`, or `link` (a signed-in account adds its number).
                .col(string_len("purpose", 10))
                .col(integer_null("user_id"))
                .col(string_len("code_hash", 64))
                .col(integer("attempts").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_wa_code_user")
                        .from("wa_code", "user_id")
                        .to("user_account", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_wa_code_phone")
                .table("wa_code")
                .col("phone")
                .col("id")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("outbox")
                .rename_column("to_email", "recipient")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("outbox")
                .add_column(string_len("channel", 10).default("email"))
                .to_owned(),
        )
        .await?;
        // A WhatsApp message's body for the Graph API (JSON).
        m.alter_table(
            Table::alter()
                .table("outbox")
                .add_column(text_null("payload"))
                .to_owned(),
        )
        .await?;
        // The id the Graph API gave the message, and the last status Meta reported of it.
        m.alter_table(
            Table::alter()
                .table("outbox")
                .add_column(string_len_null("external_id", 200))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("outbox")
                .add_column(string_len_null("delivery_status", 12))
                .to_owned(),
        )
        .await?;
        // Where a topic's notices go: email, WhatsApp or both (none: every way there is).
        m.alter_table(
            Table::alter()
                .table("mail_preference")
                .add_column(string_len_null("channel", 10))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_outbox_external_id")
                .table("outbox")
                .col("external_id")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("idx_outbox_external_id").table("outbox").to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table("mail_preference")
                .drop_column("channel")
                .to_owned(),
        )
        .await?;
        for column in ["delivery_status", "external_id", "payload", "channel"] {
            m.alter_table(Table::alter().table("outbox").drop_column(column).to_owned())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table("outbox")
                .rename_column("recipient", "to_email")
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table("wa_code").to_owned()).await?;
        m.drop_table(Table::drop().table("wa_event").to_owned()).await?;
        m.drop_table(Table::drop().table("wa_contact").to_owned()).await
    }
}
