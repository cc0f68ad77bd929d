//! The public scorecard: per OPD and per kecamatan, how many issues were assigned (lead
//! follow-ups), how many resolved, the share resolved by the deadline, the median working
//! days to the first response and to resolution, and how many are overdue now; the last
//! twelve months as a trend; and the same numbers as CSV. An OPD is ranked only with
//! the `score_min_resolved` setting's resolved follow-ups, so that one quick fix does not top the table.

use crate::{
    domain::{
        AppState,
        entities::{follow_up, issue, opd, region},
        error::OrInternal,
        queries::{holidays::holiday_set, settings::thresholds, time::wib_day},
    },
    model::{
        AppError,
        follow_up::{
            FollowUpStatus, MonthCount, ScoreRow, Scorecard, format_tenths, median_tenths, working_days_between,
        },
        settings::Thresholds,
    },
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, sea_query::Query};
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Default)]
pub(super) struct Tally {
    assigned: u64,
    resolved: u64,
    on_time: u64,
    response_days: Vec<i64>,
    resolution_days: Vec<i64>,
    overdue: u64,
}

impl Tally {
    /// Counts one lead follow-up.
    pub(super) fn add(&mut self, row: &follow_up::Model, holidays: &HashSet<NaiveDate>, today: NaiveDate) {
        let assigned_day = wib_day(row.created_at);
        self.assigned += 1;
        if let Some(first) = row.first_response_at {
            self.response_days
                .push(working_days_between(assigned_day, wib_day(first), holidays));
        }
        if let Some(day) = resolved_at(row).map(wib_day) {
            self.resolved += 1;
            self.on_time += u64::from(day <= row.due_on);
            self.resolution_days
                .push(working_days_between(assigned_day, day, holidays));
        }
        self.overdue += u64::from(row.status.is_open() && row.due_on < today);
    }

    /// The row for `name`, linking to `link` (an OPD's own page) if given; ranked with at
    /// least `min_resolved` resolved.
    pub(super) fn row(mut self, name: String, link: Option<String>, min_resolved: u64) -> ScoreRow {
        ScoreRow {
            name,
            link,
            assigned: self.assigned,
            resolved: self.resolved,
            on_time_percent: (self.resolved > 0).then(|| (self.on_time * 100 / self.resolved) as u32),
            median_response_tenths: median_tenths(&mut self.response_days),
            median_resolution_tenths: median_tenths(&mut self.resolution_days),
            overdue: self.overdue,
            ranked: self.resolved >= min_resolved,
        }
    }
}

