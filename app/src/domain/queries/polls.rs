//! A live session's polls with their counts, as the live views and the minutes read them.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::{
    domain::{
        entities::{live_poll, live_poll_answer},
        error::OrInternal,
    },
    model::{AppError, live::PollView},
};

/// The polls of session `session_id`, oldest first, each with its counts.
pub async fn of_session(conn: &impl ConnectionTrait, session_id: i32) -> Result<Vec<PollView>, AppError> {
    let polls = live_poll::Entity::find()
        .filter(live_poll::Column::SessionId.eq(session_id))
        .order_by_asc(live_poll::Column::Id)
        .all(conn)
        .await
        .or_internal("reading polls")?;
    let mut views = Vec::with_capacity(polls.len());
    for poll in polls {
        views.push(counted(conn, poll).await?);
    }
    Ok(views)
}

/// The latest poll of session `session_id`, with its counts.
pub async fn latest(conn: &impl ConnectionTrait, session_id: i32) -> Result<Option<PollView>, AppError> {
    let poll = live_poll::Entity::find()
        .filter(live_poll::Column::SessionId.eq(session_id))
        .order_by_desc(live_poll::Column::Id)
        .one(conn)
        .await
        .or_internal("reading the latest poll")?;
    match poll {
        Some(poll) => Ok(Some(counted(conn, poll).await?)),
        None => Ok(None),
    }
}

async fn counted(conn: &impl ConnectionTrait, poll: live_poll::Model) -> Result<PollView, AppError> {
    let tallies: HashMap<i32, i64> = live_poll_answer::Entity::find()
        .select_only()
        .column(live_poll_answer::Column::Choice)
        .column_as(live_poll_answer::Column::UserId.count(), "answers")
        .filter(live_poll_answer::Column::PollId.eq(poll.id))
        .group_by(live_poll_answer::Column::Choice)
        .into_tuple::<(i32, i64)>()
        .all(conn)
        .await
        .or_internal("counting a poll's answers")?
        .into_iter()
        .collect();
    let choices: Vec<(String, u32)> = poll
        .choices
        .lines()
        .enumerate()
        .map(|(n, label)| {
            let count = i32::try_from(n)
                .ok()
                .and_then(|n| tallies.get(&n))
                .copied()
                .unwrap_or(0);
            (label.to_owned(), u32::try_from(count).unwrap_or(0))
        })
        .collect();
    Ok(PollView {
        id: poll.id,
        question: poll.question,
        total: choices.iter().map(|(_, c)| c).sum(),
        choices,
        open: poll.closed_at.is_none(),
    })
}
