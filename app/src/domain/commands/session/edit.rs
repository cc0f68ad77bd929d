//! The secretariat schedules one session, reschedules it or cancels it with a reason (the
//! registered are told). Times are typed and shown in WIB and stored in UTC.

use crate::domain::rules::access::check_secretariat;
use crate::{
    domain::{
        AppState,
        entities::{dialogue_session, region, session_registration, user_account},
        error::{OrInternal, write_txn},
        mail::{
            notify::{Notice, notify},
            templates,
        },
        queries::time::{format_day, when_wib, wib_instant},
    },
    i18n::Locale,
    model::{
        AppError, ErrorCode,
        error::Problems,
        mail::Topic,
        session::{
            CAPACITY_MAX, CUTOFF_TIME, DURATION_MAX, SessionStatus, VENUE_MAX, default_cutoff_day, parse_date,
            parse_link, parse_number, parse_time,
        },
    },
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
};

pub(crate) fn day_wib(day: NaiveDate, locale: Locale) -> String {
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

pub(crate) struct ValidSession {
    pub(crate) starts_at: DateTime<Utc>,
    pub(crate) duration: i32,
    pub(crate) venue: String,
    pub(crate) kecamatan_id: Option<i32>,
    pub(crate) desa_id: Option<i32>,
    pub(crate) host_id: Option<i32>,
    pub(crate) capacity: i32,
    pub(crate) livestream: Option<String>,
    pub(crate) cutoff_at: DateTime<Utc>,
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

pub(crate) async fn insert(
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
