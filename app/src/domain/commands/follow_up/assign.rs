//! The secretariat assigns an issue to a lead OPD (and supporting OPDs) with the action
//! required and a deadline in working days.

use super::record::NewFollowUps;
use super::record::create;
use super::record::parse_note;
use crate::{
    domain::{
        AppState, Config,
        entities::{category, follow_up, issue, opd, user_account},
        error::{OrInternal, write_txn},
        notices,
        rules::{
            self,
            access::role_of,
            issue_flow::{Move, transition},
        },
    },
    i18n::Locale,
    model::{
        AppError, ErrorCode,
        error::Problems,
        follow_up::{FollowUpStatus, SLA_MAX_DAYS},
        issue::IssueStatus,
        issue_flow::{IssueActor, IssueTransition},
        session::parse_number,
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// What the secretariat's assignment form posts.
pub struct AssignInput<'a> {
    pub lead: &'a str,
    /// Supporting OPD ids, comma-separated (repeated checkboxes).
    pub supporting: &'a str,
    pub action: &'a str,
    pub days: &'a str,
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
        Some(
            crate::domain::queries::settings::thresholds(&state.db, &state.config)
                .await?
                .follow_up_days,
        )
    } else {
        problems.check("days", parse_number(input.days, 1, SLA_MAX_DAYS))
    };
    problems.into_result()?;
    let (Some(action), Some(days)) = (action, days) else {
        return Err(AppError::Internal);
    };
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let found = rules::access::visible_issue(&txn, Some(user), issue_id).await?;
    let assignable = found.status.awaits_decision();
    let open_lead = follow_up::Entity::find()
        .filter(follow_up::Column::IssueId.eq(found.id))
        .filter(follow_up::Column::Lead.eq(true))
        .all(&txn)
        .await
        .or_internal("reading follow-ups")?
        .iter()
        .any(|f| f.status.is_open() || f.status == FollowUpStatus::Resolved);
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
        assigned_by: Some(user.id),
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

/// A new issue whose category goes straight to its default OPD (an e-Sakti death benefit to
/// Dinas Sosial) is assigned to it on publication, with the usual first-response deadline,
/// in the transaction that writes the issue. It reaches the secretariat's inbox only if the
/// OPD declines it.
pub(crate) async fn route_on_publication(
    conn: &impl ConnectionTrait,
    config: &Config,
    found: &issue::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let category = category::Entity::find_by_id(found.category_id)
        .one(conn)
        .await
        .or_internal("reading a category")?;
    let Some((category, opd_id)) = category.and_then(|c| c.opd_id.filter(|_| c.direct_to_opd).map(|o| (c, o))) else {
        return Ok(());
    };
    // Stored like the secretariat's own words, in the regency's language.
    let action = (Locale::Id.texts().direct_route_action)(&category.name_id);
    let new = NewFollowUps {
        opd_ids: &[opd_id],
        action: &action,
        agenda_item_id: None,
        assigned_by: None,
        sla_days: crate::domain::queries::settings::thresholds(conn, config)
            .await?
            .follow_up_days,
    };
    create(conn, config, found, new, now).await?;
    let how = Move {
        actor: IssueActor::System,
        by: None,
        note: Some(action.clone()),
        at: now,
    };
    transition(conn, found, IssueTransition::Assign, how).await?;
    notices::status_changed(conn, config, now, found, IssueStatus::Assigned, Some(&action), None).await
}
