//! Holidays as the working-day arithmetic and the session planner read them.

use crate::{
    domain::{entities::holiday, error::OrInternal},
    model::AppError,
};
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::HashSet;

/// Every holiday and cuti bersama day (a few dozen a year).
pub async fn holiday_set(conn: &impl ConnectionTrait) -> Result<HashSet<NaiveDate>, AppError> {
    Ok(holiday::Entity::find()
        .all(conn)
        .await
        .or_internal("reading holidays")?
        .into_iter()
        .map(|h| h.day)
        .collect())
}

pub(crate) async fn holidays(db: &impl ConnectionTrait) -> Result<Vec<(NaiveDate, String)>, AppError> {
    Ok(holiday::Entity::find()
        .all(db)
        .await
        .or_internal("reading holidays")?
        .into_iter()
        .map(|h| (h.day, h.description))
        .collect())
}
