//! Registering to attend a session, within capacity, else on a waitlist that moves up
//! when someone cancels.

use crate::domain::queries::sessions::CONFIRMED;
use crate::domain::queries::sessions::WAITLISTED;
use crate::domain::queries::sessions::find;
use crate::{
    domain::{
        AppState,
        entities::{dialogue_session, region, session_registration, user_account},
        error::{OrInternal, write_txn},
        mail::{
            notify::{Notice, notify},
            templates,
        },
        queries::time::when_wib,
        rules::access::check_can_post,
    },
    model::{AppError, ErrorCode, admin::RegionKind, mail::Topic},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait, OnConflict},
};

/// Registers `user` to attend, from `desa` if they say (a village id, for the attendance
/// list): confirmed while places last, else on the waitlist. A second press changes
/// nothing. Exact under concurrency: the place is taken by one conditional update of the
/// session's counter.
pub async fn register(state: &AppState, user: &user_account::Model, id: i32, desa: &str) -> Result<(), AppError> {
    check_can_post(user)?;
    let now = state.clock.now();
    let desa_id = match desa.trim() {
        "" => None,
        raw => Some(village(state, raw).await?),
    };
    let txn = write_txn(&state.db).await?;
    let session = find(&txn, id).await?;
    if !session.status.open_for_registration() || session.starts_at <= now {
        return Err(AppError::Forbidden);
    }
    let added = session_registration::Entity::insert(session_registration::ActiveModel {
        session_id: Set(id),
        user_id: Set(user.id),
        status: Set(WAITLISTED),
        desa_id: Set(desa_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            session_registration::Column::SessionId,
            session_registration::Column::UserId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await
    .or_internal("registering")?;
    if added == 1 && take_place(&txn, id).await? {
        session_registration::Entity::update_many()
            .col_expr(session_registration::Column::Status, Expr::value(CONFIRMED))
            .filter(session_registration::Column::SessionId.eq(id))
            .filter(session_registration::Column::UserId.eq(user.id))
            .exec(&txn)
            .await
            .or_internal("confirming a registration")?;
    }
    txn.commit().await.or_internal("committing a registration")
}

/// The village a registrant names, if the id is one.
async fn village(state: &AppState, raw: &str) -> Result<i32, AppError> {
    let unknown = || AppError::field("desa", ErrorCode::UnknownRegion);
    let id = raw.parse::<i32>().map_err(|_| unknown())?;
    region::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .or_internal("reading a region")?
        .filter(|r| r.kind != RegionKind::Kecamatan)
        .map(|r| r.id)
        .ok_or_else(unknown)
}

/// Takes one place if one is free.
async fn take_place(conn: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    let taken = dialogue_session::Entity::update_many()
        .col_expr(
            dialogue_session::Column::ConfirmedCount,
            Expr::col(dialogue_session::Column::ConfirmedCount).add(1),
        )
        .filter(dialogue_session::Column::Id.eq(id))
        .filter(Expr::col(dialogue_session::Column::ConfirmedCount).lt(Expr::col(dialogue_session::Column::Capacity)))
        .exec(conn)
        .await
        .or_internal("taking a place")?;
    Ok(taken.rows_affected == 1)
}

/// Withdraws `user`'s registration. A freed place goes to the first on the waitlist, who is
/// told by email.
pub async fn unregister(state: &AppState, user: &user_account::Model, id: i32) -> Result<(), AppError> {
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let session = find(&txn, id).await?;
    let Some(mine) = session_registration::Entity::find()
        .filter(session_registration::Column::SessionId.eq(id))
        .filter(session_registration::Column::UserId.eq(user.id))
        .one(&txn)
        .await
        .or_internal("reading a registration")?
    else {
        return txn.commit().await.or_internal("committing");
    };
    free_place(&txn, state, &session, &mine, now).await?;
    txn.commit().await.or_internal("committing a withdrawal")?;
    state.mail_bell.notify_one();
    Ok(())
}

/// Deletes the registration `mine` of `session`; a confirmed place goes to the first on
/// the waitlist, who is told by email. Also used when an account is deleted.
pub(crate) async fn free_place(
    conn: &impl ConnectionTrait,
    state: &AppState,
    session: &dialogue_session::Model,
    mine: &session_registration::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    session_registration::Entity::delete_by_id(mine.id)
        .exec(conn)
        .await
        .or_internal("withdrawing a registration")?;
    if mine.status == CONFIRMED {
        dialogue_session::Entity::update_many()
            .col_expr(
                dialogue_session::Column::ConfirmedCount,
                Expr::col(dialogue_session::Column::ConfirmedCount).sub(1),
            )
            .filter(dialogue_session::Column::Id.eq(session.id))
            .exec(conn)
            .await
            .or_internal("freeing a place")?;
        promote(conn, state, session, now).await?;
    }
    Ok(())
}

/// Gives free places to the waitlist in order, telling each person promoted.
async fn promote(
    conn: &impl ConnectionTrait,
    state: &AppState,
    session: &dialogue_session::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let waiting = session_registration::Entity::find()
        .filter(session_registration::Column::SessionId.eq(session.id))
        .filter(session_registration::Column::Status.eq(WAITLISTED))
        .order_by_asc(session_registration::Column::Id)
        .all(conn)
        .await
        .or_internal("reading the waitlist")?;
    for next in waiting {
        if !take_place(conn, session.id).await? {
            break;
        }
        let moved = session_registration::Entity::update_many()
            .col_expr(session_registration::Column::Status, Expr::value(CONFIRMED))
            .col_expr(session_registration::Column::UpdatedAt, Expr::value(now))
            .filter(session_registration::Column::Id.eq(next.id))
            .filter(session_registration::Column::Status.eq(WAITLISTED))
            .exec(conn)
            .await
            .or_internal("promoting from the waitlist")?;
        if moved.rows_affected == 0 {
            continue;
        }
        if let Some(person) = user_account::Entity::find_by_id(next.user_id)
            .one(conn)
            .await
            .or_internal("reading an account")?
        {
            let locale = person.locale;
            let when = when_wib(session.starts_at, session.duration_minutes, locale);
            let link = format!("{}/sessions/{}", state.config.base_url, session.id);
            let rendered = templates::session_place(locale.texts(), &person.name, &when, &session.venue, &link);
            let key = format!("session-place:{}:{}", session.id, next.id);
            let notice = Notice::plain(key, Topic::Sessions, rendered, link);
            notify(conn, &state.config, now, &person, notice).await?;
        }
    }
    Ok(())
}
