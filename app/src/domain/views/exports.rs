//! Staff downloads as CSV: the follow-ups with filters, the e-planning list (follow-ups
//! marked as needing a programme or budget, input for the Musrenbang) and the e-budgeting
//! totals (costs the OPDs reported, per fiscal year, OPD and category; also a staff page). The secretariat and the admin get
//! every OPD; an officer gets their own OPD only; nobody else gets anything.

use crate::{
    domain::{
        entities::{category, follow_up, follow_up_update, issue, region, user_account},
        error::{OrInternal, internal},
        queries::{opds::opd_names, time::wib_day},
        rules::access::role_of,
    },
    model::{
        AppError, ErrorCode,
        account::Role,
        follow_up::{FollowUpStatus, UpdateKind},
        session::parse_date,
        staff::CostTotal,
    },
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The filters of the follow-up export, as the staff room's form sends them.
#[derive(Debug, Default, Clone)]
pub struct FollowUpFilter {
    pub opd: Option<i32>,
    pub status: Option<FollowUpStatus>,
    /// Assigned on or after.
    pub from: Option<NaiveDate>,
    /// Assigned on or before.
    pub to: Option<NaiveDate>,
}

impl FollowUpFilter {
    /// Reads the query string's `opd`, `status`, `from` and `to`; empty means any.
    pub fn parse(pairs: &[(String, String)]) -> Result<Self, AppError> {
        let mut filter = Self::default();
        for (key, value) in pairs.iter().filter(|(_, v)| !v.trim().is_empty()) {
            match key.as_str() {
                "opd" => {
                    filter.opd = Some(
                        value
                            .trim()
                            .parse()
                            .map_err(|_| AppError::field("opd", ErrorCode::UnknownOpd))?,
                    )
                }
                "status" => {
                    filter.status = Some(
                        FollowUpStatus::parse(value.trim())
                            .ok_or_else(|| AppError::field("status", ErrorCode::UnknownChoice))?,
                    )
                }
                "from" => filter.from = Some(parse_date(value).map_err(|code| AppError::field("from", code))?),
                "to" => filter.to = Some(parse_date(value).map_err(|code| AppError::field("to", code))?),
                _ => {}
            }
        }
        Ok(filter)
    }
}

/// Which OPD's rows `user` may download: `None` for all (the secretariat and the admin).
fn scope(user: &user_account::Model) -> Result<Option<i32>, AppError> {
    match role_of(user) {
        Role::Secretariat | Role::Admin => Ok(None),
        Role::OpdOfficer => user.opd_id.map(Some).ok_or(AppError::Forbidden),
        _ => Err(AppError::Forbidden),
    }
}

fn write(rows: Vec<Vec<String>>) -> Result<String, AppError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in rows {
        out.write_record(&row).map_err(|err| internal("writing CSV", err))?;
    }
    let bytes = out.into_inner().map_err(|err| internal("writing CSV", err))?;
    String::from_utf8(bytes).map_err(|err| internal("writing CSV", err))
}

/// Issues, places and categories the follow-ups refer to.
struct Context {
    issues: HashMap<i32, issue::Model>,
    places: HashMap<i32, String>,
    categories: HashMap<i32, String>,
    opds: HashMap<i32, String>,
}

impl Context {
    async fn load(db: &DatabaseConnection, rows: &[follow_up::Model]) -> Result<Self, AppError> {
        Ok(Self {
            issues: issue::Entity::find()
                .filter(issue::Column::Id.is_in(rows.iter().map(|r| r.issue_id)))
                .all(db)
                .await
                .or_internal("reading issues")?
                .into_iter()
                .map(|i| (i.id, i))
                .collect(),
            places: region::Entity::find()
                .all(db)
                .await
                .or_internal("reading regions")?
                .into_iter()
                .map(|r| (r.id, r.name))
                .collect(),
            categories: category::Entity::find()
                .all(db)
                .await
                .or_internal("reading categories")?
                .into_iter()
                .map(|c| (c.id, c.name_id))
                .collect(),
            opds: opd_names(db).await?,
        })
    }

    fn place(&self, id: i32) -> String {
        self.places.get(&id).cloned().unwrap_or_default()
    }

