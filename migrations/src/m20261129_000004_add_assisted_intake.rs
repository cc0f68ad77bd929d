//! Assisted intake: an operator posts for a resident who has no email or phone of their
//! own. The resident's name and phone are kept for staff only.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            string_len_null("on_behalf_name", 100),
            string_len_null("on_behalf_phone", 20),
        ] {
            m.alter_table(Table::alter().table("issue").add_column(column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in ["on_behalf_phone", "on_behalf_name"] {
            m.alter_table(Table::alter().table("issue").drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
