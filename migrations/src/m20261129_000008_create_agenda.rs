//! The agenda of a session (issues in order, each with a time slot and, afterwards, its
//! outcome), the follow-up records an outcome creates for the OPDs that must act, the
//! session's attendance and minutes, and calendar attachments in the outbox.

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
                .table("agenda_item")
                .col(pk_auto("id"))
                .col(integer("session_id"))
                .col(integer("issue_id"))
                .col(integer("position"))
                .col(integer("slot_minutes"))
                .col(boolean_null("discussed"))
                .col(text_null("decision_md"))
                .col(text_null("decision_html"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("agenda_item", "session_id", "dialogue_session"))
                .foreign_key(&mut fk("agenda_item", "issue_id", "issue"))
                .index(
                    Index::create()
                        .name("ux_agenda_item_session_issue")
                        .col("session_id")
                        .col("issue_id")
                        .unique(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_agenda_item_issue_id")
                .table("agenda_item")
                .col("issue_id")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("follow_up")
                .col(pk_auto("id"))
                .col(integer("issue_id"))
                .col(integer("agenda_item_id"))
                .col(integer("opd_id"))
                .col(date("due_on"))
                .col(string_len("status", 20))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("follow_up", "issue_id", "issue"))
                .foreign_key(&mut fk("follow_up", "agenda_item_id", "agenda_item"))
                .foreign_key(&mut fk("follow_up", "opd_id", "opd"))
                .index(
                    Index::create()
                        .name("ux_follow_up_item_opd")
                        .col("agenda_item_id")
                        .col("opd_id")
                        .unique(),
                )
                .to_owned(),
        )
        .await?;
        for column in [
            integer_null("attendance"),
            text_null("minutes_md"),
            text_null("minutes_html"),
        ] {
            m.alter_table(Table::alter().table("dialogue_session").add_column(column).to_owned())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table("outbox")
                .add_column(text_null("attachment_ics"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("outbox").drop_column("attachment_ics").to_owned())
            .await?;
        for column in ["minutes_html", "minutes_md", "attendance"] {
            m.alter_table(Table::alter().table("dialogue_session").drop_column(column).to_owned())
                .await?;
        }
        for table in ["follow_up", "agenda_item"] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
