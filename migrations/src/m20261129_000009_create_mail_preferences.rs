//! What each account wants by mail and how often (`mail_preference`), the notices waiting
//! for a digest or to be coalesced (`mail_digest_item`), addresses that keep refusing mail
//! (`mail_suppression`), the site's signing key for unsubscribe links (`site_secret`), the
//! periodic jobs already run (`job_run`), and
//! in the outbox the unsubscribe link of a message and which worker holds it.

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
                .table("mail_preference")
                .col(integer("user_id"))
                .col(string_len("topic", 20))
                .col(string_len("delivery", 10))
                .col(timestamp_with_time_zone("updated_at"))
                .primary_key(Index::create().col("user_id").col("topic"))
                .foreign_key(&mut fk("mail_preference", "user_id", "user_account"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("mail_digest_item")
                .col(pk_auto("id"))
                .col(integer("user_id"))
                .col(string_len("topic", 20))
                .col(string_len("cadence", 10))
                .col(string_len("group_key", 60))
                .col(string("notice_key").unique_key())
                .col(string("subject"))
                .col(text("summary"))
                .col(string("link"))
                .col(timestamp_with_time_zone("created_at"))
                .col(string_null("sent_key"))
                .foreign_key(&mut fk("mail_digest_item", "user_id", "user_account"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_mail_digest_item_waiting")
                .table("mail_digest_item")
                .col("cadence")
                .col("sent_key")
                .col("created_at")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("mail_suppression")
                .col(string("email").primary_key())
                .col(integer("permanent_failures"))
                .col(text("last_error"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("suppressed_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("site_secret")
                .col(string_len("name", 40).primary_key())
                .col(string("value"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("job_run")
                .col(string_len("name", 80).primary_key())
                .col(timestamp_with_time_zone("ran_at"))
                .to_owned(),
        )
        .await?;
        for column in [string_null("unsubscribe_url"), string_len_null("claimed_by", 40)] {
            m.alter_table(Table::alter().table("outbox").add_column(column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in ["claimed_by", "unsubscribe_url"] {
            m.alter_table(Table::alter().table("outbox").drop_column(column).to_owned())
                .await?;
        }
        for table in [
            "job_run",
            "site_secret",
            "mail_suppression",
            "mail_digest_item",
            "mail_preference",
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
