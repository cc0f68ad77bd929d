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

    /// Folder with the built site (wasm, JS, CSS, favicon), made by `cargo leptos build`.
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

    /// One network address may do this many times an account's allowance (carrier NAT).
    #[arg(long, env = "RATE_LIMIT_IP_FACTOR", default_value_t = 20, global = true)]
    pub rate_limit_ip_factor: u32,
}

impl Settings {
    pub fn rate_limits(&self) -> RateLimits {
        RateLimits {
            posts: self.rate_limit_posts,
            comments: self.rate_limit_comments,
            flags: self.rate_limit_flags,
            supports: self.rate_limit_supports,
            ip_factor: self.rate_limit_ip_factor,
        }
    }

    pub fn base_url(&self) -> String {
        self.base_url.trim_end_matches('/').to_owned()
    }
}
