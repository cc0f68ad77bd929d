//! The command line: `jatinan [serve]`, `jatinan migrate`, `jatinan user create`,
//! `jatinan mail test`, `jatinan backup` and `jatinan restore`.

use std::{io::Read, process::ExitCode, sync::Arc, time::Duration};

use axum::serve::ListenerExt;
use clap::{Parser, Subcommand};
use leptos::config::LeptosOptions;
use tokio::sync::Notify;

use app::{
    domain::{
        AppState, Clock, Config,
        commands::{self, accounts::NewAccount},
        limits::{Limiter, SWEEP_EVERY},
        mail::{Mailer, transport, worker},
        push::PushSettings,
    },
    i18n::Locale,
    model::{AppError, account::Role},
};

use crate::{backup, db, demo, router, seed, settings::Settings};

#[derive(Debug, Parser)]
#[command(
    name = "jatinan",
    version,
    about = "Minggon Jatinan: the Friday dialogue with the Bupati of Batang"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub settings: Settings,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, seed an empty one, and serve the site (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Mail operations.
    Mail {
        #[command(subcommand)]
        command: MailCommand,
    },
    /// Copy the SQLite database (consistent, also while the server runs) and the photos
    /// into the new folder PATH. For PostgreSQL use pg_dump (see README).
    Backup { path: std::path::PathBuf },
    /// Replace the SQLite database and the photos with a backup made by `jatinan backup`.
    /// Stop the server first; what it replaces is kept beside it.
    Restore { path: std::path::PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// Send a test message through SMTP_URL (or to DATA_DIR/mail) and print the result.
    Test {
        #[arg(long)]
        to: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a verified account; the password is read from standard input.
    Create {
        #[arg(long)]
        email: String,
        /// resident, operator, secretariat, opd_officer or admin.
        #[arg(long)]
        role: String,
        /// The OPD's code, required for opd_officer (for example DPUPR).
        #[arg(long)]
        opd: Option<String>,
        #[arg(long)]
        name: Option<String>,
    },
}

pub async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .init();
    // Settings may also come from a `.env` file in the working folder (see `.env.example`).
    if let Err(error) = dotenvy::dotenv()
        && !error.not_found()
    {
        tracing::warn!(%error, ".env could not be read; its settings are not applied");
    }
    let cli = Cli::parse();
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.settings).await,
        Command::Migrate => migrate(cli.settings).await,
        Command::User {
            command: UserCommand::Create { email, role, opd, name },
        } => create_user(cli.settings, email, role, opd, name).await,
        Command::Mail {
            command: MailCommand::Test { to },
        } => mail_test(cli.settings, to).await,
        Command::Backup { path } => backup::backup(&cli.settings, &path).await,
        Command::Restore { path } => backup::restore(&cli.settings, &path).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("jatinan: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Sends one message now, without the database or the outbox, and says what happened.
async fn mail_test(settings: Settings, to: String) -> anyhow::Result<()> {
    let mailer = mailer(&settings)?;
    let from = settings
        .mail_from
        .parse()
        .map_err(|err| anyhow::anyhow!("MAIL_FROM is not an address: {err}"))?;
    let reply_to: Option<lettre::message::Mailbox> =
        match settings.mail_reply_to.as_deref().filter(|r| !r.trim().is_empty()) {
            Some(r) => Some(
                r.parse()
                    .map_err(|err| anyhow::anyhow!("MAIL_REPLY_TO is not an address: {err}"))?,
            ),
            None => None,
        };
    let now = chrono::Utc::now();
    let row = app::domain::entities::outbox::Model {
        id: 0,
        idempotency_key: format!("mail-test:{}", now.timestamp()),
        recipient: to.clone(),
        subject: "Minggon Jatinan: pesan uji / test message".into(),
        body_text: format!(
            "Pesan uji dari {} pada {now}.\nTest message from {} at {now}.\n",
            settings.base_url(),
            settings.base_url()
        ),
        body_html: format!(
            "<p>Pesan uji dari {0}.</p><p>Test message from {0}.</p>",
            settings.base_url()
        ),
        status: app::domain::entities::outbox::PENDING,
        attempts: 0,
        next_attempt_at: now,
        claimed_until: None,
        last_error: None,
        created_at: now,
        sent_at: None,
        attachment_ics: None,
        unsubscribe_url: None,
        claimed_by: None,
        channel: app::domain::entities::outbox::Channel::Email,
        payload: None,
        external_id: None,
        delivery_status: None,
    };
    let message = transport::build_message(&from, reply_to.as_ref(), &row)
        .map_err(|err| anyhow::anyhow!("the message could not be built: {err:?}"))?;
    match mailer.send(message).await {
        Ok(()) => {
            println!("sent to {to} via {}", mailer.describe());
            Ok(())
        }
        Err(transport::SendError::Permanent(err)) => anyhow::bail!("refused for good by the server: {err}"),
        Err(transport::SendError::Transient(err)) => anyhow::bail!("not sent, try again later: {err}"),
        Err(transport::SendError::Suppressed(_)) => anyhow::bail!("not sent: the address is suppressed"),
    }
}

/// The transport `SMTP_URL` names, else .eml files under DATA_DIR/mail.
fn mailer(settings: &Settings) -> anyhow::Result<Mailer> {
    match &settings.smtp_url {
        Some(url) if !url.is_empty() => Mailer::smtp(url).map_err(anyhow::Error::msg),
        _ => Mailer::files(&settings.data_dir.join("mail")).map_err(anyhow::Error::msg),
    }
}

async fn migrate(settings: Settings) -> anyhow::Result<()> {
    let db = db::connect(&settings.database_url).await?;
    db::migrate(&db).await?;
    println!("database is up to date");
    Ok(())
}

async fn create_user(
    settings: Settings,
    email: String,
    role: String,
    opd: Option<String>,
    name: Option<String>,
) -> anyhow::Result<()> {
    let role = Role::parse(&role).ok_or_else(|| {
        anyhow::anyhow!(
            "unknown role {role}: use one of {}",
            Role::ALL.map(Role::as_str).join(", ")
        )
    })?;
    let mut password = String::new();
    std::io::stdin().read_to_string(&mut password)?;
    let password = password.trim_end_matches(['\n', '\r']).to_owned();
    let db = db::connect(&settings.database_url).await?;
    db::migrate(&db).await?;
    let name = name.unwrap_or_else(|| email.split('@').next().unwrap_or_default().to_owned());
    let created = commands::accounts::create_account(
        &db,
        &Clock::default(),
        NewAccount {
            email,
            name,
            role,
            opd_code: opd,
            password,
        },
    )
    .await
    .map_err(|err| anyhow::anyhow!("account not created: {}", describe(&err)))?;
    println!(
        "created {} ({}) as {}",
        created.email,
        created.name,
        created.role.as_str()
    );
    Ok(())
}

/// An error for the console, in English: each refused field with its message.
fn describe(err: &AppError) -> String {
    let t = Locale::En.texts();
    match err {
        AppError::Invalid(fields) => fields
            .iter()
            .map(|f| format!("{}: {}", f.field, (t.code_message)(f.code)))
            .collect::<Vec<_>>()
            .join("; "),
        other => t.error_message(other),
    }
}

/// Everything `serve` builds before it listens: also used by the integration tests.
pub async fn build_state(settings: &Settings, clock: Clock) -> anyhow::Result<(AppState, Mailer)> {
    let mut db = db::connect(&settings.database_url).await?;
    let writes = Arc::default();
    db::count_writes(&mut db, Arc::clone(&writes));
    db::migrate(&db).await?;
    seed::reference_data(&db).await?;
    if settings.seed_demo {
        seed::demo(&db, &clock).await?;
    }
    let mailer = mailer(settings)?;
    let base_url = settings.base_url();
    let config = Config {
        secure_cookies: base_url.starts_with("https://"),
        base_url,
        mail_from: settings.mail_from.clone(),
        photo_dir: settings.data_dir.join("photos"),
        reply_to: settings.mail_reply_to.clone().filter(|r| !r.trim().is_empty()),
        trust_proxy: settings.trust_proxy,
        follow_up_days: settings.follow_up_days,
        disposition_days: settings.disposition_days,
        signing_key: app::domain::secrets::signing_key(&db).await?,
        page_cache_secs: settings.page_cache_secs,
        live_viewers_max: settings.live_viewers_max,
        whatsapp: settings.whatsapp.settings()?,
        push: PushSettings::new(&settings.push_service_hosts, &settings.mail_from),
        vapid: app::domain::push::vapid_key(&db).await?,
    };
    let leptos_options = LeptosOptions::builder()
        .output_name("jatinan")
        .site_root(settings.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(settings.site_addr)
        .build();
    // On PostgreSQL the counters are shared by every instance on the database.
    let limiter = Arc::new(Limiter::for_database(&db, clock.clone(), settings.rate_limits()));
    let state = AppState {
        db,
        config: Arc::new(config),
        clock,
        mail_bell: Arc::default(),
        whatsapp_out_bell: Arc::new(Notify::new()),
        whatsapp_in_bell: Arc::new(Notify::new()),
        // A hub that falls this far behind reloads every session it serves.
        live_bell: tokio::sync::broadcast::channel(256).0,
        leptos_options,
        limiter,
        scorecard: Arc::default(),
        reference: Arc::default(),
        writes,
    };
    if settings.seed_demo {
        demo::story(&state).await?;
    }
    let limiter = state.limiter.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(SWEEP_EVERY).await;
            if let Err(err) = limiter.forget_idle().await {
                tracing::warn!(?err, "forgetting old rate counts");
            }
        }
    });
    Ok((state, mailer))
}

