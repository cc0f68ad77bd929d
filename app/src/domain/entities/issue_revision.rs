//! The `issue_revision` table: what an issue said before one of its author's edits.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "issue_revision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub issue_id: i32,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body_md: String,
    pub category_id: i32,
    pub kecamatan_id: i32,
    pub desa_id: i32,
    pub edited_by: i32,
    /// When this version was replaced.
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
