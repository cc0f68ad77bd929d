//! The Friday hour, live (issue 22): a session's live state (`session_live`, one row once
//! the secretariat starts it), the time each agenda item took and the notes taken on it,
//! and the speaker queue (`live_speaker`).
//!
//! `seq` is raised with every change a viewer should see: it is the Server-Sent Events id,
//! so that a reconnecting viewer and every instance agree on which state is the newest.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("session_live")
                .col(integer("session_id").primary_key())
                .col(string_len("state", 16))
                .col(integer_null("current_item_id"))
                // When the current item's clock last started; NULL while paused or between items.
                .col(timestamp_with_time_zone_null("item_since"))
                .col(timestamp_with_time_zone("started_at"))
                .col(timestamp_with_time_zone_null("ended_at"))
                .col(big_integer("seq"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_session_live_session")
                        .from("session_live", "session_id")
                        .to("dialogue_session", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_session_live_item")
                        .from("session_live", "current_item_id")
                        .to("agenda_item", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        // SQLite adds one column per statement.
        m.alter_table(
            Table::alter()
                .table("agenda_item")
                .add_column(text_null("notes_md"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("agenda_item")
                .add_column(integer("spent_seconds").default(0))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("live_speaker")
                .col(pk_auto("id"))
                .col(integer("session_id"))
                // The item on the floor when the speaker was queued.
                .col(integer_null("item_id"))
                .col(string_len("name", 120))
                .col(integer_null("registration_id"))
                .col(integer("position"))
                .col(timestamp_with_time_zone_null("called_at"))
                .col(timestamp_with_time_zone_null("spoken_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_live_speaker_session")
                        .from("live_speaker", "session_id")
                        .to("dialogue_session", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_live_speaker_item")
                        .from("live_speaker", "item_id")
                        .to("agenda_item", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_live_speaker_registration")
                        .from("live_speaker", "registration_id")
                        .to("session_registration", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_live_speaker_session")
                .table("live_speaker")
                .col("session_id")
                .col("position")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("live_speaker").to_owned()).await?;
        for column in ["spent_seconds", "notes_md"] {
            m.alter_table(Table::alter().table("agenda_item").drop_column(column).to_owned())
                .await?;
        }
        m.drop_table(Table::drop().table("session_live").to_owned()).await
    }
}