/// The running mail worker. Dropping it leaves the worker running for the process's life.
pub struct MailWorker {
    stop: tokio::sync::watch::Sender<bool>,
    handle: tokio::task::JoinHandle<()>,
}

impl MailWorker {
    /// Lets the worker finish the batch in hand, then waits for it (at most `limit`).
    pub async fn finish(self, limit: Duration) {
        // An error means the worker has already stopped.
        self.stop.send(true).ok();
        if tokio::time::timeout(limit, self.handle).await.is_err() {
            tracing::warn!("the mail worker did not finish its batch in time");
        }
    }
}

/// Starts the mail worker for `state` on the current runtime.
pub fn spawn_mail_worker(
    state: &AppState,
    mailer: Mailer,
    poll: Duration,
    claim: Duration,
) -> anyhow::Result<MailWorker> {
    let from = state
        .config
        .mail_from
        .parse()
        .map_err(|err| anyhow::anyhow!("MAIL_FROM is not an address: {err}"))?;
    let config = worker::WorkerConfig {
        poll,
        reply_to: state
            .config
            .reply_to
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|err| anyhow::anyhow!("MAIL_REPLY_TO is not an address: {err}"))?,
        claim: chrono::TimeDelta::from_std(claim)?,
        ..Default::default()
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let handle = tokio::spawn(worker::run(
        state.db.clone(),
        mailer,
        from,
        state.clock.clone(),
        state.mail_bell.clone(),
        config,
        stopped,
    ));
    Ok(MailWorker { stop, handle })
}

