//! Web push (issue 25): a resident turns notices on for a browser (its subscription is kept
//! in `push_subscription`), and each notice they chose push for is queued in the outbox, one
//! row per device, and sent by `outbound` like mail and WhatsApp messages (the same claims,
//! retries and record). A push service that answers 404 or 410 has forgotten the device:
//! its subscription is removed.
//!
//! The server POSTs to an address a browser gave: only push services named in
//! `PUSH_SERVICE_HOSTS` are written to, and only over HTTPS (loopback excepted, for tests),
//! so a subscription cannot turn the server against hosts of the operator's network.

pub mod crypto;
pub mod outbound;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::domain::{
    Config,
    entities::{outbox, push_subscription, user_account},
    error::OrInternal,
    mail::{enqueue_payload, notify::Notice},
};
use crate::model::AppError;

pub use crypto::{VapidKey, vapid_key};

/// Which push services the server writes to, and who it says it is.
#[derive(Debug, Clone)]
pub struct PushSettings {
    /// Host names (`fcm.googleapis.com`) or suffixes (`*.push.apple.com`).
    pub hosts: Vec<String>,
    /// The VAPID `sub` claim: how a push service's operator reaches the site's (a
    /// `mailto:` made from `MAIL_FROM`).
    pub subject: String,
}

/// The push services of the browsers residents use: Chrome and Android's (FCM), Firefox's,
/// Safari's, Edge's.
pub const DEFAULT_HOSTS: &str =
    "fcm.googleapis.com,updates.push.services.mozilla.com,*.push.apple.com,*.notify.windows.com";

/// The longest endpoint kept (the services' own are under 500 characters).
pub const ENDPOINT_MAX: usize = 1000;

/// Devices one account may have push on for.
pub const DEVICES_MAX: usize = 10;

impl PushSettings {
    /// The hosts from a comma-separated list, and the subject from the sender's address.
    pub fn new(hosts: &str, mail_from: &str) -> Self {
        let address = mail_from
            .rsplit_once('<')
            .map_or(mail_from, |(_, rest)| rest.trim_end_matches('>'))
            .trim();
        Self {
            hosts: hosts
                .split(',')
                .map(|h| h.trim().to_ascii_lowercase())
                .filter(|h| !h.is_empty())
                .collect(),
            subject: format!("mailto:{address}"),
        }
    }

    /// Whether the server may POST to `endpoint`: an HTTPS address of a listed push service
    /// (plain HTTP only to a listed loopback host).
    pub fn allows(&self, endpoint: &str) -> bool {
        let Ok(url) = reqwest::Url::parse(endpoint) else {
            return false;
        };
        let Some(host) = url.host_str().map(str::to_ascii_lowercase) else {
            return false;
        };
        let loopback = host == "127.0.0.1" || host == "localhost" || host == "[::1]";
        let secure = url.scheme() == "https" || (url.scheme() == "http" && loopback);
        let listed = self.hosts.iter().any(|allowed| match allowed.strip_prefix("*.") {
            Some(suffix) => host.ends_with(&format!(".{suffix}")),
            None => *allowed == host,
        });
        secure && listed && url.username().is_empty() && url.password().is_none() && endpoint.len() <= ENDPOINT_MAX
    }
}

/// The origin of `endpoint` (a VAPID token's audience).
pub fn audience(endpoint: &str) -> Option<String> {
    let url = reqwest::Url::parse(endpoint).ok()?;
    Some(url.origin().ascii_serialization())
}

/// What the service worker shows: the notice's subject, a line, and where a tap leads.
fn payload(config: &Config, to: &user_account::Model, notice: &Notice) -> serde_json::Value {
    let t = to.locale.texts();
    let title: String = notice.rendered.subject.chars().take(200).collect();
    let body = if notice.summary == notice.rendered.subject {
        t.push_body.to_owned()
    } else {
        notice.summary.chars().take(300).collect()
    };
    let url = notice
        .link
        .strip_prefix(&config.base_url)
        .filter(|path| path.starts_with('/'))
        .unwrap_or("/account");
    json!({"title": title, "body": body, "url": url, "tag": notice.key, "lang": to.locale.tag()})
}

/// Queues `notice` for every device `to` has push on for (inside the caller's transaction;
/// ring `AppState::mail_bell` after the commit).
pub async fn notice(
    conn: &impl ConnectionTrait,
    config: &Config,
    now: DateTime<Utc>,
    to: &user_account::Model,
    notice: &Notice,
) -> Result<(), AppError> {
    let devices = push_subscription::Entity::find()
        .filter(push_subscription::Column::UserId.eq(to.id))
        .all(conn)
        .await
        .or_internal("reading push devices")?;
    if devices.is_empty() {
        return Ok(());
    }
    let payload = payload(config, to, notice);
    let summary = format!("Push: {}", notice.rendered.subject.chars().take(80).collect::<String>());
    for device in devices {
        enqueue_payload(
            conn,
            now,
            outbox::Channel::Push,
            format!("push:{}:{}", notice.key, device.id),
            device.id.to_string(),
            summary.clone(),
            &payload,
        )
        .await?;
    }
    Ok(())
}
