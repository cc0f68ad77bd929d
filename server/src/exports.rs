//! Downloads as CSV: the public scorecard (`/scorecard.csv`) and the staff's exports
//! (`/staff/follow-ups.csv` with filters, `/staff/e-planning.csv`, `/staff/e-budgeting.csv`).

use axum::{
    extract::{RawQuery, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use app::{
    api::context,
    domain::{
        AppState,
        entities::user_account,
        queries,
        views::{self, exports::FollowUpFilter},
    },
    i18n::Locale,
    model::AppError,
};

/// The staff's downloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StaffExport {
    FollowUps,
    Planning,
    Budgeting,
}

impl StaffExport {
    fn file(self) -> &'static str {
        match self {
            Self::FollowUps => "tindak-lanjut.csv",
            Self::Planning => "e-planning-musrenbang.csv",
            Self::Budgeting => "e-budgeting.csv",
        }
    }
}

#[utoipa::path(
    get,
    path = "/staff/follow-ups.csv",
    tag = "Exports",
    summary = "Follow-ups as CSV (secretariat and admin: every OPD; an officer: their own OPD)",
    params(
        ("opd" = Option<i32>, Query, description = "An OPD's id"),
        ("status" = Option<String>, Query, description = "A follow-up status"),
        ("from" = Option<String>, Query, description = "Assigned on or after (YYYY-MM-DD)"),
        ("to" = Option<String>, Query, description = "Assigned on or before (YYYY-MM-DD)")
    ),
    responses(
        (status = 200, description = "The follow-ups", body = String, content_type = "text/csv"),
        (status = 400, description = "A bad date"),
        (status = 401, description = "Not signed in"),
        (status = 403, description = "A resident")
    ),
    security(("session" = []))
)]
pub async fn follow_ups_csv(State(state): State<AppState>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    one_staff_csv(state, StaffExport::FollowUps, &headers, query.as_deref()).await
}

#[utoipa::path(
    get,
    path = "/staff/e-planning.csv",
    tag = "Exports",
    summary = "Follow-ups marked for the Musrenbang, for e-planning, as CSV",
    responses(
        (status = 200, description = "The list", body = String, content_type = "text/csv"),
        (status = 401, description = "Not signed in"),
        (status = 403, description = "A resident")
    ),
    security(("session" = []))
)]
pub async fn planning_csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    one_staff_csv(state, StaffExport::Planning, &headers, None).await
}

#[utoipa::path(
    get,
    path = "/staff/e-budgeting.csv",
    tag = "Exports",
    summary = "Reported costs per OPD and category, for e-budgeting, as CSV",
    responses(
        (status = 200, description = "The totals", body = String, content_type = "text/csv"),
        (status = 401, description = "Not signed in"),
        (status = 403, description = "A resident")
    ),
    security(("session" = []))
)]
pub async fn budgeting_csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    one_staff_csv(state, StaffExport::Budgeting, &headers, None).await
}

async fn one_staff_csv(state: AppState, which: StaffExport, headers: &HeaderMap, query: Option<&str>) -> Response {
    let locale = context::locale_in(headers);
    let user = match signed_in_user(&state, headers).await {
        Ok(user) => user,
        Err(error) => return refusal(locale, error),
    };
    let Ok(pairs) = serde_urlencoded::from_str::<Vec<(String, String)>>(query.unwrap_or_default()) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let text = match which {
        StaffExport::FollowUps => match FollowUpFilter::parse(&pairs) {
            Ok(filter) => views::exports::follow_ups_csv(&state.db, &user, filter).await,
            Err(error) => Err(error),
        },
        StaffExport::Planning => views::exports::planning_csv(&state.db, &user).await,
        StaffExport::Budgeting => views::exports::budgeting_csv(&state.db, &user).await,
    };
    match text {
        Ok(text) => csv_response(text, which.file()),
        Err(error) => refusal(locale, error),
    }
}

/// The account of the session cookie in `headers`: `Unauthorized` without one.
pub async fn signed_in_user(state: &AppState, headers: &HeaderMap) -> Result<user_account::Model, AppError> {
    let viewer = match context::cookie_in(headers, context::SESSION_COOKIE) {
        Some(token) => queries::accounts::session_user(&state.db, &state.clock, &token).await?,
        None => None,
    };
    viewer.ok_or(AppError::Unauthorized)
}

/// A download refused with `error`, said in the reader's language: 401, 403, 400 with the
/// fields' messages, or 500.
pub fn refusal(locale: Locale, error: AppError) -> Response {
    let t = locale.texts();
    let status = match &error {
        AppError::Unauthorized => StatusCode::UNAUTHORIZED,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::Invalid(fields) => {
            let text = fields
                .iter()
                .map(|f| (t.code_message)(f.code))
                .collect::<Vec<_>>()
                .join(" ");
            return (StatusCode::BAD_REQUEST, text).into_response();
        }
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    (status, t.error_message(&error)).into_response()
}

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
#[utoipa::path(
    get,
    path = "/scorecard.csv",
    tag = "Exports",
    summary = "The public OPD scorecard as CSV",
    responses((status = 200, description = "The scorecard", body = String, content_type = "text/csv"))
)]
pub async fn scorecard_csv(State(state): State<AppState>) -> Response {
    match views::scorecard::cached(&state).await {
        Ok(card) => csv_response(views::scorecard::csv(&card), "rapor-opd.csv"),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
