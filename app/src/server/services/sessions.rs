//! The Friday dialogue sessions: the secretariat schedules them (one at a time or by a
//! weekly rule around holidays), reschedules or cancels them with a reason; anyone
//! signed in registers to attend, within capacity, else on a waitlist that moves up when
//! someone cancels. Times are typed and shown in WIB and stored in UTC.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Asia::Jakarta;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, ExprTrait, OnConflict},
};

use super::super::{
    AppState,
    authz::{check_can_post, role_of},
    entities::{dialogue_session, holiday, region, session_registration, user_account},
    error::{OrInternal, write_txn},
    mail::{
        notify::{Notice, notify},
        templates,
    },
    time::{format_day, when_wib, wib_instant},
};
use crate::{
    i18n::Locale,
    model::{
        AppError, ErrorCode,
        error::Problems,
        mail::Topic,
        session::{
            CAPACITY_MAX, CUTOFF_TIME, DURATION_MAX, HolidayPolicy, PLAN_MAX, PlanPreview, PlanWeek,
            RegistrationStatus, SessionStatus, VENUE_MAX, default_cutoff_day, parse_date, parse_link, parse_number,
            parse_time, plan_sessions,
        },
    },
};

pub(super) const CONFIRMED: RegistrationStatus = RegistrationStatus::Confirmed;
pub(super) const WAITLISTED: RegistrationStatus = RegistrationStatus::Waitlisted;

fn check_secretariat(user: &user_account::Model) -> Result<(), AppError> {
    if role_of(user).moderates() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn day_wib(day: NaiveDate, locale: Locale) -> String {
    format!(
        "{}, {}",
        (locale.texts().weekday_name)(day.weekday()),
        format_day(day, locale)
    )
}

/// What the session form posts.
#[derive(Default)]
pub struct SessionInput<'a> {
    pub date: &'a str,
    pub time: &'a str,
    pub duration: &'a str,
    pub venue: &'a str,
    pub kecamatan: &'a str,
    pub desa: &'a str,
    pub host: &'a str,
    pub capacity: &'a str,
    pub livestream: &'a str,
    /// Empty: the Wednesday before, 23:59 WIB.
    pub cutoff_date: &'a str,
    pub cutoff_time: &'a str,
}

struct ValidSession {
    starts_at: DateTime<Utc>,
    duration: i32,
    venue: String,
    kecamatan_id: Option<i32>,
    desa_id: Option<i32>,
    host_id: Option<i32>,
    capacity: i32,
    livestream: Option<String>,
    cutoff_at: DateTime<Utc>,
}

/// An optional region of `kinds` chosen in a select box.
async fn optional_region(db: &impl ConnectionTrait, raw: &str, kecamatan: bool) -> Result<Option<i32>, ErrorCode> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let id = raw.parse::<i32>().map_err(|_| ErrorCode::UnknownRegion)?;
    match region::Entity::find_by_id(id).one(db).await {
        Ok(Some(r)) if (r.kind == crate::model::admin::RegionKind::Kecamatan) == kecamatan => Ok(Some(id)),
        _ => Err(ErrorCode::UnknownRegion),
    }
}

async fn validate(
    db: &impl ConnectionTrait,
    input: &SessionInput<'_>,
    now: DateTime<Utc>,
) -> Result<ValidSession, AppError> {
    let mut problems = Problems::default();
    let date = problems.check("date", parse_date(input.date));
    let time = problems.check("time", parse_time(input.time));
    let duration = problems.check("duration", parse_number(input.duration, 15, DURATION_MAX));
    let capacity = problems.check("capacity", parse_number(input.capacity, 1, CAPACITY_MAX));
    let venue = input.venue.split_whitespace().collect::<Vec<_>>().join(" ");
    if venue.is_empty() {
        problems.add("venue", ErrorCode::Required);
    } else if venue.chars().count() > VENUE_MAX {
        problems.add("venue", ErrorCode::TooLong { max: VENUE_MAX });
    }
    let livestream = problems.check("livestream", parse_link(input.livestream));
    let kecamatan_id = problems.check("kecamatan", optional_region(db, input.kecamatan, true).await);
    let desa_id = problems.check("desa", optional_region(db, input.desa, false).await);
    let host_id = problems.check("host", optional_region(db, input.host, true).await);
    let starts_at = date.zip(time).map(|(d, t)| wib_instant(d, t));
    if starts_at.is_some_and(|s| s <= now) {
        problems.add("date", ErrorCode::InThePast);
    }
    let cutoff_at = match (input.cutoff_date.trim(), date) {
        ("", Some(day)) => Some(wib_instant(default_cutoff_day(day), CUTOFF_TIME)),
        ("", None) => None,
        (raw, _) => {
            let day = problems.check("cutoff_date", parse_date(raw));
            let time = match input.cutoff_time.trim() {
                "" => Some(CUTOFF_TIME),
                raw => problems.check("cutoff_time", parse_time(raw)),
            };
            day.zip(time).map(|(d, t)| wib_instant(d, t))
        }
    };
    if let (Some(cutoff), Some(starts)) = (cutoff_at, starts_at)
        && cutoff >= starts
    {
        problems.add("cutoff_date", ErrorCode::CutoffAfterStart);
    }
    problems.into_result()?;
    match (
        starts_at,
        duration,
        capacity,
        livestream,
        kecamatan_id,
        desa_id,
        host_id,
        cutoff_at,
    ) {
        (
            Some(starts_at),
            Some(duration),
            Some(capacity),
            Some(livestream),
            Some(kecamatan_id),
            Some(desa_id),
            Some(host_id),
            Some(cutoff_at),
        ) => Ok(ValidSession {
            starts_at,
            duration,
            venue,
            kecamatan_id,
            desa_id,
            host_id: host_id.or(kecamatan_id),
            capacity,
            livestream,
            cutoff_at,
        }),
        _ => Err(AppError::Internal),
    }
}

