//! What every follow-up step shares: its history row, the note it carries, the issue status
//! the lead follow-up moves to, and creating a set of follow-ups for an issue.

use crate::domain::queries::holidays::holiday_set;
use crate::{
    domain::{
        Config,
        entities::{follow_up, follow_up_update, issue, opd},
        error::OrInternal,
        notices,
        queries::time::wib_day,
        sanitize::markdown_to_html,
    },
    model::{
        AppError, ErrorCode,
        follow_up::{FollowUpStatus, NOTE_MAX, UpdateKind, add_working_days},
        issue_flow::IssueTransition,
    },
};
use chrono::{DateTime, Datelike, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// The issue's transition when its lead follow-up moves to `status`.
pub(crate) fn issue_step(status: FollowUpStatus) -> IssueTransition {
    match status {
        FollowUpStatus::Assigned => IssueTransition::Assign,
        FollowUpStatus::InProgress => IssueTransition::Start,
        FollowUpStatus::Resolved => IssueTransition::Resolve,
        FollowUpStatus::Closed => IssueTransition::Close,
        FollowUpStatus::Declined => IssueTransition::Discuss,
    }
}

/// What a new set of follow-ups needs: the OPDs (the first leads), the action, the clock.
pub(crate) struct NewFollowUps<'a> {
    pub opd_ids: &'a [i32],
    pub action: &'a str,
    pub agenda_item_id: Option<i32>,
    /// Who assigned it; `None` when a category's routing rule did.
    pub assigned_by: Option<i32>,
    pub sla_days: i32,
}

/// Creates the follow-ups, their first history entry, and tells each OPD's officers.
pub(crate) async fn create(
    conn: &impl ConnectionTrait,
    config: &Config,
    found: &issue::Model,
    new: NewFollowUps<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let holidays = holiday_set(conn).await?;
    let today = wib_day(now);
    let due = add_working_days(today, new.sla_days, &holidays);
    if let Some(last) = holidays.iter().map(|d| d.year()).max()
        && due.year() > last
    {
        // The admin's holiday page says the same; here the operator's log does.
        tracing::warn!(%due, last_year = last, "a deadline reaches past the holiday table: only fixed-date holidays count after it");
    }
    let opds: HashMap<i32, opd::Model> = opd::Entity::find()
        .filter(opd::Column::Id.is_in(new.opd_ids.to_vec()))
        .all(conn)
        .await
        .or_internal("reading OPDs")?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    for (n, opd_id) in new.opd_ids.iter().enumerate() {
        let Some(to) = opds.get(opd_id) else {
            return Err(AppError::field("opd", ErrorCode::UnknownOpd));
        };
        let created = follow_up::ActiveModel {
            issue_id: Set(found.id),
            agenda_item_id: Set(new.agenda_item_id),
            opd_id: Set(*opd_id),
            lead: Set(n == 0),
            action_md: Set(new.action.to_owned()),
            action_html: Set(markdown_to_html(new.action)),
            assigned_by: Set(new.assigned_by),
            assigned_on: Set(today),
            sla_days: Set(new.sla_days),
            due_on: Set(due),
            status: Set(FollowUpStatus::Assigned),
            accepted_at: Set(None),
            first_response_at: Set(None),
            resolved_at: Set(None),
            closed_at: Set(None),
            reopened: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(conn)
        .await
        .or_internal("creating a follow-up")?;
        record(conn, created.id, new.assigned_by, UpdateKind::Assigned, "", now).await?;
        notices::assigned_to_opd(conn, config, now, found, to, due).await?;
    }
    Ok(())
}

pub(crate) async fn record(
    conn: &impl ConnectionTrait,
    follow_up_id: i32,
    author: Option<i32>,
    kind: UpdateKind,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    record_full(conn, follow_up_id, author, kind, body, None, None, now)
        .await
        .map(drop)
}

#[allow(
    clippy::too_many_arguments,
    reason = "one argument per form field or notice part; a struct would only rename them"
)]
pub(crate) async fn record_full(
    conn: &impl ConnectionTrait,
    follow_up_id: i32,
    author: Option<i32>,
    kind: UpdateKind,
    body: &str,
    percent: Option<i32>,
    cost: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let created = follow_up_update::ActiveModel {
        follow_up_id: Set(follow_up_id),
        author_id: Set(author),
        kind: Set(kind),
        body_md: Set(body.to_owned()),
        body_html: Set(if body.is_empty() {
            String::new()
        } else {
            markdown_to_html(body)
        }),
        percent: Set(percent),
        cost_rupiah: Set(cost),
        internal: Set(kind == UpdateKind::Note),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
    .or_internal("recording follow-up history")?;
    Ok(created.id)
}

pub(crate) fn parse_note(raw: &str) -> Result<String, ErrorCode> {
    let note = raw.trim();
    if note.is_empty() {
        Err(ErrorCode::Required)
    } else if note.chars().count() > NOTE_MAX {
        Err(ErrorCode::TooLong { max: NOTE_MAX })
    } else {
        Ok(note.to_owned())
    }
}
