//! The `agenda_item` table: an issue on a session's agenda, in order, with its time slot
//! and, once the session is held, its outcome.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub issue_id: i32,
    /// 1, 2, 3... in the order the items are discussed.
    pub position: i32,
    pub slot_minutes: i32,
    /// `None` until recorded; `Some(false)`: not reached, it goes back to the suggestions.
    pub discussed: Option<bool>,
    #[sea_orm(column_type = "Text", nullable)]
    pub decision_md: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub decision_html: Option<String>,
    /// Raised from the floor on the day, after the agenda was locked: kept apart in the
    /// minutes as "dari forum".
    pub from_floor: bool,
    pub created_at: DateTimeUtc,
    /// What the secretariat noted while the item was on the floor: the minutes' draft.
    #[sea_orm(column_type = "Text", nullable)]
    pub notes_md: Option<String>,
    /// How long the item was on the floor, summed over each time it was taken up.
    pub spent_seconds: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