pub async fn create(
    state: &AppState,
    user: &user_account::Model,
    input: SessionInput<'_>,
) -> Result<dialogue_session::Model, AppError> {
    check_secretariat(user)?;
    let now = state.clock.now();
    let valid = validate(&state.db, &input, now).await?;
    let txn = write_txn(&state.db).await?;
    let created = insert(&txn, valid, now).await?;
    txn.commit().await.or_internal("committing a session")?;
    Ok(created)
}

async fn insert(
    conn: &impl ConnectionTrait,
    valid: ValidSession,
    now: DateTime<Utc>,
) -> Result<dialogue_session::Model, AppError> {
    dialogue_session::ActiveModel {
        starts_at: Set(valid.starts_at),
        duration_minutes: Set(valid.duration),
        venue: Set(valid.venue),
        kecamatan_id: Set(valid.kecamatan_id),
        desa_id: Set(valid.desa_id),
        host_kecamatan_id: Set(valid.host_id),
        capacity: Set(valid.capacity),
        livestream_url: Set(valid.livestream),
        cutoff_at: Set(valid.cutoff_at),
        status: Set(SessionStatus::Planned),
        sequence: Set(0),
        change_reason: Set(None),
        confirmed_count: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
    .or_internal("inserting a session")
}

async fn changeable(conn: &impl ConnectionTrait, id: i32) -> Result<dialogue_session::Model, AppError> {
    let found = dialogue_session::Entity::find_by_id(id)
        .one(conn)
        .await
        .or_internal("reading a session")?
        .ok_or(AppError::NotFound)?;
    if !found.status.changeable() {
        return Err(AppError::Forbidden);
    }
    Ok(found)
}

/// A reason people will read: required for a reschedule or a cancellation.
fn parse_change_reason(raw: &str) -> Result<String, AppError> {
    crate::model::moderation::parse_reason(raw).map_err(|code| {
        AppError::field(
            "reason",
            if code == ErrorCode::Required {
                ErrorCode::ReasonRequired
            } else {
                code
            },
        )
    })
}

/// Changes a session before it is held. A new date or time is a reschedule: it needs a
/// reason, and everyone registered is told.
pub async fn update(
    state: &AppState,
    user: &user_account::Model,
    id: i32,
    input: SessionInput<'_>,
    reason: &str,
) -> Result<(), AppError> {
    check_secretariat(user)?;
    let now = state.clock.now();
    let found = changeable(&state.db, id).await?;
    let valid = validate(&state.db, &input, now).await?;
    let rescheduled = valid.starts_at != found.starts_at || valid.duration != found.duration_minutes;
    let reason = if rescheduled || !reason.trim().is_empty() {
        Some(parse_change_reason(reason)?)
    } else {
        None
    };
    let txn = write_txn(&state.db).await?;
    let mut row: dialogue_session::ActiveModel = found.clone().into();
    row.starts_at = Set(valid.starts_at);
    row.duration_minutes = Set(valid.duration);
    row.venue = Set(valid.venue);
    row.kecamatan_id = Set(valid.kecamatan_id);
    row.desa_id = Set(valid.desa_id);
    row.host_kecamatan_id = Set(valid.host_id);
    row.capacity = Set(Ord::max(valid.capacity, found.confirmed_count));
    row.livestream_url = Set(valid.livestream);
    row.cutoff_at = Set(valid.cutoff_at);
    row.sequence = Set(found.sequence + 1);
    if reason.is_some() {
        row.change_reason = Set(reason.clone());
    }
    row.updated_at = Set(now);
    let updated = row.update(&txn).await.or_internal("updating a session")?;
    if rescheduled {
        tell_registered(&txn, state, &updated, reason.as_deref().unwrap_or_default(), false).await?;
    }
    txn.commit().await.or_internal("committing a session change")?;
    state.mail_bell.notify_one();
    Ok(())
}

/// Cancels a session before it is held, with a reason everyone registered reads.
pub async fn cancel(state: &AppState, user: &user_account::Model, id: i32, reason: &str) -> Result<(), AppError> {
    check_secretariat(user)?;
    let reason = parse_change_reason(reason)?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let found = changeable(&txn, id).await?;
    let sequence = found.sequence + 1;
    let mut row: dialogue_session::ActiveModel = found.into();
    row.status = Set(SessionStatus::Cancelled);
    row.sequence = Set(sequence);
    row.change_reason = Set(Some(reason.clone()));
    row.updated_at = Set(now);
    let updated = row.update(&txn).await.or_internal("cancelling a session")?;
    tell_registered(&txn, state, &updated, &reason, true).await?;
    txn.commit().await.or_internal("committing a cancellation")?;
    state.mail_bell.notify_one();
    Ok(())
}

/// Queues a message to everyone registered (confirmed or waiting) about a change.
async fn tell_registered(
    conn: &impl ConnectionTrait,
    state: &AppState,
    session: &dialogue_session::Model,
    reason: &str,
    cancelled: bool,
) -> Result<(), AppError> {
    let people: Vec<i32> = session_registration::Entity::find()
        .select_only()
        .column(session_registration::Column::UserId)
        .filter(session_registration::Column::SessionId.eq(session.id))
        .into_tuple()
        .all(conn)
        .await
        .or_internal("reading registrations")?;
    let accounts = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(people))
        .all(conn)
        .await
        .or_internal("reading accounts")?;
    let link = format!("{}/sessions/{}", state.config.base_url, session.id);
    for person in accounts {
        let locale = person.locale;
        let when = when_wib(session.starts_at, session.duration_minutes, locale);
        let rendered = templates::session_changed(
            locale.texts(),
            &person.name,
            &when,
            &session.venue,
            reason,
            cancelled,
            &link,
        );
        let key = format!("session-change:{}:{}:{}", session.id, session.sequence, person.id);
        let notice = Notice::plain(key, Topic::Sessions, rendered, link.clone());
        notify(conn, &state.config, state.clock.now(), &person, notice).await?;
    }
    Ok(())
}

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

