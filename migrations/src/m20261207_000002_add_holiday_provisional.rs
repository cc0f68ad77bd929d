//! A holiday can be provisional: a list published ahead (2027's Hijri dates are estimates)
//! that the admin is shown as such until an import of that year replaces it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("holiday")
                .add_column(boolean("provisional").default(false))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("holiday").drop_column("provisional").to_owned())
            .await
    }
}