/// Ranked rows first (best on-time share, then the fastest resolution), then the rest by
/// name.
fn ranked(mut rows: Vec<ScoreRow>) -> Vec<ScoreRow> {
    rows.sort_by(|a, b| {
        b.ranked
            .cmp(&a.ranked)
            .then_with(|| {
                if a.ranked {
                    b.on_time_percent
                        .cmp(&a.on_time_percent)
                        .then(a.median_resolution_tenths.cmp(&b.median_resolution_tenths))
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

/// How long a computed scorecard is served before it is computed again (by the app's
/// clock, so that tests moving a fixed clock see it).
const FRESH_FOR: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

/// A computation under way longer than this is taken for lost, and another may start.
const GIVE_UP_AFTER: std::time::Duration = std::time::Duration::from_secs(600);

/// The scorecard as the public pages show it: computed at most once a minute, since it
/// reads every lead follow-up (50,000 rows take tens of milliseconds, a million hundreds)
/// and changes slowly. Once a minute has passed, the next reader starts a new computation
/// in the background, and every reader is answered with the last one until it is done:
/// only the very first computation is waited for.
pub async fn cached(state: &AppState) -> Result<Scorecard, AppError> {
    let now = state.clock.now();
    let mut cache = state.scorecard.lock().await;
    if let Some((at, card)) = &cache.card {
        let card = card.clone();
        let out_of_date = now.signed_duration_since(*at) >= FRESH_FOR || now < *at;
        let computing = cache.computing.is_some_and(|since| since.elapsed() < GIVE_UP_AFTER);
        if out_of_date && !computing {
            cache.computing = Some(std::time::Instant::now());
            let state = state.clone();
            tokio::spawn(async move { recompute(&state).await });
        }
        return Ok(card);
    }
    let card = scorecard(&state.db, now, &thresholds(&state.db, &state.config).await?).await?;
    cache.card = Some((now, card.clone()));
    Ok(card)
}

async fn recompute(state: &AppState) {
    let now = state.clock.now();
    let result = match thresholds(&state.db, &state.config).await {
        Ok(thresholds) => scorecard(&state.db, now, &thresholds).await,
        Err(err) => Err(err),
    };
    let mut cache = state.scorecard.lock().await;
    cache.computing = None;
    match result {
        Ok(card) => cache.card = Some((now, card)),
        Err(err) => tracing::warn!(?err, "computing the scorecard; the last one is still served"),
    }
}

pub async fn scorecard(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    thresholds: &Thresholds,
) -> Result<Scorecard, AppError> {
    let min_resolved = u64::try_from(thresholds.score_min_resolved).unwrap_or_default();
    let rows = follow_up::Entity::find()
        .filter(follow_up::Column::Lead.eq(true))
        .all(db)
        .await
        .or_internal("reading follow-ups")?;
    let kecamatan_of: HashMap<i32, i32> = issue::Entity::find()
        .select_only()
        .column(issue::Column::Id)
        .column(issue::Column::KecamatanId)
        // A subquery, not a list: SQLite binds at most 32,766 values.
        .filter(
            issue::Column::Id.in_subquery(
                Query::select()
                    .column(follow_up::Column::IssueId)
                    .from(follow_up::Entity)
                    .and_where(follow_up::Column::Lead.eq(true))
                    .to_owned(),
            ),
        )
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await
        .or_internal("reading places")?
        .into_iter()
        .collect();
    let kecamatan_names: HashMap<i32, String> = region::Entity::find()
        .filter(region::Column::Kind.eq(crate::model::admin::RegionKind::Kecamatan))
        .all(db)
        .await
        .or_internal("reading kecamatan")?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    let opds: HashMap<i32, opd::Model> = opd::Entity::find()
        .all(db)
        .await
        .or_internal("reading OPDs")?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let holidays = holiday_set(db).await?;
    let today = wib_day(now);
    let mut by_opd: HashMap<i32, Tally> = HashMap::new();
    let mut by_kecamatan: HashMap<i32, Tally> = HashMap::new();
    for row in &rows {
        by_opd.entry(row.opd_id).or_default().add(row, &holidays, today);
        if let Some(k) = kecamatan_of.get(&row.issue_id) {
            by_kecamatan.entry(*k).or_default().add(row, &holidays, today);
        }
    }
    Ok(Scorecard {
        opds: ranked(
            by_opd
                .into_iter()
                .map(|(id, t)| match opds.get(&id) {
                    Some(o) => t.row(
                        o.name.clone(),
                        Some(format!("/scorecard/{}", o.code.to_lowercase())),
                        min_resolved,
                    ),
                    None => t.row(String::new(), None, min_resolved),
                })
                .collect(),
        ),
        kecamatan: ranked(
            by_kecamatan
                .into_iter()
                .map(|(id, t)| {
                    t.row(
                        kecamatan_names.get(&id).cloned().unwrap_or_default(),
                        None,
                        min_resolved,
                    )
                })
                .collect(),
        ),
        trend: trend(&rows, today),
        min_resolved,
    })
}

/// When a follow-up was resolved, if it still counts as resolved (not reopened).
pub(super) fn resolved_at(row: &follow_up::Model) -> Option<DateTime<Utc>> {
    row.resolved_at
        .filter(|_| matches!(row.status, FollowUpStatus::Resolved | FollowUpStatus::Closed))
}

/// Follow-ups assigned and resolved in each of the twelve months up to `today`'s, oldest
/// first.
pub(super) fn trend(rows: &[follow_up::Model], today: NaiveDate) -> Vec<MonthCount> {
    let months = last_twelve_months(today.year(), today.month());
    let mut trend: BTreeMap<(i32, u32), (u64, u64)> = months.iter().map(|m| (*m, (0, 0))).collect();
    for row in rows {
        let assigned_day = wib_day(row.created_at);
        if let Some(cell) = trend.get_mut(&(assigned_day.year(), assigned_day.month())) {
            cell.0 += 1;
        }
        if let Some(day) = resolved_at(row).map(wib_day)
            && let Some(cell) = trend.get_mut(&(day.year(), day.month()))
        {
            cell.1 += 1;
        }
    }
    trend
        .into_iter()
        .map(|((year, month), (assigned, resolved))| MonthCount {
            year,
            month,
            assigned,
            resolved,
        })
        .collect()
}

/// The twelve months ending with `year`-`month`, oldest first.
fn last_twelve_months(year: i32, month: u32) -> Vec<(i32, u32)> {
    let end = year * 12 + month as i32 - 1;
    (end - 11..=end)
        .map(|m| (m.div_euclid(12), m.rem_euclid(12) as u32 + 1))
        .collect()
}

/// The scorecard as CSV: one line per OPD, then per kecamatan.
pub fn csv(card: &Scorecard) -> String {
    let mut out = String::from(
        "jenis,nama,ditugaskan,selesai,tepat_waktu_persen,median_hari_kerja_respons,median_hari_kerja_selesai,terlambat,diperingkat\n",
    );
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let number = |n: Option<u32>| n.map(|v| v.to_string()).unwrap_or_default();
    let tenths = |n: Option<u32>| n.map(|v| format_tenths(v, false)).unwrap_or_default();
    for (kind, rows) in [("opd", &card.opds), ("kecamatan", &card.kecamatan)] {
        for r in rows {
            out.push_str(&format!(
                "{kind},{},{},{},{},{},{},{},{}\n",
                quote(&r.name),
                r.assigned,
                r.resolved,
                number(r.on_time_percent),
                tenths(r.median_response_tenths),
                tenths(r.median_resolution_tenths),
                r.overdue,
                if r.ranked { "ya" } else { "tidak" }
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_months_cross_the_year_boundary() {
        let months = last_twelve_months(2027, 2);
        assert_eq!(months.first(), Some(&(2026, 3)));
        assert_eq!(months.last(), Some(&(2027, 2)));
        assert_eq!(months.len(), 12);
    }

    #[test]
    fn a_quick_single_fix_does_not_top_the_ranking() {
        let row = |name: &str, resolved, on_time| ScoreRow {
            name: name.into(),
            link: None,
            assigned: resolved,
            resolved,
            on_time_percent: Some(on_time),
            median_response_tenths: None,
            median_resolution_tenths: Some(10),
            overdue: 0,
            ranked: resolved >= Thresholds::DEFAULT.score_min_resolved as u64,
        };
        let order: Vec<String> = ranked(vec![
            row("Cepat sekali", 1, 100),
            row("Rajin", 8, 75),
            row("Baik", 6, 90),
        ])
        .into_iter()
        .map(|r| r.name)
        .collect();
        assert_eq!(order, ["Baik", "Rajin", "Cepat sekali"]);
    }
}
