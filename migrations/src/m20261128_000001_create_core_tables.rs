//! The first schema: reference data (regions, OPDs, categories, holidays), accounts and their
//! sessions and email tokens, issues with their append-only history, and the mail outbox.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(from: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from}_{col}"))
        .from(from, col)
        .to(to, "id")
        .to_owned()
}

fn index(table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("ix_{table}_{}", cols.join("_"))).table(table);
    for col in cols {
        stmt.col(*col);
    }
    stmt.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("region")
                .col(pk_auto("id"))
                .col(string_len_uniq("code", 20))
                .col(string_len("kind", 16))
                .col(string_len("name", 120))
                .col(string_len_null("parent_code", 20))
                .to_owned(),
        )
        .await?;
        m.create_index(index("region", &["parent_code"])).await?;

        m.create_table(
            Table::create()
                .table("opd")
                .col(pk_auto("id"))
                .col(string_len_uniq("code", 32))
                .col(string_len("name", 200))
                .col(string_len("short_name", 60))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("category")
                .col(pk_auto("id"))
                .col(string_len_uniq("slug", 64))
                .col(string_len("name_id", 120))
                .col(string_len("name_en", 120))
                .col(integer_null("opd_id"))
                .foreign_key(&mut fk("category", "opd_id", "opd"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("holiday")
                .col(pk_auto("id"))
                .col(date_uniq("day"))
                .col(string_len("kind", 20))
                .col(string_len("description", 200))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("user_account")
                .col(pk_auto("id"))
                .col(string_len_uniq("email", 254))
                .col(string_len("password_hash", 200))
                .col(string_len("name", 100))
                .col(string_len("role", 16))
                .col(integer_null("opd_id"))
                .col(string_len("locale", 5))
                .col(timestamp_with_time_zone_null("email_verified_at"))
                .col(timestamp_with_time_zone_null("disabled_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("user_account", "opd_id", "opd"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("auth_session")
                .col(pk_auto("id"))
                .col(string_len_uniq("token_hash", 64))
                .col(integer("user_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .foreign_key(
                    &mut fk("auth_session", "user_id", "user_account")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index("auth_session", &["user_id"])).await?;

        m.create_table(
            Table::create()
                .table("email_token")
                .col(pk_auto("id"))
                .col(string_len_uniq("token_hash", 64))
                .col(integer("user_id"))
                .col(string_len("purpose", 16))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .foreign_key(
                    &mut fk("email_token", "user_id", "user_account")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index("email_token", &["user_id"])).await?;

        m.create_table(
            Table::create()
                .table("issue")
                .col(pk_auto("id"))
                .col(string_len("title", 160))
                .col(text("body_md"))
                .col(text("body_html"))
                .col(integer("category_id"))
                .col(integer("kecamatan_id"))
                .col(integer("desa_id"))
                .col(integer("author_id"))
                .col(string_len("status", 20))
                .col(string_len("privacy", 10))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("issue", "category_id", "category"))
                .foreign_key(&mut fk("issue", "kecamatan_id", "region"))
                .foreign_key(&mut fk("issue", "desa_id", "region"))
                .foreign_key(&mut fk("issue", "author_id", "user_account"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("issue", &["status", "id"])).await?;
        m.create_index(index("issue", &["author_id"])).await?;
        m.create_index(index("issue", &["category_id"])).await?;
        m.create_index(index("issue", &["kecamatan_id"])).await?;

        m.create_table(
            Table::create()
                .table("issue_history")
                .col(pk_auto("id"))
                .col(integer("issue_id"))
                .col(string_len_null("from_status", 20))
                .col(string_len("to_status", 20))
                .col(integer_null("actor_id"))
                .col(text_null("note"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    &mut fk("issue_history", "issue_id", "issue")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .foreign_key(&mut fk("issue_history", "actor_id", "user_account"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("issue_history", &["issue_id"])).await?;

        m.create_table(
            Table::create()
                .table("outbox")
                .col(pk_auto("id"))
                .col(string_len_uniq("idempotency_key", 200))
                .col(string_len("to_email", 254))
                .col(string_len("subject", 300))
                .col(text("body_text"))
                .col(text("body_html"))
                .col(string_len("status", 10))
                .col(integer("attempts"))
                .col(timestamp_with_time_zone("next_attempt_at"))
                .col(timestamp_with_time_zone_null("claimed_until"))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("sent_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("outbox", &["status", "next_attempt_at"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "outbox",
            "issue_history",
            "issue",
            "email_token",
            "auth_session",
            "user_account",
            "holiday",
            "category",
            "opd",
            "region",
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
