//! What every integration test starts from: the real router on a free port, a fresh
//! database of its own (an SQLite file, or a new PostgreSQL database when
//! `TEST_DATABASE_URL` is set), the real migrations, the mail worker, and a real SMTP
//! server on loopback.

#![allow(dead_code, reason = "each test binary uses part of the shared support")]

pub mod graph;
pub mod push;
pub mod smtp;

use std::{
    path::PathBuf,
    sync::{Arc, atomic::AtomicU64},
    time::Duration,
};

use app::domain::{AppState, Clock, commands, limits::RateLimits};
use sea_orm::{ConnectionTrait, Database};

pub use smtp::SmtpSink;

/// Which database a test runs on.
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite,
    Postgres(String),
}

impl Db {
    /// The PostgreSQL server of `TEST_DATABASE_URL`, or the local one (127.0.0.1:5432, user
    /// postgres, as on every machine of this project) when the variable is unset. A
    /// `TEST_DATABASE_URL` that names no PostgreSQL server (`TEST_DATABASE_URL=none`) skips
    /// the PostgreSQL half, and the skip fails the test: it did not pass.
    pub fn postgres() -> Option<Self> {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(url) if url.starts_with("postgres") => Some(Self::Postgres(url)),
            Ok(_) => None,
            Err(_) => Some(Self::Postgres("postgres://postgres@127.0.0.1:5432/postgres".into())),
        }
    }
}

/// Where every test app's clock starts: Monday 30 November 2026, 09:00 WIB. Tests write
/// dates ("Friday 4 December 2026") that must stay ahead of the app's "now" whatever day the
/// suite runs, so the clock never starts at the machine's time; a test that needs another
/// moment sets it (`state.clock.set`) or moves it on (`advance`).
pub fn start_instant() -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc
        .with_ymd_and_hms(2026, 11, 30, 2, 0, 0)
        .single()
        .expect("a valid instant")
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("jatinan_t_{}_{n}_{nanos}", std::process::id())
}

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub smtp: SmtpSink,
    pub client: reqwest::Client,
    pub jar: Arc<reqwest::cookie::Jar>,
    /// The WhatsApp Cloud API on loopback, when the app was started with the channel on.
    pub graph: Option<graph::GraphApi>,
    database_url: String,
    dir: PathBuf,
    pg: Option<(String, String)>,
}

impl TestApp {
    pub async fn start(db: Db) -> Self {
        // Tests press buttons much faster than people: no rate limits unless asked for.
        Self::start_with_limits(db, RateLimits::unlimited()).await
    }

    /// An app with the WhatsApp channel on, its Graph API a server on loopback.
    pub async fn start_with_whatsapp(db: Db) -> Self {
        Self::start_with_whatsapp_limits(db, RateLimits::unlimited()).await
    }

    /// The same, with these rate limits.
    pub async fn start_with_whatsapp_limits(db: Db, limits: RateLimits) -> Self {
        let api = graph::GraphApi::start().await;
        let args = jatinan_server::settings::WhatsAppArgs {
            phone_number_id: Some(graph::PHONE_NUMBER_ID.into()),
            token: Some(graph::TOKEN.into()),
            app_secret: Some(graph::APP_SECRET.into()),
            verify_token: Some(graph::VERIFY_TOKEN.into()),
            api_base: Some(api.base()),
            ..Default::default()
        };
        let (dir, database_url, pg) = Self::new_database(db).await;
        let mut app = Self::start_on(database_url, dir, pg, None, limits, args).await;
        jatinan_server::cli::spawn_whatsapp(&app.state, Duration::from_millis(200), Duration::from_secs(120))
            .expect("WhatsApp workers");
        app.graph = Some(api);
        app
    }

    pub async fn start_with_limits(db: Db, limits: RateLimits) -> Self {
        let (dir, database_url, pg) = Self::new_database(db).await;
        Self::start_on(database_url, dir, pg, None, limits, Default::default()).await
    }

    /// A fresh folder and database of this test's own.
    async fn new_database(db: Db) -> (PathBuf, String, Option<(String, String)>) {
        let name = unique_name();
        let dir = std::env::temp_dir().join(&name);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let (database_url, pg) = match db {
            Db::Sqlite => (format!("sqlite://{}/jatinan.db", dir.display()), None),
            Db::Postgres(admin_url) => {
                let admin = Database::connect(&admin_url).await.unwrap_or_else(|err| {
                    panic!("PostgreSQL at {admin_url} does not answer ({err}): start it, or set TEST_DATABASE_URL")
                });
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let (server, _) = admin_url
                    .rsplit_once('/')
                    .expect("a database path in TEST_DATABASE_URL");
                (format!("{server}/{name}"), Some((admin_url, name.clone())))
            }
        };
        (dir, database_url, pg)
    }

