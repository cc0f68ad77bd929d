//! The Friday dialogue sessions and who registered to attend (confirmed or on the
//! waitlist). `sequence` counts changes, for iCalendar's SEQUENCE.

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
                .table("dialogue_session")
                .col(pk_auto("id"))
                .col(timestamp_with_time_zone("starts_at"))
                .col(integer("duration_minutes"))
                .col(string_len("venue", 200))
                .col(integer_null("kecamatan_id"))
                .col(integer_null("desa_id"))
                .col(integer_null("host_kecamatan_id"))
                .col(integer("capacity"))
                .col(string_len_null("livestream_url", 300))
                .col(timestamp_with_time_zone("cutoff_at"))
                .col(string_len("status", 20))
                .col(integer("sequence").default(0).to_owned())
                .col(text_null("change_reason"))
                .col(integer("confirmed_count").default(0).to_owned())
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("dialogue_session", "kecamatan_id", "region"))
                .foreign_key(&mut fk("dialogue_session", "desa_id", "region"))
                .foreign_key(&mut fk("dialogue_session", "host_kecamatan_id", "region"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_dialogue_session_starts_at")
                .table("dialogue_session")
                .col("starts_at")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("session_registration")
                .col(pk_auto("id"))
                .col(integer("session_id"))
                .col(integer("user_id"))
                .col(string_len("status", 12))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("session_registration", "session_id", "dialogue_session"))
                .foreign_key(&mut fk("session_registration", "user_id", "user_account"))
                .index(
                    Index::create()
                        .name("ux_session_registration_session_user")
                        .col("session_id")
                        .col("user_id")
                        .unique(),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["session_registration", "dialogue_session"] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
