//! `/account/data.json`: the signed-in person's own data as one JSON file, the copy that
//! UU 27/2022 (PDP) entitles them to. Only their own rows (`views::me::my_data`).

use axum::{
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use app::{
    api::context,
    domain::{AppState, views},
};

use crate::exports::{refusal, signed_in_user};

#[utoipa::path(
    get,
    path = "/account/data.json",
    tag = "Exports",
    summary = "Everything the site keeps that is the signed-in person's own, as JSON",
    responses(
        (status = 200, description = "The account, issues, comments, supports, follows, registrations, reports and mail settings", body = Object, content_type = "application/json"),
        (status = 401, description = "Not signed in")
    ),
    security(("session" = []))
)]
pub async fn download(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let locale = context::locale_in(&headers);
    let user = match signed_in_user(&state, &headers).await {
        Ok(user) => user,
        Err(error) => return refusal(locale, error),
    };
    let data = match views::me::my_data(&state.db, &user, state.clock.now()).await {
        Ok(data) => data,
        Err(error) => return refusal(locale, error),
    };
    let Ok(text) = serde_json::to_string_pretty(&data) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut response = text.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"data-saya-jatinan.json\""),
    );
    response
}
