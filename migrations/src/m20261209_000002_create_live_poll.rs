//! Live polls (issue 22): the secretariat asks a question on the item on the floor, signed-in
//! residents answer, and the answers count on every view. One answer per account and poll is
//! the primary key of `live_poll_answer`, so the database itself refuses a second one (an
//! answer changed before the poll closes replaces the first).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("live_poll")
                .col(pk_auto("id"))
                .col(integer("session_id"))
                .col(integer_null("item_id"))
                .col(string_len("question", 300))
                // The choices, one per line, in order (2 to 5; "Ya" and "Tidak" by default).
                .col(text("choices"))
                .col(timestamp_with_time_zone("opened_at"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_live_poll_session")
                        .from("live_poll", "session_id")
                        .to("dialogue_session", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_live_poll_item")
                        .from("live_poll", "item_id")
                        .to("agenda_item", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_live_poll_session")
                .table("live_poll")
                .col("session_id")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("live_poll_answer")
                .col(integer("poll_id"))
                .col(integer("user_id"))
                .col(integer("choice"))
                .col(timestamp_with_time_zone("answered_at"))
                .primary_key(Index::create().col("poll_id").col("user_id"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_live_poll_answer_poll")
                        .from("live_poll_answer", "poll_id")
                        .to("live_poll", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_live_poll_answer_user")
                        .from("live_poll_answer", "user_id")
                        .to("user_account", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("live_poll_answer").to_owned()).await?;
        m.drop_table(Table::drop().table("live_poll").to_owned()).await
    }
}
