//! Holidays and cuti bersama: one at a time or a whole CSV; deadlines are counted again.

use super::csv_rows::csv_refused;
use super::csv_rows::csv_rows;
use crate::{
    domain::{
        AppState,
        entities::{holiday, user_account},
        error::{OrInternal, write_txn},
        rules::access::check_admin,
    },
    model::{
        AppError, ErrorCode,
        admin::{HolidayKind, parse_label},
        session::parse_date,
    },
};
use chrono::{Datelike, NaiveDate};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// A holiday as typed or read from CSV.
fn parse_holiday(
    day: &str,
    kind: &str,
    description: &str,
) -> Result<(NaiveDate, HolidayKind, String), (&'static str, ErrorCode)> {
    let day = parse_date(day).map_err(|e| ("day", e))?;
    let kind = HolidayKind::parse(&kind.trim().to_lowercase()).ok_or(("kind", ErrorCode::UnknownHolidayKind))?;
    let description = parse_label(description).map_err(|e| ("description", e))?;
    Ok((day, kind, description))
}

/// Adds a holiday, or changes the one on that day.
async fn upsert_holiday(
    conn: &impl ConnectionTrait,
    (day, kind, description): (NaiveDate, HolidayKind, String),
) -> Result<(), AppError> {
    match holiday::Entity::find()
        .filter(holiday::Column::Day.eq(day))
        .one(conn)
        .await
        .or_internal("reading a holiday")?
    {
        Some(found) => {
            let mut row: holiday::ActiveModel = found.into();
            row.kind = Set(kind);
            row.description = Set(description);
            // What the admin wrote is the decree, no longer an estimate.
            row.provisional = Set(false);
            row.update(conn).await.or_internal("changing a holiday")?;
        }
        None => {
            holiday::ActiveModel {
                day: Set(day),
                kind: Set(kind),
                description: Set(description),
                provisional: Set(false),
                ..Default::default()
            }
            .insert(conn)
            .await
            .or_internal("adding a holiday")?;
        }
    }
    Ok(())
}

pub async fn save_holiday(
    state: &AppState,
    user: &user_account::Model,
    day: &str,
    kind: &str,
    description: &str,
) -> Result<(), AppError> {
    check_admin(user)?;
    let valid = parse_holiday(day, kind, description).map_err(|(field, code)| AppError::field(field, code))?;
    let txn = write_txn(&state.db).await?;
    upsert_holiday(&txn, valid).await?;
    crate::domain::commands::follow_up::recompute_deadlines(&txn).await?;
    txn.commit().await.or_internal("committing a holiday")
}

pub async fn delete_holiday(state: &AppState, user: &user_account::Model, id: i32) -> Result<(), AppError> {
    check_admin(user)?;
    let txn = write_txn(&state.db).await?;
    let deleted = holiday::Entity::delete_by_id(id)
        .exec(&txn)
        .await
        .or_internal("deleting a holiday")?;
    if deleted.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    crate::domain::commands::follow_up::recompute_deadlines(&txn).await?;
    txn.commit().await.or_internal("committing a deleted holiday")
}

/// Imports holidays from CSV text (`tanggal,jenis,keterangan`, as published with the
/// government's joint decree): all rows or none. A year's provisional days are replaced by
/// the imported list of that year. Returns how many were added or changed.
pub async fn import_holidays(state: &AppState, user: &user_account::Model, csv_text: &str) -> Result<usize, AppError> {
    check_admin(user)?;
    let mut rows = Vec::new();
    for (line, [day, kind, description], _) in csv_rows(csv_text, ["tanggal", "jenis", "keterangan"])? {
        rows.push(parse_holiday(&day, &kind, &description).map_err(|_| csv_refused(line))?);
    }
    let count = rows.len();
    let years: Vec<i32> = rows.iter().map(|(day, ..)| day.year()).collect();
    let txn = write_txn(&state.db).await?;
    for year in years.iter().copied().collect::<std::collections::BTreeSet<_>>() {
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            continue;
        };
        holiday::Entity::delete_many()
            .filter(holiday::Column::Provisional.eq(true))
            .filter(holiday::Column::Day.between(first, last))
            .exec(&txn)
            .await
            .or_internal("replacing provisional holidays")?;
    }
    for row in rows {
        upsert_holiday(&txn, row).await?;
    }
    crate::domain::commands::follow_up::recompute_deadlines(&txn).await?;
    txn.commit().await.or_internal("committing a holiday import")?;
    Ok(count)
}
