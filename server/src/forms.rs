//! Forms without JavaScript. A browser that posts a plain HTML form to a server function
//! gets what it expects from a classic web site: on success a 303 redirect (to where the
//! function sent it, else back), on failure the same page rendered again with a 4xx, the
//! messages in the reader's language and the typed values kept (never passwords).

use axum::{
    body::{Body, to_bytes},
    http::{HeaderMap, HeaderValue, Method, Request, StatusCode, Uri, header},
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::provide_context;

use app::{
    api::context,
    domain::{AppState, photos, queries},
    model::{
        AppError, ErrorCode, FieldError,
        form::FormEcho,
        issue::{PHOTO_MAX_BYTES, PHOTO_MAX_COUNT},
    },
    ui::shell,
};

use crate::{audit, router::provide_server_context};

/// Larger form bodies are refused (413) before they are read.
const MAX_FORM_BYTES: usize = 64 * 1024;
/// A form with photos: three of at most 5 MB each, the text, and room for one photo that
/// is too large (so that its sender reads why instead of a bare 413).
const MAX_MULTIPART_BYTES: u64 = 32 * 1024 * 1024;
/// A text file sent with a form (the regions CSV) is read as text up to this size.
const MAX_TEXT_FILE_BYTES: usize = 1024 * 1024;

pub fn is_plain_form_post<B>(req: &Request<B>) -> bool {
    let header_has = |name, needle| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains(needle))
    };
    req.method() == Method::POST
        && (header_has(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            || header_has(header::CONTENT_TYPE, "multipart/form-data"))
        && header_has(header::ACCEPT, "text/html")
}

/// A path on this site, never another site (no open redirects). A simple `#fragment`
/// (such as `#comment-12`) is kept.
fn local_path(candidate: &str) -> Option<String> {
    let (target, fragment) = match candidate.split_once('#') {
        Some((target, fragment)) => (target, Some(fragment)),
        None => (candidate, None),
    };
    let uri: Uri = target.parse().ok()?;
    let path = uri.path_and_query()?.as_str();
    if !path.starts_with('/') || path.starts_with("//") {
        return None;
    }
    match fragment.filter(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
        Some(fragment) => Some(format!("{path}#{fragment}")),
        None => Some(path.to_owned()),
    }
}

/// The request header with which `/app.js` sends a form from its outbox: it is answered
/// 204 with the place in `jatinan-location` instead of a redirect, so that the phone does
/// not download the page it will open anyway (and keeps its `#comment-` fragment).
const OUTBOX_HEADER: &str = "jatinan-outbox";
const OUTBOX_LOCATION: &str = "jatinan-location";

fn outbox_answer(headers: &HeaderMap, target: &str) -> Option<Response> {
    headers.get(OUTBOX_HEADER)?;
    let location = HeaderValue::from_str(target).ok()?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(header::HeaderName::from_static(OUTBOX_LOCATION), location);
    Some(response)
}

/// The hidden field that names the server function a page's form calls. Forms post to
/// their own page (so that a refused form is rendered again at the address the browser
/// shows, and hydrates there); this field says what to run.
pub const ACTION_FIELD: &str = app::model::form::ACTION_FIELD;

