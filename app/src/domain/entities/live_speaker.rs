//! The `live_speaker` table: the speaker queue of a live session, in order; a speaker is
//! called, then has spoken.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "live_speaker")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    /// The item on the floor when the speaker was queued.
    pub item_id: Option<i32>,
    pub name: String,
    /// A registrant's place, when the speaker registered.
    pub registration_id: Option<i32>,
    pub position: i32,
    pub called_at: Option<DateTimeUtc>,
    pub spoken_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
