//! The glue that server functions use to reach the request: the `AppState`, the reader's
//! language, the signed-in account, cookies, the response status and redirects; and the
//! one piece of axum glue, the Leptos options drawn from the `AppState`.

use std::net::{IpAddr, SocketAddr};

use axum::extract::FromRef;
use http::{HeaderValue, StatusCode, header, request::Parts};
use leptos::{config::LeptosOptions, prelude::use_context};
use leptos_axum::ResponseOptions;

pub use crate::domain::queries::accounts::SESSION_DAYS;
use crate::domain::{AppState, entities::user_account, error::internal, limits::Action, queries};
use crate::{i18n::Locale, model::AppError};

pub const SESSION_COOKIE: &str = "jatinan_session";
pub const LANG_COOKIE: &str = "lang";

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| internal("server function context", "AppState missing"))
}

/// The value of cookie `name` in the request being served.
pub fn cookie(name: &str) -> Option<String> {
    let parts = use_context::<Parts>()?;
    cookie_in(&parts.headers, name)
}

/// The value of cookie `name` in a set of request headers.
pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// The reader's language: the `lang` cookie, else Indonesian.
pub fn locale() -> Locale {
    cookie(LANG_COOKIE)
        .and_then(|tag| Locale::parse(&tag))
        .unwrap_or_default()
}

/// The language of a request answered outside Leptos (feeds, downloads, refusals): its
/// `lang` cookie, else Indonesian.
pub fn locale_in(headers: &http::HeaderMap) -> Locale {
    cookie_in(headers, LANG_COOKIE)
        .and_then(|tag| Locale::parse(&tag))
        .unwrap_or_default()
}

/// The account signed in on this request, if any.
pub async fn viewer(state: &AppState) -> Result<Option<user_account::Model>, AppError> {
    match cookie(SESSION_COOKIE) {
        None => Ok(None),
        Some(token) => queries::accounts::session_user(&state.db, &state.clock, &token).await,
    }
}

/// The response header that tells the service worker (`public/sw.js`) whose page this is:
/// `public` (signed out), `own-<tag>` (a resident's own session: a new tag wipes the phone's
/// copies of another account's pages) or `none` (staff pages are never kept on a phone).
pub const OFFLINE_HEADER: &str = "jatinan-offline";

/// Marks the page being rendered for the service worker (see `OFFLINE_HEADER`).
pub fn mark_offline_copy(user: Option<&user_account::Model>) {
    use crate::{domain::secrets::token_hash, model::account::Role};
    let value = match user {
        None => "public".to_owned(),
        Some(user) if user.role == Role::Resident => {
            let session = token_hash(&cookie(SESSION_COOKIE).unwrap_or_default());
            format!("own-{}", session.get(..16).unwrap_or_default())
        }
        Some(_) => "none".to_owned(),
    };
    if let (Some(response), Ok(value)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(&value)) {
        response.insert_header(http::HeaderName::from_static(OFFLINE_HEADER), value);
    }
}

/// Like `viewer`, but refuses a signed-out request.
pub async fn signed_in(state: &AppState) -> Result<user_account::Model, AppError> {
    viewer(state).await?.ok_or(AppError::Unauthorized)
}

/// The network address of the client: the connection's peer, or behind a trusted proxy the
/// address the proxy saw (the last `X-Forwarded-For` entry).
pub fn client_ip(state: &AppState) -> Option<IpAddr> {
    let parts = use_context::<Parts>()?;
    client_ip_in(&parts.headers, &parts.extensions, state.config.trust_proxy)
}

/// `client_ip` from a request's headers and extensions, outside a server function.
pub fn client_ip_in(headers: &http::HeaderMap, extensions: &http::Extensions, trust_proxy: bool) -> Option<IpAddr> {
    if trust_proxy
        && let Some(forwarded) = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|v| v.trim().parse::<IpAddr>().ok())
            .next_back()
    {
        return Some(forwarded);
    }
    extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
}

/// Counts one limited action by `user` from this request's address, or refuses it (429).
pub async fn limit(state: &AppState, action: Action, user: &user_account::Model) -> Result<(), AppError> {
    state.limiter.check(action, user.id, client_ip(state)).await
}

/// Sets the response status from an error, so every failure answers with its own 4xx/5xx
/// (also during server-side rendering, where the page takes that status).
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(err) = &result
        && let Some(response) = use_context::<ResponseOptions>()
    {
        response.set_status(StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    }
    result
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age_secs: i64) {
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    let cookie = format!("{name}={value}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{secure}");
    if let (Some(response), Ok(value)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(&cookie)) {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// After a sign-in: the session's cookie, the account's language, and on to `next` (a path
/// on this site) or the home page.
pub fn enter(state: &AppState, token: &str, locale: crate::i18n::Locale, next: Option<String>) {
    set_cookie(state, SESSION_COOKIE, token, SESSION_DAYS * 86_400);
    set_cookie(state, LANG_COOKIE, locale.tag(), 365 * 86_400);
    let next = next
        .filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .unwrap_or_else(|| "/".into());
    redirect(&next);
}

/// Sends the browser to `path` after the action (303 for a plain form post).
pub fn redirect(path: &str) {
    leptos_axum::redirect(path);
}

/// The Leptos routes take their options from the router's `AppState`.
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
