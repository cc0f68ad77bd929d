//! The speaker queue of the live hour: the secretariat queues a registrant or a name from
//! the floor, calls the next one (the one before has then spoken), or marks a speaker done.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr};

use super::live::{changed, finish, running};
use crate::{
    domain::{
        AppState,
        entities::{live_speaker, session_registration, user_account},
        error::{OrInternal, write_txn},
        rules::access::check_secretariat,
    },
    model::{AppError, ErrorCode, account::parse_name},
};

/// Queues a speaker: registration `registration` of this session (its holder's name), or
/// else the `name` typed for someone from the floor.
pub async fn add_speaker(
    state: &AppState,
    user: &user_account::Model,
    session_id: i32,
    registration: &str,
    name: &str,
) -> Result<(), AppError> {
    check_secretariat(user)?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let live = running(&txn, session_id).await?;
    let (registration_id, name) = match registration.trim().parse::<i32>() {
        Ok(id) => {
            let found = session_registration::Entity::find_by_id(id)
                .one(&txn)
                .await
                .or_internal("reading a registration")?
                .filter(|r| r.session_id == session_id)
                .ok_or_else(|| AppError::field("registration", ErrorCode::UnknownChoice))?;
            let holder = user_account::Entity::find_by_id(found.user_id)
                .one(&txn)
                .await
                .or_internal("reading a registrant")?
                .ok_or_else(|| AppError::field("registration", ErrorCode::UnknownChoice))?;
            (Some(found.id), holder.name)
        }
        Err(_) => (None, parse_name(name).map_err(|code| AppError::field("name", code))?),
    };
    let last = live_speaker::Entity::find()
        .filter(live_speaker::Column::SessionId.eq(session_id))
        .order_by_desc(live_speaker::Column::Position)
        .one(&txn)
        .await
        .or_internal("reading the speaker queue")?
        .map_or(0, |s| s.position);
    live_speaker::ActiveModel {
        session_id: Set(session_id),
        item_id: Set(live.current_item_id),
        name: Set(name),
        registration_id: Set(registration_id),
        position: Set(last + 1),
        called_at: Set(None),
        spoken_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .or_internal("queueing a speaker")?;
    changed(&txn, session_id, now).await?;
    finish(state, txn, session_id).await
}

/// Calls the first speaker still waiting; whoever was called before has spoken.
pub async fn call_next_speaker(state: &AppState, user: &user_account::Model, session_id: i32) -> Result<(), AppError> {
    check_secretariat(user)?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    running(&txn, session_id).await?;
    let waiting = live_speaker::Entity::find()
        .filter(live_speaker::Column::SessionId.eq(session_id))
        .filter(live_speaker::Column::CalledAt.is_null())
        .order_by_asc(live_speaker::Column::Position)
        .one(&txn)
        .await
        .or_internal("reading the speaker queue")?
        .ok_or_else(|| AppError::field("", ErrorCode::NotNow))?;
    live_speaker::Entity::update_many()
        .col_expr(live_speaker::Column::SpokenAt, Expr::value(now))
        .filter(live_speaker::Column::SessionId.eq(session_id))
        .filter(live_speaker::Column::CalledAt.is_not_null())
        .filter(live_speaker::Column::SpokenAt.is_null())
        .exec(&txn)
        .await
        .or_internal("closing the last speaker")?;
    // Compare-and-set: a second console calling at the same moment calls nobody twice.
    let called = live_speaker::Entity::update_many()
        .col_expr(live_speaker::Column::CalledAt, Expr::value(now))
        .filter(live_speaker::Column::Id.eq(waiting.id))
        .filter(live_speaker::Column::CalledAt.is_null())
        .exec(&txn)
        .await
        .or_internal("calling a speaker")?;
    if called.rows_affected != 1 {
        return Err(AppError::field("", ErrorCode::NotNow));
    }
    changed(&txn, session_id, now).await?;
    finish(state, txn, session_id).await
}

/// Marks speaker `speaker_id` as having spoken. Returns the session's id.
pub async fn mark_spoken(state: &AppState, user: &user_account::Model, speaker_id: i32) -> Result<i32, AppError> {
    check_secretariat(user)?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let speaker = live_speaker::Entity::find_by_id(speaker_id)
        .one(&txn)
        .await
        .or_internal("reading a speaker")?
        .ok_or(AppError::NotFound)?;
    running(&txn, speaker.session_id).await?;
    let marked = live_speaker::Entity::update_many()
        .col_expr(live_speaker::Column::SpokenAt, Expr::value(now))
        .col_expr(
            live_speaker::Column::CalledAt,
            Expr::value(speaker.called_at.unwrap_or(now)),
        )
        .filter(live_speaker::Column::Id.eq(speaker.id))
        .filter(live_speaker::Column::SpokenAt.is_null())
        .exec(&txn)
        .await
        .or_internal("marking a speaker")?;
    if marked.rows_affected != 1 {
        return Err(AppError::field("", ErrorCode::NotNow));
    }
    changed(&txn, speaker.session_id, now).await?;
    finish(state, txn, speaker.session_id).await?;
    Ok(speaker.session_id)
}