/// A channel's workers (WhatsApp's two: sending from the outbox, processing what the
/// webhook stored; push's sender), stopped together.
pub struct Workers {
    what: &'static str,
    stop: tokio::sync::watch::Sender<bool>,
    handles: Vec<tokio::task::JoinHandle<()>>,
}

impl Workers {
    /// Lets them finish what they hold, then waits for them (at most `limit`).
    pub async fn finish(self, limit: Duration) {
        self.stop.send(true).ok();
        let all = futures_util::future::join_all(self.handles);
        if tokio::time::timeout(limit, all).await.is_err() {
            tracing::warn!(workers = self.what, "workers did not finish in time");
        }
    }
}

/// Starts the push sender for `state`: notices go to the devices residents turned push on for.
pub fn spawn_push(state: &AppState, poll: Duration, claim: Duration) -> anyhow::Result<Workers> {
    use app::domain::push::outbound;
    let sender = outbound::PushSender::new(state.config.vapid.clone(), state.config.push.clone())
        .map_err(|err| anyhow::anyhow!(err))?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let config = worker::WorkerConfig {
        poll,
        claim: chrono::TimeDelta::from_std(claim)?,
        ..Default::default()
    };
    let handles = vec![tokio::spawn(outbound::run(
        state.db.clone(),
        sender,
        state.clock.clone(),
        state.mail_bell.clone(),
        config,
        stopped,
    ))];
    Ok(Workers {
        what: "push",
        stop,
        handles,
    })
}

/// Starts the WhatsApp workers for `state`, if the channel is on.
pub fn spawn_whatsapp(state: &AppState, poll: Duration, claim: Duration) -> anyhow::Result<Option<Workers>> {
    use app::domain::whatsapp::{Graph, inbound, outbound};
    let Some(settings) = state.config.whatsapp.clone() else {
        return Ok(None);
    };
    let graph = Graph::new(settings).map_err(|err| anyhow::anyhow!(err))?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let config = worker::WorkerConfig {
        poll,
        claim: chrono::TimeDelta::from_std(claim)?,
        ..Default::default()
    };
    let handles = vec![
        tokio::spawn(outbound::run(
            state.db.clone(),
            graph.clone(),
            state.clock.clone(),
            state.whatsapp_out_bell.clone(),
            config,
            stopped.clone(),
        )),
        tokio::spawn(inbound::run(
            state.clone(),
            graph,
            state.whatsapp_in_bell.clone(),
            poll,
            stopped,
        )),
    ];
    Ok(Some(Workers {
        what: "WhatsApp",
        stop,
        handles,
    }))
}

