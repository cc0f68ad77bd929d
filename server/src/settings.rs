//! Every setting, from `--flags` or the environment (see `.env.example`).

use std::{net::SocketAddr, path::PathBuf};

use app::domain::limits::RateLimits;
use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Database: `sqlite://data/jatinan.db` (created when missing) or `postgres://user@host/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/jatinan.db",
        global = true
    )]
    pub database_url: String,

    /// SMTP server, e.g. `smtp://user:pass@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:pass@host:465`. Unset: mail is written as .eml files under DATA_DIR/mail.
    #[arg(long, env = "SMTP_URL", global = true)]
    pub smtp_url: Option<String>,

    /// Sender of every email.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Minggon Jatinan <noreply@jatinan.batangkab.go.id>",
        global = true
    )]
    pub mail_from: String,

    /// Where replies to mail go, e.g. `Sekretariat <sekretariat@batangkab.go.id>`. Unset: to MAIL_FROM.
    #[arg(long, env = "MAIL_REPLY_TO", global = true)]
    pub mail_reply_to: Option<String>,

    /// The public address of the site, for absolute links in email. https makes cookies Secure.
    #[arg(long, env = "BASE_URL", default_value = "http://127.0.0.1:3000", global = true)]
    pub base_url: String,

    /// Folder for the SQLite database (by default) and mail files.
    #[arg(long, env = "DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,

    /// Address and port to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000", global = true)]
    pub site_addr: SocketAddr,

    /// Folder with the built site (wasm, JS, CSS, favicon), made by `make build`.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site", global = true)]
    pub site_root: String,

    /// Fill an empty database with demo accounts (passwords printed once) and issues.
    #[arg(long, env = "SEED_DEMO", default_value_t = false, global = true)]
    pub seed_demo: bool,

    /// Seconds between looks at the mail outbox when nothing new was queued.
    #[arg(long, env = "MAIL_POLL_SECS", default_value_t = 5, global = true)]
    pub mail_poll_secs: u64,

    /// Seconds a page read without signing in is answered again without rendering it
    /// (0: render every time). Any change made through this server shows at once.
    #[arg(long, env = "PAGE_CACHE_SECS", default_value_t = 5, global = true)]
    pub page_cache_secs: u64,

    /// Viewers of a live session (Server-Sent Events) one instance serves at once; one more
    /// is answered 503 with Retry-After. About 64 KiB each (BENCHMARKS.md, the live hour).
    #[arg(long, env = "LIVE_VIEWERS_MAX", default_value_t = 5000, global = true)]
    pub live_viewers_max: usize,

    /// Seconds a mail worker holds a message it is sending before another instance may take
    /// it over (after a crash). Must outlast one SMTP exchange.
    #[arg(long, env = "MAIL_CLAIM_SECS", default_value_t = 120, global = true)]
    pub mail_claim_secs: u64,

    /// Working days an OPD has to act on an assignment unless the secretariat says otherwise
    /// (LAPOR! gives five); the default until the admin saves one at /admin/settings.
    #[arg(long, env = "FOLLOW_UP_DAYS", default_value_t = 5, value_parser = clap::value_parser!(i32).range(1..=120), global = true)]
    pub follow_up_days: i32,

    /// Working days the secretariat has to decide what happens to a new issue (LAPOR!
    /// gives three); the inbox counts them and the secretariat is told when they pass. The
    /// default until the admin saves one at /admin/settings.
    #[arg(long, env = "DISPOSITION_DAYS", default_value_t = 3, value_parser = clap::value_parser!(i32).range(1..=30), global = true)]
    pub disposition_days: i32,

    /// Behind a reverse proxy: take the client's address from the last X-Forwarded-For entry.
    #[arg(long, env = "TRUST_PROXY", default_value_t = false, global = true)]
    pub trust_proxy: bool,

    /// Issues one account may post per hour (0: no limit).
    #[arg(long, env = "RATE_LIMIT_POSTS", default_value_t = 10, global = true)]
    pub rate_limit_posts: u32,

    /// Comments one account may write per hour (0: no limit).
    #[arg(long, env = "RATE_LIMIT_COMMENTS", default_value_t = 60, global = true)]
    pub rate_limit_comments: u32,

    /// Flags one account may raise per hour (0: no limit).
    #[arg(long, env = "RATE_LIMIT_FLAGS", default_value_t = 20, global = true)]
    pub rate_limit_flags: u32,

    /// Supports one account may give or withdraw per hour (0: no limit).
    #[arg(long, env = "RATE_LIMIT_SUPPORTS", default_value_t = 200, global = true)]
    pub rate_limit_supports: u32,

    /// Messages one WhatsApp number may send per hour (0: no limit); the rest go unread.
    #[arg(long, env = "RATE_LIMIT_WHATSAPP", default_value_t = 120, global = true)]
    pub rate_limit_messages: u32,

    /// One network address may do this many times an account's allowance (carrier NAT).
    #[arg(long, env = "RATE_LIMIT_IP_FACTOR", default_value_t = 20, global = true)]
    pub rate_limit_ip_factor: u32,

    /// The push services push notices are sent to, comma-separated (`*.` for every host
    /// under a domain): a browser's subscription to any other host is refused. HTTPS only,
    /// except to a loopback host named here.
    #[arg(long, env = "PUSH_SERVICE_HOSTS", default_value = app::domain::push::DEFAULT_HOSTS, global = true)]
    pub push_service_hosts: String,

    #[command(flatten)]
    pub whatsapp: WhatsAppArgs,
}

