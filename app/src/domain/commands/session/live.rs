//! The secretariat's console for the Friday hour: start, pause, resume, take up the next
//! item or any item, end; notes per item; and the one place that tells every viewer that
//! something changed.
//!
//! Every change raises `session_live.seq` with a compare-and-set on the value it read, so
//! two consoles never overwrite each other (the second is refused and reloads). On
//! PostgreSQL the change is also announced with `NOTIFY` inside the transaction, which the
//! database delivers to every instance's listener only once it commits; on SQLite one
//! process serves every viewer, and the bell rung after the commit is enough.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Statement,
    sea_query::{Expr, ExprTrait, OnConflict},
};

use crate::{
    domain::{
        AppState,
        commands::agenda::set_status,
        entities::{agenda_item, dialogue_session, live_poll, session_live, user_account},
        error::{OrInternal, write_txn},
        queries::{
            self,
            agenda::{items_of, order_of},
            sessions::find,
        },
        rules::access::check_secretariat,
        views,
    },
    model::{
        AppError, ErrorCode,
        live::{LiveState, LiveStep, NOTES_MAX, next_item},
        session::SessionStatus,
    },
};

/// The PostgreSQL channel live changes are announced on; the payload is the session id.
pub const LIVE_CHANNEL: &str = "jatinan_live";

