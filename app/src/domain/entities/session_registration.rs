//! The `session_registration` table: a person who will attend, or waits for a place.

use sea_orm::entity::prelude::*;

use crate::model::session::RegistrationStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session_registration")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub user_id: i32,
    /// `confirmed` or `waitlisted` (in order of `id`); a cancelled registration is deleted.
    pub status: RegistrationStatus,
    /// The village the person comes from, for the attendance list (optional).
    pub desa_id: Option<i32>,
    /// Marked by the secretariat on the day.
    pub attended: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
