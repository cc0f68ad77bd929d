//! Moderation: flags from signed-in people (three from different people hide an issue or a
//! comment until the secretariat looks), and an append-only record of every moderation
//! action with who, when and why. A rejected issue keeps its reason; a merged one points to
//! the issue it was merged into.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk_user(from: &'static str, col: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from}_{col}"))
        .from(from, col)
        .to("user_account", "id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            timestamp_with_time_zone_null("hidden_at"),
            integer("flag_count").default(0).to_owned(),
            integer_null("merged_into_id"),
            text_null("decision_reason"),
        ] {
            m.alter_table(Table::alter().table("issue").add_column(column).to_owned())
                .await?;
        }
        for column in [
            timestamp_with_time_zone_null("hidden_at"),
            integer("flag_count").default(0).to_owned(),
        ] {
            m.alter_table(Table::alter().table("comment").add_column(column).to_owned())
                .await?;
        }
        m.create_table(
            Table::create()
                .table("flag")
                .col(pk_auto("id"))
                .col(string_len("target_kind", 10))
                .col(integer("target_id"))
                .col(integer("user_id"))
                .col(text("reason"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("resolved_at"))
                .foreign_key(&mut fk_user("flag", "user_id"))
                .index(
                    Index::create()
                        .name("ux_flag_target_user")
                        .col("target_kind")
                        .col("target_id")
                        .col("user_id")
                        .unique(),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("moderation_action")
                .col(pk_auto("id"))
                .col(string_len("target_kind", 10))
                .col(integer("target_id"))
                .col(string_len("action", 20))
                .col(integer_null("actor_id"))
                .col(text("reason"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk_user("moderation_action", "actor_id"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_moderation_action_target")
                .table("moderation_action")
                .col("target_kind")
                .col("target_id")
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["moderation_action", "flag"] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for column in ["flag_count", "hidden_at"] {
            m.alter_table(Table::alter().table("comment").drop_column(column).to_owned())
                .await?;
        }
        for column in ["decision_reason", "merged_into_id", "flag_count", "hidden_at"] {
            m.alter_table(Table::alter().table("issue").drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