/// Takes one step of the console (`start`, `pause`, `resume`, `next`, `end`).
pub async fn live_step(
    state: &AppState,
    user: &user_account::Model,
    session_id: i32,
    raw: &str,
) -> Result<(), AppError> {
    check_secretariat(user)?;
    let step = LiveStep::parse(raw).ok_or_else(|| AppError::field("step", ErrorCode::UnknownChoice))?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let session = find(&txn, session_id).await?;
    let live = session_live::Entity::find_by_id(session_id)
        .one(&txn)
        .await
        .or_internal("reading a live session")?;
    if !step.allowed_from(live.as_ref().map(|l| l.state)) {
        return Err(AppError::field("", ErrorCode::NotNow));
    }
    let items = items_of(&txn, session_id).await?;
    let order = order_of(&items);
    let decided: Vec<i32> = items.iter().filter(|i| i.discussed.is_some()).map(|i| i.id).collect();
    let Some(live) = live else {
        // Start: a locked agenda is held from now on (as "mark held" does), and its first
        // open item is taken up.
        if !matches!(session.status, SessionStatus::AgendaLocked | SessionStatus::Held) {
            return Err(AppError::field("", ErrorCode::NotNow));
        }
        if session.status == SessionStatus::AgendaLocked {
            set_status(&txn, &session, SessionStatus::Held, now, false).await?;
        }
        let first = next_item(&order, None, &decided);
        let started = session_live::Entity::insert(session_live::ActiveModel {
            session_id: Set(session_id),
            state: Set(LiveState::Live),
            current_item_id: Set(first),
            item_since: Set(first.map(|_| now)),
            started_at: Set(now),
            ended_at: Set(None),
            seq: Set(1),
            updated_at: Set(now),
        })
        .on_conflict(
            OnConflict::column(session_live::Column::SessionId)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await
        .or_internal("starting a live session")?;
        if started != 1 {
            return Err(AppError::field("", ErrorCode::NotNow));
        }
        announce(&txn, session_id).await?;
        return finish(state, txn, session_id).await;
    };
    bank(&txn, &live, now).await?;
    let mut next = Moved::from(&live);
    match step {
        LiveStep::Start => return Err(AppError::field("", ErrorCode::NotNow)),
        LiveStep::Pause => {
            next.state = LiveState::Paused;
            next.item_since = None;
        }
        LiveStep::Resume => {
            next.state = LiveState::Live;
            next.item_since = live.current_item_id.map(|_| now);
        }
        LiveStep::Next => {
            next.current = next_item(&order, live.current_item_id, &decided);
            next.item_since = next.current.filter(|_| live.state == LiveState::Live).map(|_| now);
        }
        LiveStep::End => {
            close_open_polls(&txn, None, session_id, now).await?;
            next.state = LiveState::Ended;
            next.current = None;
            next.item_since = None;
            next.ended_at = Some(now);
        }
    }
    move_live(&txn, &live, next, now).await?;
    if step == LiveStep::End && session.minutes_md.as_deref().is_none_or(|m| m.trim().is_empty()) {
        // The draft waits on the session page for the secretariat to edit and publish; it
        // never replaces minutes someone already typed.
        let draft = views::minutes::minutes_draft(&txn, &session, user.locale).await?;
        dialogue_session::Entity::update_many()
            .col_expr(dialogue_session::Column::MinutesMd, Expr::value(Some(draft)))
            .filter(dialogue_session::Column::Id.eq(session_id))
            .exec(&txn)
            .await
            .or_internal("drafting the minutes")?;
    }
    finish(state, txn, session_id).await
}

/// Takes up item `item_id` (any item of the session, decided or not) while live or paused.
pub async fn take_up(
    state: &AppState,
    user: &user_account::Model,
    session_id: i32,
    item_id: i32,
) -> Result<(), AppError> {
    check_secretariat(user)?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let live = running(&txn, session_id).await?;
    let item = agenda_item::Entity::find_by_id(item_id)
        .one(&txn)
        .await
        .or_internal("reading an agenda item")?
        .filter(|i| i.session_id == session_id)
        .ok_or_else(|| AppError::field("item", ErrorCode::UnknownChoice))?;
    bank(&txn, &live, now).await?;
    let mut next = Moved::from(&live);
    next.current = Some(item.id);
    next.item_since = (live.state == LiveState::Live).then_some(now);
    move_live(&txn, &live, next, now).await?;
    finish(state, txn, session_id).await
}

/// Keeps the notes on an item (the minutes' draft takes them). Returns the session's id.
pub async fn save_notes(
    state: &AppState,
    user: &user_account::Model,
    item_id: i32,
    notes: &str,
) -> Result<i32, AppError> {
    check_secretariat(user)?;
    let notes = notes.trim();
    if notes.chars().count() > NOTES_MAX {
        return Err(AppError::field("notes", ErrorCode::TooLong { max: NOTES_MAX }));
    }
    let txn = write_txn(&state.db).await?;
    let item = queries::agenda::item(&txn, item_id).await?;
    let session = find(&txn, item.session_id).await?;
    if session.status != SessionStatus::Held {
        return Err(AppError::field("", ErrorCode::NotNow));
    }
    agenda_item::Entity::update_many()
        .col_expr(
            agenda_item::Column::NotesMd,
            Expr::value(Some(notes.to_owned()).filter(|n| !n.is_empty())),
        )
        .filter(agenda_item::Column::Id.eq(item.id))
        .exec(&txn)
        .await
        .or_internal("saving notes")?;
    changed(&txn, session.id, state.clock.now()).await?;
    finish(state, txn, session.id).await?;
    Ok(session.id)
}

/// The live row of a session that is live or paused.
pub(crate) async fn running(conn: &impl ConnectionTrait, session_id: i32) -> Result<session_live::Model, AppError> {
    find(conn, session_id).await?;
    session_live::Entity::find_by_id(session_id)
        .one(conn)
        .await
        .or_internal("reading a live session")?
        .filter(|l| l.state != LiveState::Ended)
        .ok_or_else(|| AppError::field("", ErrorCode::NotNow))
}

/// Something a viewer sees changed in session `session_id` (an outcome, an item from the
/// floor, a speaker): raise `seq` if the session is live and announce it. A session that
/// was never started has nobody watching it live.
pub(crate) async fn changed(conn: &impl ConnectionTrait, session_id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let raised = session_live::Entity::update_many()
        .col_expr(session_live::Column::Seq, Expr::col(session_live::Column::Seq).add(1))
        .col_expr(session_live::Column::UpdatedAt, Expr::value(now))
        .filter(session_live::Column::SessionId.eq(session_id))
        .exec(conn)
        .await
        .or_internal("raising a live session's sequence")?;
    if raised.rows_affected == 1 {
        announce(conn, session_id).await?;
    }
    Ok(())
}

/// Commits, then rings the bell this instance's viewers listen to.
pub(crate) async fn finish(
    state: &AppState,
    txn: sea_orm::DatabaseTransaction,
    session_id: i32,
) -> Result<(), AppError> {
    txn.commit().await.or_internal("committing a live change")?;
    ring(state, session_id);
    Ok(())
}

/// Tells this instance's live viewers of session `session_id` (after a commit).
pub(crate) fn ring(state: &AppState, session_id: i32) {
    // Nobody may be watching: a bell with no listener is not a failure.
    state.live_bell.send(session_id).ok();
}

/// On PostgreSQL, `NOTIFY` every instance; delivered when (and only if) the transaction commits.
async fn announce(conn: &impl ConnectionTrait, session_id: i32) -> Result<(), AppError> {
    if conn.get_database_backend() == DbBackend::Postgres {
        conn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [LIVE_CHANNEL.into(), session_id.to_string().into()],
        ))
        .await
        .or_internal("announcing a live change")?;
    }
    Ok(())
}

