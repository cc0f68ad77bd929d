//! What the session pages read: the list of sessions, one session with its agenda,
//! suggestions and the reader's registration, and the calendar feed's rows. Kept apart
//! from `sessions` (the commands) so that the commands need nothing of the agenda.

use crate::{
    domain::{
        entities::{dialogue_session, session_registration, user_account},
        error::OrInternal,
        queries::{
            holidays::sessions_on_holidays,
            opds::opd_choices,
            sessions::{CONFIRMED, WAITLISTED, coming, find, place_text, region_names},
            time::{format_wib, machine, when_wib},
        },
        rules::access::role_of,
        views,
    },
    i18n::Locale,
    model::{
        AppError,
        session::{
            ComingSession, SessionDraft, SessionList, SessionReader, SessionStatus, SessionSummary, SessionView,
            WhatsNext,
        },
    },
};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Asia::Jakarta;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

pub(crate) fn summary(s: &dialogue_session::Model, names: &HashMap<i32, String>, locale: Locale) -> SessionSummary {
    SessionSummary {
        id: s.id,
        status: s.status,
        starts_at: machine(s.starts_at),
        when_wib: when_wib(s.starts_at, s.duration_minutes, locale),
        venue: s.venue.clone(),
        place: place_text(s, names),
        capacity: s.capacity,
        confirmed: s.confirmed_count,
    }
}

/// The next session that will be held, and the first whose agenda a new issue can still
/// reach (cutoff ahead, agenda not locked), for the home page and the issue form.
pub async fn whats_next(db: &DatabaseConnection, locale: Locale, now: DateTime<Utc>) -> Result<WhatsNext, AppError> {
    let coming = coming(now)
        .limit(12)
        .all(db)
        .await
        .or_internal("reading the coming sessions")?;
    let next = coming.first();
    let reachable = coming
        .iter()
        .find(|s| s.cutoff_at > now && s.status != SessionStatus::AgendaLocked);
    let shown: Vec<dialogue_session::Model> = next.into_iter().chain(reachable).cloned().collect();
    let names = region_names(db, &shown).await?;
    let tell = |s: &dialogue_session::Model| ComingSession {
        summary: summary(s, &names, locale),
        host: s
            .host_kecamatan_id
            .and_then(|id| names.get(&id).cloned())
            .unwrap_or_default(),
        livestream_url: s.livestream_url.clone(),
        cutoff_wib: format_wib(s.cutoff_at, locale),
    };
    Ok(WhatsNext {
        next: next.map(tell),
        reachable: reachable.map(tell),
    })
}