async fn holidays(db: &impl ConnectionTrait) -> Result<Vec<(NaiveDate, String)>, AppError> {
    Ok(holiday::Entity::find()
        .all(db)
        .await
        .or_internal("reading holidays")?
        .into_iter()
        .map(|h| (h.day, h.description))
        .collect())
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
    Ok(PlanPreview {
        weeks: weeks(db, &plan)
            .await?
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

pub(super) async fn region_names(
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
pub(super) fn place_text(s: &dialogue_session::Model, names: &HashMap<i32, String>) -> String {
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

/// Registers `user` to attend: confirmed while places last, else on the waitlist. A second
/// press changes nothing. Exact under concurrency: the place is taken by one conditional
/// update of the session's counter.
pub async fn register(state: &AppState, user: &user_account::Model, id: i32) -> Result<(), AppError> {
    check_can_post(user)?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let session = find(&txn, id).await?;
    if !session.status.open_for_registration() || session.starts_at <= now {
        return Err(AppError::Forbidden);
    }
    let added = session_registration::Entity::insert(session_registration::ActiveModel {
        session_id: Set(id),
        user_id: Set(user.id),
        status: Set(WAITLISTED),
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
    session_registration::Entity::delete_by_id(mine.id)
        .exec(&txn)
        .await
        .or_internal("withdrawing a registration")?;
    if mine.status == CONFIRMED {
        dialogue_session::Entity::update_many()
            .col_expr(
                dialogue_session::Column::ConfirmedCount,
                Expr::col(dialogue_session::Column::ConfirmedCount).sub(1),
            )
            .filter(dialogue_session::Column::Id.eq(id))
            .exec(&txn)
            .await
            .or_internal("freeing a place")?;
        promote(&txn, state, &session, now).await?;
    }
    txn.commit().await.or_internal("committing a withdrawal")?;
    state.mail_bell.notify_one();
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
