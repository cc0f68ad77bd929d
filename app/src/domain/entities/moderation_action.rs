//! The `moderation_action` table: append-only, who did what to which item, when and why.

use sea_orm::entity::prelude::*;

use crate::model::moderation::{ModerationAction, TargetKind};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "moderation_action")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `issue` or `comment`.
    pub target_kind: TargetKind,
    pub target_id: i32,
    /// `auto_hide`, `hide`, `restore`, `reject` or `merge`.
    pub action: ModerationAction,
    /// None for the automatic hide after three flags.
    pub actor_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