    /// The columns every export starts an issue's line with (see `ISSUE_COLUMNS`).
    fn issue_cells(&self, i: &issue::Model, opd_id: i32) -> Vec<String> {
        vec![
            i.id.to_string(),
            i.title.clone(),
            self.place(i.kecamatan_id),
            self.place(i.desa_id),
            self.categories.get(&i.category_id).cloned().unwrap_or_default(),
            self.opds.get(&opd_id).cloned().unwrap_or_default(),
        ]
    }
}

const ISSUE_COLUMNS: [&str; 6] = ["id_aduan", "judul", "kecamatan", "desa", "kategori", "opd"];

/// A header line: `first`, the issue's columns, then `rest`.
fn header(first: &[&str], rest: &[&str]) -> Vec<String> {
    first
        .iter()
        .chain(ISSUE_COLUMNS.iter())
        .chain(rest)
        .map(|c| (*c).to_owned())
        .collect()
}

/// Costs reported per follow-up.
async fn costs(db: &DatabaseConnection, rows: &[follow_up::Model]) -> Result<HashMap<i32, i64>, AppError> {
    let mut total: HashMap<i32, i64> = HashMap::new();
    for u in follow_up_update::Entity::find()
        .filter(follow_up_update::Column::FollowUpId.is_in(rows.iter().map(|r| r.id)))
        .filter(follow_up_update::Column::CostRupiah.is_not_null())
        .all(db)
        .await
        .or_internal("reading costs")?
    {
        *total.entry(u.follow_up_id).or_default() += u.cost_rupiah.unwrap_or_default();
    }
    Ok(total)
}

fn day(at: Option<DateTime<Utc>>) -> String {
    at.map(|at| wib_day(at).to_string()).unwrap_or_default()
}

pub async fn follow_ups_csv(
    db: &DatabaseConnection,
    user: &user_account::Model,
    filter: FollowUpFilter,
) -> Result<String, AppError> {
    let own = scope(user)?;
    let mut query = follow_up::Entity::find().order_by_asc(follow_up::Column::Id);
    if let Some(opd) = own.or(filter.opd) {
        query = query.filter(follow_up::Column::OpdId.eq(opd));
    }
    if let Some(status) = filter.status {
        query = query.filter(follow_up::Column::Status.eq(status));
    }
    let rows: Vec<follow_up::Model> = query
        .all(db)
        .await
        .or_internal("reading follow-ups")?
        .into_iter()
        .filter(|r| {
            let assigned = wib_day(r.created_at);
            filter.from.is_none_or(|from| assigned >= from) && filter.to.is_none_or(|to| assigned <= to)
        })
        .collect();
    let cx = Context::load(db, &rows).await?;
    let cost = costs(db, &rows).await?;
    let mut out = vec![header(
        &["id_tindak_lanjut"],
        &[
            "peran",
            "status",
            "ditugaskan",
            "tenggat",
            "tanggapan_pertama",
            "selesai",
            "tepat_waktu",
            "dibuka_lagi",
            "usulan_musrenbang",
            "biaya_rupiah",
        ],
    )];
    for r in &rows {
        let Some(i) = cx.issues.get(&r.issue_id) else {
            continue;
        };
        let resolved = r
            .resolved_at
            .filter(|_| matches!(r.status, FollowUpStatus::Resolved | FollowUpStatus::Closed));
        let mut line = vec![r.id.to_string()];
        line.extend(cx.issue_cells(i, r.opd_id));
        line.extend([
            if r.lead { "utama" } else { "pendukung" }.into(),
            r.status.as_str().to_owned(),
            wib_day(r.created_at).to_string(),
            r.due_on.to_string(),
            day(r.first_response_at),
            day(resolved),
            resolved
                .map(|at| if wib_day(at) <= r.due_on { "ya" } else { "tidak" })
                .unwrap_or_default()
                .into(),
            r.reopened.to_string(),
            if r.needs_programme { "ya" } else { "tidak" }.into(),
            cost.get(&r.id).map(|c| c.to_string()).unwrap_or_default(),
        ]);
        out.push(line);
    }
    write(out)
}

