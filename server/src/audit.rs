//! Puts every state-changing request of a staff or admin account into the audit log
//! (`app::domain::audit`), whichever way it came: a server function called by the
//! hydrated app (`server_function_call`, a middleware) or a plain form (`forms`, through
//! `before` and `after`). An action is a server function that is not in `READS`: a new
//! server function is audited unless it is declared a read here.
//!
//! The row is written once the action has succeeded (2xx or 3xx); a failure to write it is
//! logged as an error, since the action itself has already been committed.

use axum::{
    body::{Body, to_bytes},
    http::{HeaderMap, Method, Request, StatusCode, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};

use app::{
    api::context,
    domain::{AppState, audit, entities::user_account, queries, rules::access::role_of},
};

/// Server functions that only read (leptos calls them with POST too).
pub const READS: [&str; 32] = [
    "account/notifications",
    "account/push",
    "account/two-factor",
    "account/unsubscribe/info",
    "account/verify",
    "account/viewer",
    "account/whatsapp",
    "account/whatsapp/on",
    "admin/accounts",
    "admin/api-keys",
    "admin/audit",
    "admin/categories",
    "admin/holidays",
    "admin/opds",
    "admin/outbox",
    "admin/regions",
    "admin/settings",
    "follow-up/queue",
    "follow-up/scorecard",
    "issue/draft",
    "issue/form-options",
    "issue/get",
    "issue/list",
    "issue/similar",
    "live/console",
    "live/get",
    "moderation/queue",
    "places/nearest",
    "session/get",
    "session/list",
    "session/plan",
    "staff/overview",
];

/// Server-function calls whose bodies are read for the log (larger ones are logged
/// without their fields).
const MAX_LOGGED_BODY: usize = 64 * 1024;

/// The action a server function's path stands for, unless it only reads.
pub fn action_of(path: &str) -> Option<&str> {
    let endpoint = path.strip_prefix("/api/")?;
    (!READS.contains(&endpoint)).then_some(endpoint)
}

/// Who is about to act: the signed-in account, looked up before the action runs (signing
/// out ends the session it would be found by).
pub async fn before(state: &AppState, path: &str, headers: &HeaderMap) -> Option<user_account::Model> {
    action_of(path)?;
    let token = context::cookie_in(headers, context::SESSION_COOKIE)?;
    queries::accounts::session_user(&state.db, &state.clock, &token)
        .await
        .ok()
        .flatten()
}

/// Records the action if it succeeded and a staff or admin account did it (for a sign-in,
/// the account the new session belongs to).
pub async fn after(
    state: &AppState,
    actor: Option<user_account::Model>,
    parts: &Parts,
    fields: &[(String, String)],
    status: StatusCode,
    response: &HeaderMap,
) {
    let Some(action) = action_of(parts.uri.path()) else {
        return;
    };
    if !(status.is_success() || status.is_redirection()) {
        return;
    }
    let actor = match actor {
        Some(actor) => Some(actor),
        None => match new_session(response) {
            Some(token) => queries::accounts::session_user(&state.db, &state.clock, &token)
                .await
                .ok()
                .flatten(),
            None => None,
        },
    };
    let Some(actor) = actor.filter(|a| role_of(a).is_staff()) else {
        return;
    };
    let entry = audit::Entry {
        actor: &actor,
        action,
        fields,
        address: context::client_ip_in(&parts.headers, &parts.extensions, state.config.trust_proxy),
    };
    if let Err(err) = audit::record(&state.db, &state.clock, entry).await {
        tracing::error!(
            ?err,
            action,
            actor = actor.id,
            "an action is missing from the audit log"
        );
    }
}

/// The session a response opens (`Set-Cookie: jatinan_session=…`).
fn new_session(response: &HeaderMap) -> Option<String> {
    response
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.strip_prefix(&format!("{}=", context::SESSION_COOKIE)))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
        .find(|token| !token.is_empty())
}

/// A server function called by the hydrated app: run it, and log it if it is an action.
pub async fn server_function_call(state: &AppState, req: Request<Body>, next: Next) -> Response {
    if req.method() != Method::POST || action_of(req.uri().path()).is_none() {
        return next.run(req).await;
    }
    let actor = before(state, req.uri().path(), req.headers()).await;
    if actor.is_none() && !req.uri().path().ends_with("/account/login") {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let urlencoded = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let (fields, body) = if urlencoded {
        let Ok(bytes) = to_bytes(body, MAX_LOGGED_BODY).await else {
            return StatusCode::PAYLOAD_TOO_LARGE.into_response();
        };
        (
            serde_urlencoded::from_bytes(&bytes).unwrap_or_default(),
            Body::from(bytes),
        )
    } else {
        (Vec::new(), body)
    };
    let response = next.run(Request::from_parts(parts.clone(), body)).await;
    after(state, actor, &parts, &fields, response.status(), response.headers()).await;
    response
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn reads_are_not_actions_and_everything_else_is() {
        assert_eq!(action_of("/api/moderation/decide"), Some("moderation/decide"));
        assert_eq!(action_of("/api/admin/outbox/retry"), Some("admin/outbox/retry"));
        assert_eq!(action_of("/api/admin/outbox"), None);
        assert_eq!(action_of("/issues/12"), None);
    }

    #[test]
    fn a_sign_in_names_its_new_session() {
        let mut headers = HeaderMap::new();
        headers.append(header::SET_COOKIE, HeaderValue::from_static("lang=id; Path=/"));
        headers.append(
            header::SET_COOKIE,
            HeaderValue::from_static("jatinan_session=abc; Path=/; HttpOnly"),
        );
        assert_eq!(new_session(&headers).as_deref(), Some("abc"));
        let mut out = HeaderMap::new();
        out.append(
            header::SET_COOKIE,
            HeaderValue::from_static("jatinan_session=; Max-Age=0"),
        );
        assert_eq!(new_session(&out), None);
    }
}
