//! Sessions as other use cases read them: one by id, its place, its registrations.

use crate::{
    domain::{
        entities::{dialogue_session, region, session_registration},
        error::OrInternal,
    },
    model::{
        AppError,
        session::{RegistrationStatus, SessionStatus},
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Select,
};
use std::collections::HashMap;

pub(crate) const CONFIRMED: RegistrationStatus = RegistrationStatus::Confirmed;

/// Sessions still to come after `now` that will be held (not held yet, not cancelled),
/// soonest first.
pub(crate) fn coming(now: DateTime<Utc>) -> Select<dialogue_session::Entity> {
    dialogue_session::Entity::find()
        .filter(dialogue_session::Column::StartsAt.gt(now))
        .filter(dialogue_session::Column::Status.is_in([
            SessionStatus::Planned,
            SessionStatus::AgendaOpen,
            SessionStatus::AgendaLocked,
        ]))
        .order_by_asc(dialogue_session::Column::StartsAt)
}

pub(crate) const WAITLISTED: RegistrationStatus = RegistrationStatus::Waitlisted;

pub(crate) async fn region_names(
    db: &impl ConnectionTrait,
    sessions: &[dialogue_session::Model],
) -> Result<HashMap<i32, String>, AppError> {
    let ids: Vec<i32> = sessions
        .iter()
        .flat_map(|s| [s.kecamatan_id, s.desa_id, s.host_kecamatan_id])
        .flatten()
        .collect();
    Ok(region::Entity::find()
        .filter(region::Column::Id.is_in(ids))
        .all(db)
        .await
        .or_internal("reading regions")?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect())
}

/// "Desa, Kecamatan" of a session from the names of its regions, or empty.
pub(crate) fn place_text(s: &dialogue_session::Model, names: &HashMap<i32, String>) -> String {
    let name = |id: Option<i32>| id.and_then(|id| names.get(&id).cloned());
    [name(s.desa_id), name(s.kecamatan_id)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Desa, Kecamatan" of a session, or empty.
pub async fn place_of(db: &impl ConnectionTrait, session: &dialogue_session::Model) -> Result<String, AppError> {
    let names = region_names(db, std::slice::from_ref(session)).await?;
    Ok(place_text(session, &names))
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<dialogue_session::Model, AppError> {
    dialogue_session::Entity::find_by_id(id)
        .one(db)
        .await
        .or_internal("reading a session")?
        .ok_or(AppError::NotFound)
}

/// How many registrations a session has, by status (for tests and the staff room).
pub async fn registration_counts(db: &DatabaseConnection, id: i32) -> Result<(u64, u64), AppError> {
    let count = |status: RegistrationStatus| {
        session_registration::Entity::find()
            .filter(session_registration::Column::SessionId.eq(id))
            .filter(session_registration::Column::Status.eq(status))
            .count(db)
    };
    let confirmed = count(CONFIRMED).await.or_internal("counting registrations")?;
    let waitlisted = count(WAITLISTED).await.or_internal("counting registrations")?;
    Ok((confirmed, waitlisted))
}
