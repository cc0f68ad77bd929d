//! Photos as evidence of an OPD's progress (an issue photo may belong to one follow-up
//! update), and a follow-up marked as needing a programme or budget (input for Musrenbang).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("issue_photo")
                .add_column(integer_null("follow_up_update_id"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("follow_up")
                .add_column(boolean("needs_programme").default(false))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("follow_up")
                .drop_column("needs_programme")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("issue_photo")
                .drop_column("follow_up_update_id")
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
