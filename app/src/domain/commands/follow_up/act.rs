//! A step on a follow-up: the OPD's officers accept it or decline it as not theirs, report
//! progress (percent done, cost, internal notes) and resolve it; the author confirms or
//! reopens. Each step is a compare-and-set on the follow-up's state.

use super::record::issue_step;
use super::record::parse_note;
use super::record::record_full;
use crate::domain::queries::holidays::holiday_set;
use crate::domain::rules::access::is_officer_of;
use crate::{
    domain::{
        AppState,
        entities::{follow_up, issue_photo, opd, user_account},
        error::{OrInternal, write_txn},
        notices,
        photos::{parse_photo_list, photo_size},
        queries::time::wib_day,
        rules::{
            self,
            issue_flow::{Move, transition},
        },
    },
    model::{
        AppError, ErrorCode,
        error::Problems,
        follow_up::{
            FollowUpAction, FollowUpStatus, UpdateKind, add_working_days, parse_percent, parse_rupiah,
            working_days_between,
        },
        issue_flow::{IssueActor, IssueTransition},
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, sea_query::Expr,
};

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
    let txn = write_txn(&state.db).await?;
    let issue_id = act_in(&txn, state, user, id, action, input).await?;
    txn.commit().await.or_internal("committing a follow-up step")?;
    state.mail_bell.notify_one();
    Ok(issue_id)
}

/// `act` inside the caller's transaction (a resident's "1" or "2" on WhatsApp confirms or
/// reopens in the same transaction as the conversation's answer). Ring the mail bell after
/// the commit.
pub async fn act_in(
    txn: &DatabaseTransaction,
    state: &AppState,
    user: &user_account::Model,
    id: i32,
    action: FollowUpAction,
    input: ActInput<'_>,
) -> Result<i32, AppError> {
    let now = state.clock.now();
    let found = follow_up::Entity::find_by_id(id)
        .one(txn)
        .await
        .or_internal("reading a follow-up")?
        .ok_or(AppError::NotFound)?;
    let parent = rules::access::visible_issue(txn, Some(user), found.issue_id).await?;
    let status = found.status;
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
    let holidays = holiday_set(txn).await?;
    let confirm_days = crate::domain::queries::settings::thresholds(txn, &state.config)
        .await?
        .confirm_days;
    let today = wib_day(now);
    let in_confirm_window = found
        .resolved_at
        .is_some_and(|at| working_days_between(wib_day(at), today, &holidays) < i64::from(confirm_days));
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
    // The author may add a word to a confirmation: the OPD's public page quotes it.
    let may_say = action == FollowUpAction::Confirm && !input.body.trim().is_empty();
    let body = if needs_text || may_say {
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
    let moved = update.exec(txn).await.or_internal("moving a follow-up")?;
    if moved.rows_affected != 1 {
        return Err(AppError::field("", ErrorCode::NotNow));
    }
    let step = record_full(txn, found.id, Some(user.id), kind, &body, percent, cost, now).await?;
    for (position, hash) in evidence.iter().enumerate() {
        let (width, height) = photo_size(&state.config.photo_dir, hash)?;
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
        .insert(txn)
        .await
        .or_internal("attaching evidence")?;
    }
    if kind != UpdateKind::Note {
        let opd_name = opd::Entity::find_by_id(found.opd_id)
            .one(txn)
            .await
            .or_internal("reading an OPD")?
            .map(|o| o.name)
            .unwrap_or_default();
        let note = (!body.is_empty()).then_some(body.as_str());
        notices::follow_up_changed(
            txn,
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
        transition(txn, &parent, step, how).await?;
    }
    Ok(parent.id)
}