    /// A second instance on the same database (as behind a load balancer, or after a restart).
    pub async fn another_instance(&self) -> Self {
        self.another_instance_with_limits(RateLimits::unlimited()).await
    }

    /// The same, with these rate limits.
    pub async fn another_instance_with_limits(&self, limits: RateLimits) -> Self {
        let url = self.database_url.clone();
        let mut app = Self::start_on(
            url,
            self.dir.clone(),
            None,
            Some(self.jar.clone()),
            limits,
            Default::default(),
        )
        .await;
        app.smtp = self.smtp.clone();
        app
    }

    async fn start_on(
        database_url: String,
        dir: PathBuf,
        pg: Option<(String, String)>,
        jar: Option<Arc<reqwest::cookie::Jar>>,
        limits: RateLimits,
        whatsapp: jatinan_server::settings::WhatsAppArgs,
    ) -> Self {
        let smtp = SmtpSink::start().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let base = format!("http://{addr}");
        let settings = jatinan_server::settings::Settings {
            database_url: database_url.clone(),
            smtp_url: Some(smtp.url()),
            mail_from: "Minggon Jatinan <noreply@jatinan.test>".into(),
            mail_reply_to: Some("Sekretariat Bupati <sekretariat@jatinan.test>".into()),
            base_url: base.clone(),
            data_dir: dir.clone(),
            site_addr: addr,
            site_root: "target/site".into(),
            seed_demo: false,
            mail_poll_secs: 1,
            page_cache_secs: 5,
            live_viewers_max: 5000,
            mail_claim_secs: 120,
            trust_proxy: false,
            follow_up_days: 5,
            disposition_days: 3,
            rate_limit_posts: limits.posts,
            rate_limit_comments: limits.comments,
            rate_limit_flags: limits.flags,
            rate_limit_supports: limits.supports,
            rate_limit_messages: limits.messages,
            rate_limit_ip_factor: limits.ip_factor,
            // The tests' push service listens on loopback.
            push_service_hosts: "127.0.0.1".into(),
            whatsapp,
        };
        let (state, mailer) = jatinan_server::cli::build_state(&settings, Clock::fixed(start_instant()))
            .await
            .expect("state");
        jatinan_server::cli::spawn_mail_worker(&state, mailer, Duration::from_millis(200), Duration::from_secs(120))
            .expect("worker");
        jatinan_server::cli::spawn_push(&state, Duration::from_millis(200), Duration::from_secs(120)).expect("push");
        let router = jatinan_server::router::build(state.clone()).expect("router");
        tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .await
        });
        let jar = jar.unwrap_or_default();
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self {
            base,
            state,
            smtp,
            client,
            jar,
            graph: None,
            dir,
            pg,
            database_url,
        }
    }

    /// A second browser on the same site, with cookies of its own (do not clean it up).
    pub fn second_browser(&self) -> Self {
        let jar: Arc<reqwest::cookie::Jar> = Arc::default();
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self {
            base: self.base.clone(),
            state: self.state.clone(),
            smtp: self.smtp.clone(),
            client,
            jar,
            graph: self.graph.clone(),
            database_url: self.database_url.clone(),
            dir: self.dir.clone(),
            pg: None,
        }
    }

    /// The `Cookie` header the test browser sends to this site.
    pub fn cookie_header(&self) -> String {
        use reqwest::cookie::CookieStore;
        let url = self.base.parse().expect("base url");
        self.jar
            .cookies(&url)
            .and_then(|v| v.to_str().ok().map(str::to_owned))
            .unwrap_or_default()
    }

    /// The PostgreSQL server's admin URL and this test's database on it (None on SQLite).
    pub fn postgres(&self) -> Option<(String, String)> {
        self.pg.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GET `path` as a browser would; returns status and body.
    pub async fn get(&self, path: &str) -> (u16, String) {
        let res = self
            .client
            .get(self.url(path))
            .header("accept", "text/html")
            .send()
            .await
            .expect("GET");
        (res.status().as_u16(), res.text().await.unwrap_or_default())
    }

    /// Posts a plain HTML form (JavaScript off) as the browser does: to the page `from` it
    /// is on, naming the server function `action`. Returns status, Location and body.
    pub async fn post_form(&self, from: &str, action: &str, fields: &[(&str, &str)]) -> (u16, Option<String>, String) {
        let mut fields = fields.to_vec();
        fields.push(("_action", action));
        let body = serde_urlencoded::to_string(&fields).expect("form");
        let res = self
            .client
            .post(self.url(from))
            .header("accept", "text/html,application/xhtml+xml")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("POST");
        answer(res).await
    }

    /// Posts a form with files (`multipart/form-data`) as the browser does with JavaScript
    /// off: to the page `from`, naming the server function `action`.
    pub async fn post_multipart(
        &self,
        from: &str,
        action: &str,
        fields: &[(&str, &str)],
        files: &[(&str, Vec<u8>)],
    ) -> (u16, Option<String>, String) {
        let mut form = reqwest::multipart::Form::new().text("_action", action.to_owned());
        for (name, value) in fields {
            form = form.text(name.to_string(), value.to_string());
        }
        for (file_name, bytes) in files {
            let part = reqwest::multipart::Part::bytes(bytes.clone()).file_name(file_name.to_string());
            form = form.part("photo", part);
        }
        let res = self
            .client
            .post(self.url(from))
            .header("accept", "text/html")
            .multipart(form)
            .send()
            .await
            .expect("POST");
        answer(res).await
    }

    /// Posts a form with one text file (a CSV), as the browser does with JavaScript off.
    pub async fn post_multipart_file(
        &self,
        from: &str,
        action: &str,
        field: &str,
        file_name: &str,
        text: &str,
    ) -> (u16, Option<String>, String) {
        let part = reqwest::multipart::Part::text(text.to_owned()).file_name(file_name.to_owned());
        let form = reqwest::multipart::Form::new()
            .text("_action", action.to_owned())
            .part(field.to_owned(), part);
        let res = self
            .client
            .post(self.url(from))
            .header("accept", "text/html")
            .multipart(form)
            .send()
            .await
            .expect("POST");
        answer(res).await
    }

    /// Posts a form straight to a server function's URL, as an older page might, with a
    /// Referer to come back to.
    pub async fn post_to_api(&self, from: &str, action: &str, fields: &[(&str, &str)]) -> (u16, Option<String>) {
        let res = self
            .client
            .post(self.url(action))
            .header("accept", "text/html")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("referer", self.url(from))
            .body(serde_urlencoded::to_string(fields).expect("form"))
            .send()
            .await
            .expect("POST");
        let location = res
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        (res.status().as_u16(), location)
    }

    /// Registers through the form and follows the verification link from the email.
    pub async fn register_and_verify(&self, name: &str, email: &str, password: &str) {
        let (status, location, _) = self
            .post_form(
                "/account/register",
                "/api/account/register",
                &[("name", name), ("email", email), ("password", password)],
            )
            .await;
        assert_eq!(
            (status, location.as_deref()),
            (303, Some("/account/login?notice=registered"))
        );
        let mail = self.smtp.wait_for(email, 1).await;
        let link = mail[0].link_containing("/account/verify?token=");
        let path = link.strip_prefix(&self.base).expect("link to this site");
        let (status, page) = self.get(path).await;
        assert_eq!(status, 200, "{page}");
    }

    pub async fn sign_in(&self, email: &str, password: &str) {
        let (status, location, body) = self
            .post_form(
                "/account/login",
                "/api/account/login",
                &[("email", email), ("password", password)],
            )
            .await;
        assert_eq!((status, location.as_deref()), (303, Some("/")), "{body}");
    }

    /// A verified account of any role, made as `jatinan user create` makes it.
    pub async fn create_account(&self, email: &str, role: app::model::account::Role, opd: Option<&str>) {
        commands::accounts::create_account(
            &self.state.db,
            &self.state.clock,
            commands::accounts::NewAccount {
                email: email.into(),
                name: format!("{role:?}"),
                role,
                opd_code: opd.map(Into::into),
                password: "kata sandi staf".into(),
            },
        )
        .await
        .expect("account");
    }

    /// The account with this email, if there is one.
    pub async fn try_account(&self, email: &str) -> Option<app::domain::entities::user_account::Model> {
        use app::domain::entities::user_account;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        user_account::Entity::find()
            .filter(user_account::Column::Email.eq(email))
            .one(&self.state.db)
            .await
            .expect("query")
    }

    /// The account with this email.
    pub async fn account(&self, email: &str) -> app::domain::entities::user_account::Model {
        use app::domain::entities::user_account;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let found = user_account::Entity::find()
            .filter(user_account::Column::Email.eq(email))
            .one(&self.state.db)
            .await;
        found.expect("query").expect("an account")
    }

    /// The id of the region with this Kemendagri code, as a form sends it.
    pub async fn region_id(&self, code: &str) -> String {
        use app::domain::entities::region;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let found = region::Entity::find()
            .filter(region::Column::Code.eq(code))
            .one(&self.state.db)
            .await;
        found.expect("query").expect("a seeded region").id.to_string()
    }

    /// The id of the OPD with this code, as a form sends it.
    pub async fn opd_id(&self, code: &str) -> String {
        use app::domain::entities::opd;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let found = opd::Entity::find()
            .filter(opd::Column::Code.eq(code))
            .one(&self.state.db)
            .await;
        found.expect("query").expect("a seeded OPD").id.to_string()
    }

    /// The id of the category with this slug, as a form sends it.
    pub async fn category_id(&self, slug: &str) -> String {
        use app::domain::entities::category;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let found = category::Entity::find()
            .filter(category::Column::Slug.eq(slug))
            .one(&self.state.db)
            .await;
        found.expect("query").expect("a seeded category").id.to_string()
    }

    /// Waits until the mail worker has sent everything queued: a barrier for tests that
    /// watch the page cache, since each message it sends is a write (which makes a page
    /// rendered at that moment not kept).
    pub async fn mail_settled(&self) {
        use app::domain::{entities::outbox, mail::OutboxCounts};
        for _ in 0..300 {
            let counts = OutboxCounts::read(&self.state.db).await.expect("outbox counts");
            if counts.of(outbox::PENDING) + counts.of(outbox::SENDING) == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the outbox did not drain in 30 s");
    }

    /// Posts a notification to the WhatsApp webhook as Meta does (signed); returns the status.
    pub async fn whatsapp_post(&self, notification: &serde_json::Value) -> u16 {
        let body = notification.to_string();
        self.client
            .post(self.url("/channels/whatsapp/webhook"))
            .header("content-type", "application/json")
            .header("x-hub-signature-256", graph::signature(body.as_bytes()))
            .body(body)
            .send()
            .await
            .expect("webhook POST")
            .status()
            .as_u16()
    }

    /// A resident's WhatsApp message (`message` as Meta shows it, without `from` and `id`),
    /// delivered to the webhook with a fresh `wamid`; returns the `wamid`.
    pub async fn whatsapp_message(&self, from: &str, mut message: serde_json::Value) -> String {
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let wamid = format!("wamid.masuk.{n}.{}", std::process::id());
        message["from"] = from.into();
        message["id"] = wamid.clone().into();
        message["timestamp"] = self.state.clock.now().timestamp().to_string().into();
        let status = self
            .whatsapp_post(&graph::notification(from, "Siti Aminah", message))
            .await;
        assert_eq!(status, 200, "the webhook takes a signed message");
        wamid
    }

    /// A text from `from`, then waits until it is processed and every reply left.
    pub async fn whatsapp_says(&self, from: &str, text: &str) {
        self.whatsapp_message(from, serde_json::json!({"type": "text", "text": {"body": text}}))
            .await;
        self.whatsapp_settled().await;
    }

    /// Waits until every stored WhatsApp event is processed and no WhatsApp message waits.
    pub async fn whatsapp_settled(&self) {
        use app::domain::entities::{outbox, wa_event};
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        for _ in 0..300 {
            let waiting = wa_event::Entity::find()
                .filter(wa_event::Column::ProcessedAt.is_null())
                .count(&self.state.db)
                .await
                .expect("count events");
            let sending = outbox::Entity::find()
                .filter(outbox::Column::Channel.eq(outbox::Channel::WhatsApp))
                .filter(outbox::Column::Status.is_in([outbox::PENDING, outbox::SENDING]))
                .filter(outbox::Column::NextAttemptAt.lte(self.state.clock.now()))
                .count(&self.state.db)
                .await
                .expect("count WhatsApp messages");
            if waiting + sending == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("WhatsApp events or messages still waiting after 15 s");
    }

    /// Moves the app's clock forward.
    pub fn advance(&self, by: chrono::TimeDelta) {
        self.state.clock.set(self.state.clock.now() + by);
    }

    /// Drops a PostgreSQL test database.
    pub async fn cleanup(self) {
        // Closing a pool waits for every connection to come back, which the mail worker's can
        // delay indefinitely; dropping the database below ends them anyway.
        tokio::time::timeout(Duration::from_secs(5), self.state.db.clone().close())
            .await
            .ok();
        if let Some((admin_url, name)) = self.pg
            && let Ok(admin) = Database::connect(&admin_url).await
        {
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await
                .ok();
            admin.close().await.ok();
        }
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

/// A plain message to `to`, keyed `key`, with the subject `Uji {key}`.
pub fn message(key: &str, to: &str) -> app::domain::mail::Email {
    app::domain::mail::Email {
        key: key.into(),
        to: to.into(),
        subject: format!("Uji {key}"),
        text: "Halo".into(),
        html: "<p>Halo</p>".into(),
        ics: None,
        unsubscribe: None,
    }
}

/// What a form post answered: status, Location and body.
async fn answer(res: reqwest::Response) -> (u16, Option<String>, String) {
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, location, res.text().await.unwrap_or_default())
}

/// Runs each named `async fn(Db)` once on SQLite and once on PostgreSQL (see
/// `Db::postgres`; a PostgreSQL run that cannot run fails, it never passes silently).
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::support::Db::Sqlite).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    match $crate::support::Db::postgres() {
                        Some(db) => super::$name(db).await,
                        None => panic!("skipped: TEST_DATABASE_URL names no PostgreSQL server"),
                    }
                }
            }
        )*
    };
}
