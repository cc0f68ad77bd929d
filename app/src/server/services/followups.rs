//! OPD follow-up: the secretariat assigns an issue to a lead OPD (and supporting OPDs) with
//! the action required and a deadline in working days; the OPD's officers accept it or
//! decline it as not theirs (back to the secretariat to re-route), report progress (percent
//! done, cost, internal notes for staff only) and resolve it; the author confirms or
//! reopens within `CONFIRM_DAYS` working days, and silence closes it. The lead follow-up
//! moves the issue's status; every step is appended to the follow-up's history and told to
//! the people it concerns.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};

use super::super::{
    AppState, Config,
    authz::role_of,
    entities::{follow_up, follow_up_update, holiday, issue, issue_photo, opd, user_account},
    error::{OrInternal, write_txn},
    issue_flow::{Move, transition},
    sanitize::markdown_to_html,
    time::{format_day, wib_day},
};
use super::{
    forum, notices,
    opds::opd_names,
    photos::{parse_photo_list, photo_size},
};
use crate::{
    i18n::Locale,
    model::{
        AppError, ErrorCode,
        account::Role,
        error::Problems,
        follow_up::{
            CONFIRM_DAYS, DUE_SOON_DAYS, ESCALATE_AFTER_DAYS, FollowUpAction, FollowUpStatus, FollowUpView, NOTE_MAX,
            OpdItem, OpdQueue, OverdueItem, SLA_MAX_DAYS, UpdateKind, add_working_days, parse_percent, parse_rupiah,
            working_days_between,
        },
        issue::IssueStatus,
        issue_flow::{IssueActor, IssueTransition},
        session::parse_number,
    },
};

/// Every holiday and cuti bersama day (a few dozen a year).
pub async fn holiday_set(conn: &impl ConnectionTrait) -> Result<HashSet<NaiveDate>, AppError> {
    Ok(holiday::Entity::find()
        .all(conn)
        .await
        .or_internal("reading holidays")?
        .into_iter()
        .map(|h| h.day)
        .collect())
}

fn status_of(found: &follow_up::Model) -> FollowUpStatus {
    found.status
}

/// The issue's transition when its lead follow-up moves to `status`.
fn issue_step(status: FollowUpStatus) -> IssueTransition {
    match status {
        FollowUpStatus::Assigned => IssueTransition::Assign,
        FollowUpStatus::InProgress => IssueTransition::Start,
        FollowUpStatus::Resolved => IssueTransition::Resolve,
        FollowUpStatus::Closed => IssueTransition::Close,
        FollowUpStatus::Declined => IssueTransition::Discuss,
    }
}

fn is_officer_of(user: &user_account::Model, opd_id: i32) -> bool {
    role_of(user) == Role::OpdOfficer && user.opd_id == Some(opd_id)
}

/// Who sees a follow-up's internal notes: the secretariat, the admin and its own OPD.
fn sees_internal(user: Option<&user_account::Model>, opd_id: i32) -> bool {
    user.is_some_and(|u| role_of(u).moderates() || is_officer_of(u, opd_id))
}

/// What a new set of follow-ups needs: the OPDs (the first leads), the action, the clock.
pub(super) struct NewFollowUps<'a> {
    pub opd_ids: &'a [i32],
    pub action: &'a str,
    pub agenda_item_id: Option<i32>,
    pub assigned_by: i32,
    pub sla_days: i32,
}

/// Creates the follow-ups, their first history entry, and tells each OPD's officers.
pub(super) async fn create(
    conn: &impl ConnectionTrait,
    config: &Config,
    found: &issue::Model,
    new: NewFollowUps<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let holidays = holiday_set(conn).await?;
    let today = wib_day(now);
    let due = add_working_days(today, new.sla_days, &holidays);
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
            assigned_by: Set(Some(new.assigned_by)),
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
        record(conn, created.id, Some(new.assigned_by), UpdateKind::Assigned, "", now).await?;
        notices::assigned_to_opd(conn, config, now, found, to, due).await?;
    }
    Ok(())
}

