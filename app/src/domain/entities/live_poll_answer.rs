//! The `live_poll_answer` table: one account's answer to one poll (the primary key makes it
//! one).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "live_poll_answer")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub poll_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    /// 0-based index into the poll's choices.
    pub choice: i32,
    pub answered_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
