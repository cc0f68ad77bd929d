//! A session's agenda and outcomes. The secretariat picks issues from ranked suggestions
//! (published, public, not yet discussed, posted before the cutoff), orders them and gives
//! each a time slot, then locks the agenda: each item's author and followers are told, with
//! the session as a calendar invitation. After the session it records per item whether it
//! was discussed, the decision and the OPDs that must act by when (follow-up records), and
//! publishes the minutes, which the followers of each discussed issue are told of. An item
//! not reached goes back to the suggestions of the next session.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Asia::Jakarta;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, sea_query::Expr,
};

use super::super::{
    AppState,
    authz::role_of,
    calendar::{calendar_text, session_event},
    entities::{agenda_item, dialogue_session, follow_up, issue, opd, region, user_account},
    error::{OrInternal, write_txn},
    issue_flow::{Move, transition},
    mail::{
        notify::{Notice, notify},
        templates,
    },
    sanitize::markdown_to_html,
    time::{format_day, when_wib, wib_day},
};
use super::{
    followups,
    notices::{self, issue_audience},
    sessions::{find, place_of},
};
use crate::{
    i18n::Locale,
    model::{
        AppError, ErrorCode,
        follow_up::{FollowUpStatus, working_days_between},
        issue::{IssueStatus, Privacy},
        issue_flow::{IssueActor, IssueTransition},
        mail::Topic,
        session::{AgendaItemView, SLOT_DEFAULT, SessionStatus, Suggestion, parse_date, parse_number},
    },
};

