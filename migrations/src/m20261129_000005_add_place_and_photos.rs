//! Where an issue is (an optional address and coordinates) and its photos. Photos are files
//! under the data folder named by the hash of their content; a row ties one to an issue.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            string_len_null("address", 200),
            double_null("latitude"),
            double_null("longitude"),
        ] {
            m.alter_table(Table::alter().table("issue").add_column(column).to_owned())
                .await?;
        }
        m.create_table(
            Table::create()
                .table("issue_photo")
                .col(pk_auto("id"))
                .col(integer("issue_id"))
                .col(small_integer("position"))
                .col(string_len("hash", 64))
                .col(integer("width"))
                .col(integer("height"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_issue_photo_issue_id")
                        .from("issue_photo", "issue_id")
                        .to("issue", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .index(
                    Index::create()
                        .name("ux_issue_photo_issue_position")
                        .col("issue_id")
                        .col("position")
                        .unique(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_issue_photo_hash")
                .table("issue_photo")
                .col("hash")
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("issue_photo").to_owned()).await?;
        for column in ["longitude", "latitude", "address"] {
            m.alter_table(Table::alter().table("issue").drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