/// The WhatsApp Business Cloud API (README, "WhatsApp"). With none of the first four set
/// the channel is off and `/channels/whatsapp/webhook` answers 404; with some but not all,
/// the server refuses to start.
#[derive(Debug, Clone, Args)]
pub struct WhatsAppArgs {
    /// The id Meta gives the regency's WhatsApp number (not the number itself).
    #[arg(long = "whatsapp-phone-number-id", env = "WHATSAPP_PHONE_NUMBER_ID", global = true)]
    pub phone_number_id: Option<String>,

    /// The Graph API's access token (a system user's permanent token).
    #[arg(
        long = "whatsapp-token",
        env = "WHATSAPP_TOKEN",
        hide_env_values = true,
        global = true
    )]
    pub token: Option<String>,

    /// The Meta app's secret, which signs every webhook body.
    #[arg(
        long = "whatsapp-app-secret",
        env = "WHATSAPP_APP_SECRET",
        hide_env_values = true,
        global = true
    )]
    pub app_secret: Option<String>,

    /// A token of your choosing, given to Meta with the webhook's address.
    #[arg(
        long = "whatsapp-verify-token",
        env = "WHATSAPP_VERIFY_TOKEN",
        hide_env_values = true,
        global = true
    )]
    pub verify_token: Option<String>,

    /// The Graph API's base URL with its version [default: https://graph.facebook.com/v21.0].
    #[arg(long = "whatsapp-api-base", env = "WHATSAPP_API_BASE", global = true)]
    pub api_base: Option<String>,

    /// The approved template a notice goes as outside the 24-hour window (docs/whatsapp-templates.md).
    #[arg(
        long = "whatsapp-notice-template",
        env = "WHATSAPP_NOTICE_TEMPLATE",
        default_value = "kabar_laporan",
        global = true
    )]
    pub notice_template: String,

    /// The approved authentication template that carries a sign-in code (docs/whatsapp-templates.md).
    #[arg(
        long = "whatsapp-code-template",
        env = "WHATSAPP_CODE_TEMPLATE",
        default_value = "kode_masuk",
        global = true
    )]
    pub code_template: String,

    /// The language codes the templates were approved under: Bahasa Indonesia's, then English's.
    #[arg(
        long = "whatsapp-template-languages",
        env = "WHATSAPP_TEMPLATE_LANGUAGES",
        default_value = "id,en",
        global = true
    )]
    pub template_languages: String,
}

