//! After the session: it was held; per item whether it was discussed, the decision and the
//! OPDs that must act by when; the minutes, which the followers of each issue are told of.

use super::build::set_status;
use crate::domain::queries::agenda::items_of;
use crate::domain::rules::access::check_secretariat;
use crate::{
    domain::{
        AppState, commands,
        entities::{agenda_item, dialogue_session, follow_up, issue, opd, session_registration, user_account},
        error::{OrInternal, write_txn},
        mail::{
            notify::{Notice, notify},
            templates,
        },
        notices::{self, issue_audience},
        queries::{
            self,
            sessions::find,
            time::{when_wib, wib_day},
        },
        rules::issue_flow::{Move, transition},
        sanitize::markdown_to_html,
    },
    model::{
        AppError, ErrorCode,
        follow_up::{FollowUpStatus, working_days_between},
        issue::IssueStatus,
        issue_flow::{IssueActor, IssueTransition},
        mail::Topic,
        session::{RegistrationStatus, SessionStatus, parse_date, parse_number},
    },
};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, sea_query::Expr};

/// Marks a locked session as held, so that outcomes can be recorded.
pub async fn mark_held(state: &AppState, user: &user_account::Model, session_id: i32) -> Result<(), AppError> {
    check_secretariat(user)?;
    let txn = write_txn(&state.db).await?;
    let session = find(&txn, session_id).await?;
    if session.status != SessionStatus::AgendaLocked {
        return Err(AppError::Forbidden);
    }
    set_status(&txn, &session, SessionStatus::Held, state.clock.now(), false).await?;
    txn.commit().await.or_internal("committing a held session")
}

/// What the outcome form posts for one item.
pub struct OutcomeInput<'a> {
    pub discussed: bool,
    pub decision: &'a str,
    /// OPD ids (comma separated, as a checkbox group arrives).
    pub opds: &'a str,
    pub due: &'a str,
}

/// Records one item's outcome: discussed or not reached; the decision; the OPDs that must
/// act by the due date (follow-up records; the issue is then assigned).
pub async fn record_outcome(
    state: &AppState,
    user: &user_account::Model,
    item_id: i32,
    input: OutcomeInput<'_>,
) -> Result<i32, AppError> {
    check_secretariat(user)?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let item = queries::agenda::item(&txn, item_id).await?;
    let session = find(&txn, item.session_id).await?;
    if session.status != SessionStatus::Held {
        return Err(AppError::Forbidden);
    }
    let found = issue::Entity::find_by_id(item.issue_id)
        .one(&txn)
        .await
        .or_internal("reading an issue")?
        .ok_or(AppError::NotFound)?;
    let opd_ids: Vec<i32> = input.opds.split(',').filter_map(|v| v.trim().parse().ok()).collect();
    let known = opd::Entity::find()
        .filter(opd::Column::Id.is_in(opd_ids.clone()))
        .all(&txn)
        .await
        .or_internal("reading OPDs")?;
    if known.len() != opd_ids.len() {
        return Err(AppError::field("opds", ErrorCode::UnknownOpd));
    }
    let decision = input.decision.trim();
    let due: Option<NaiveDate> = if opd_ids.is_empty() || !input.discussed {
        None
    } else {
        Some(parse_date(input.due).map_err(|code| AppError::field("due", code))?)
    };
    if input.discussed && decision.is_empty() {
        return Err(AppError::field("decision", ErrorCode::Required));
    }
    agenda_item::Entity::update_many()
        .col_expr(agenda_item::Column::Discussed, Expr::value(input.discussed))
        .col_expr(
            agenda_item::Column::DecisionMd,
            Expr::value(Some(decision.to_owned()).filter(|d| !d.is_empty())),
        )
        .col_expr(
            agenda_item::Column::DecisionHtml,
            Expr::value(Some(markdown_to_html(decision)).filter(|_| !decision.is_empty())),
        )
        .filter(agenda_item::Column::Id.eq(item.id))
        .exec(&txn)
        .await
        .or_internal("recording an outcome")?;
    // An outcome can be corrected only while its OPDs have not started on it.
    let earlier = follow_up::Entity::find()
        .filter(follow_up::Column::AgendaItemId.eq(item.id))
        .all(&txn)
        .await
        .or_internal("reading follow-ups")?;
    if earlier.iter().any(|f| f.status != FollowUpStatus::Assigned) {
        return Err(AppError::field("", ErrorCode::NotNow));
    }
    follow_up::Entity::delete_many()
        .filter(follow_up::Column::AgendaItemId.eq(item.id))
        .exec(&txn)
        .await
        .or_internal("replacing follow-ups")?;
    if let Some(due) = due {
        let holidays = queries::holidays::holiday_set(&txn).await?;
        let new = commands::follow_up::NewFollowUps {
            opd_ids: &opd_ids,
            action: decision,
            agenda_item_id: Some(item.id),
            assigned_by: Some(user.id),
            sla_days: working_days_between(wib_day(now), due, &holidays).max(0) as i32,
        };
        commands::follow_up::create(&txn, &state.config, &found, new, now).await?;
    }
    let to = match (input.discussed, due.is_some()) {
        (false, _) => IssueStatus::Published,
        (true, false) => IssueStatus::Discussed,
        (true, true) => IssueStatus::Assigned,
    };
    let step = match to {
        IssueStatus::Published => IssueTransition::Unschedule,
        IssueStatus::Discussed => IssueTransition::Discuss,
        _ => IssueTransition::Assign,
    };
    let how = Move {
        actor: IssueActor::Secretariat,
        by: Some(user.id),
        note: Some(decision.to_owned()).filter(|d| !d.is_empty()),
        at: now,
    };
    transition(&txn, &found, step, how).await?;
    if found.status != to {
        notices::status_changed(&txn, &state.config, now, &found, to, Some(decision), None).await?;
    }
    commands::session::live_changed(&txn, session.id, now).await?;
    txn.commit().await.or_internal("committing an outcome")?;
    state.mail_bell.notify_one();
    commands::session::ring_live(state, session.id);
    Ok(session.id)
}

