//! `/channels/whatsapp/webhook`, Meta's side of the WhatsApp channel: `GET` is the
//! verification handshake, `POST` a notification. Both answer 404 while the channel is off
//! (no `WHATSAPP_*` settings). A notification is believed only with a valid
//! `X-Hub-Signature-256` (401 and nothing stored otherwise), stored, and acknowledged at
//! once; `app::domain::whatsapp::inbound` does the work.

use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};

use app::domain::{AppState, whatsapp::webhook};

/// The handshake Meta makes when the webhook is configured: echo `hub.challenge` when
/// `hub.verify_token` is ours.
pub async fn verify(State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Response {
    let Some(settings) = &state.config.whatsapp else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let field = |name: &str| query.get(name).map(String::as_str);
    match webhook::handshake(
        settings,
        field("hub.mode"),
        field("hub.verify_token"),
        field("hub.challenge"),
    ) {
        Some(challenge) => (StatusCode::OK, challenge.to_owned()).into_response(),
        None => StatusCode::FORBIDDEN.into_response(),
    }
}

/// A notification: checked against the app secret, stored once per event, answered 200.
pub async fn receive(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(settings) = &state.config.whatsapp else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let signature = headers.get("x-hub-signature-256").and_then(|v| v.to_str().ok());
    if !webhook::signed(settings, &body, signature) {
        tracing::warn!("a WhatsApp webhook call without a valid signature was refused");
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Ok(notification) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    match webhook::receive(&state.db, state.clock.now(), &notification).await {
        Ok(stored) => {
            if stored > 0 {
                state.whatsapp_in_bell.notify_one();
            }
            StatusCode::OK.into_response()
        }
        // Meta delivers again later: nothing is lost.
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}