/// Adds the running time of the item on the floor to what it has spent.
async fn bank(conn: &impl ConnectionTrait, live: &session_live::Model, now: DateTime<Utc>) -> Result<(), AppError> {
    if let (Some(item), Some(since)) = (live.current_item_id, live.item_since) {
        let seconds = i32::try_from(std::cmp::max((now - since).num_seconds(), 0)).unwrap_or(i32::MAX);
        agenda_item::Entity::update_many()
            .col_expr(
                agenda_item::Column::SpentSeconds,
                Expr::col(agenda_item::Column::SpentSeconds).add(seconds),
            )
            .filter(agenda_item::Column::Id.eq(item))
            .exec(conn)
            .await
            .or_internal("counting an item's time")?;
    }
    Ok(())
}

/// The live row after a step.
struct Moved {
    state: LiveState,
    current: Option<i32>,
    item_since: Option<DateTime<Utc>>,
    ended_at: Option<DateTime<Utc>>,
}

impl From<&session_live::Model> for Moved {
    fn from(live: &session_live::Model) -> Self {
        Self {
            state: live.state,
            current: live.current_item_id,
            item_since: live.item_since,
            ended_at: live.ended_at,
        }
    }
}

/// Writes the step if nobody moved the session since `live` was read; refused otherwise.
async fn move_live(
    conn: &impl ConnectionTrait,
    live: &session_live::Model,
    to: Moved,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let moved = session_live::Entity::update_many()
        .col_expr(session_live::Column::State, Expr::value(to.state.as_str()))
        .col_expr(session_live::Column::CurrentItemId, Expr::value(to.current))
        .col_expr(session_live::Column::ItemSince, Expr::value(to.item_since))
        .col_expr(session_live::Column::EndedAt, Expr::value(to.ended_at))
        .col_expr(session_live::Column::Seq, Expr::value(live.seq + 1))
        .col_expr(session_live::Column::UpdatedAt, Expr::value(now))
        .filter(session_live::Column::SessionId.eq(live.session_id))
        .filter(session_live::Column::Seq.eq(live.seq))
        .exec(conn)
        .await
        .or_internal("moving a live session")?;
    if moved.rows_affected != 1 {
        return Err(AppError::field("", ErrorCode::NotNow));
    }
    announce(conn, live.session_id).await
}

/// Closes the open polls of a session (only `poll` if given); how many were open.
pub(crate) async fn close_open_polls(
    conn: &impl ConnectionTrait,
    poll: Option<i32>,
    session_id: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<u64, AppError> {
    let mut update = live_poll::Entity::update_many()
        .col_expr(live_poll::Column::ClosedAt, Expr::value(now))
        .filter(live_poll::Column::SessionId.eq(session_id))
        .filter(live_poll::Column::ClosedAt.is_null());
    if let Some(id) = poll {
        update = update.filter(live_poll::Column::Id.eq(id));
    }
    Ok(update.exec(conn).await.or_internal("closing polls")?.rows_affected)
}
