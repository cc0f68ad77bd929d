//! Rate limits shared by every instance on one PostgreSQL database (issue 24): one counter
//! per key (`user:7:post`, `signin:email:…`) and fixed window, raised by one atomic upsert,
//! so that ten wrong passwords across three instances are ten. On SQLite (one instance) the
//! counters stay in memory and the table stays empty.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("rate_count")
                .col(string_len("key", 200))
                .col(timestamp_with_time_zone("window_start"))
                .col(integer("count"))
                .primary_key(Index::create().col("key").col("window_start"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("rate_count").to_owned()).await
    }
}