pub async fn plain_form_post(state: AppState, req: Request<Body>) -> Response {
    let (mut parts, body) = req.into_parts();
    let multipart = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| multer::parse_boundary(v).ok());
    let (mut values, photo_problem) = match multipart {
        Some(boundary) => match read_multipart(&state, &parts.headers, body, boundary).await {
            Ok(read) => read,
            Err(status) => return status.into_response(),
        },
        None => {
            let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
                return StatusCode::PAYLOAD_TOO_LARGE.into_response();
            };
            let Ok(values) = serde_urlencoded::from_bytes(&bytes) else {
                return StatusCode::BAD_REQUEST.into_response();
            };
            (values, None)
        }
    };
    let own_path = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".into());
    let (action, back) = if parts.uri.path().starts_with("/api/") {
        // Posted straight to a server function: go back where the form was.
        let referer = parts
            .headers
            .get(header::REFERER)
            .and_then(|v| v.to_str().ok())
            .and_then(local_path);
        (parts.uri.path().to_owned(), referer.unwrap_or_else(|| "/".to_owned()))
    } else {
        match values.iter().find(|(k, _)| k == ACTION_FIELD).map(|(_, v)| v.clone()) {
            Some(action) if action.starts_with("/api/") && !action.contains("..") => (action, own_path),
            _ => return StatusCode::METHOD_NOT_ALLOWED.into_response(),
        }
    };
    values.retain(|(k, _)| k != ACTION_FIELD);
    let values = join_repeated(values);
    if let Some(problem) = photo_problem {
        // The photo could not be taken: say why, keep everything else (and the photos that
        // were stored), and run nothing.
        // A full disk is not the sender's mistake: 507, with the same kept form.
        let status = if problem.code == ErrorCode::PhotoStorageFull {
            StatusCode::INSUFFICIENT_STORAGE
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let echo = FormEcho {
            action,
            values,
            error: AppError::Invalid(vec![problem]),
        }
        .without_secrets();
        return echo_page(state, parts, &back, echo, status).await;
    }
    let Ok(action_uri) = action.parse::<Uri>() else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    parts.uri = action_uri;
    let Ok(bytes) = serde_urlencoded::to_string(&values) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };

    // Run the server function as its own client would, so that it answers with data or an
    // encoded error instead of redirecting.
    parts
        .headers
        .insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    parts.headers.remove(header::CONTENT_LENGTH);
    let inner = Request::from_parts(parts.clone(), Body::from(bytes));
    let ctx_state = state.clone();
    let actor = audit::before(&state, &action, &parts.headers).await;
    let answer = leptos_axum::handle_server_fns_with_context(move || provide_server_context(&ctx_state), inner)
        .await
        .into_response();
    audit::after(&state, actor, &parts, &values, answer.status(), answer.headers()).await;
    let cookies: Vec<HeaderValue> = answer.headers().get_all(header::SET_COOKIE).iter().cloned().collect();

    let status = answer.status();
    let mut response = if status.is_success() || status.is_redirection() {
        let target = answer
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .and_then(local_path)
            .unwrap_or(back);
        outbox_answer(&parts.headers, &target).unwrap_or_else(|| Redirect::to(&target).into_response())
    } else {
        let body = to_bytes(answer.into_body(), MAX_FORM_BYTES).await.unwrap_or_default();
        let error = serde_json::from_slice::<AppError>(&body).unwrap_or_else(|_| {
            tracing::warn!(%status, "server function error could not be decoded");
            AppError::Internal
        });
        // The error's own status: a field missing from the form never ran the function, and
        // is the sender's 400, not the 500 the server-function layer answers with.
        let status = StatusCode::from_u16(error.status()).unwrap_or(status);
        let echo = FormEcho { action, values, error }.without_secrets();
        echo_page(state, parts, &back, echo, status).await
    };
    for cookie in cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// A field sent several times (a group of checkboxes) arrives at the server function as
/// one comma-separated value, in the order sent.
fn join_repeated(values: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut joined: Vec<(String, String)> = Vec::new();
    for (key, value) in values {
        match joined.iter_mut().find(|(k, _)| *k == key) {
            Some((_, existing)) => {
                existing.push(',');
                existing.push_str(&value);
            }
            None => joined.push((key, value)),
        }
    }
    joined
}

/// The page at `back`, rendered with a refused form's values and messages.
async fn echo_page(
    state: AppState,
    mut parts: axum::http::request::Parts,
    back: &str,
    echo: FormEcho,
    status: StatusCode,
) -> Response {
    parts.method = Method::GET;
    parts.uri = back.parse().unwrap_or_else(|_| Uri::from_static("/"));
    parts
        .headers
        .insert(header::ACCEPT, HeaderValue::from_static("text/html"));
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    let mut page = render_with_echo(state, echo, Request::from_parts(parts, Body::empty())).await;
    *page.status_mut() = status;
    page
}

