//! The `wa_event` table: each message or status Meta's webhook delivered, kept until it is
//! processed (once: a redelivery has the same key) and purged 30 days after.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wa_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// A message's `wamid`, or `status:<wamid>:<status>`.
    #[sea_orm(unique)]
    pub event_key: String,
    pub phone: String,
    pub kind: EventKind,
    /// The event as Meta sent it (JSON).
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub received_at: DateTimeUtc,
    pub processed_at: Option<DateTimeUtc>,
    pub claimed_until: Option<DateTimeUtc>,
    pub claimed_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// A message from a resident, or a status of a message sent to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum EventKind {
    #[sea_orm(string_value = "message")]
    Message,
    #[sea_orm(string_value = "status")]
    Status,
}
