//! Building an agenda: add an issue, order the items, give each a time slot, lock it (each
//! item's author and followers are told, with the session as a calendar invitation).

use crate::domain::queries::agenda::items_of;
use crate::domain::queries::agenda::open_session;
use crate::domain::rules::access::check_secretariat;
use crate::domain::views::agenda::taken_issues;
use crate::{
    domain::{
        AppState,
        calendar::{calendar_text, session_event},
        entities::{agenda_item, dialogue_session, issue, user_account},
        error::{OrInternal, write_txn},
        mail::{
            notify::{Notice, notify},
            templates,
        },
        notices::issue_audience,
        queries::{
            sessions::{find, place_of},
            time::when_wib,
        },
        rules::issue_flow::{Move, transition},
    },
    model::{
        AppError, ErrorCode,
        issue::IssueStatus,
        issue_flow::{IssueActor, IssueTransition},
        session::{SLOT_DEFAULT, SessionStatus, parse_number},
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr,
};

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
            // A `rahasia` issue may go on an agenda too: the public agenda shows only
            // "aduan rahasia" and its category.
            matches!(i.status, IssueStatus::Published | IssueStatus::Reopened) && i.hidden_at.is_none()
        })
        .ok_or_else(|| AppError::field("issue", ErrorCode::UnknownIssue))?;
    if taken_issues(&txn).await?.contains(&candidate.id) {
        return Err(AppError::field("issue", ErrorCode::UnknownIssue));
    }
    append_item(&txn, session.id, candidate.id, false, state.clock.now()).await?;
    if session.status == SessionStatus::Planned {
        set_status(&txn, &session, SessionStatus::AgendaOpen, state.clock.now(), false).await?;
    }
    txn.commit().await.or_internal("committing an agenda item")
}

/// Puts `issue_id` last on the session's agenda with the default slot; `from_floor` marks an
/// item raised on the day.
pub(crate) async fn append_item(
    conn: &impl ConnectionTrait,
    session_id: i32,
    issue_id: i32,
    from_floor: bool,
    now: DateTime<Utc>,
) -> Result<agenda_item::Model, AppError> {
    let last = items_of(conn, session_id)
        .await?
        .iter()
        .map(|i| i.position)
        .max()
        .unwrap_or(0);
    agenda_item::ActiveModel {
        session_id: Set(session_id),
        issue_id: Set(issue_id),
        position: Set(last + 1),
        slot_minutes: Set(SLOT_DEFAULT),
        discussed: Set(None),
        decision_md: Set(None),
        decision_html: Set(None),
        from_floor: Set(from_floor),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
    .or_internal("adding an agenda item")
}

/// The issue is now on the agenda of a locked session, by the secretariat's `user_id`.
pub(crate) async fn schedule(
    conn: &impl ConnectionTrait,
    found: &issue::Model,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let how = Move {
        actor: IssueActor::Secretariat,
        by: Some(user_id),
        note: None,
        at: now,
    };
    transition(conn, found, IssueTransition::Schedule, how).await.map(drop)
}

pub(crate) async fn set_status(
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
    let item = crate::domain::queries::agenda::item(conn, item_id).await?;
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
            schedule(&txn, &found, user.id, now).await?;
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
