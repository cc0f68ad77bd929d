//! The `session_live` table: a session's live hour once the secretariat starts it (state,
//! the item on the floor and since when, and `seq`, the number of the latest change).

use sea_orm::entity::prelude::*;

use crate::model::live::LiveState;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session_live")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub session_id: i32,
    pub state: LiveState,
    pub current_item_id: Option<i32>,
    /// When the current item's clock last started; `None` while paused or between items.
    pub item_since: Option<DateTimeUtc>,
    pub started_at: DateTimeUtc,
    pub ended_at: Option<DateTimeUtc>,
    /// Raised by every change a viewer sees: the Server-Sent Events id.
    pub seq: i64,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
