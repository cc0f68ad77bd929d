//! Planning sessions by a weekly rule around holidays: a preview, then the sessions.

use super::edit::ValidSession;
use super::edit::day_wib;
use super::edit::insert;
use crate::domain::queries::holidays::{coverage, holidays};
use crate::domain::rules::access::check_secretariat;
use crate::{
    domain::{
        AppState,
        entities::{dialogue_session, region, user_account},
        error::{OrInternal, write_txn},
        queries::time::wib_instant,
    },
    i18n::Locale,
    model::{
        AppError, ErrorCode,
        error::Problems,
        session::{
            CAPACITY_MAX, CUTOFF_TIME, DURATION_MAX, HolidayPolicy, PLAN_MAX, PlanPreview, PlanWeek, SessionStatus,
            default_cutoff_day, parse_date, parse_number, parse_time, plan_sessions,
        },
    },
};
use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Asia::Jakarta;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// What the recurrence form posts.
pub struct PlanInput<'a> {
    pub from: &'a str,
    pub count: &'a str,
    pub time: &'a str,
    pub duration: &'a str,
    pub capacity: &'a str,
    pub policy: &'a str,
    /// Host kecamatan ids in rotation order.
    pub hosts: &'a [i32],
}

struct ValidPlan {
    from: NaiveDate,
    count: usize,
    time: NaiveTime,
    duration: i32,
    capacity: i32,
    policy: HolidayPolicy,
    hosts: Vec<region::Model>,
}

async fn validate_plan(db: &impl ConnectionTrait, input: &PlanInput<'_>) -> Result<ValidPlan, AppError> {
    let mut problems = Problems::default();
    let from = problems.check("from", parse_date(input.from));
    let count = problems.check("count", parse_number(input.count, 1, PLAN_MAX as i32));
    let time = problems.check("time", parse_time(input.time));
    let duration = problems.check("duration", parse_number(input.duration, 15, DURATION_MAX));
    let capacity = problems.check("capacity", parse_number(input.capacity, 1, CAPACITY_MAX));
    let policy = HolidayPolicy::parse(input.policy).unwrap_or_default();
    let found = region::Entity::find()
        .filter(region::Column::Id.is_in(input.hosts.iter().copied()))
        .filter(region::Column::Kind.eq(crate::model::admin::RegionKind::Kecamatan))
        .all(db)
        .await
        .or_internal("reading host kecamatan")?;
    let hosts: Vec<region::Model> = input
        .hosts
        .iter()
        .filter_map(|id| found.iter().find(|r| r.id == *id).cloned())
        .collect();
    if hosts.is_empty() {
        problems.add("hosts", ErrorCode::Required);
    }
    problems.into_result()?;
    match (from, count, time, duration, capacity) {
        (Some(from), Some(count), Some(time), Some(duration), Some(capacity)) => Ok(ValidPlan {
            from,
            count: count as usize,
            time,
            duration,
            capacity,
            policy,
            hosts,
        }),
        _ => Err(AppError::Internal),
    }
}

/// Days that already have a session (not cancelled), in WIB.
async fn taken_days(db: &impl ConnectionTrait) -> Result<Vec<NaiveDate>, AppError> {
    Ok(dialogue_session::Entity::find()
        .filter(dialogue_session::Column::Status.ne(SessionStatus::Cancelled))
        .all(db)
        .await
        .or_internal("reading sessions")?
        .into_iter()
        .map(|s| s.starts_at.with_timezone(&Jakarta).date_naive())
        .collect())
}

/// The weeks of a plan, each with its host in rotation (a skipped or taken week does not
/// use up a host).
async fn weeks(
    db: &impl ConnectionTrait,
    plan: &ValidPlan,
) -> Result<Vec<(crate::model::session::PlannedDay, Option<region::Model>, bool)>, AppError> {
    let holidays = holidays(db).await?;
    let taken = taken_days(db).await?;
    let mut next_host = 0;
    Ok(
        plan_sessions(plan.from, Weekday::Fri, plan.count, plan.policy, &holidays)
            .into_iter()
            .map(|week| {
                let is_taken = week.day.is_some_and(|d| taken.contains(&d));
                let host = week.day.filter(|_| !is_taken).map(|_| {
                    let host = plan.hosts[next_host % plan.hosts.len()].clone();
                    next_host += 1;
                    host
                });
                (week, host, is_taken)
            })
            .collect(),
    )
}

/// The plan in words, for the secretariat to check before creating it.
pub async fn preview(
    db: &DatabaseConnection,
    user: &user_account::Model,
    locale: Locale,
    input: PlanInput<'_>,
) -> Result<PlanPreview, AppError> {
    check_secretariat(user)?;
    let plan = validate_plan(db, &input).await?;
    let weeks = weeks(db, &plan).await?;
    let (last_year, _) = coverage(db).await?;
    let reach = weeks.iter().map(|(week, ..)| week.rule_day.year()).max();
    Ok(PlanPreview {
        past_table: match (last_year, reach) {
            (Some(last), Some(reach)) if reach > last => Some(last),
            _ => None,
        },
        weeks: weeks
            .into_iter()
            .map(|(week, host, taken)| PlanWeek {
                rule_day: day_wib(week.rule_day, locale),
                day: week.day.map(|d| day_wib(d, locale)),
                host: host.map(|h| h.name),
                holiday: week.holiday,
                taken,
            })
            .collect(),
    })
}

/// Creates the planned sessions (each at its host kecamatan's office, to be edited), skipping
/// days that already have one. Returns how many were created.
pub async fn generate(state: &AppState, user: &user_account::Model, input: PlanInput<'_>) -> Result<usize, AppError> {
    check_secretariat(user)?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let plan = validate_plan(&txn, &input).await?;
    let mut created = 0;
    for (week, host, _) in weeks(&txn, &plan).await? {
        let (Some(day), Some(host)) = (week.day, host) else {
            continue;
        };
        let starts_at = wib_instant(day, plan.time);
        if starts_at <= now {
            continue;
        }
        let venue = format!("Pendopo Kecamatan {}", host.name);
        insert(
            &txn,
            ValidSession {
                starts_at,
                duration: plan.duration,
                venue,
                kecamatan_id: Some(host.id),
                desa_id: None,
                host_id: Some(host.id),
                capacity: plan.capacity,
                livestream: None,
                cutoff_at: wib_instant(default_cutoff_day(day), CUTOFF_TIME),
            },
            now,
        )
        .await?;
        created += 1;
    }
    txn.commit().await.or_internal("committing a plan")?;
    Ok(created)
}
