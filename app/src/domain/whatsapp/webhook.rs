//! Meta's webhook: the verification handshake (`GET`), and every notification (`POST`),
//! which is believed only when `X-Hub-Signature-256` is the HMAC-SHA256 of the raw body
//! under the app secret. Each message and each status is stored as one `wa_event` row keyed
//! by its id, so that a redelivery (Meta retries until it gets a 200) is stored once; the
//! answer goes back as soon as the rows are committed and the work happens in `inbound`.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    sea_query::{Expr, OnConflict},
};
use serde_json::Value;

use crate::domain::{
    WhatsAppSettings,
    entities::wa_event::{self, EventKind},
    error::{OrInternal, write_txn},
    secrets::{SigningKey, token_hash},
};
use crate::model::AppError;

/// The challenge to echo when Meta's handshake presents our verify token.
pub fn handshake<'a>(
    settings: &WhatsAppSettings,
    mode: Option<&str>,
    token: Option<&str>,
    challenge: Option<&'a str>,
) -> Option<&'a str> {
    // Compared as hashes, so the time taken tells nothing of our token.
    let token_matches = token.is_some_and(|token| token_hash(token) == token_hash(&settings.verify_token));
    (mode == Some("subscribe") && token_matches)
        .then_some(challenge)
        .flatten()
}

/// Whether `header` (`sha256=<hex>`) signs `body` with the app secret.
pub fn signed(settings: &WhatsAppSettings, body: &[u8], header: Option<&str>) -> bool {
    header
        .and_then(|h| h.trim().strip_prefix("sha256="))
        .is_some_and(|hex| SigningKey::new(settings.app_secret.as_bytes()).verify_hex(body, hex))
}

/// One event of a notification, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub key: String,
    pub phone: String,
    pub kind: EventKind,
    pub payload: Value,
}

/// The messages and statuses of a notification (`entry[].changes[].value`). A message
/// carries the sender's profile name (from `contacts`) as `_profile_name`.
pub fn events(notification: &Value) -> Vec<Event> {
    let mut found = Vec::new();
    let changes = notification["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|entry| entry["changes"].as_array().into_iter().flatten());
    for change in changes {
        let value = &change["value"];
        let profile = |wa_id: &str| {
            value["contacts"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|c| c["wa_id"].as_str() == Some(wa_id))
                .and_then(|c| c["profile"]["name"].as_str())
                .map(str::to_owned)
        };
        for message in value["messages"].as_array().into_iter().flatten() {
            let (Some(id), Some(from)) = (message["id"].as_str(), message["from"].as_str()) else {
                continue;
            };
            if !is_wa_id(from) {
                continue;
            }
            let mut payload = message.clone();
            if let Some(name) = profile(from) {
                payload["_profile_name"] = Value::String(name);
            }
            found.push(Event {
                key: id.chars().take(200).collect(),
                phone: from.to_owned(),
                kind: EventKind::Message,
                payload,
            });
        }
        for status in value["statuses"].as_array().into_iter().flatten() {
            let (Some(id), Some(state), Some(to)) = (
                status["id"].as_str(),
                status["status"].as_str(),
                status["recipient_id"].as_str(),
            ) else {
                continue;
            };
            if !is_wa_id(to) {
                continue;
            }
            found.push(Event {
                key: format!("status:{id}:{state}").chars().take(200).collect(),
                phone: to.to_owned(),
                kind: EventKind::Status,
                payload: status.clone(),
            });
        }
    }
    found
}

/// A WhatsApp id is a number in E.164 digits.
fn is_wa_id(raw: &str) -> bool {
    (8..=15).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_digit())
}

/// Stores the events of a signed notification (each once) and returns how many were new.
pub async fn receive(db: &DatabaseConnection, now: DateTime<Utc>, notification: &Value) -> Result<u64, AppError> {
    let found = events(notification);
    if found.is_empty() {
        return Ok(0);
    }
    let txn = write_txn(db).await?;
    let mut stored = 0;
    for event in found {
        stored += store(&txn, now, event).await?;
    }
    txn.commit().await.or_internal("committing webhook events")?;
    Ok(stored)
}