/// Publishes the minutes with the attendance; the followers of each discussed issue are told.
pub async fn publish_minutes(
    state: &AppState,
    user: &user_account::Model,
    session_id: i32,
    attendance: &str,
    minutes: &str,
) -> Result<(), AppError> {
    check_secretariat(user)?;
    let mut problems = crate::model::error::Problems::default();
    let attendance = problems.check("attendance", parse_number(attendance, 0, 100_000));
    let minutes = minutes.trim();
    if minutes.is_empty() {
        problems.add("minutes", ErrorCode::Required);
    }
    problems.into_result()?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let session = find(&txn, session_id).await?;
    if session.status != SessionStatus::Held {
        return Err(AppError::Forbidden);
    }
    dialogue_session::Entity::update_many()
        .col_expr(dialogue_session::Column::Attendance, Expr::value(attendance))
        .col_expr(
            dialogue_session::Column::MinutesMd,
            Expr::value(Some(minutes.to_owned())),
        )
        .col_expr(
            dialogue_session::Column::MinutesHtml,
            Expr::value(Some(markdown_to_html(minutes))),
        )
        .filter(dialogue_session::Column::Id.eq(session.id))
        .exec(&txn)
        .await
        .or_internal("saving minutes")?;
    set_status(&txn, &session, SessionStatus::MinutesPublished, now, false).await?;
    let link = format!("{}/sessions/{}", state.config.base_url, session.id);
    for item in items_of(&txn, session.id)
        .await?
        .into_iter()
        .filter(|i| i.discussed == Some(true))
    {
        let Some(found) = issue::Entity::find_by_id(item.issue_id)
            .one(&txn)
            .await
            .or_internal("reading an issue")?
        else {
            continue;
        };
        for (person, topic) in issue_audience(&txn, &found, None).await? {
            let locale = person.locale;
            let rendered = templates::minutes_published(
                locale.texts(),
                &person.name,
                found.id,
                &found.title,
                item.decision_md.as_deref().unwrap_or_default(),
                &link,
            );
            let notice = Notice {
                key: format!("minutes:{}:{}:{}", session.id, found.id, person.id),
                topic,
                summary: item.decision_md.clone().unwrap_or_else(|| rendered.subject.clone()),
                rendered,
                link: link.clone(),
                ics: None,
                coalesce: None,
                asks_resolution: None,
            };
            notify(&txn, &state.config, now, &person, notice).await?;
        }
    }
    // Who registered to attend hears of the minutes too, once, whatever they follow.
    let registrants: Vec<i32> = session_registration::Entity::find()
        .select_only()
        .column(session_registration::Column::UserId)
        .filter(session_registration::Column::SessionId.eq(session.id))
        .filter(session_registration::Column::Status.eq(RegistrationStatus::Confirmed))
        .into_tuple()
        .all(&txn)
        .await
        .or_internal("reading registrations")?;
    for person in user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(registrants))
        .filter(user_account::Column::DisabledAt.is_null())
        .all(&txn)
        .await
        .or_internal("reading registrants")?
    {
        let locale = person.locale;
        let when = when_wib(session.starts_at, session.duration_minutes, locale);
        let rendered = templates::session_minutes(locale.texts(), &person.name, &when, &session.venue, &link);
        let key = format!("minutes:{}:registrant:{}", session.id, person.id);
        notify(
            &txn,
            &state.config,
            now,
            &person,
            Notice::plain(key, Topic::Sessions, rendered, link.clone()),
        )
        .await?;
    }
    txn.commit().await.or_internal("committing the minutes")?;
    state.mail_bell.notify_one();
    Ok(())
}
