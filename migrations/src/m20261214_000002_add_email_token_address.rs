//! An account made by WhatsApp has no mailbox; it may add one (issue 23). The address waits
//! in its confirmation token (`email_token.new_email`) until the link in the mail sent to
//! it is opened, and only then becomes the account's.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("email_token")
                .add_column(string_len_null("new_email", 254))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("email_token").drop_column("new_email").to_owned())
            .await
    }
}
