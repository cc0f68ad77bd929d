//! The calendar routes: `/sessions.ics` (upcoming sessions and those of the last 90 days)
//! and `/sessions/{id}.ics`. The files themselves are made by `app::domain::calendar`.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use app::domain::{
    AppState,
    calendar::{calendar_text, session_event},
    queries, views,
};

/// The session a path names: `Some(None)` for the whole feed, `Some(Some(id))` for one.
pub fn calendar_path(path: &str) -> Option<Option<i32>> {
    if path == "/sessions.ics" {
        return Some(None);
    }
    let id = path.strip_prefix("/sessions/")?.strip_suffix(".ics")?;
    id.parse::<i32>().ok().filter(|id| *id > 0).map(Some)
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

/// Answers a calendar path (see `calendar_path`).
pub async fn serve(state: AppState, which: Option<i32>) -> Response {
    match which {
        None => sessions_ics(state).await,
        Some(id) => session_ics(state, id).await,
    }
}

#[utoipa::path(
    get,
    path = "/sessions.ics",
    tag = "Calendars",
    summary = "Every upcoming Friday session and those of the last 90 days (iCalendar)",
    responses((status = 200, description = "The calendar", body = String, content_type = "text/calendar"))
)]
async fn sessions_ics(state: AppState) -> Response {
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
    match queries::sessions::find(&state.db, id).await {
        Ok(session) => {
            let place = queries::sessions::place_of(&state.db, &session)
                .await
                .unwrap_or_default();
            let text = calendar_text(vec![session_event(base, &session, &place)]);
            calendar_response(text, &format!("sesi-{id}.ics"))
        }
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn calendar_paths() {
        use super::calendar_path;
        assert_eq!(calendar_path("/sessions.ics"), Some(None));
        assert_eq!(calendar_path("/sessions/12.ics"), Some(Some(12)));
        assert_eq!(calendar_path("/sessions/x.ics"), None);
        assert_eq!(calendar_path("/sessions/12"), None);
    }
}
