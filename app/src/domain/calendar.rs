//! iCalendar (RFC 5545) of the Friday dialogue, through the `icalendar` crate: one VEVENT
//! per session with a UID that never changes, SEQUENCE from the session's change counter,
//! STATUS:CANCELLED once cancelled, and times in UTC. The crate writes CRLF line ends and
//! folds long lines. Used by the calendar routes and by invitation mail.

use chrono::Duration;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use crate::domain::entities::dialogue_session;
use crate::{i18n::Locale, model::session::SessionStatus};

/// The host part of `BASE_URL`, for UIDs (`session-12@jatinan.batangkab.go.id`).
pub fn uid_domain(base_url: &str) -> &str {
    let host = base_url.split("://").nth(1).unwrap_or(base_url);
    host.split(['/', ':']).next().unwrap_or(host)
}

/// One session as a calendar event. `place` is "Desa, Kecamatan" or empty.
pub fn session_event(base_url: &str, session: &dialogue_session::Model, place: &str) -> Event {
    let t = Locale::Id.texts();
    let link = format!("{base_url}/sessions/{}", session.id);
    let status = session.status;
    let location = if place.is_empty() {
        session.venue.clone()
    } else {
        format!("{}, {place}", session.venue)
    };
    let mut description = format!("{}\n{link}", t.sessions_title);
    if let Some(reason) = &session.change_reason {
        description.push_str(&format!("\n{}: {reason}", t.session_change_reason));
    }
    let mut event = Event::new();
    event
        .uid(&format!("session-{}@{}", session.id, uid_domain(base_url)))
        .summary(&(t.session_title)(&session.venue))
        .description(&description)
        .location(&location)
        .url(&link)
        .timestamp(session.updated_at)
        .sequence(session.sequence.max(0) as u32)
        .starts(session.starts_at)
        .ends(session.starts_at + Duration::minutes(i64::from(session.duration_minutes)))
        .status(if status == SessionStatus::Cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
    event.done()
}

/// A whole calendar file of these events.
pub fn calendar_text(events: Vec<Event>) -> String {
    let mut calendar = Calendar::new();
    calendar.name(Locale::Id.texts().sessions_title);
    for event in events {
        calendar.push(event);
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn uids_use_the_site_host() {
        assert_eq!(
            super::uid_domain("https://jatinan.batangkab.go.id/"),
            "jatinan.batangkab.go.id"
        );
        assert_eq!(super::uid_domain("http://127.0.0.1:3000"), "127.0.0.1");
    }
}
