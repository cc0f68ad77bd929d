//! An OPD's official email and the name of its head, kept by the admin and shown with its
//! follow-ups.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [string_null("email"), string_null("head_name")] {
            m.alter_table(Table::alter().table("opd").add_column(column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in ["head_name", "email"] {
            m.alter_table(Table::alter().table("opd").drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