async fn store(conn: &impl ConnectionTrait, now: DateTime<Utc>, event: Event) -> Result<u64, AppError> {
    wa_event::Entity::insert(wa_event::ActiveModel {
        event_key: Set(event.key),
        phone: Set(event.phone),
        kind: Set(event.kind),
        payload: Set(event.payload.to_string()),
        received_at: Set(now),
        processed_at: Set(None),
        claimed_until: Set(None),
        claimed_by: Set(None),
        ..Default::default()
    })
    .on_conflict(OnConflict::column(wa_event::Column::EventKey).do_nothing().to_owned())
    .exec_without_returning(conn)
    .await
    .or_internal("storing a webhook event")
}

/// Marks `event` processed inside the caller's transaction; false when another worker did
/// first (its claim ran out while this one was slow), and the caller then rolls back.
pub(crate) async fn mark_processed(
    conn: &impl ConnectionTrait,
    event: &wa_event::Model,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let done = wa_event::Entity::update_many()
        .col_expr(wa_event::Column::ProcessedAt, Expr::value(Some(now)))
        .filter(wa_event::Column::Id.eq(event.id))
        .filter(wa_event::Column::ProcessedAt.is_null())
        .exec(conn)
        .await
        .or_internal("marking a WhatsApp event processed")?;
    Ok(done.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> WhatsAppSettings {
        WhatsAppSettings {
            phone_number_id: "1".into(),
            token: "t".into(),
            app_secret: "rahasia-aplikasi".into(),
            verify_token: "kata-sandi-verifikasi".into(),
            api_base: "http://127.0.0.1:1".into(),
            notice_template: "kabar_laporan".into(),
            code_template: "kode_masuk".into(),
            template_languages: ("id".into(), "en".into()),
        }
    }

    #[test]
    fn the_handshake_echoes_only_for_our_token() {
        let s = settings();
        assert_eq!(
            handshake(&s, Some("subscribe"), Some("kata-sandi-verifikasi"), Some("123")),
            Some("123")
        );
        assert_eq!(handshake(&s, Some("subscribe"), Some("salah"), Some("123")), None);
        assert_eq!(
            handshake(&s, Some("unsubscribe"), Some("kata-sandi-verifikasi"), Some("1")),
            None
        );
        assert_eq!(handshake(&s, Some("subscribe"), None, Some("1")), None);
    }

    #[test]
    fn only_the_app_secret_signs_a_body() {
        let s = settings();
        let body = br#"{"object":"whatsapp_business_account"}"#;
        let good = format!("sha256={}", SigningKey::new(b"rahasia-aplikasi").sign_hex(body));
        assert!(signed(&s, body, Some(&good)));
        assert!(!signed(&s, b"{}", Some(&good)));
        let forged = format!("sha256={}", SigningKey::new(b"lain").sign_hex(body));
        assert!(!signed(&s, body, Some(&forged)));
        assert!(!signed(&s, body, None));
        assert!(!signed(&s, body, Some("sha256=zz")));
    }

    #[test]
    fn a_notification_yields_its_messages_and_statuses() {
        let notification = serde_json::json!({
            "object": "whatsapp_business_account",
            "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
                "messaging_product": "whatsapp",
                "contacts": [{"wa_id": "6281234567890", "profile": {"name": "Siti"}}],
                "messages": [{"from": "6281234567890", "id": "wamid.A", "timestamp": "1", "type": "text", "text": {"body": "lapor"}}],
                "statuses": [{"id": "wamid.B", "status": "read", "recipient_id": "6281234567890", "timestamp": "2"}]
            }}]}]
        });
        let found = events(&notification);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].key, "wamid.A");
        assert_eq!(found[0].payload["_profile_name"], "Siti");
        assert_eq!(found[1].key, "status:wamid.B:read");
        assert_eq!(found[1].kind, EventKind::Status);
    }
}
