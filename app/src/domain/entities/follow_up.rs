//! The `follow_up` table: an OPD that must act on an issue, as the lead or in support, by a
//! deadline counted in working days from the day it was assigned (by a session's outcome or
//! by the secretariat). Its status moves `assigned` → `in_progress` → `resolved` →
//! `closed`, or `assigned` → `declined` (back to the secretariat to re-route); a resident's
//! reopening moves `resolved` back to `in_progress` with a fresh deadline.

use sea_orm::entity::prelude::*;

use crate::model::follow_up::FollowUpStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follow_up")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub issue_id: i32,
    /// The session's agenda item whose outcome created it; `None` when the secretariat
    /// assigned it outside a session.
    pub agenda_item_id: Option<i32>,
    pub opd_id: i32,
    /// The lead OPD answers for the issue; supporting OPDs help.
    pub lead: bool,
    #[sea_orm(column_type = "Text")]
    pub action_md: String,
    #[sea_orm(column_type = "Text")]
    pub action_html: String,
    pub assigned_by: Option<i32>,
    /// The day (WIB) the deadline counts from.
    pub assigned_on: Date,
    /// Working days allowed; `due_on` is recomputed from these when holidays change.
    pub sla_days: i32,
    pub due_on: Date,
    pub status: FollowUpStatus,
    pub accepted_at: Option<DateTimeUtc>,
    pub first_response_at: Option<DateTimeUtc>,
    pub resolved_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    /// How often the resident reopened it.
    pub reopened: i32,
    /// Needs a programme or budget: it goes to the e-planning export for Musrenbang.
    pub needs_programme: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
