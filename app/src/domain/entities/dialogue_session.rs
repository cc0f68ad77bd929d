//! The `dialogue_session` table: one Friday dialogue with the Bupati.

use sea_orm::entity::prelude::*;

use crate::model::session::SessionStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dialogue_session")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub starts_at: DateTimeUtc,
    pub duration_minutes: i32,
    pub venue: String,
    pub kecamatan_id: Option<i32>,
    pub desa_id: Option<i32>,
    /// The kecamatan whose issues come first on the agenda.
    pub host_kecamatan_id: Option<i32>,
    pub capacity: i32,
    pub livestream_url: Option<String>,
    /// Issues posted after this are for the next session.
    pub cutoff_at: DateTimeUtc,
    pub status: SessionStatus,
    /// Raised on every change people should see (iCalendar SEQUENCE).
    pub sequence: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub change_reason: Option<String>,
    /// Kept equal to the confirmed rows of `session_registration` in the same transaction.
    pub confirmed_count: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Recorded after the session.
    pub attendance: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub minutes_md: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub minutes_html: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