/// Reads a `multipart/form-data` post: text fields become form values; files of the
/// `photo` field are re-encoded and stored (for a signed-in sender only), and their names
/// join the `photos` value, so the server function sees a plain form. A photo that cannot
/// be taken is returned as the form's problem.
async fn read_multipart(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
    boundary: String,
) -> Result<(Vec<(String, String)>, Option<FieldError>), StatusCode> {
    let constraints = multer::Constraints::new().size_limit(
        multer::SizeLimit::new()
            .whole_stream(MAX_MULTIPART_BYTES)
            .per_field(MAX_MULTIPART_BYTES),
    );
    let mut multipart = multer::Multipart::with_constraints(body.into_data_stream(), boundary, constraints);
    let mut values: Vec<(String, String)> = Vec::new();
    let mut uploads: Vec<Vec<u8>> = Vec::new();
    let mut problem: Option<ErrorCode> = None;
    let too_large = |err: &multer::Error| {
        if matches!(
            err,
            multer::Error::StreamSizeExceeded { .. } | multer::Error::FieldSizeExceeded { .. }
        ) {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::BAD_REQUEST
        }
    };
    while let Some(mut field) = multipart.next_field().await.map_err(|e| too_large(&e))? {
        let name = field.name().unwrap_or_default().to_owned();
        if field.file_name().is_none() {
            let text = field.text().await.map_err(|e| too_large(&e))?;
            if text.len() > MAX_FORM_BYTES {
                return Err(StatusCode::PAYLOAD_TOO_LARGE);
            }
            values.push((name, text));
            continue;
        }
        // A file: read it whole up to the limit, then only drain the rest.
        let mut bytes = Vec::new();
        let mut oversize = false;
        while let Some(chunk) = field.chunk().await.map_err(|e| too_large(&e))? {
            if oversize || bytes.len() + chunk.len() > PHOTO_MAX_BYTES {
                oversize = true;
                bytes = Vec::new();
            } else {
                bytes.extend_from_slice(&chunk);
            }
        }
        if name != "photo" {
            // Another file (a CSV to import): its text, when it is small text.
            match String::from_utf8(bytes) {
                Ok(text) if !oversize && text.len() <= MAX_TEXT_FILE_BYTES => values.push((name, text)),
                _ => return Err(StatusCode::PAYLOAD_TOO_LARGE),
            }
            continue;
        }
        if bytes.is_empty() && !oversize {
            continue; // An empty file input sends an empty part.
        }
        if oversize {
            problem.get_or_insert(ErrorCode::PhotoTooLarge {
                max_mb: PHOTO_MAX_BYTES / (1024 * 1024),
            });
        } else {
            uploads.push(bytes);
        }
    }
    let mut kept: Vec<String> = values
        .iter()
        .filter(|(k, _)| k == "photos")
        .flat_map(|(_, v)| v.split_whitespace().map(str::to_owned))
        .filter(|h| photos::is_photo_hash(h))
        .collect();
    if kept.len() + uploads.len() > PHOTO_MAX_COUNT {
        problem.get_or_insert(ErrorCode::TooManyPhotos { max: PHOTO_MAX_COUNT });
        uploads.clear();
    }
    // Only a signed-in sender's photos are stored; the server function refuses the others.
    let signed_in = match context::cookie_in(headers, context::SESSION_COOKIE) {
        Some(token) => queries::accounts::session_user(&state.db, &state.clock, &token)
            .await
            .ok()
            .flatten()
            .is_some(),
        None => false,
    };
    if signed_in {
        for upload in uploads {
            match photos::store(&state.config.photo_dir, upload).await {
                Ok(Ok(stored)) => kept.push(stored.hash),
                Ok(Err(code)) => {
                    problem.get_or_insert(code);
                }
                Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR),
            }
        }
    }
    values.retain(|(k, _)| k != "photos");
    values.push(("photos".into(), kept.join(" ")));
    Ok((values, problem.map(|code| FieldError::new("photo", code))))
}

async fn render_with_echo(state: AppState, echo: FormEcho, req: Request<Body>) -> Response {
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_server_context(&state);
            provide_context(echo.clone());
        },
        move || shell(options.clone()),
    );
    handler(req).await
}

/// A server function called with a missing or unreadable argument never runs: the layer
/// that reads the arguments answers 500 with the error `Transport`. That is the caller's
/// mistake, so the answer becomes a 400 with the same body (the message in JSON).
pub async fn bad_arguments_are_400(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if matches!(serde_json::from_slice::<AppError>(&bytes), Ok(AppError::Transport(_))) {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_fields_are_joined() {
        let sent = vec![
            ("opds".to_owned(), "3".to_owned()),
            ("decision".to_owned(), "Perbaiki".to_owned()),
            ("opds".to_owned(), "7".to_owned()),
        ];
        assert_eq!(
            join_repeated(sent),
            vec![
                ("opds".to_owned(), "3,7".to_owned()),
                ("decision".to_owned(), "Perbaiki".to_owned())
            ]
        );
    }

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(
            local_path("http://127.0.0.1:3000/issues/new?x=1").as_deref(),
            Some("/issues/new?x=1")
        );
        assert_eq!(local_path("/account/login").as_deref(), Some("/account/login"));
        assert_eq!(local_path("//evil.example/x"), None);
        assert_eq!(
            local_path("/issues/3#comment-12").as_deref(),
            Some("/issues/3#comment-12")
        );
        assert_eq!(local_path("/issues/3#\"><script>").as_deref(), Some("/issues/3"));
        assert_eq!(local_path("https://evil.example").as_deref(), Some("/"));
    }
}
