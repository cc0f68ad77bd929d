//! Live polls: the secretariat opens a question on the item on the floor (one open at a
//! time) and closes it; a signed-in, verified resident answers once, and may change the
//! answer until it closes. The database keeps one answer per account (the primary key of
//! `live_poll_answer`); an answer locks the poll's row against a close at the same moment,
//! so an answer either counts before the close or is refused after it.

use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{LockType, OnConflict},
};

use super::live::{changed, close_open_polls, finish, running};
use crate::{
    domain::{
        AppState,
        entities::{live_poll, live_poll_answer, user_account},
        error::{OrInternal, write_txn},
        rules::access::{check_secretariat, role_of},
    },
    model::{
        AppError, ErrorCode,
        account::Role,
        error::Problems,
        live::{parse_choices, parse_question},
    },
};

/// Opens a poll on the item on the floor; `choices` one per line (none: yes and no).
pub async fn open_poll(
    state: &AppState,
    user: &user_account::Model,
    session_id: i32,
    question: &str,
    choices: &str,
) -> Result<(), AppError> {
    check_secretariat(user)?;
    let t = user.locale.texts();
    let mut problems = Problems::default();
    let question = problems.check("question", parse_question(question));
    let choices = problems.check("choices", parse_choices(choices, [t.poll_yes, t.poll_no]));
    problems.into_result()?;
    let (Some(question), Some(choices)) = (question, choices) else {
        return Err(AppError::field("question", ErrorCode::Required));
    };
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let live = running(&txn, session_id).await?;
    let open = live_poll::Entity::find()
        .filter(live_poll::Column::SessionId.eq(session_id))
        .filter(live_poll::Column::ClosedAt.is_null())
        .one(&txn)
        .await
        .or_internal("reading the open poll")?;
    if open.is_some() {
        return Err(AppError::field("question", ErrorCode::NotNow));
    }
    live_poll::ActiveModel {
        session_id: Set(session_id),
        item_id: Set(live.current_item_id),
        question: Set(question),
        choices: Set(choices.join("\n")),
        opened_at: Set(now),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .or_internal("opening a poll")?;
    changed(&txn, session_id, now).await?;
    finish(state, txn, session_id).await
}

/// Closes poll `poll_id`: its counts stand from now on. Returns the session's id.
pub async fn close_poll(state: &AppState, user: &user_account::Model, poll_id: i32) -> Result<i32, AppError> {
    check_secretariat(user)?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let poll = live_poll::Entity::find_by_id(poll_id)
        .one(&txn)
        .await
        .or_internal("reading a poll")?
        .ok_or(AppError::NotFound)?;
    if close_open_polls(&txn, Some(poll.id), poll.session_id, now).await? != 1 {
        return Err(AppError::field("", ErrorCode::NotNow));
    }
    changed(&txn, poll.session_id, now).await?;
    finish(state, txn, poll.session_id).await?;
    Ok(poll.session_id)
}

/// Answers poll `poll_id` with choice `choice` (its index), or changes the answer given.
/// Returns the session's id.
pub async fn answer_poll(
    state: &AppState,
    user: &user_account::Model,
    poll_id: i32,
    choice: &str,
) -> Result<i32, AppError> {
    if role_of(user) != Role::Resident || user.email_verified_at.is_none() {
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    // Locks the open poll against a close until this answer commits (PostgreSQL; SQLite's
    // write transactions are one at a time already).
    let poll = live_poll::Entity::find_by_id(poll_id)
        .lock(LockType::Share)
        .one(&txn)
        .await
        .or_internal("reading a poll")?
        .ok_or(AppError::NotFound)?;
    if poll.closed_at.is_some() {
        return Err(AppError::field("choice", ErrorCode::NotNow));
    }
    let choice = choice
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|c| *c < poll.choices.lines().count())
        .and_then(|c| i32::try_from(c).ok())
        .ok_or_else(|| AppError::field("choice", ErrorCode::UnknownChoice))?;
    live_poll_answer::Entity::insert(live_poll_answer::ActiveModel {
        poll_id: Set(poll.id),
        user_id: Set(user.id),
        choice: Set(choice),
        answered_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([live_poll_answer::Column::PollId, live_poll_answer::Column::UserId])
            .update_columns([live_poll_answer::Column::Choice, live_poll_answer::Column::AnsweredAt])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await
    .or_internal("answering a poll")?;
    changed(&txn, poll.session_id, now).await?;
    finish(state, txn, poll.session_id).await?;
    Ok(poll.session_id)
}