async fn record(
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
async fn record_full(
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

/// What the secretariat's assignment form posts.
pub struct AssignInput<'a> {
    pub lead: &'a str,
    /// Supporting OPD ids, comma-separated (repeated checkboxes).
    pub supporting: &'a str,
    pub action: &'a str,
    pub days: &'a str,
}

fn parse_note(raw: &str) -> Result<String, ErrorCode> {
    let note = raw.trim();
    if note.is_empty() {
        Err(ErrorCode::Required)
    } else if note.chars().count() > NOTE_MAX {
        Err(ErrorCode::TooLong { max: NOTE_MAX })
    } else {
        Ok(note.to_owned())
    }
}

/// Assigns an issue outside a session (or re-routes one an OPD declined). Secretariat only.
pub async fn assign(
    state: &AppState,
    user: &user_account::Model,
    issue_id: i32,
    input: AssignInput<'_>,
) -> Result<(), AppError> {
    if !role_of(user).moderates() {
        return Err(AppError::Forbidden);
    }
    let mut problems = Problems::default();
    let lead: Option<i32> = input.lead.trim().parse().ok();
    if lead.is_none() {
        problems.add("lead", ErrorCode::Required);
    }
    let mut opd_ids: Vec<i32> = lead.into_iter().collect();
    for id in input.supporting.split(',').filter_map(|v| v.trim().parse::<i32>().ok()) {
        if !opd_ids.contains(&id) {
            opd_ids.push(id);
        }
    }
    let action = problems.check("action", parse_note(input.action));
    let days = if input.days.trim().is_empty() {
        Some(state.config.follow_up_days)
    } else {
        problems.check("days", parse_number(input.days, 1, SLA_MAX_DAYS))
    };
    problems.into_result()?;
    let (Some(action), Some(days)) = (action, days) else {
        return Err(AppError::Internal);
    };
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let found = forum::visible_issue(&txn, Some(user), issue_id).await?;
    let assignable = found.status.awaits_decision();
    let open_lead = follow_up::Entity::find()
        .filter(follow_up::Column::IssueId.eq(found.id))
        .filter(follow_up::Column::Lead.eq(true))
        .all(&txn)
        .await
        .or_internal("reading follow-ups")?
        .iter()
        .any(|f| status_of(f).is_open() || status_of(f) == FollowUpStatus::Resolved);
    if !assignable || open_lead {
        return Err(AppError::field("", ErrorCode::NotNow));
    }
    let known = opd::Entity::find()
        .filter(opd::Column::Id.is_in(opd_ids.clone()))
        .all(&txn)
        .await
        .or_internal("reading OPDs")?;
    if known.len() != opd_ids.len() {
        return Err(AppError::field("lead", ErrorCode::UnknownOpd));
    }
    let new = NewFollowUps {
        opd_ids: &opd_ids,
        action: &action,
        agenda_item_id: None,
        assigned_by: user.id,
        sla_days: days,
    };
    create(&txn, &state.config, &found, new, now).await?;
    let how = Move {
        actor: IssueActor::Secretariat,
        by: Some(user.id),
        note: Some(action.clone()),
        at: now,
    };
    transition(&txn, &found, IssueTransition::Assign, how).await?;
    notices::status_changed(
        &txn,
        &state.config,
        now,
        &found,
        IssueStatus::Assigned,
        Some(&action),
        Some(user.id),
    )
    .await?;
    txn.commit().await.or_internal("committing an assignment")?;
    state.mail_bell.notify_one();
    Ok(())
}

/// What a follow-up's forms post besides the action.
#[derive(Default)]
pub struct ActInput<'a> {
    pub body: &'a str,
    pub percent: &'a str,
    pub cost: &'a str,
    pub internal: bool,
    /// Stored photos as evidence (see `photos::store`), their hashes separated by spaces.
    pub photos: &'a str,
    /// Mark the follow-up as needing a programme or budget (for Musrenbang).
    pub needs_programme: bool,
}

