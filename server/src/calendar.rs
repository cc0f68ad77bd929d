//! iCalendar (RFC 5545) for the Friday dialogue: `/sessions.ics` (upcoming and the last 90
//! days) and `/sessions/{id}.ics`. Each session keeps its UID for life; SEQUENCE rises with
//! every change and a cancelled session says STATUS:CANCELLED, so calendars update in
//! place. Times are in UTC (`...Z`), which every calendar shows in the reader's own zone.
//! The `icalendar` crate writes CRLF line ends and folds long lines.

use axum::{
    body::Body,
    http::{HeaderValue, Request, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::Duration;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use app::{
    i18n::Locale,
    model::session::SessionStatus,
    server::{AppState, entities::dialogue_session, services::sessions},
};

/// The session a path names: `Some(None)` for the whole feed, `Some(Some(id))` for one.
pub fn calendar_path(path: &str) -> Option<Option<i32>> {
    if path == "/sessions.ics" {
        return Some(None);
    }
    let id = path.strip_prefix("/sessions/")?.strip_suffix(".ics")?;
    id.parse::<i32>().ok().filter(|id| *id > 0).map(Some)
}

/// The host part of `BASE_URL`, for UIDs (`session-12@jatinan.batangkab.go.id`).
fn uid_domain(base_url: &str) -> &str {
    let host = base_url.split("://").nth(1).unwrap_or(base_url);
    host.split(['/', ':']).next().unwrap_or(host)
}

fn event(state: &AppState, session: &dialogue_session::Model, place: &str) -> Event {
    let t = Locale::Id.texts();
    let link = format!("{}/sessions/{}", state.config.base_url, session.id);
    let status = SessionStatus::parse(&session.status).unwrap_or(SessionStatus::Planned);
    let location = if place.is_empty() {
        session.venue.clone()
    } else {
        format!("{}, {place}", session.venue)
    };
    let mut event = Event::new();
    event
        .uid(&format!(
            "session-{}@{}",
            session.id,
            uid_domain(&state.config.base_url)
        ))
        .summary(&(t.session_title)(&session.venue))
        .description(&format!(
            "{}\n{}: {}",
            t.sessions_title,
            t.session_change_reason,
            session.change_reason.as_deref().unwrap_or("-")
        ))
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

fn calendar_response(calendar: &Calendar, file: &str) -> Response {
    let mut response = calendar.to_string().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{file}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// Answers a calendar path (see `calendar_path`).
pub async fn serve(state: AppState, which: Option<i32>, _req: Request<Body>) -> Response {
    let t = Locale::Id.texts();
    let mut calendar = Calendar::new();
    calendar.name(t.sessions_title).timezone("Asia/Jakarta");
    match which {
        None => {
            let Ok(all) = sessions::for_calendar(&state.db, state.clock.now()).await else {
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            };
            for (session, place) in &all {
                calendar.push(event(&state, session, place));
            }
            calendar_response(&calendar.done(), "jumat-bersama-bupati.ics")
        }
        Some(id) => match sessions::find(&state.db, id).await {
            Ok(session) => {
                let place = sessions::place_of(&state.db, &session).await.unwrap_or_default();
                calendar.push(event(&state, &session, &place));
                calendar_response(&calendar.done(), &format!("sesi-{id}.ics"))
            }
            Err(_) => StatusCode::NOT_FOUND.into_response(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_paths() {
        assert_eq!(calendar_path("/sessions.ics"), Some(None));
        assert_eq!(calendar_path("/sessions/12.ics"), Some(Some(12)));
        assert_eq!(calendar_path("/sessions/x.ics"), None);
        assert_eq!(calendar_path("/sessions/12"), None);
        assert_eq!(
            uid_domain("https://jatinan.batangkab.go.id/"),
            "jatinan.batangkab.go.id"
        );
        assert_eq!(uid_domain("http://127.0.0.1:3000"), "127.0.0.1");
    }
}
