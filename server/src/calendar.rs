//! The calendar routes: `/sessions.ics` (upcoming sessions and those of the last 90 days)
//! and `/sessions/{id}.ics`. The files themselves are made by `app::domain::calendar`.
//!
//! `/sessions/{id}.ics` is the one route the router cannot spell: axum 0.8 pins matchit
//! 0.8.4, which has no suffix inside a segment, and the segment is the session page's
//! `/sessions/{id}`. So one small layer of the router, `session_file_layer`, answers the
//! `.ics` form of that path; every other route is in the router's list.

use axum::{
    body::Body,
    extract::State,
    http::{HeaderValue, Method, Request, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use app::{
    domain::{
        AppState,
        calendar::{calendar_text, session_event},
        queries, views,
    },
    model::AppError,
};

/// The session a `/sessions/{id}.ics` path names.
pub fn session_file(path: &str) -> Option<i32> {
    let id = path.strip_prefix("/sessions/")?.strip_suffix(".ics")?;
    id.parse::<i32>().ok().filter(|id| *id > 0)
}

/// Middleware on the session page's route: its `.ics` form is the session's event.
pub async fn session_file_layer(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    match session_file(req.uri().path()) {
        Some(id) if req.method() == Method::GET => session_ics(state, id).await,
        _ => next.run(req).await,
    }
}

fn calendar_response(text: String, file: &str) -> Response {
    let mut response = text.into_response();
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

#[utoipa::path(
    get,
    path = "/sessions.ics",
    tag = "Calendars",
    summary = "Every upcoming Friday session and those of the last 90 days (iCalendar)",
    responses((status = 200, description = "The calendar", body = String, content_type = "text/calendar"))
)]
pub async fn sessions_ics(State(state): State<AppState>) -> Response {
    let base = &state.config.base_url;
    match views::sessions::for_calendar(&state.db, state.clock.now()).await {
        Ok(all) => {
            let events = all.iter().map(|(s, place)| session_event(base, s, place)).collect();
            calendar_response(calendar_text(events), "jumat-bersama-bupati.ics")
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[utoipa::path(
    get,
    path = "/sessions/{id}.ics",
    tag = "Calendars",
    summary = "One session as an iCalendar event",
    params(("id" = i32, Path, description = "The session's id", example = 1)),
    responses(
        (status = 200, description = "The event", body = String, content_type = "text/calendar"),
        (status = 404, description = "No such session")
    )
)]
async fn session_ics(state: AppState, id: i32) -> Response {
    let base = &state.config.base_url;
    let session = match queries::sessions::find(&state.db, id).await {
        Ok(session) => session,
        Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let Ok(place) = queries::sessions::place_of(&state.db, &session).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let text = calendar_text(vec![session_event(base, &session, &place)]);
    calendar_response(text, &format!("sesi-{id}.ics"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn calendar_paths() {
        use super::session_file;
        assert_eq!(session_file("/sessions.ics"), None);
        assert_eq!(session_file("/sessions/12.ics"), Some(12));
        assert_eq!(session_file("/sessions/x.ics"), None);
        assert_eq!(session_file("/sessions/12"), None);
    }
}