/// One step of a follow-up by the person allowed to take it. Returns the issue's id.
pub async fn act(
    state: &AppState,
    user: &user_account::Model,
    id: i32,
    action: FollowUpAction,
    input: ActInput<'_>,
) -> Result<i32, AppError> {
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let found = follow_up::Entity::find_by_id(id)
        .one(&txn)
        .await
        .or_internal("reading a follow-up")?
        .ok_or(AppError::NotFound)?;
    let parent = forum::visible_issue(&txn, Some(user), found.issue_id).await?;
    let status = status_of(&found);
    let officer = is_officer_of(user, found.opd_id);
    let author = user.id == parent.author_id;
    let allowed = match action {
        FollowUpAction::Accept | FollowUpAction::Decline | FollowUpAction::Progress | FollowUpAction::Resolve => {
            officer
        }
        FollowUpAction::Confirm | FollowUpAction::Reopen => author,
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let holidays = holiday_set(&txn).await?;
    let today = wib_day(now);
    let in_confirm_window = found
        .resolved_at
        .is_some_and(|at| working_days_between(wib_day(at), today, &holidays) < i64::from(CONFIRM_DAYS));
    let fits = match action {
        FollowUpAction::Accept | FollowUpAction::Decline => status == FollowUpStatus::Assigned,
        FollowUpAction::Progress | FollowUpAction::Resolve => status == FollowUpStatus::InProgress,
        FollowUpAction::Confirm | FollowUpAction::Reopen => status == FollowUpStatus::Resolved && in_confirm_window,
    };
    if !fits {
        return Err(AppError::field("", ErrorCode::NotNow));
    }
    let needs_text = matches!(
        action,
        FollowUpAction::Decline | FollowUpAction::Progress | FollowUpAction::Resolve | FollowUpAction::Reopen
    );
    let mut problems = Problems::default();
    let body = if needs_text {
        problems.check("body", parse_note(input.body)).unwrap_or_default()
    } else {
        String::new()
    };
    let percent = problems.check("percent", parse_percent(input.percent)).flatten();
    let cost = problems.check("cost", parse_rupiah(input.cost)).flatten();
    let evidence = problems
        .check("photo", parse_photo_list(&state.config.photo_dir, input.photos))
        .unwrap_or_default();
    problems.into_result()?;

    let (to, kind) = match action {
        FollowUpAction::Accept => (FollowUpStatus::InProgress, UpdateKind::Accepted),
        FollowUpAction::Decline => (FollowUpStatus::Declined, UpdateKind::Declined),
        FollowUpAction::Progress if input.internal => (FollowUpStatus::InProgress, UpdateKind::Note),
        FollowUpAction::Progress => (FollowUpStatus::InProgress, UpdateKind::Progress),
        FollowUpAction::Resolve => (FollowUpStatus::Resolved, UpdateKind::Resolved),
        FollowUpAction::Confirm => (FollowUpStatus::Closed, UpdateKind::Confirmed),
        FollowUpAction::Reopen => (FollowUpStatus::InProgress, UpdateKind::Reopened),
    };
    let mut update = follow_up::Entity::update_many()
        .col_expr(follow_up::Column::Status, Expr::value(to.as_str()))
        .col_expr(follow_up::Column::UpdatedAt, Expr::value(now))
        .filter(follow_up::Column::Id.eq(found.id))
        .filter(follow_up::Column::Status.eq(status));
    if officer && found.first_response_at.is_none() {
        update = update.col_expr(follow_up::Column::FirstResponseAt, Expr::value(Some(now)));
    }
    if officer && input.needs_programme {
        update = update.col_expr(follow_up::Column::NeedsProgramme, Expr::value(true));
    }
    update = match action {
        FollowUpAction::Accept => update.col_expr(follow_up::Column::AcceptedAt, Expr::value(Some(now))),
        FollowUpAction::Resolve => update.col_expr(follow_up::Column::ResolvedAt, Expr::value(Some(now))),
        FollowUpAction::Confirm => update.col_expr(follow_up::Column::ClosedAt, Expr::value(Some(now))),
        // Back to the OPD with its deadline started again.
        FollowUpAction::Reopen => update
            .col_expr(follow_up::Column::AssignedOn, Expr::value(today))
            .col_expr(
                follow_up::Column::DueOn,
                Expr::value(add_working_days(today, found.sla_days.max(1), &holidays)),
            )
            .col_expr(
                follow_up::Column::ResolvedAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(follow_up::Column::Reopened, Expr::value(found.reopened + 1)),
        _ => update,
    };
    let moved = update.exec(&txn).await.or_internal("moving a follow-up")?;
    if moved.rows_affected != 1 {
        return Err(AppError::field("", ErrorCode::NotNow));
    }
    let step = record_full(&txn, found.id, Some(user.id), kind, &body, percent, cost, now).await?;
    for (position, hash) in evidence.iter().enumerate() {
        let (width, height) = photo_size(&state.config.photo_dir, hash);
        issue_photo::ActiveModel {
            issue_id: Set(parent.id),
            position: Set(position as i16),
            hash: Set(hash.clone()),
            width: Set(width),
            height: Set(height),
            created_at: Set(now),
            follow_up_update_id: Set(Some(step)),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .or_internal("attaching evidence")?;
    }
    if kind != UpdateKind::Note {
        let opd_name = opd::Entity::find_by_id(found.opd_id)
            .one(&txn)
            .await
            .or_internal("reading an OPD")?
            .map(|o| o.name)
            .unwrap_or_default();
        let note = (!body.is_empty()).then_some(body.as_str());
        notices::follow_up_changed(
            &txn,
            &state.config,
            now,
            &parent,
            &found,
            &opd_name,
            kind,
            note,
            Some(user.id),
        )
        .await?;
    }
    if found.lead && to != status {
        let (step, actor) = match action {
            FollowUpAction::Reopen => (IssueTransition::Reopen, IssueActor::Author),
            FollowUpAction::Confirm => (IssueTransition::Close, IssueActor::Author),
            _ => (issue_step(to), IssueActor::Opd),
        };
        let how = Move {
            actor,
            by: Some(user.id),
            note: None,
            at: now,
        };
        transition(&txn, &parent, step, how).await?;
    }
    txn.commit().await.or_internal("committing a follow-up step")?;
    state.mail_bell.notify_one();
    Ok(parent.id)
}

/// Closes follow-ups resolved `CONFIRM_DAYS` working days ago that nobody confirmed or
/// reopened. Returns how many it closed.
pub async fn close_unanswered(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let holidays = holiday_set(&txn).await?;
    let today = wib_day(now);
    let resolved = follow_up::Entity::find()
        .filter(follow_up::Column::Status.eq(FollowUpStatus::Resolved))
        .all(&txn)
        .await
        .or_internal("reading resolved follow-ups")?;
    let mut closed = 0;
    for found in resolved {
        let Some(at) = found.resolved_at else { continue };
        if working_days_between(wib_day(at), today, &holidays) < i64::from(CONFIRM_DAYS) {
            continue;
        }
        follow_up::Entity::update_many()
            .col_expr(follow_up::Column::Status, Expr::value(FollowUpStatus::Closed.as_str()))
            .col_expr(follow_up::Column::ClosedAt, Expr::value(Some(now)))
            .col_expr(follow_up::Column::UpdatedAt, Expr::value(now))
            .filter(follow_up::Column::Id.eq(found.id))
            .exec(&txn)
            .await
            .or_internal("closing a follow-up")?;
        record(&txn, found.id, None, UpdateKind::Closed, "", now).await?;
        if found.lead
            && let Some(parent) = issue::Entity::find_by_id(found.issue_id)
                .one(&txn)
                .await
                .or_internal("reading an issue")?
            // An issue moderated away meanwhile keeps its final status.
            && IssueTransition::Close.allows(parent.status, IssueActor::System)
        {
            let how = Move {
                actor: IssueActor::System,
                by: None,
                note: None,
                at: now,
            };
            transition(&txn, &parent, IssueTransition::Close, how).await?;
        }
        closed += 1;
    }
    txn.commit().await.or_internal("committing closed follow-ups")?;
    Ok(closed)
}

/// Moves the deadline of every open follow-up to match the holidays as they are now.
pub async fn recompute_deadlines(conn: &impl ConnectionTrait) -> Result<(), AppError> {
    let holidays = holiday_set(conn).await?;
    let open = follow_up::Entity::find()
        .filter(follow_up::Column::Status.is_in([FollowUpStatus::Assigned, FollowUpStatus::InProgress]))
        .filter(follow_up::Column::SlaDays.gt(0))
        .all(conn)
        .await
        .or_internal("reading open follow-ups")?;
    for found in open {
        let due = add_working_days(found.assigned_on, found.sla_days, &holidays);
        if due != found.due_on {
            follow_up::Entity::update_many()
                .col_expr(follow_up::Column::DueOn, Expr::value(due))
                .filter(follow_up::Column::Id.eq(found.id))
                .exec(conn)
                .await
                .or_internal("moving a deadline")?;
        }
    }
    Ok(())
}

/// The follow-ups of `found` as `viewer` may see them, with what they may do.
pub async fn views(
    db: &DatabaseConnection,
    found: &issue::Model,
    viewer: Option<&user_account::Model>,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Vec<FollowUpView>, AppError> {
    let rows = follow_up::Entity::find()
        .filter(follow_up::Column::IssueId.eq(found.id))
        .order_by_desc(follow_up::Column::Lead)
        .order_by_asc(follow_up::Column::Id)
        .all(db)
        .await
        .or_internal("reading follow-ups")?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // The latest percent each reported, from its public updates.
    let mut percent: HashMap<i32, i32> = HashMap::new();
    for u in follow_up_update::Entity::find()
        .filter(follow_up_update::Column::FollowUpId.is_in(rows.iter().map(|r| r.id)))
        .filter(follow_up_update::Column::Percent.is_not_null())
        .filter(follow_up_update::Column::Internal.eq(false))
        .order_by_asc(follow_up_update::Column::Id)
        .all(db)
        .await
        .or_internal("reading follow-up progress")?
    {
        if let Some(p) = u.percent {
            percent.insert(u.follow_up_id, p);
        }
    }
    let opds: HashMap<i32, opd::Model> = opd::Entity::find()
        .filter(opd::Column::Id.is_in(rows.iter().map(|r| r.opd_id)))
        .all(db)
        .await
        .or_internal("reading OPDs")?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let holidays = holiday_set(db).await?;
    let today = wib_day(now);
    Ok(rows
        .iter()
        .map(|row| {
            let opd = opds.get(&row.opd_id);
            let status = status_of(row);
            let confirm_days_left = row
                .resolved_at
                .filter(|_| status == FollowUpStatus::Resolved)
                .map(|at| i64::from(CONFIRM_DAYS) - working_days_between(wib_day(at), today, &holidays));
            FollowUpView {
                id: row.id,
                opd_name: opd.map(|o| o.name.clone()).unwrap_or_default(),
                opd_head: opd.and_then(|o| o.head_name.clone()),
                opd_email: opd.and_then(|o| o.email.clone()),
                lead: row.lead,
                status,
                action_html: row.action_html.clone(),
                due_day: format_day(row.due_on, locale),
                days_left: status
                    .is_open()
                    .then(|| working_days_between(today, row.due_on, &holidays)),
                percent: percent.get(&row.id).copied(),
                needs_programme: row.needs_programme,
                can_work: viewer.is_some_and(|v| is_officer_of(v, row.opd_id)) && status.is_open(),
                can_confirm: viewer.is_some_and(|v| v.id == found.author_id)
                    && confirm_days_left.is_some_and(|d| d > 0),
                confirm_days_left,
            }
        })
        .collect())
}

/// Who may read a follow-up's internal notes.
pub(super) fn reads_internal(viewer: Option<&user_account::Model>, opd_id: i32) -> bool {
    sees_internal(viewer, opd_id)
}

fn opd_item(row: &follow_up::Model, titles: &HashMap<i32, String>, locale: Locale, days_left: i64) -> OpdItem {
    OpdItem {
        follow_up_id: row.id,
        issue_id: row.issue_id,
        issue_title: titles.get(&row.issue_id).cloned().unwrap_or_default(),
        lead: row.lead,
        status: status_of(row),
        due_day: format_day(row.due_on, locale),
        days_left,
    }
}

/// An officer's list: their OPD's open follow-ups, new, in progress, due soon and overdue.
pub async fn queue(
    db: &DatabaseConnection,
    user: &user_account::Model,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<OpdQueue, AppError> {
    let Some(opd_id) = user.opd_id.filter(|_| role_of(user) == Role::OpdOfficer) else {
        return Err(AppError::Forbidden);
    };
    let opd_name = opd::Entity::find_by_id(opd_id)
        .one(db)
        .await
        .or_internal("reading an OPD")?
        .map(|o| o.name)
        .unwrap_or_default();
    let rows = follow_up::Entity::find()
        .filter(follow_up::Column::OpdId.eq(opd_id))
        .filter(follow_up::Column::Status.is_in([FollowUpStatus::Assigned, FollowUpStatus::InProgress]))
        .order_by_asc(follow_up::Column::DueOn)
        .all(db)
        .await
        .or_internal("reading the OPD's follow-ups")?;
    let titles: HashMap<i32, String> = issue::Entity::find()
        .filter(issue::Column::Id.is_in(rows.iter().map(|r| r.issue_id)))
        .all(db)
        .await
        .or_internal("reading issues")?
        .into_iter()
        .map(|i| (i.id, i.title))
        .collect();
    let holidays = holiday_set(db).await?;
    let today = wib_day(now);
    let mut queue = OpdQueue {
        opd_name,
        new: Vec::new(),
        in_progress: Vec::new(),
        due_soon: Vec::new(),
        overdue: Vec::new(),
    };
    for row in rows {
        let days_left = working_days_between(today, row.due_on, &holidays);
        let item = opd_item(&row, &titles, locale, days_left);
        let list = if days_left < 0 {
            &mut queue.overdue
        } else if days_left <= DUE_SOON_DAYS {
            &mut queue.due_soon
        } else if item.status == FollowUpStatus::Assigned {
            &mut queue.new
        } else {
            &mut queue.in_progress
        };
        list.push(item);
    }
    Ok(queue)
}

/// The people deadlines concern: `opd_id`'s officers and, with `secretariat`, the
/// secretariat and the admin.
async fn deadline_audience(
    conn: &impl ConnectionTrait,
    opd_id: i32,
    secretariat: bool,
) -> Result<Vec<user_account::Model>, AppError> {
    let mut roles = vec![Role::OpdOfficer];
    if secretariat {
        roles.extend([Role::Secretariat, Role::Admin]);
    }
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Role.is_in(roles))
        .filter(user_account::Column::DisabledAt.is_null())
        .all(conn)
        .await
        .or_internal("reading staff")?
        .into_iter()
        .filter(|u| role_of(u) != Role::OpdOfficer || u.opd_id == Some(opd_id))
        .collect())
}

/// One working day before a deadline the OPD is reminded; once it has passed the OPD and
/// the secretariat are told. Each once per deadline (a reopened follow-up's new deadline
/// counts again). Returns how many notices it queued.
pub async fn escalate(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let holidays = holiday_set(&txn).await?;
    let today = wib_day(now);
    let open = follow_up::Entity::find()
        .filter(follow_up::Column::Status.is_in([FollowUpStatus::Assigned, FollowUpStatus::InProgress]))
        .all(&txn)
        .await
        .or_internal("reading open follow-ups")?;
    let mut due: Vec<(follow_up::Model, i64)> = Vec::new();
    for row in open {
        let days_left = working_days_between(today, row.due_on, &holidays);
        let step = if days_left < 0 { "overdue" } else { "soon" };
        // Each step once per deadline: a marker, so that later rounds skip the row at once.
        if (days_left == DUE_SOON_DAYS || days_left < 0)
            && super::super::mail::claim_job(&txn, &format!("deadline:{step}:{}:{}", row.id, row.due_on), now).await?
        {
            due.push((row, days_left));
        }
    }
    let issues: HashMap<i32, issue::Model> = issue::Entity::find()
        .filter(issue::Column::Id.is_in(due.iter().map(|(r, _)| r.issue_id)))
        .all(&txn)
        .await
        .or_internal("reading issues")?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let opds = opd_names(&txn).await?;
    let mut queued = 0;
    for (row, days_left) in due {
        let overdue = days_left < 0;
        let Some(found) = issues.get(&row.issue_id) else {
            continue;
        };
        let opd_name = opds.get(&row.opd_id).cloned().unwrap_or_default();
        let link = format!("{}/issues/{}#tindak-lanjut", state.config.base_url, found.id);
        for person in deadline_audience(&txn, row.opd_id, overdue).await? {
            let locale = person.locale;
            let t = locale.texts();
            let due = format_day(row.due_on, locale);
            let (subject, body, step) = if overdue {
                (
                    (t.mail_overdue_subject)(found.id),
                    (t.mail_overdue_body)(&found.title, &opd_name, &due, -days_left),
                    "overdue",
                )
            } else {
                (
                    (t.mail_due_soon_subject)(found.id),
                    (t.mail_due_soon_body)(&found.title, &opd_name, &due),
                    "soon",
                )
            };
            let rendered = super::super::mail::templates::paragraphs(
                t,
                subject,
                &person.name,
                std::slice::from_ref(&body),
                (t.mail_issue_action, &link),
            );
            let key = format!("deadline:{step}:{}:{}:{}", row.id, row.due_on, person.id);
            let notice =
                super::super::mail::notify::Notice::plain(key, crate::model::mail::Topic::Opd, rendered, link.clone());
            super::super::mail::notify::notify(&txn, &state.config, now, &person, notice).await?;
            queued += 1;
        }
    }
    txn.commit().await.or_internal("committing deadline notices")?;
    if queued > 0 {
        state.mail_bell.notify_one();
    }
    Ok(queued)
}

/// Follow-ups `ESCALATE_AFTER_DAYS` or more working days overdue, most overdue first.
pub async fn escalated(
    conn: &impl ConnectionTrait,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Vec<OverdueItem>, AppError> {
    let holidays = holiday_set(conn).await?;
    let today = wib_day(now);
    let open = follow_up::Entity::find()
        .filter(follow_up::Column::Status.is_in([FollowUpStatus::Assigned, FollowUpStatus::InProgress]))
        .filter(follow_up::Column::DueOn.lt(today))
        .all(conn)
        .await
        .or_internal("reading overdue follow-ups")?;
    let late: Vec<(follow_up::Model, i64)> = open
        .into_iter()
        .map(|r| {
            let days = working_days_between(today, r.due_on, &holidays);
            (r, days)
        })
        .filter(|(_, days)| *days <= -ESCALATE_AFTER_DAYS)
        .collect();
    let titles: HashMap<i32, String> = issue::Entity::find()
        .filter(issue::Column::Id.is_in(late.iter().map(|(r, _)| r.issue_id)))
        .all(conn)
        .await
        .or_internal("reading issues")?
        .into_iter()
        .map(|i| (i.id, i.title))
        .collect();
    let opds = opd_names(conn).await?;
    let mut items: Vec<OverdueItem> = late
        .into_iter()
        .map(|(row, days_left)| OverdueItem {
            opd_name: opds.get(&row.opd_id).cloned().unwrap_or_default(),
            item: opd_item(&row, &titles, locale, days_left),
        })
        .collect();
    items.sort_by_key(|i| i.item.days_left);
    Ok(items)
}

/// On Monday after 07:00 WIB: the escalated follow-ups to the secretariat and the admin,
/// once a week. Returns how many messages it queued.
pub async fn weekly_escalation(state: &AppState) -> Result<usize, AppError> {
    use super::super::{
        mail::{
            claim_job,
            notify::{Notice, notify},
            templates::{self, DigestLine},
        },
        time::latest_morning,
    };
    let now = state.clock.now();
    let week = latest_morning(now, true);
    let txn = write_txn(&state.db).await?;
    if !claim_job(&txn, &format!("escalation:{}", week.timestamp()), now).await? {
        return Ok(0);
    }
    let people = user_account::Entity::find()
        .filter(user_account::Column::Role.is_in([Role::Secretariat, Role::Admin]))
        .filter(user_account::Column::DisabledAt.is_null())
        .all(&txn)
        .await
        .or_internal("reading the secretariat")?;
    // The list once per language, not once per person.
    let mut lists: HashMap<Locale, Vec<OverdueItem>> = HashMap::new();
    let mut queued = 0;
    for person in people {
        let locale = person.locale;
        if let std::collections::hash_map::Entry::Vacant(slot) = lists.entry(locale) {
            slot.insert(escalated(&txn, locale, now).await?);
        }
        let items = lists.get(&locale).cloned().unwrap_or_default();
        if items.is_empty() {
            break;
        }
        let t = locale.texts();
        let links: Vec<String> = items
            .iter()
            .map(|i| format!("{}/issues/{}#tindak-lanjut", state.config.base_url, i.item.issue_id))
            .collect();
        let subjects: Vec<String> = items
            .iter()
            .map(|i| format!("#{} {}", i.item.issue_id, i.item.issue_title))
            .collect();
        let summaries: Vec<String> = items
            .iter()
            .map(|i| {
                format!(
                    "{} · {} · {}",
                    i.opd_name,
                    (t.fu_due)(&i.item.due_day),
                    (t.fu_days_left)(i.item.days_left)
                )
            })
            .collect();
        let lines: Vec<DigestLine<'_>> = (0..items.len())
            .map(|n| DigestLine {
                subject: &subjects[n],
                summary: &summaries[n],
                link: &links[n],
            })
            .collect();
        let staff_room = format!("{}/staff", state.config.base_url);
        let rendered = templates::digest(
            t,
            (t.mail_escalation_subject)(items.len()),
            &person.name,
            t.mail_escalation_intro,
            &lines,
            (t.nav_staff, &staff_room),
        );
        let key = format!("escalation:{}:{}", week.timestamp(), person.id);
        let notice = Notice::plain(key, crate::model::mail::Topic::Opd, rendered, staff_room.clone());
        notify(&txn, &state.config, now, &person, notice).await?;
        queued += 1;
    }
    txn.commit().await.or_internal("committing the escalation summary")?;
    if queued > 0 {
        state.mail_bell.notify_one();
    }
    Ok(queued)
}