/// Upcoming sessions (soonest first) and the latest past ones.
pub async fn list(
    db: &DatabaseConnection,
    viewer: Option<&user_account::Model>,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<SessionList, AppError> {
    let upcoming = dialogue_session::Entity::find()
        .filter(dialogue_session::Column::StartsAt.gte(now - Duration::hours(12)))
        .order_by_asc(dialogue_session::Column::StartsAt)
        .limit(30)
        .all(db)
        .await
        .or_internal("reading sessions")?;
    let past = dialogue_session::Entity::find()
        .filter(dialogue_session::Column::StartsAt.lt(now - Duration::hours(12)))
        .order_by_desc(dialogue_session::Column::StartsAt)
        .limit(10)
        .all(db)
        .await
        .or_internal("reading sessions")?;
    let all: Vec<dialogue_session::Model> = upcoming.iter().chain(past.iter()).cloned().collect();
    let names = region_names(db, &all).await?;
    let manages = viewer.is_some_and(|v| role_of(v).moderates());
    Ok(SessionList {
        upcoming: upcoming.iter().map(|s| summary(s, &names, locale)).collect(),
        past: past.iter().map(|s| summary(s, &names, locale)).collect(),
        manages,
        on_holidays: if manages {
            on_holidays(db, locale, now).await?
        } else {
            Vec::new()
        },
    })
}

/// Sessions to come on a holiday, in words: (id, when in WIB, the holiday).
pub(crate) async fn on_holidays(
    db: &DatabaseConnection,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Vec<(i32, String, String)>, AppError> {
    Ok(sessions_on_holidays(db, now)
        .await?
        .into_iter()
        .map(|(s, name)| (s.id, when_wib(s.starts_at, s.duration_minutes, locale), name))
        .collect())
}

/// The sessions for the calendar feed: upcoming and the last 90 days.
pub async fn for_calendar(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Vec<(dialogue_session::Model, String)>, AppError> {
    let rows = dialogue_session::Entity::find()
        .filter(dialogue_session::Column::StartsAt.gte(now - Duration::days(90)))
        .order_by_asc(dialogue_session::Column::StartsAt)
        .limit(200)
        .all(db)
        .await
        .or_internal("reading sessions")?;
    let names = region_names(db, &rows).await?;
    Ok(rows
        .into_iter()
        .map(|s| {
            let place = place_text(&s, &names);
            (s, place)
        })
        .collect())
}

fn draft(s: &dialogue_session::Model) -> SessionDraft {
    let local = s.starts_at.with_timezone(&Jakarta);
    let cutoff = s.cutoff_at.with_timezone(&Jakarta);
    let id = |v: Option<i32>| v.map(|v| v.to_string()).unwrap_or_default();
    SessionDraft {
        date: local.format("%Y-%m-%d").to_string(),
        time: local.format("%H:%M").to_string(),
        duration: s.duration_minutes.to_string(),
        venue: s.venue.clone(),
        kecamatan: id(s.kecamatan_id),
        desa: id(s.desa_id),
        host: id(s.host_kecamatan_id),
        capacity: s.capacity.to_string(),
        livestream: s.livestream_url.clone().unwrap_or_default(),
        cutoff_date: cutoff.format("%Y-%m-%d").to_string(),
        cutoff_time: cutoff.format("%H:%M").to_string(),
    }
}

pub async fn get(
    db: &DatabaseConnection,
    viewer: Option<&user_account::Model>,
    locale: Locale,
    id: i32,
    now: DateTime<Utc>,
) -> Result<SessionView, AppError> {
    let s = find(db, id).await?;
    let names = region_names(db, std::slice::from_ref(&s)).await?;
    let status = s.status;
    let waitlist: Vec<session_registration::Model> = session_registration::Entity::find()
        .filter(session_registration::Column::SessionId.eq(s.id))
        .filter(session_registration::Column::Status.eq(WAITLISTED))
        .order_by_asc(session_registration::Column::Id)
        .all(db)
        .await
        .or_internal("reading the waitlist")?;
    let reader = match viewer {
        None => SessionReader::default(),
        Some(v) => {
            let mine = session_registration::Entity::find()
                .filter(session_registration::Column::SessionId.eq(s.id))
                .filter(session_registration::Column::UserId.eq(v.id))
                .one(db)
                .await
                .or_internal("reading a registration")?;
            SessionReader {
                signed_in: true,
                may_register: v.email_verified_at.is_some() && status.open_for_registration() && s.starts_at > now,
                confirmed: mine.as_ref().is_some_and(|r| r.status == CONFIRMED),
                waitlisted: waitlist.iter().position(|r| r.user_id == v.id).map(|p| p as u32 + 1),
                manages: role_of(v).moderates(),
            }
        }
    };
    let time = |at: DateTime<Utc>| format_wib(at, locale);
    Ok(SessionView {
        summary: summary(&s, &names, locale),
        duration_minutes: s.duration_minutes,
        host: s
            .host_kecamatan_id
            .and_then(|id| names.get(&id).cloned())
            .unwrap_or_default(),
        livestream_url: s.livestream_url.clone(),
        cutoff_wib: time(s.cutoff_at),
        change_reason: s.change_reason.clone(),
        waitlisted: waitlist.len() as i32,
        reader,
        form: draft(&s),
        agenda: views::agenda::agenda(db, &s, locale, viewer.is_some_and(|v| role_of(v).is_staff())).await?,
        suggestions: if reader.manages && matches!(status, SessionStatus::Planned | SessionStatus::AgendaOpen) {
            views::agenda::suggestions(db, &s, locale, now).await?
        } else {
            Vec::new()
        },
        opds: if reader.manages && status == SessionStatus::Held {
            opd_choices(db).await?
        } else {
            Vec::new()
        },
        attendance: s
            .attendance
            .filter(|_| status == SessionStatus::MinutesPublished || reader.manages),
        minutes_html: s
            .minutes_html
            .clone()
            .filter(|_| status == SessionStatus::MinutesPublished),
        minutes_draft: s
            .minutes_md
            .clone()
            .filter(|_| reader.manages && status == SessionStatus::Held),
    })
}
