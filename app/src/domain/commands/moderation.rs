//! Moderation. Anyone signed in and verified flags an issue or a comment with a reason;
//! three flags from different people hide it until the secretariat looks. The secretariat
//! hides or restores with a reason, rejects an issue (its author reads why) or merges a
//! duplicate into the original (supports and follows move over). Every action is recorded
//! with who, when and why, in the same transaction as the change.

use crate::domain::rules::access::check_moderator;
use crate::{
    domain::{
        AppState,
        commands::{self, forum::bump},
        entities::{comment, flag, issue, issue_follow, issue_support, moderation_action, user_account},
        error::{OrInternal, write_txn},
        notices,
        rules::{
            self,
            access::{check_can_post, role_of},
            issue_flow::{Move, transition},
        },
    },
    model::{
        AppError, ErrorCode,
        issue::IssueStatus,
        issue_flow::{IssueActor, IssueTransition},
        moderation::{ModerationAction, TargetKind, parse_reason},
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait, OnConflict},
};

/// The issue an item is, or belongs to, as `user` may see it.
async fn issue_of(
    conn: &impl ConnectionTrait,
    user: &user_account::Model,
    kind: TargetKind,
    id: i32,
) -> Result<(issue::Model, Option<comment::Model>), AppError> {
    match kind {
        TargetKind::Issue => Ok((rules::access::visible_issue(conn, Some(user), id).await?, None)),
        TargetKind::Comment => {
            let found = comment::Entity::find_by_id(id)
                .one(conn)
                .await
                .or_internal("reading a comment")?
                .filter(|c| c.deleted_at.is_none())
                .ok_or(AppError::NotFound)?;
            let staff = role_of(user).is_staff();
            if found.hidden_at.is_some() && !staff && found.author_id != user.id {
                return Err(AppError::NotFound);
            }
            let parent = rules::access::visible_issue(conn, Some(user), found.issue_id).await?;
            Ok((parent, Some(found)))
        }
    }
}

