//! OPD follow-up work: a follow-up may now be assigned outside a session (no agenda item),
//! is lead or supporting, says what action is required, counts its deadline in working days
//! from the day it was assigned (so it can be recomputed when holidays change), and records
//! acceptance, first response, resolution and closing. Its append-only history
//! (`follow_up_update`) holds acceptance, declines, progress (percent done, cost in rupiah),
//! internal notes, resolution, and the resident's confirmation or reopening.
//!
//! SQLite cannot make a column nullable in place, so the table is rebuilt: renamed, made
//! again, copied, and the old one dropped.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    from: &'static str,
    col: &'static str,
    to: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from}_{col}_v2"))
        .from(from, col)
        .to(to, "id")
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.rename_table(Table::rename().table("follow_up", "follow_up_v1").to_owned())
            .await?;
        m.create_table(
            Table::create()
                .table("follow_up")
                .col(pk_auto("id"))
                .col(integer("issue_id"))
                .col(integer_null("agenda_item_id"))
                .col(integer("opd_id"))
                .col(boolean("lead").default(true))
                .col(text("action_md").default(""))
                .col(text("action_html").default(""))
                .col(integer_null("assigned_by"))
                .col(date("assigned_on"))
                .col(integer("sla_days"))
                .col(date("due_on"))
                .col(string_len("status", 20))
                .col(timestamp_with_time_zone_null("accepted_at"))
                .col(timestamp_with_time_zone_null("first_response_at"))
                .col(timestamp_with_time_zone_null("resolved_at"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .col(integer("reopened").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("follow_up", "issue_id", "issue", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(
                    "follow_up",
                    "agenda_item_id",
                    "agenda_item",
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk("follow_up", "opd_id", "opd", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        // The old rows were all lead follow-ups of session outcomes; their deadline was a
        // date, kept as it was.
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO follow_up (id, issue_id, agenda_item_id, opd_id, lead, action_md, action_html, \
                 assigned_on, sla_days, due_on, status, reopened, created_at, updated_at) \
                 SELECT id, issue_id, agenda_item_id, opd_id, TRUE, '', '', due_on, 0, due_on, status, 0, \
                 created_at, updated_at FROM follow_up_v1",
            )
            .await?;
        if m.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            m.get_connection()
                .execute_unprepared(
                    "SELECT setval(pg_get_serial_sequence('follow_up', 'id'), \
                     COALESCE((SELECT MAX(id) FROM follow_up), 0) + 1, false)",
                )
                .await?;
        }
        m.drop_table(Table::drop().table("follow_up_v1").to_owned()).await?;
        for (name, cols) in [
            ("ix_follow_up_issue", vec!["issue_id"]),
            ("ix_follow_up_opd_status", vec!["opd_id", "status"]),
            ("ix_follow_up_agenda_item", vec!["agenda_item_id"]),
        ] {
            let mut index = Index::create();
            index.name(name).table("follow_up");
            for col in cols {
                index.col(col);
            }
            m.create_index(index.to_owned()).await?;
        }
        m.create_table(
            Table::create()
                .table("follow_up_update")
                .col(pk_auto("id"))
                .col(integer("follow_up_id"))
                .col(integer_null("author_id"))
                .col(string_len("kind", 20))
                .col(text("body_md").default(""))
                .col(text("body_html").default(""))
                .col(integer_null("percent"))
                .col(big_integer_null("cost_rupiah"))
                .col(boolean("internal").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "follow_up_update",
                    "follow_up_id",
                    "follow_up",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_follow_up_update_follow_up")
                .table("follow_up_update")
                .col("follow_up_id")
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("follow_up_update").to_owned()).await?;
        // Follow-ups without an agenda item cannot go back into the old shape.
        m.get_connection()
            .execute_unprepared("DELETE FROM follow_up WHERE agenda_item_id IS NULL")
            .await?;
        m.rename_table(Table::rename().table("follow_up", "follow_up_v2").to_owned())
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
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO follow_up (id, issue_id, agenda_item_id, opd_id, due_on, status, created_at, updated_at) \
                 SELECT id, issue_id, agenda_item_id, opd_id, due_on, status, created_at, updated_at FROM follow_up_v2",
            )
            .await?;
        m.drop_table(Table::drop().table("follow_up_v2").to_owned()).await?;
        Ok(())
    }
}
