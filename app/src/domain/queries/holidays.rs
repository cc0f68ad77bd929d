//! Holidays as the working-day arithmetic and the session planner read them.

use crate::{
    domain::{
        entities::{dialogue_session, holiday},
        error::OrInternal,
        queries::{sessions::coming, time::wib_day},
    },
    model::{AppError, follow_up::fixed_holiday},
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::{BTreeSet, HashMap, HashSet};

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

/// How far the table reaches: the last year with a day in it, and the years whose list is
/// still provisional (estimated dates).
pub(crate) async fn coverage(conn: &impl ConnectionTrait) -> Result<(Option<i32>, Vec<i32>), AppError> {
    let rows = holiday::Entity::find()
        .all(conn)
        .await
        .or_internal("reading holidays")?;
    let last = rows.iter().map(|h| h.day.year()).max();
    let provisional: BTreeSet<i32> = rows.iter().filter(|h| h.provisional).map(|h| h.day.year()).collect();
    Ok((last, provisional.into_iter().collect()))
}

/// Sessions still to come (not held, not cancelled) on a day that is a holiday, by the
/// table or by rule: (session, the holiday's name). The secretariat moves them; nothing
/// moves them silently.
pub(crate) async fn sessions_on_holidays(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<(dialogue_session::Model, String)>, AppError> {
    let named: HashMap<NaiveDate, String> = holidays(conn).await?.into_iter().collect();
    Ok(coming(now)
        .all(conn)
        .await
        .or_internal("reading coming sessions")?
        .into_iter()
        .filter_map(|s| {
            let day = wib_day(s.starts_at);
            let name = named
                .get(&day)
                .cloned()
                .or_else(|| fixed_holiday(day).map(str::to_owned))?;
            Some((s, name))
        })
        .collect())
}
