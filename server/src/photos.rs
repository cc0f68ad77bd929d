//! Serves stored photos. A photo never changes (its name is its hash), so a photo of a
//! public issue is cached for a year by browsers and proxies. A photo of a confidential or
//! hidden issue answers only to those who may see that issue, and is never cached publicly.

use axum::{
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use app::{
    api::context,
    domain::{AppState, entities::issue_photo, photos, queries, rules},
};

const PUBLIC: &str = "public, max-age=31536000, immutable";
const PRIVATE: &str = "private, max-age=3600";

#[utoipa::path(
    get,
    path = "/photos/{file}",
    tag = "Files",
    summary = "A photo of an issue (JPEG), `HASH.jpg` or the small `HASH-s.jpg`",
    params(("file" = String, Path, description = "The photo's SHA-256 and `.jpg`", example = "0000000000000000000000000000000000000000000000000000000000000000.jpg")),
    responses(
        (status = 200, description = "The photo", body = Vec<u8>, content_type = "image/jpeg"),
        (status = 304, description = "Not modified (ETag)"),
        (status = 404, description = "No such photo, or not visible to this reader")
    )
)]
pub async fn photo(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some(stem) = file.strip_suffix(".jpg") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (hash, small) = match stem.strip_suffix("-s") {
        Some(hash) => (hash, true),
        None => (stem, false),
    };
    if !photos::is_photo_hash(hash) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(cache) = visibility(&state, hash, &headers).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = format!("\"{hash}{}\"", if small { "-s" } else { "" });
    let cached = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag));
    let mut response = if cached {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        match tokio::fs::read(photos::photo_path(&state.config.photo_dir, hash, small)).await {
            Ok(bytes) => ([(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"))], bytes).into_response(),
            Err(_) => return StatusCode::NOT_FOUND.into_response(),
        }
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(etag) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, etag);
    }
    response
}

/// How the photo may be cached, or `None` when the reader may not see it. A photo not yet
/// attached to an issue (just uploaded, shown back in a refused form) is known only to its
/// uploader by its unguessable name.
async fn visibility(state: &AppState, hash: &str, headers: &HeaderMap) -> Option<&'static str> {
    let issues: Vec<i32> = issue_photo::Entity::find()
        .select_only()
        .column(issue_photo::Column::IssueId)
        .filter(issue_photo::Column::Hash.eq(hash))
        .into_tuple()
        .all(&state.db)
        .await
        .ok()?;
    if issues.is_empty() {
        return Some(PRIVATE);
    }
    for id in &issues {
        if rules::access::visible_issue(&state.db, None, *id).await.is_ok() {
            return Some(PUBLIC);
        }
    }
    let token = context::cookie_in(headers, context::SESSION_COOKIE)?;
    let viewer = queries::accounts::session_user(&state.db, &state.clock, &token)
        .await
        .ok()??;
    for id in issues {
        if rules::access::visible_issue(&state.db, Some(&viewer), id).await.is_ok() {
            return Some(PRIVATE);
        }
    }
    None
}
