//! The `audit_log` table: one row per action of a staff or admin account. Rows are only
//! ever inserted; database triggers refuse updates and deletes.

use sea_orm::entity::prelude::*;

use crate::model::account::Role;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    pub actor_id: i32,
    /// The role the account had when it acted.
    pub actor_role: Role,
    /// The server function's endpoint, such as `moderation/decide`.
    pub action: String,
    /// What it acted on, such as `id=12`; empty when the form named nothing.
    pub target: String,
    /// The other fields sent, secrets left out, each cut short.
    pub detail: String,
    /// The client's network address.
    pub address: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
