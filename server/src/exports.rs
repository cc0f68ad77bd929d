//! Downloads as CSV: the public scorecard (`/scorecard.csv`).

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use app::server::{AppState, services::scorecard};

/// `text` as a CSV download named `file`, UTF-8 with a byte-order mark so that spreadsheet
/// programs read the Indonesian names right.
pub fn csv_response(text: String, file: &str) -> Response {
    let mut response = format!("\u{feff}{text}").into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The scorecard's numbers, for anyone.
pub async fn scorecard_csv(state: AppState) -> Response {
    match scorecard::scorecard(&state.db, state.clock.now()).await {
        Ok(card) => csv_response(scorecard::csv(&card), "rapor-opd.csv"),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
