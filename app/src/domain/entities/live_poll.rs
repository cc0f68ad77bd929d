//! The `live_poll` table: a question the secretariat asks during the live hour.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "live_poll")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    /// The item on the floor when it was asked.
    pub item_id: Option<i32>,
    pub question: String,
    /// One choice per line, in order.
    #[sea_orm(column_type = "Text")]
    pub choices: String,
    pub opened_at: DateTimeUtc,
    /// Once closed, answers are refused and the counts stand.
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