async fn record(
    conn: &impl ConnectionTrait,
    kind: TargetKind,
    id: i32,
    action: ModerationAction,
    actor: Option<i32>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    moderation_action::ActiveModel {
        target_kind: Set(kind),
        target_id: Set(id),
        action: Set(action),
        actor_id: Set(actor),
        reason: Set(reason.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
    .or_internal("recording a moderation action")?;
    Ok(())
}

/// Sets or clears `hidden_at` and the flag counter of an item.
async fn set_hidden(
    conn: &impl ConnectionTrait,
    kind: TargetKind,
    id: i32,
    hidden_at: Option<DateTime<Utc>>,
    reset_flags: bool,
) -> Result<(), AppError> {
    match kind {
        TargetKind::Issue => {
            let mut update = issue::Entity::update_many()
                .col_expr(issue::Column::HiddenAt, hidden_at.into())
                .filter(issue::Column::Id.eq(id));
            if reset_flags {
                update = update.col_expr(issue::Column::FlagCount, 0.into());
            }
            update.exec(conn).await.or_internal("hiding an issue")?;
        }
        TargetKind::Comment => {
            let mut update = comment::Entity::update_many()
                .col_expr(comment::Column::HiddenAt, hidden_at.into())
                .filter(comment::Column::Id.eq(id));
            if reset_flags {
                update = update.col_expr(comment::Column::FlagCount, 0.into());
            }
            update.exec(conn).await.or_internal("hiding a comment")?;
        }
    }
    Ok(())
}

/// Marks the open flags of an item as dealt with.
async fn resolve_flags(
    conn: &impl ConnectionTrait,
    kind: TargetKind,
    id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    flag::Entity::update_many()
        .col_expr(flag::Column::ResolvedAt, Some(now).into())
        .filter(flag::Column::TargetKind.eq(kind))
        .filter(flag::Column::TargetId.eq(id))
        .filter(flag::Column::ResolvedAt.is_null())
        .exec(conn)
        .await
        .or_internal("resolving flags")?;
    Ok(())
}

/// Flags an item with a reason. A second flag by the same person changes nothing; the
/// third person's flag hides the item. Returns the issue the item is or belongs to.
pub async fn flag(
    state: &AppState,
    user: &user_account::Model,
    kind: TargetKind,
    id: i32,
    reason: &str,
) -> Result<i32, AppError> {
    check_can_post(user)?;
    let reason = parse_reason(reason).map_err(|code| AppError::field("reason", code))?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let (parent, _) = issue_of(&txn, user, kind, id).await?;
    let added = flag::Entity::insert(flag::ActiveModel {
        target_kind: Set(kind),
        target_id: Set(id),
        user_id: Set(user.id),
        reason: Set(reason),
        created_at: Set(now),
        resolved_at: Set(None),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([flag::Column::TargetKind, flag::Column::TargetId, flag::Column::UserId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await
    .or_internal("flagging")?;
    if added == 1 {
        let (count, hidden) = match kind {
            TargetKind::Issue => {
                bump(&txn, id, issue::Column::FlagCount, 1).await?;
                let row = issue::Entity::find_by_id(id)
                    .one(&txn)
                    .await
                    .or_internal("reading an issue")?;
                row.map(|r| (r.flag_count, r.hidden_at.is_some())).unwrap_or_default()
            }
            TargetKind::Comment => {
                comment::Entity::update_many()
                    .col_expr(comment::Column::FlagCount, Expr::col(comment::Column::FlagCount).add(1))
                    .filter(comment::Column::Id.eq(id))
                    .exec(&txn)
                    .await
                    .or_internal("counting a flag")?;
                let row = comment::Entity::find_by_id(id)
                    .one(&txn)
                    .await
                    .or_internal("reading a comment")?;
                row.map(|r| (r.flag_count, r.hidden_at.is_some())).unwrap_or_default()
            }
        };
        let flags_to_hide = crate::domain::queries::settings::thresholds(&txn, &state.config)
            .await?
            .flags_to_hide;
        if count >= flags_to_hide && !hidden {
            set_hidden(&txn, kind, id, Some(now), false).await?;
            let why = format!("{count} laporan / reports");
            record(&txn, kind, id, ModerationAction::AutoHide, None, &why, now).await?;
        }
    }
    txn.commit().await.or_internal("committing a flag")?;
    Ok(parent.id)
}

/// What the secretariat asks for, as posted.
pub struct Decision<'a> {
    pub kind: TargetKind,
    pub id: i32,
    pub action: ModerationAction,
    pub reason: &'a str,
    /// For a merge: the original issue's number.
    pub into: Option<i32>,
}

/// Carries out a moderation decision and records it. Returns the issue to show next.
pub async fn decide(state: &AppState, user: &user_account::Model, decision: Decision<'_>) -> Result<i32, AppError> {
    check_moderator(user)?;
    let reason = parse_reason(decision.reason).map_err(|code| AppError::field("reason", code))?;
    let now = state.clock.now();
    let (kind, id) = (decision.kind, decision.id);
    let txn = write_txn(&state.db).await?;
    let (parent, _) = issue_of(&txn, user, kind, id).await?;
    let mut shown = parent.id;
    match decision.action {
        ModerationAction::Hide => {
            set_hidden(&txn, kind, id, Some(now), true).await?;
            resolve_flags(&txn, kind, id, now).await?;
        }
        ModerationAction::Restore => {
            set_hidden(&txn, kind, id, None, true).await?;
            resolve_flags(&txn, kind, id, now).await?;
        }
        ModerationAction::Reject | ModerationAction::Merge if kind == TargetKind::Comment => {
            return Err(AppError::Forbidden);
        }
        ModerationAction::Reject => {
            settle(&txn, &parent, IssueStatus::Rejected, user, &reason, now).await?;
            issue::Entity::update_many()
                .col_expr(issue::Column::DecisionReason, Some(reason.clone()).into())
                .filter(issue::Column::Id.eq(id))
                .exec(&txn)
                .await
                .or_internal("rejecting an issue")?;
            resolve_flags(&txn, kind, id, now).await?;
            let reason = Some(reason.as_str());
            notices::status_changed(
                &txn,
                &state.config,
                now,
                &parent,
                IssueStatus::Rejected,
                reason,
                Some(user.id),
            )
            .await?;
        }
        ModerationAction::Merge => {
            let into = decision
                .into
                .ok_or_else(|| AppError::field("into", ErrorCode::Required))?;
            if into == id {
                return Err(AppError::field("into", ErrorCode::CannotMergeIntoItself));
            }
            let original = rules::access::visible_issue(&txn, Some(user), into)
                .await
                .map_err(|_| AppError::field("into", ErrorCode::UnknownIssue))?;
            if original.status.is_final() {
                return Err(AppError::field("into", ErrorCode::UnknownIssue));
            }
            settle(&txn, &parent, IssueStatus::Merged, user, &reason, now).await?;
            merge_people(&txn, id, into, now).await?;
            issue::Entity::update_many()
                .col_expr(issue::Column::MergedIntoId, Some(into).into())
                .filter(issue::Column::Id.eq(id))
                .exec(&txn)
                .await
                .or_internal("merging an issue")?;
            resolve_flags(&txn, kind, id, now).await?;
            let merged = issue::Model {
                merged_into_id: Some(into),
                ..parent.clone()
            };
            notices::status_changed(
                &txn,
                &state.config,
                now,
                &merged,
                IssueStatus::Merged,
                None,
                Some(user.id),
            )
            .await?;
            shown = into;
        }
        ModerationAction::AutoHide => return Err(AppError::Forbidden),
    }
    record(&txn, kind, id, decision.action, Some(user.id), &reason, now).await?;
    txn.commit().await.or_internal("committing a moderation action")?;
    state.mail_bell.notify_one();
    Ok(shown)
}

/// Moves an issue to a final status with its history row.
async fn settle(
    conn: &impl ConnectionTrait,
    found: &issue::Model,
    to: IssueStatus,
    actor: &user_account::Model,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if found.status.is_final() {
        return Err(AppError::Forbidden);
    }
    let step = if to == IssueStatus::Merged {
        IssueTransition::Merge
    } else {
        IssueTransition::Reject
    };
    let how = Move {
        actor: IssueActor::Secretariat,
        by: Some(actor.id),
        note: Some(reason.to_owned()),
        at: now,
    };
    transition(conn, found, step, how).await.map(|_| ())
}

/// The duplicate's supporters support the original (once each) and its followers follow
/// it; the original's counter is recounted from its rows.
async fn merge_people(conn: &impl ConnectionTrait, from: i32, into: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let supporters: Vec<i32> = issue_support::Entity::find()
        .select_only()
        .column(issue_support::Column::UserId)
        .filter(issue_support::Column::IssueId.eq(from))
        .into_tuple()
        .all(conn)
        .await
        .or_internal("reading supporters")?;
    for user_id in supporters {
        commands::forum::support_in(conn, user_id, into, now).await?;
    }
    issue_support::Entity::delete_many()
        .filter(issue_support::Column::IssueId.eq(from))
        .exec(conn)
        .await
        .or_internal("clearing moved supports")?;
    let followers: Vec<i32> = issue_follow::Entity::find()
        .select_only()
        .column(issue_follow::Column::UserId)
        .filter(issue_follow::Column::IssueId.eq(from))
        .into_tuple()
        .all(conn)
        .await
        .or_internal("reading followers")?;
    for user_id in followers {
        commands::forum::follow_in(conn, user_id, into, now).await?;
    }
    let count = issue_support::Entity::find()
        .filter(issue_support::Column::IssueId.eq(into))
        .count(conn)
        .await
        .or_internal("counting supports")?;
    for (id, supports) in [(into, count as i32), (from, 0)] {
        issue::Entity::update_many()
            .col_expr(issue::Column::SupportCount, supports.into())
            .filter(issue::Column::Id.eq(id))
            .exec(conn)
            .await
            .or_internal("recounting supports")?;
    }
    Ok(())
}
