//! The one `AppState` built at start: database, configuration, clock and the mail worker's
//! wake-up bell. Handed to server functions through context and to axum handlers as state (the
//! HTTP glue, `FromRef`, is in `api::context`).

use std::{path::PathBuf, sync::Arc};

use chrono::{DateTime, Utc};
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use tokio::sync::Notify;

pub use crate::domain::clock::Clock;
use crate::domain::{
    limits::Limiter,
    push::{PushSettings, VapidKey},
    secrets::SigningKey,
};

/// Settings the domain needs (the server crate maps environment and flags onto it).
#[derive(Debug, Clone)]
pub struct Config {
    /// Absolute base of links in email, without a trailing slash.
    pub base_url: String,
    pub mail_from: String,
    /// Mark cookies `Secure` (when `base_url` is https).
    pub secure_cookies: bool,
    /// Where replies to mail go, if not to `mail_from`.
    pub reply_to: Option<String>,
    /// Where photos are stored (`DATA_DIR/photos`).
    pub photo_dir: PathBuf,
    /// Take the client's address from the last `X-Forwarded-For` entry (behind a proxy).
    pub trust_proxy: bool,
    /// Working days an OPD has to act when the secretariat gives no deadline.
    pub follow_up_days: i32,
    /// Working days the secretariat has to decide what happens to a new issue.
    pub disposition_days: i32,
    /// Signs links used without signing in (one-click unsubscribe).
    pub signing_key: SigningKey,
    /// Seconds the server may answer a signed-out reader's page again without rendering it.
    pub page_cache_secs: u64,
    /// Live-event viewers one instance serves at once; one more is asked to come back later.
    pub live_viewers_max: usize,
    /// The WhatsApp Business Cloud API, when every one of its settings is given.
    pub whatsapp: Option<WhatsAppSettings>,
    /// The push services written to, and the site's name to them.
    pub push: PushSettings,
    /// Signs every push request (VAPID); browsers subscribe with its public half.
    pub vapid: VapidKey,
}

/// The regency's WhatsApp number on Meta's Cloud API (`WHATSAPP_*`).
#[derive(Debug, Clone)]
pub struct WhatsAppSettings {
    pub phone_number_id: String,
    /// The bearer token of the Graph API.
    pub token: String,
    /// Signs every webhook body (`X-Hub-Signature-256`).
    pub app_secret: String,
    /// What Meta's verification handshake must present.
    pub verify_token: String,
    /// The Graph API's base, with its version (`https://graph.facebook.com/v21.0`).
    pub api_base: String,
    /// The approved message template for a notice outside the 24-hour window (its text,
    /// in Bahasa Indonesia and English, is in docs/whatsapp-templates.md).
    pub notice_template: String,
    /// The approved authentication template that carries a one-time sign-in code.
    pub code_template: String,
    /// The language codes the templates were approved under, for Bahasa Indonesia and for
    /// English (`id` and `en`, or `en_US` if that is what Meta approved).
    pub template_languages: (String, String),
}

impl WhatsAppSettings {
    /// The code of the templates' language for a person reading `locale`.
    pub fn template_language(&self, locale: crate::i18n::Locale) -> &str {
        match locale {
            crate::i18n::Locale::Id => &self.template_languages.0,
            crate::i18n::Locale::En => &self.template_languages.1,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub clock: Clock,
    /// Rung after a transaction that wrote to the outbox commits, so mail and push notices
    /// leave at once.
    pub mail_bell: Arc<OutboxBell>,
    /// Rung with a session's id after a change its live viewers see commits (the server's
    /// live hub listens; on PostgreSQL other instances hear of it through `NOTIFY`).
    pub live_bell: tokio::sync::broadcast::Sender<i32>,
    /// Rung after a WhatsApp message is queued in the outbox, so that it leaves at once.
    pub whatsapp_out_bell: Arc<Notify>,
    /// Rung after the webhook stored events, so that they are processed at once.
    pub whatsapp_in_bell: Arc<Notify>,
    pub leptos_options: LeptosOptions,
    pub limiter: Arc<Limiter>,
    /// The public scorecard, computed at most once a minute (see `views::scorecard`).
    pub scorecard: Arc<tokio::sync::Mutex<ScorecardCache>>,
    /// Categories and regions, kept for a minute (see `queries::reference`).
    pub reference: Arc<crate::domain::queries::reference::ReferenceCache>,
    /// Moves on with every statement through `db` that may have changed data (the server
    /// counts them): a page kept for signed-out readers before is out of date.
    pub writes: Arc<std::sync::atomic::AtomicU64>,
}

/// The outbox's bell: one ring wakes both of its senders that a notice may reach (mail and
/// push), each waiting on its own `Notify`.
#[derive(Debug, Default)]
pub struct OutboxBell {
    pub mail: Notify,
    pub push: Notify,
}

impl OutboxBell {
    pub fn notify_one(&self) {
        self.mail.notify_one();
        self.push.notify_one();
    }
}

/// The scorecard last computed and when, and since when a new one is being computed.
#[derive(Default)]
pub struct ScorecardCache {
    pub(crate) card: Option<(DateTime<Utc>, crate::model::follow_up::Scorecard)>,
    pub(crate) computing: Option<std::time::Instant>,
}
