//! The `flag` table: one person's report of an issue or a comment, with a reason.

use sea_orm::entity::prelude::*;

use crate::model::moderation::TargetKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "flag")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `issue` or `comment`.
    pub target_kind: TargetKind,
    pub target_id: i32,
    pub user_id: i32,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub created_at: DateTimeUtc,
    /// Set when the secretariat has dealt with the flagged item.
    pub resolved_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
