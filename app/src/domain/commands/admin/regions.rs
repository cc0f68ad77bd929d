//! Kecamatan and desa: one at a time or a whole CSV.

use super::csv_rows::csv_refused;
use super::csv_rows::csv_rows;
use crate::{
    domain::{
        AppState,
        entities::{region, user_account},
        error::{OrInternal, write_txn},
        rules::access::check_admin,
    },
    model::{
        AppError, ErrorCode,
        admin::{RegionKind, parse_label, region_parent},
    },
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// One region as typed or read from a CSV row.
struct RegionRow {
    code: String,
    kind: RegionKind,
    name: String,
    parent: String,
}

fn parse_region(code: &str, kind: &str, name: &str) -> Result<RegionRow, Vec<(&'static str, ErrorCode)>> {
    let kind = kind.trim().to_lowercase();
    let mut problems = Vec::new();
    let parent = region_parent(code, &kind).map_err(|e| problems.push(("code", e))).ok();
    let name = parse_label(name).map_err(|e| problems.push(("name", e))).ok();
    // `region_parent` refused any kind that does not parse.
    match (parent, name, RegionKind::parse(&kind)) {
        (Some(parent), Some(name), Some(kind)) if problems.is_empty() => Ok(RegionRow {
            code: code.trim().to_owned(),
            kind,
            name,
            parent,
        }),
        _ => Err(problems),
    }
}

/// Adds a region or renames it (by its code); a village needs its kecamatan first.
async fn upsert_region(conn: &impl ConnectionTrait, row: RegionRow) -> Result<bool, AppError> {
    if row.kind != RegionKind::Kecamatan {
        let parent = region::Entity::find()
            .filter(region::Column::Code.eq(row.parent.as_str()))
            .filter(region::Column::Kind.eq(RegionKind::Kecamatan))
            .one(conn)
            .await
            .or_internal("reading a kecamatan")?;
        if parent.is_none() {
            return Ok(false);
        }
    }
    let found = region::Entity::find()
        .filter(region::Column::Code.eq(row.code.as_str()))
        .one(conn)
        .await
        .or_internal("reading a region")?;
    match found {
        Some(found) => {
            let mut active: region::ActiveModel = found.into();
            active.name = Set(row.name);
            active.kind = Set(row.kind);
            active.parent_code = Set(Some(row.parent));
            active.update(conn).await.or_internal("renaming a region")?;
        }
        None => {
            region::ActiveModel {
                code: Set(row.code),
                kind: Set(row.kind),
                name: Set(row.name),
                parent_code: Set(Some(row.parent)),
                ..Default::default()
            }
            .insert(conn)
            .await
            .or_internal("adding a region")?;
        }
    }
    Ok(true)
}

pub async fn save_region(
    state: &AppState,
    user: &user_account::Model,
    code: &str,
    kind: &str,
    name: &str,
) -> Result<(), AppError> {
    check_admin(user)?;
    let row = parse_region(code, kind, name).map_err(|problems| {
        AppError::Invalid(
            problems
                .into_iter()
                .map(|(field, code)| crate::model::FieldError::new(field, code))
                .collect(),
        )
    })?;
    let txn = write_txn(&state.db).await?;
    if !upsert_region(&txn, row).await? {
        return Err(AppError::field("code", ErrorCode::UnknownParentRegion));
    }
    txn.commit().await.or_internal("committing a region")?;
    state.reference.clear();
    Ok(())
}

/// Imports regions from CSV text (`kode,jenis,nama,induk`, as Kemendagri publishes them):
/// all rows or none. Returns how many rows were added or renamed.
pub async fn import_regions(state: &AppState, user: &user_account::Model, csv_text: &str) -> Result<usize, AppError> {
    check_admin(user)?;

    let mut rows = Vec::new();
    for (line, [code, kind, name], record) in csv_rows(csv_text, ["kode", "jenis", "nama"])? {
        let row = parse_region(&code, &kind, &name).map_err(|_| csv_refused(line))?;
        if record.get(3).is_some_and(|p| !p.is_empty() && p != row.parent) {
            return Err(csv_refused(line));
        }
        rows.push((line, row));
    }
    // Kecamatan first, so that their villages find them.
    rows.sort_by_key(|(_, r)| r.kind != RegionKind::Kecamatan);
    let count = rows.len();
    let txn = write_txn(&state.db).await?;
    for (line, row) in rows {
        if !upsert_region(&txn, row).await? {
            return Err(csv_refused(line));
        }
    }
    txn.commit().await.or_internal("committing an import")?;
    state.reference.clear();
    Ok(count)
}
