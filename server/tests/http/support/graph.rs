//! A WhatsApp Cloud API on loopback, speaking the Graph API's documented protocol the way
//! the SMTP sink speaks SMTP: `POST /{version}/{phone-number-id}/messages` with a bearer
//! token (answered as Meta does, or with the statuses a test queues), `GET /{version}/{media-id}`
//! (a media URL) and `GET /media/{id}` (the file, bearer token required). It keeps every
//! message it was sent, and what it answered.

use std::{
    collections::{HashMap, VecDeque},
    sync::Arc,
    time::Duration,
};

use axum::{
    Json, Router,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde_json::{Value, json};
use tokio::sync::{Mutex, Notify};

pub const VERSION: &str = "v21.0";
pub const PHONE_NUMBER_ID: &str = "109876543210";
pub const TOKEN: &str = "token-uji-graph";
pub const APP_SECRET: &str = "rahasia-aplikasi-uji";
pub const VERIFY_TOKEN: &str = "verifikasi-uji";

/// One call to `/messages`: the body, and the status it was answered with.
#[derive(Debug, Clone)]
pub struct Call {
    pub body: Value,
    pub status: u16,
}

impl Call {
    pub fn to(&self) -> &str {
        self.body["to"].as_str().unwrap_or_default()
    }

    /// The text a resident reads: a text's body, a list's body and its rows (numbered, as
    /// the resident may answer by number), or a template's name and parameters.
    pub fn text(&self) -> String {
        let b = &self.body;
        match b["type"].as_str() {
            Some("text") => b["text"]["body"].as_str().unwrap_or_default().to_owned(),
            Some("interactive") => {
                let rows: Vec<String> = b["interactive"]["action"]["sections"][0]["rows"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .map(|(i, r)| format!("{}. {}", i + 1, r["title"].as_str().unwrap_or_default()))
                    .collect();
                format!(
                    "{}\n{}",
                    b["interactive"]["body"]["text"].as_str().unwrap_or_default(),
                    rows.join("\n")
                )
            }
            Some("template") => b["template"].to_string(),
            _ => b.to_string(),
        }
    }
}

#[derive(Default)]
struct Inner {
    calls: Vec<Call>,
    /// Statuses to answer the next calls with, in order (then 200).
    answers: VecDeque<u16>,
    media: HashMap<String, Vec<u8>>,
    sent: u64,
}

#[derive(Clone)]
pub struct GraphApi {
    pub root: String,
    inner: Arc<Mutex<Inner>>,
    arrived: Arc<Notify>,
}

fn authorized(headers: &HeaderMap) -> bool {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Bearer {TOKEN}"))
}

impl GraphApi {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind graph");
        let root = format!("http://{}", listener.local_addr().expect("addr"));
        let api = Self {
            root,
            inner: Arc::default(),
            arrived: Arc::default(),
        };
        let router = Router::new()
            .route(&format!("/{VERSION}/{{id}}/messages"), post(messages))
            .route(&format!("/{VERSION}/{{id}}"), get(describe_media))
            .route("/media/{id}", get(media_file))
            .with_state(api.clone());
        tokio::spawn(async move { axum::serve(listener, router).await });
        api
    }

    /// `WHATSAPP_API_BASE` for the app.
    pub fn base(&self) -> String {
        format!("{}/{VERSION}", self.root)
    }

    /// The next calls to `/messages` are answered with these statuses, in order.
    pub async fn answer_next(&self, statuses: &[u16]) {
        self.inner.lock().await.answers.extend(statuses);
    }

    /// A photo the resident sent, served as medium `id`.
    pub async fn add_media(&self, id: &str, bytes: Vec<u8>) {
        self.inner.lock().await.media.insert(id.to_owned(), bytes);
    }

    pub async fn calls(&self) -> Vec<Call> {
        self.inner.lock().await.calls.clone()
    }

    /// Messages accepted (answered 200) to `phone`, in order.
    pub async fn delivered_to(&self, phone: &str) -> Vec<Call> {
        self.calls()
            .await
            .into_iter()
            .filter(|c| c.status == 200 && c.to() == phone)
            .collect()
    }

    /// Waits until `count` messages in all were accepted for `phone`; returns them.
    pub async fn wait_for(&self, phone: &str, count: usize) -> Vec<Call> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            let arrived = self.arrived.notified();
            let found = self.delivered_to(phone).await;
            if found.len() >= count {
                return found;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                panic!(
                    "{count} WhatsApp messages to {phone} expected, {} came: {found:#?}",
                    found.len()
                );
            }
        }
    }
}

async fn messages(State(api): State<GraphApi>, Path(id): Path<String>, headers: HeaderMap, body: String) -> Response {
    if !authorized(&headers) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": {"message": "Invalid OAuth access token", "code": 190}})),
        )
            .into_response();
    }
    if id != PHONE_NUMBER_ID {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": {"message": "Unknown phone number id", "code": 100}})),
        )
            .into_response();
    }
    let body: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let mut inner = api.inner.lock().await;
    let status = inner.answers.pop_front().unwrap_or(200);
    inner.calls.push(Call {
        body: body.clone(),
        status,
    });
    let answer = match status {
        200 => {
            inner.sent += 1;
            let to = body["to"].as_str().unwrap_or_default();
            (
                StatusCode::OK,
                Json(json!({
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": to, "wa_id": to}],
                    "messages": [{"id": format!("wamid.keluar.{}", inner.sent)}],
                })),
            )
                .into_response()
        }
        400 => (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": {"message": "(#131026) Message undeliverable", "code": 131026}})),
        )
            .into_response(),
        other => (
            StatusCode::from_u16(other).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            Json(json!({"error": {"message": "An unknown error occurred", "code": 1}})),
        )
            .into_response(),
    };
    drop(inner);
    api.arrived.notify_waiters();
    answer
}

async fn describe_media(State(api): State<GraphApi>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    if !authorized(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    if !api.inner.lock().await.media.contains_key(&id) {
        return StatusCode::NOT_FOUND.into_response();
    }
    Json(json!({
        "messaging_product": "whatsapp",
        "url": format!("{}/media/{id}", api.root),
        "mime_type": "image/jpeg",
        "id": id,
    }))
    .into_response()
}

async fn media_file(State(api): State<GraphApi>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    if !authorized(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    match api.inner.lock().await.media.get(&id) {
        Some(bytes) => ([("content-type", "image/jpeg")], bytes.clone()).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// What Meta posts to the webhook for one message from `from`.
pub fn notification(from: &str, name: &str, message: Value) -> Value {
    json!({
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "102290129340398",
            "changes": [{
                "field": "messages",
                "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "6228500000", "phone_number_id": PHONE_NUMBER_ID},
                    "contacts": [{"profile": {"name": name}, "wa_id": from}],
                    "messages": [message],
                },
            }],
        }],
    })
}

/// What Meta posts for a status of a message sent.
pub fn status_notification(wamid: &str, status: &str, to: &str) -> Value {
    json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "6228500000", "phone_number_id": PHONE_NUMBER_ID},
            "statuses": [{"id": wamid, "status": status, "timestamp": "1765000000", "recipient_id": to}],
        }}]}],
    })
}

/// The `X-Hub-Signature-256` Meta would send with `body`.
pub fn signature(body: &[u8]) -> String {
    format!(
        "sha256={}",
        app::domain::secrets::SigningKey::new(APP_SECRET.as_bytes()).sign_hex(body)
    )
}