impl Default for WhatsAppArgs {
    fn default() -> Self {
        Self {
            phone_number_id: None,
            token: None,
            app_secret: None,
            verify_token: None,
            api_base: None,
            notice_template: "kabar_laporan".into(),
            code_template: "kode_masuk".into(),
            template_languages: "id,en".into(),
        }
    }
}

/// Meta's Graph API, the version the channel was written against.
pub const GRAPH_API_BASE: &str = "https://graph.facebook.com/v21.0";

impl WhatsAppArgs {
    /// The channel's settings, `None` when it is off; an error names what is missing.
    pub fn settings(&self) -> anyhow::Result<Option<app::domain::WhatsAppSettings>> {
        let given = [
            ("WHATSAPP_PHONE_NUMBER_ID", &self.phone_number_id),
            ("WHATSAPP_TOKEN", &self.token),
            ("WHATSAPP_APP_SECRET", &self.app_secret),
            ("WHATSAPP_VERIFY_TOKEN", &self.verify_token),
        ];
        let value = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        let missing: Vec<&str> = given
            .iter()
            .filter(|(_, v)| value(v).is_none())
            .map(|(n, _)| *n)
            .collect();
        if missing.len() == given.len() {
            return Ok(None);
        }
        if !missing.is_empty() {
            anyhow::bail!("the WhatsApp channel needs {} as well", missing.join(", "));
        }
        Ok(Some(app::domain::WhatsAppSettings {
            phone_number_id: value(&self.phone_number_id).unwrap_or_default(),
            token: value(&self.token).unwrap_or_default(),
            app_secret: value(&self.app_secret).unwrap_or_default(),
            verify_token: value(&self.verify_token).unwrap_or_default(),
            api_base: value(&self.api_base).unwrap_or_else(|| GRAPH_API_BASE.to_owned()),
            notice_template: self.notice_template.trim().to_owned(),
            code_template: self.code_template.trim().to_owned(),
            template_languages: match self.template_languages.split_once(',') {
                Some((id, en)) if !id.trim().is_empty() && !en.trim().is_empty() => {
                    (id.trim().to_owned(), en.trim().to_owned())
                }
                _ => anyhow::bail!("WHATSAPP_TEMPLATE_LANGUAGES takes two codes, as in id,en"),
            },
        }))
    }
}

impl Settings {
    pub fn rate_limits(&self) -> RateLimits {
        RateLimits {
            posts: self.rate_limit_posts,
            comments: self.rate_limit_comments,
            flags: self.rate_limit_flags,
            supports: self.rate_limit_supports,
            messages: self.rate_limit_messages,
            ip_factor: self.rate_limit_ip_factor,
        }
    }

    pub fn base_url(&self) -> String {
        self.base_url.trim_end_matches('/').to_owned()
    }
}

#[cfg(test)]
mod whatsapp_tests {
    use super::*;

    #[test]
    fn the_whatsapp_channel_is_off_on_or_refused_half_set() {
        assert!(WhatsAppArgs::default().settings().is_ok_and(|s| s.is_none()));
        let half = WhatsAppArgs {
            token: Some("t".into()),
            ..Default::default()
        };
        let refusal = half.settings().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(refusal.contains("WHATSAPP_APP_SECRET") && !refusal.contains("WHATSAPP_TOKEN"));
        let full = WhatsAppArgs {
            phone_number_id: Some("1".into()),
            token: Some("t".into()),
            app_secret: Some("s".into()),
            verify_token: Some("v".into()),
            template_languages: "id, en_US".into(),
            ..Default::default()
        };
        let on = full.settings().ok().flatten();
        assert_eq!(on.as_ref().map(|s| s.api_base.as_str()), Some(GRAPH_API_BASE));
        assert_eq!(
            on.map(|s| s.template_languages),
            Some(("id".to_owned(), "en_US".to_owned()))
        );
        let bad = WhatsAppArgs {
            template_languages: "id".into(),
            ..full
        };
        assert!(bad.settings().is_err());
    }
}
