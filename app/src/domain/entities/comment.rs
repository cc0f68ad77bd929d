//! The `comment` table: Markdown comments on an issue, with one level of replies.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub issue_id: i32,
    pub author_id: i32,
    /// The top-level comment this one answers; replies have no replies.
    pub parent_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub body_md: String,
    #[sea_orm(column_type = "Text")]
    pub body_html: String,
    pub created_at: DateTimeUtc,
    pub edited_at: Option<DateTimeUtc>,
    /// A deleted comment stays as a tombstone so that its replies still make sense.
    pub deleted_at: Option<DateTimeUtc>,
    /// Set while moderation hides the comment.
    pub hidden_at: Option<DateTimeUtc>,
    pub flag_count: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