/// Follow-ups marked as needing a programme or budget, with what was asked and the latest
/// public progress: the Musrenbang's input.
pub async fn planning_csv(db: &DatabaseConnection, user: &user_account::Model) -> Result<String, AppError> {
    let own = scope(user)?;
    let mut query = follow_up::Entity::find()
        .filter(follow_up::Column::NeedsProgramme.eq(true))
        .order_by_asc(follow_up::Column::Id);
    if let Some(opd) = own {
        query = query.filter(follow_up::Column::OpdId.eq(opd));
    }
    let rows = query.all(db).await.or_internal("reading follow-ups")?;
    let cx = Context::load(db, &rows).await?;
    let cost = costs(db, &rows).await?;
    let mut latest: HashMap<i32, String> = HashMap::new();
    for u in follow_up_update::Entity::find()
        .filter(follow_up_update::Column::FollowUpId.is_in(rows.iter().map(|r| r.id)))
        .filter(follow_up_update::Column::Kind.is_in([UpdateKind::Progress, UpdateKind::Resolved]))
        .order_by_asc(follow_up_update::Column::Id)
        .all(db)
        .await
        .or_internal("reading progress")?
    {
        latest.insert(u.follow_up_id, u.body_md);
    }
    let mut out = vec![header(
        &[],
        &[
            "dukungan",
            "tindakan_diminta",
            "kemajuan_terakhir",
            "biaya_dilaporkan_rupiah",
        ],
    )];
    for r in &rows {
        let Some(i) = cx.issues.get(&r.issue_id) else {
            continue;
        };
        let mut line = cx.issue_cells(i, r.opd_id);
        line.extend([
            i.support_count.to_string(),
            r.action_md.clone(),
            latest.get(&r.id).cloned().unwrap_or_default(),
            cost.get(&r.id).map(|c| c.to_string()).unwrap_or_default(),
        ]);
        out.push(line);
    }
    write(out)
}

/// Reported costs per fiscal year (the WIB year of each report), OPD and category, in that
/// order: what `user` may see of them. A report's cost is what that step spent, so the
/// totals add the steps. The staff page and the e-budgeting CSV both read this.
pub async fn cost_totals(db: &DatabaseConnection, user: &user_account::Model) -> Result<Vec<CostTotal>, AppError> {
    let own = scope(user)?;
    let mut query = follow_up::Entity::find();
    if let Some(opd) = own {
        query = query.filter(follow_up::Column::OpdId.eq(opd));
    }
    let rows = query.all(db).await.or_internal("reading follow-ups")?;
    let cx = Context::load(db, &rows).await?;
    let by_id: HashMap<i32, &follow_up::Model> = rows.iter().map(|r| (r.id, r)).collect();
    let mut totals: BTreeMap<(i32, String, String), (HashSet<i32>, i64)> = BTreeMap::new();
    for step in follow_up_update::Entity::find()
        .filter(follow_up_update::Column::FollowUpId.is_in(rows.iter().map(|r| r.id)))
        .filter(follow_up_update::Column::CostRupiah.is_not_null())
        .all(db)
        .await
        .or_internal("reading costs")?
    {
        let Some(r) = by_id.get(&step.follow_up_id) else {
            continue;
        };
        let Some(i) = cx.issues.get(&r.issue_id) else {
            continue;
        };
        let key = (
            wib_day(step.created_at).year(),
            cx.opds.get(&r.opd_id).cloned().unwrap_or_default(),
            cx.categories.get(&i.category_id).cloned().unwrap_or_default(),
        );
        let cell = totals.entry(key).or_default();
        cell.0.insert(r.id);
        cell.1 += step.cost_rupiah.unwrap_or_default();
    }
    Ok(totals
        .into_iter()
        .map(|((year, opd, category), (follow_ups, rupiah))| CostTotal {
            year,
            opd,
            category,
            follow_ups: follow_ups.len() as u64,
            rupiah,
        })
        .collect())
}

/// The e-budgeting CSV: `cost_totals`, one line each.
pub async fn budgeting_csv(db: &DatabaseConnection, user: &user_account::Model) -> Result<String, AppError> {
    let mut out = vec![
        [
            "tahun_anggaran",
            "opd",
            "kategori",
            "tindak_lanjut_berbiaya",
            "total_biaya_rupiah",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for t in cost_totals(db, user).await? {
        out.push(vec![
            t.year.to_string(),
            t.opd,
            t.category,
            t.follow_ups.to_string(),
            t.rupiah.to_string(),
        ]);
    }
    write(out)
}