fn check_secretariat(user: &user_account::Model) -> Result<(), AppError> {
    if role_of(user).moderates() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn status_of(session: &dialogue_session::Model) -> SessionStatus {
    session.status
}

/// The session, if its agenda can still be changed.
async fn open_session(conn: &impl ConnectionTrait, id: i32) -> Result<dialogue_session::Model, AppError> {
    let session = find(conn, id).await?;
    if !matches!(status_of(&session), SessionStatus::Planned | SessionStatus::AgendaOpen) {
        return Err(AppError::Forbidden);
    }
    Ok(session)
}

async fn items_of(conn: &impl ConnectionTrait, session_id: i32) -> Result<Vec<agenda_item::Model>, AppError> {
    agenda_item::Entity::find()
        .filter(agenda_item::Column::SessionId.eq(session_id))
        .order_by_asc(agenda_item::Column::Position)
        .all(conn)
        .await
        .or_internal("reading the agenda")
}

async fn places(conn: &impl ConnectionTrait, issues: &[issue::Model]) -> Result<HashMap<i32, String>, AppError> {
    let ids: Vec<i32> = issues.iter().flat_map(|i| [i.kecamatan_id, i.desa_id]).collect();
    Ok(region::Entity::find()
        .filter(region::Column::Id.is_in(ids))
        .all(conn)
        .await
        .or_internal("reading regions")?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect())
}

fn place(names: &HashMap<i32, String>, issue: &issue::Model) -> String {
    let name = |id: &i32| names.get(id).cloned().unwrap_or_default();
    format!("{}, {}", name(&issue.desa_id), name(&issue.kecamatan_id))
}

/// The agenda in order, each with its slot in WIB counted from the session's start.
pub async fn agenda(
    db: &DatabaseConnection,
    session: &dialogue_session::Model,
    locale: Locale,
) -> Result<Vec<AgendaItemView>, AppError> {
    let items = items_of(db, session.id).await?;
    let issues: HashMap<i32, issue::Model> = issue::Entity::find()
        .filter(issue::Column::Id.is_in(items.iter().map(|i| i.issue_id)))
        .all(db)
        .await
        .or_internal("reading agenda issues")?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let all: Vec<issue::Model> = issues.values().cloned().collect();
    let names = places(db, &all).await?;
    let opds: HashMap<i32, String> = opd::Entity::find()
        .all(db)
        .await
        .or_internal("reading OPDs")?
        .into_iter()
        .map(|o| (o.id, o.short_name))
        .collect();
    let follow_ups = follow_up::Entity::find()
        .filter(follow_up::Column::AgendaItemId.is_in(items.iter().map(|i| i.id)))
        .all(db)
        .await
        .or_internal("reading follow-ups")?;
    let sep = if locale == Locale::Id { "%H.%M" } else { "%H:%M" };
    let mut at = session.starts_at;
    Ok(items
        .into_iter()
        .filter_map(|item| {
            let issue = issues.get(&item.issue_id)?;
            let end = at + Duration::minutes(i64::from(item.slot_minutes));
            let slot_wib = format!(
                "{}–{} WIB",
                at.with_timezone(&Jakarta).format(sep),
                end.with_timezone(&Jakarta).format(sep)
            );
            at = end;
            Some(AgendaItemView {
                id: item.id,
                issue_id: issue.id,
                title: issue.title.clone(),
                place: place(&names, issue),
                support_count: issue.support_count,
                slot_minutes: item.slot_minutes,
                slot_wib,
                discussed: item.discussed,
                decision_html: item.decision_html.clone(),
                decision_md: item.decision_md.clone(),
                follow_ups: follow_ups
                    .iter()
                    .filter(|f| f.agenda_item_id == Some(item.id))
                    .map(|f| {
                        (
                            opds.get(&f.opd_id).cloned().unwrap_or_default(),
                            format_day(f.due_on, locale),
                        )
                    })
                    .collect(),
            })
        })
        .collect())
}

/// Issues already on an agenda (not cancelled) that were not left unreached.
async fn taken_issues(conn: &impl ConnectionTrait) -> Result<HashSet<i32>, AppError> {
    let cancelled: Vec<i32> = dialogue_session::Entity::find()
        .select_only()
        .column(dialogue_session::Column::Id)
        .filter(dialogue_session::Column::Status.eq(SessionStatus::Cancelled))
        .into_tuple()
        .all(conn)
        .await
        .or_internal("reading cancelled sessions")?;
    let rows: Vec<(i32, Option<bool>)> = agenda_item::Entity::find()
        .select_only()
        .column(agenda_item::Column::IssueId)
        .column(agenda_item::Column::Discussed)
        .filter(agenda_item::Column::SessionId.is_not_in(cancelled))
        .into_tuple()
        .all(conn)
        .await
        .or_internal("reading agenda items")?;
    Ok(rows
        .into_iter()
        .filter(|(_, d)| *d != Some(false))
        .map(|(id, _)| id)
        .collect())
}

/// Issues to put on this session's agenda, best first, each with its reasons: supports
/// count most, then how long it has waited, then whether it is in the host kecamatan.
pub async fn suggestions(
    db: &DatabaseConnection,
    session: &dialogue_session::Model,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Vec<Suggestion>, AppError> {
    let t = locale.texts();
    let taken = taken_issues(db).await?;
    let candidates = issue::Entity::find()
        .filter(issue::Column::Status.is_in([IssueStatus::Published, IssueStatus::Reopened]))
        .filter(issue::Column::Privacy.ne(Privacy::Rahasia))
        .filter(issue::Column::HiddenAt.is_null())
        .filter(issue::Column::CreatedAt.lte(session.cutoff_at))
        .order_by_desc(issue::Column::SupportCount)
        .limit(300)
        .all(db)
        .await
        .or_internal("reading candidate issues")?;
    let candidates: Vec<issue::Model> = candidates.into_iter().filter(|i| !taken.contains(&i.id)).collect();
    let names = places(db, &candidates).await?;
    let mut ranked: Vec<Suggestion> = candidates
        .iter()
        .map(|i| {
            let weeks = ((now - i.created_at).num_days() / 7).clamp(0, 8) as i32;
            let host = session.host_kecamatan_id == Some(i.kecamatan_id);
            let mut reasons = vec![(t.reason_supports)(i.support_count)];
            if weeks > 0 {
                reasons.push((t.reason_waiting)(weeks));
            }
            if host {
                reasons.push(t.reason_host.to_owned());
            }
            Suggestion {
                issue_id: i.id,
                title: i.title.clone(),
                place: place(&names, i),
                score: i.support_count * 3 + weeks * 2 + if host { 10 } else { 0 },
                reasons,
            }
        })
        .collect();
    ranked.sort_by(|a, b| b.score.cmp(&a.score).then(a.issue_id.cmp(&b.issue_id)));
    ranked.truncate(20);
    Ok(ranked)
}

/// Puts an issue on the agenda, last, with the default slot.
pub async fn add(state: &AppState, user: &user_account::Model, session_id: i32, issue_id: i32) -> Result<(), AppError> {
    check_secretariat(user)?;
    let txn = write_txn(&state.db).await?;
    let session = open_session(&txn, session_id).await?;
    let candidate = issue::Entity::find_by_id(issue_id)
        .one(&txn)
        .await
        .or_internal("reading an issue")?
        .filter(|i| {
            matches!(i.status, IssueStatus::Published | IssueStatus::Reopened)
                && i.privacy != Privacy::Rahasia
                && i.hidden_at.is_none()
        })
        .ok_or_else(|| AppError::field("issue", ErrorCode::UnknownIssue))?;
    if taken_issues(&txn).await?.contains(&candidate.id) {
        return Err(AppError::field("issue", ErrorCode::UnknownIssue));
    }
    let last = items_of(&txn, session.id)
        .await?
        .iter()
        .map(|i| i.position)
        .max()
        .unwrap_or(0);
    agenda_item::ActiveModel {
        session_id: Set(session.id),
        issue_id: Set(candidate.id),
        position: Set(last + 1),
        slot_minutes: Set(SLOT_DEFAULT),
        discussed: Set(None),
        decision_md: Set(None),
        decision_html: Set(None),
        created_at: Set(state.clock.now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .or_internal("adding an agenda item")?;
    if status_of(&session) == SessionStatus::Planned {
        set_status(&txn, &session, SessionStatus::AgendaOpen, state.clock.now(), false).await?;
    }
    txn.commit().await.or_internal("committing an agenda item")
}

async fn set_status(
    conn: &impl ConnectionTrait,
    session: &dialogue_session::Model,
    to: SessionStatus,
    now: DateTime<Utc>,
    visible_change: bool,
) -> Result<(), AppError> {
    let mut update = dialogue_session::Entity::update_many()
        .col_expr(dialogue_session::Column::Status, Expr::value(to.as_str()))
        .col_expr(dialogue_session::Column::UpdatedAt, Expr::value(now))
        .filter(dialogue_session::Column::Id.eq(session.id));
    if visible_change {
        update = update.col_expr(dialogue_session::Column::Sequence, Expr::value(session.sequence + 1));
    }
    update.exec(conn).await.or_internal("changing a session's status")?;
    Ok(())
}

/// The item and its session, for a change to an open agenda.
async fn open_item(
    conn: &impl ConnectionTrait,
    item_id: i32,
) -> Result<(agenda_item::Model, dialogue_session::Model), AppError> {
    let item = agenda_item::Entity::find_by_id(item_id)
        .one(conn)
        .await
        .or_internal("reading an agenda item")?
        .ok_or(AppError::NotFound)?;
    let session = open_session(conn, item.session_id).await?;
    Ok((item, session))
}

/// Moves an item one place up (`up`) or down, or takes it off (`remove`).
pub async fn arrange(
    state: &AppState,
    user: &user_account::Model,
    item_id: i32,
    action: &str,
) -> Result<i32, AppError> {
    check_secretariat(user)?;
    let txn = write_txn(&state.db).await?;
    let (item, session) = open_item(&txn, item_id).await?;
    let mut items = items_of(&txn, session.id).await?;
    let at = items.iter().position(|i| i.id == item.id).unwrap_or_default();
    match action {
        "up" if at > 0 => items.swap(at, at - 1),
        "down" if at + 1 < items.len() => items.swap(at, at + 1),
        "remove" => {
            agenda_item::Entity::delete_by_id(item.id)
                .exec(&txn)
                .await
                .or_internal("removing an agenda item")?;
            items.remove(at);
        }
        "up" | "down" => {}
        _ => return Err(AppError::NotFound),
    }
    for (n, row) in items.into_iter().enumerate() {
        agenda_item::Entity::update_many()
            .col_expr(agenda_item::Column::Position, Expr::value(n as i32 + 1))
            .filter(agenda_item::Column::Id.eq(row.id))
            .exec(&txn)
            .await
            .or_internal("ordering the agenda")?;
    }
    txn.commit().await.or_internal("committing the agenda order")?;
    Ok(session.id)
}

/// Gives an item its time slot in minutes.
pub async fn set_slot(
    state: &AppState,
    user: &user_account::Model,
    item_id: i32,
    minutes: &str,
) -> Result<i32, AppError> {
    check_secretariat(user)?;
    let minutes = parse_number(minutes, 1, 180).map_err(|code| AppError::field("minutes", code))?;
    let txn = write_txn(&state.db).await?;
    let (item, session) = open_item(&txn, item_id).await?;
    agenda_item::Entity::update_many()
        .col_expr(agenda_item::Column::SlotMinutes, Expr::value(minutes))
        .filter(agenda_item::Column::Id.eq(item.id))
        .exec(&txn)
        .await
        .or_internal("setting a time slot")?;
    txn.commit().await.or_internal("committing a time slot")?;
    Ok(session.id)
}

/// Locks the agenda: its issues are now on the agenda, and each author and follower is
/// told, with the session attached as a calendar invitation.
pub async fn lock(state: &AppState, user: &user_account::Model, session_id: i32) -> Result<(), AppError> {
    check_secretariat(user)?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let session = open_session(&txn, session_id).await?;
    let items = items_of(&txn, session.id).await?;
    if items.is_empty() {
        return Err(AppError::field("", ErrorCode::AgendaEmpty));
    }
    set_status(&txn, &session, SessionStatus::AgendaLocked, now, true).await?;
    let session = find(&txn, session.id).await?;
    let place = place_of(&txn, &session).await?;
    let ics = calendar_text(vec![session_event(&state.config.base_url, &session, &place)]);
    let link = format!("{}/sessions/{}", state.config.base_url, session.id);
    for item in items {
        let Some(found) = issue::Entity::find_by_id(item.issue_id)
            .one(&txn)
            .await
            .or_internal("reading an issue")?
        else {
            continue;
        };
        // An issue decided otherwise since it was put on the agenda (assigned directly,
        // rejected) keeps its status; it is still discussed on the day.
        if IssueTransition::Schedule.allows(found.status, IssueActor::Secretariat) {
            let how = Move {
                actor: IssueActor::Secretariat,
                by: Some(user.id),
                note: None,
                at: now,
            };
            transition(&txn, &found, IssueTransition::Schedule, how).await?;
        }
        for (person, topic) in issue_audience(&txn, &found, None).await? {
            let locale = person.locale;
            let when = when_wib(session.starts_at, session.duration_minutes, locale);
            let rendered = templates::on_agenda(
                locale.texts(),
                &person.name,
                found.id,
                &found.title,
                &when,
                &session.venue,
                &link,
            );
            let key = format!("agenda:{}:{}:{}", session.id, found.id, person.id);
            let notice = Notice {
                ics: Some(ics.clone()),
                ..Notice::plain(key, topic, rendered, link.clone())
            };
            notify(&txn, &state.config, now, &person, notice).await?;
        }
    }
    txn.commit().await.or_internal("committing a locked agenda")?;
    state.mail_bell.notify_one();
    Ok(())
}

/// Marks a locked session as held, so that outcomes can be recorded.
pub async fn mark_held(state: &AppState, user: &user_account::Model, session_id: i32) -> Result<(), AppError> {
    check_secretariat(user)?;
    let txn = write_txn(&state.db).await?;
    let session = find(&txn, session_id).await?;
    if status_of(&session) != SessionStatus::AgendaLocked {
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
    let item = agenda_item::Entity::find_by_id(item_id)
        .one(&txn)
        .await
        .or_internal("reading an agenda item")?
        .ok_or(AppError::NotFound)?;
    let session = find(&txn, item.session_id).await?;
    if status_of(&session) != SessionStatus::Held {
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
        let holidays = followups::holiday_set(&txn).await?;
        let new = followups::NewFollowUps {
            opd_ids: &opd_ids,
            action: decision,
            agenda_item_id: Some(item.id),
            assigned_by: user.id,
            sla_days: working_days_between(wib_day(now), due, &holidays).max(0) as i32,
        };
        followups::create(&txn, &state.config, &found, new, now).await?;
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
    txn.commit().await.or_internal("committing an outcome")?;
    state.mail_bell.notify_one();
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
    if status_of(&session) != SessionStatus::Held {
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
            };
            notify(&txn, &state.config, now, &person, notice).await?;
        }
    }
    txn.commit().await.or_internal("committing the minutes")?;
    state.mail_bell.notify_one();
    Ok(())
}

/// Queues the reminder for every session that starts within a day: to those registered
/// and to the authors of its agenda items. Each reminder has its own idempotency key, so
/// running this any number of times sends each once.
pub async fn queue_reminders(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let soon = dialogue_session::Entity::find()
        .filter(dialogue_session::Column::StartsAt.gt(now))
        .filter(dialogue_session::Column::StartsAt.lte(now + Duration::hours(24)))
        .filter(dialogue_session::Column::Status.is_in([
            SessionStatus::Planned.as_str(),
            SessionStatus::AgendaOpen.as_str(),
            SessionStatus::AgendaLocked.as_str(),
        ]))
        .all(&state.db)
        .await
        .or_internal("reading sessions")?;
    let mut queued = 0;
    for session in soon {
        let txn = write_txn(&state.db).await?;
        let mut people: Vec<i32> = super::super::entities::session_registration::Entity::find()
            .select_only()
            .column(super::super::entities::session_registration::Column::UserId)
            .filter(super::super::entities::session_registration::Column::SessionId.eq(session.id))
            .filter(
                super::super::entities::session_registration::Column::Status
                    .eq(crate::model::session::RegistrationStatus::Confirmed),
            )
            .into_tuple()
            .all(&txn)
            .await
            .or_internal("reading registrations")?;
        let issue_ids: Vec<i32> = items_of(&txn, session.id).await?.iter().map(|i| i.issue_id).collect();
        let authors: Vec<i32> = issue::Entity::find()
            .select_only()
            .column(issue::Column::AuthorId)
            .filter(issue::Column::Id.is_in(issue_ids))
            .into_tuple()
            .all(&txn)
            .await
            .or_internal("reading authors")?;
        people.extend(authors);
        let link = format!("{}/sessions/{}", state.config.base_url, session.id);
        for person in user_account::Entity::find()
            .filter(user_account::Column::Id.is_in(people))
            .filter(user_account::Column::DisabledAt.is_null())
            .all(&txn)
            .await
            .or_internal("reading accounts")?
        {
            let locale = person.locale;
            let when = when_wib(session.starts_at, session.duration_minutes, locale);
            let rendered = templates::session_reminder(locale.texts(), &person.name, &when, &session.venue, &link);
            let key = format!(
                "reminder:{}:{}:{}",
                session.id,
                session.starts_at.timestamp(),
                person.id
            );
            let notice = Notice::plain(key, Topic::Sessions, rendered, link.clone());
            notify(&txn, &state.config, now, &person, notice).await?;
            queued += 1;
        }
        txn.commit().await.or_internal("committing reminders")?;
    }
    if queued > 0 {
        state.mail_bell.notify_one();
    }
    Ok(queued)
}