/// Once a minute, queues the day-before reminders of upcoming sessions, the coalesced
/// comments and digests that are due, on Mondays the week's summary and the escalated
/// follow-ups, tells OPDs and the secretariat of deadlines (the secretariat also of issues
/// past their disposition deadline), and closes follow-ups whose
/// resolution the resident left unanswered (each once: outbox
/// keys and claims make repeats harmless, also across instances).
pub fn spawn_periodic(state: &AppState) {
    let state = state.clone();
    tokio::spawn(async move {
        loop {
            if let Err(err) = app::domain::jobs::reminders::queue_reminders(&state).await {
                tracing::warn!(?err, "queueing session reminders");
            }
            if let Err(err) = app::domain::mail::digest::run_due(&state).await {
                tracing::warn!(?err, "queueing digests");
            }
            if let Err(err) = app::domain::jobs::summaries::weekly_summaries(&state).await {
                tracing::warn!(?err, "queueing weekly summaries");
            }
            if let Err(err) = app::domain::jobs::deadlines::close_unanswered(&state).await {
                tracing::warn!(?err, "closing unanswered follow-ups");
            }
            if let Err(err) = app::domain::jobs::escalation::escalate(&state).await {
                tracing::warn!(?err, "telling of deadlines");
            }
            if let Err(err) = app::domain::jobs::disposition::tell_overdue(&state).await {
                tracing::warn!(?err, "telling of disposition deadlines");
            }
            if let Err(err) = app::domain::jobs::escalation::weekly_escalation(&state).await {
                tracing::warn!(?err, "queueing the escalation summary");
            }
            if let Err(err) = app::domain::whatsapp::inbound::purge(&state.db, state.clock.now()).await {
                tracing::warn!(?err, "purging WhatsApp events");
            }
            tokio::time::sleep(Duration::from_secs(60)).await;
        }
    });
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let (state, mailer) = build_state(&settings, Clock::default()).await?;
    let mail = spawn_mail_worker(
        &state,
        mailer,
        Duration::from_secs(settings.mail_poll_secs.max(1)),
        Duration::from_secs(settings.mail_claim_secs.max(1)),
    )?;
    let whatsapp = spawn_whatsapp(
        &state,
        Duration::from_secs(settings.mail_poll_secs.max(1)),
        Duration::from_secs(settings.mail_claim_secs.max(1)),
    )?;
    let push = spawn_push(
        &state,
        Duration::from_secs(settings.mail_poll_secs.max(1)),
        Duration::from_secs(settings.mail_claim_secs.max(1)),
    )?;
    spawn_periodic(&state);
    let listener = tokio::net::TcpListener::bind(settings.site_addr).await?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    let db = state.db.clone();
    // On SIGTERM or Ctrl-C: stop accepting, let the requests in flight finish, let the mail
    // worker finish the batch in hand (both at once), then close the database and exit.
    let (signalled, mut on_signal) = tokio::sync::watch::channel(false);
    // Responses go out as soon as they are written. With Nagle's algorithm on, the last
    // small segment of a streamed response (a file) waited for the client's delayed ACK:
    // the static copy of the list took 43 ms instead of 22 ms at p50 (`make bench`).
    let listener = listener.tap_io(|tcp| {
        if let Err(error) = tcp.set_nodelay(true) {
            tracing::warn!(%error, "could not turn off Nagle's algorithm on a connection");
        }
    });
    let server = axum::serve(
        listener,
        router::build(state)?.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        // An error means the signal's sender is gone: shut down just the same.
        on_signal.wait_for(|s| *s).await.ok();
    });
    let server = tokio::spawn(async move { server.await });
    shutdown_signal().await;
    tracing::info!("shutting down: finishing requests in flight and the mail batch in hand");
    // An error means the server has already ended.
    signalled.send(true).ok();
    mail.finish(Duration::from_secs(60)).await;
    if let Some(whatsapp) = whatsapp {
        whatsapp.finish(Duration::from_secs(30)).await;
    }
    push.finish(Duration::from_secs(30)).await;
    server.await??;
    db.close().await?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "Ctrl-C cannot be listened for; stop with SIGTERM");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
