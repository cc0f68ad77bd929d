//! A session's agenda as its use cases read it: the session if still open, its items,
//! the place of each issue.

use crate::{
    domain::{
        entities::{agenda_item, category, dialogue_session, issue, region},
        error::OrInternal,
        queries::sessions::find,
    },
    i18n::Locale,
    model::{AppError, session::SessionStatus},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The session, if its agenda can still be changed.
pub(crate) async fn open_session(conn: &impl ConnectionTrait, id: i32) -> Result<dialogue_session::Model, AppError> {
    let session = find(conn, id).await?;
    if !matches!(session.status, SessionStatus::Planned | SessionStatus::AgendaOpen) {
        return Err(AppError::Forbidden);
    }
    Ok(session)
}

pub(crate) async fn items_of(
    conn: &impl ConnectionTrait,
    session_id: i32,
) -> Result<Vec<agenda_item::Model>, AppError> {
    agenda_item::Entity::find()
        .filter(agenda_item::Column::SessionId.eq(session_id))
        .order_by_asc(agenda_item::Column::Position)
        .all(conn)
        .await
        .or_internal("reading the agenda")
}

pub(crate) async fn places(
    conn: &impl ConnectionTrait,
    issues: &[issue::Model],
) -> Result<HashMap<i32, String>, AppError> {
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

pub(crate) fn place(names: &HashMap<i32, String>, issue: &issue::Model) -> String {
    let name = |id: &i32| names.get(id).cloned().unwrap_or_default();
    format!("{}, {}", name(&issue.desa_id), name(&issue.kecamatan_id))
}

/// The issues of agenda items `items`, by id.
pub(crate) async fn issues_of(
    conn: &impl ConnectionTrait,
    items: &[agenda_item::Model],
) -> Result<HashMap<i32, issue::Model>, AppError> {
    Ok(issue::Entity::find()
        .filter(issue::Column::Id.is_in(items.iter().map(|i| i.issue_id)))
        .all(conn)
        .await
        .or_internal("reading agenda issues")?
        .into_iter()
        .map(|i| (i.id, i))
        .collect())
}

/// Every category's name in `locale`, by id (a `rahasia` item is named by its category).
pub(crate) async fn category_names(
    conn: &impl ConnectionTrait,
    locale: Locale,
) -> Result<HashMap<i32, String>, AppError> {
    Ok(category::Entity::find()
        .all(conn)
        .await
        .or_internal("reading categories")?
        .into_iter()
        .map(|c| (c.id, if locale == Locale::Id { c.name_id } else { c.name_en }))
        .collect())
}

/// Agenda item `id`.
pub(crate) async fn item(conn: &impl ConnectionTrait, id: i32) -> Result<agenda_item::Model, AppError> {
    agenda_item::Entity::find_by_id(id)
        .one(conn)
        .await
        .or_internal("reading an agenda item")?
        .ok_or(AppError::NotFound)
}

/// The items' ids in the order the live hour takes them up (the agenda, then the floor's).
pub(crate) fn order_of(rows: &[agenda_item::Model]) -> Vec<i32> {
    crate::model::live::floor_order(
        &rows
            .iter()
            .map(|r| (r.id, r.from_floor, r.position))
            .collect::<Vec<_>>(),
    )
}
