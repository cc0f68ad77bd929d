//! The mixed load of `bench/load.sh`: many residents at once browsing, posting, supporting
//! and commenting through the same plain forms a phone without JavaScript posts, against a
//! running release server; then a check that the database holds exactly what the server
//! said it accepted.
//!
//! ```sh
//! load run BASE_URL CLIENTS SECONDS SERVER_PID   # prepares accounts, runs, checks
//! ```
//!
//! `DATABASE_URL` names the server's database; `LOAD_READ_ONLY=1` only browses. Residents and their sessions are written
//! straight into it (as many as `CLIENTS`); the server must run without rate limits
//! (`RATE_LIMIT_*=0`), or most posts would be refused by design.

use std::{
    env,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use chrono::{TimeDelta, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait, Statement};

use app::{
    domain::{
        Clock,
        commands::{self, accounts::NewAccount},
        entities::{auth_session, category, region},
        secrets::{new_token, token_hash},
    },
    model::{account::Role, admin::RegionKind},
};

/// What the clients did and what the server answered.
#[derive(Default)]
struct Tally {
    browse: AtomicU64,
    posted: AtomicU64,
    supported: AtomicU64,
    commented: AtomicU64,
    refused: AtomicU64,
    server_errors: AtomicU64,
    failed_requests: AtomicU64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = env::args().skip(1).collect();
    let (Some("run"), Some(base), Some(clients), Some(seconds), Some(pid)) = (
        args.first().map(String::as_str),
        args.get(1),
        args.get(2),
        args.get(3),
        args.get(4),
    ) else {
        anyhow::bail!("usage: load run BASE_URL CLIENTS SECONDS SERVER_PID");
    };
    let (clients, seconds, pid): (usize, u64, u32) = (clients.parse()?, seconds.parse()?, pid.parse()?);
    // `LOAD_READ_ONLY=1`: only browsing, so that the data stays the same size (to tell
    // memory that follows the data from memory that leaks).
    let read_only = env::var("LOAD_READ_ONLY").is_ok_and(|v| v == "1");
    let url = env::var("DATABASE_URL")?;
    let db = jatinan_server::db::connect(&url).await?;

    let tokens = residents(&db, clients).await?;
    let (category, kecamatan, desa) = places(&db).await?;
    let issues_before = scalar(&db, "SELECT COUNT(*) FROM issue").await?;
    let supports_before = scalar(&db, "SELECT COUNT(*) FROM issue_support").await?;
    let comments_before = scalar(&db, "SELECT COUNT(*) FROM comment").await?;
    // Something to support and comment on from the first second.
    let first = client(base, &tokens[0])?;
    for n in 0..20 {
        let status = post_issue(&first, base, n, 0, &category, &kecamatan, &desa).await?;
        anyhow::ensure!(status == 303, "posting the first issues answered {status}");
    }
    let seeded = 20;
    let targets: Arc<Vec<i64>> = Arc::new(
        db.query_all_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT id FROM issue ORDER BY id DESC LIMIT {seeded}"),
        ))
        .await?
        .iter()
        .map(|row| row.try_get_by_index::<i32>(0).map(i64::from))
        .collect::<Result<_, _>>()?,
    );

    let tally = Arc::new(Tally::default());
    let until = Instant::now() + Duration::from_secs(seconds);
    let mut memory = vec![rss_kib(pid)];
    let sampler = tokio::spawn(async move {
        let mut samples = Vec::new();
        while Instant::now() < until {
            tokio::time::sleep(Duration::from_secs(5)).await;
            samples.push(rss_kib(pid));
        }
        samples
    });
    let mut tasks = Vec::new();
    for (n, token) in tokens.into_iter().enumerate() {
        let (tally, targets, base, category, kecamatan, desa) = (
            tally.clone(),
            targets.clone(),
            base.clone(),
            category.clone(),
            kecamatan.clone(),
            desa.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let http = match client(&base, &token) {
                Ok(http) => http,
                Err(_) => return,
            };
            let mut step = n;
            let mut supported = 0usize;
            while Instant::now() < until {
                step += 1;
                // Supports go to distinct issues per client, so that none is a repeat.
                // (7 and 20 share no factor: the first 20 supports of a client all differ.)
                let target = targets[(n + supported * 7) % targets.len()];
                let result = match if read_only { 6 + step % 2 } else { step % 20 } {
                    0 => post_issue(&http, &base, n, step, &category, &kecamatan, &desa)
                        .await
                        .map(|s| (s, &tally.posted)),
                    1 | 2 if supported < seeded => {
                        supported += 1;
                        send(
                            &http,
                            &base,
                            &format!("/issues/{target}"),
                            "/api/issue/support",
                            &[("id", target.to_string()), ("support", "true".into())],
                        )
                        .await
                        .map(|s| (s, &tally.supported))
                    }
                    3..=5 => send(
                        &http,
                        &base,
                        &format!("/issues/{target}"),
                        "/api/comment/create",
                        &[
                            ("issue", target.to_string()),
                            ("body", format!("Komentar beban {n}-{step}")),
                        ],
                    )
                    .await
                    .map(|s| (s, &tally.commented)),
                    k if k % 2 == 0 => get(&http, &base, "/issues").await.map(|s| (s, &tally.browse)),
                    _ => get(&http, &base, &format!("/issues/{target}"))
                        .await
                        .map(|s| (s, &tally.browse)),
                };
                match result {
                    Ok((status, counter)) if status < 400 => {
                        counter.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok((status, _)) if status >= 500 => {
                        eprintln!("server error {status}");
                        tally.server_errors.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(_) => {
                        tally.refused.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(err) => {
                        eprintln!("request failed: {err}");
                        tally.failed_requests.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }));
    }
    for task in tasks {
        task.await?;
    }
    memory.extend(sampler.await?);

    let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
    let issues = scalar(&db, "SELECT COUNT(*) FROM issue").await? - issues_before;
    let supports = scalar(&db, "SELECT COUNT(*) FROM issue_support").await? - supports_before;
    let comments = scalar(&db, "SELECT COUNT(*) FROM comment").await? - comments_before;
    let drift_supports = scalar(
        &db,
        "SELECT COUNT(*) FROM issue i WHERE i.support_count <> \
         (SELECT COUNT(*) FROM issue_support s WHERE s.issue_id = i.id)",
    )
    .await?;
    let drift_comments = scalar(
        &db,
        "SELECT COUNT(*) FROM issue i WHERE i.comment_count <> \
         (SELECT COUNT(*) FROM comment c WHERE c.issue_id = i.id AND c.deleted_at IS NULL)",
    )
    .await?;
    let requests = load(&tally.browse) + load(&tally.posted) + load(&tally.supported) + load(&tally.commented);
    println!("CLIENTS={clients}");
    println!("SECONDS={seconds}");
    println!(
        "REQUESTS={}",
        requests + load(&tally.refused) + load(&tally.server_errors)
    );
    println!("PER_SECOND={:.0}", requests as f64 / seconds as f64);
    println!("BROWSE={}", load(&tally.browse));
    println!("POSTED={} STORED={issues}", load(&tally.posted) + seeded as u64);
    println!("SUPPORTED={} STORED={supports}", load(&tally.supported));
    println!("COMMENTED={} STORED={comments}", load(&tally.commented));
    println!("REFUSED={}", load(&tally.refused));
    println!("SERVER_ERRORS={}", load(&tally.server_errors));
    println!("FAILED_REQUESTS={}", load(&tally.failed_requests));
    println!("COUNTER_DRIFT={}", drift_supports + drift_comments);
    println!(
        "RSS_KIB={}",
        memory.iter().map(u64::to_string).collect::<Vec<_>>().join(" ")
    );
    let exact = issues as u64 == load(&tally.posted) + seeded as u64
        && supports as u64 == load(&tally.supported)
        && comments as u64 == load(&tally.commented)
        && drift_supports + drift_comments == 0;
    if load(&tally.server_errors) > 0 || load(&tally.failed_requests) > 0 || !exact {
        anyhow::bail!("the load found errors or counts that do not match");
    }
    Ok(())
}

/// `count` verified residents (made as `jatinan user create` makes them), each with a
/// session; returns their cookie tokens.
async fn residents(db: &DatabaseConnection, count: usize) -> anyhow::Result<Vec<String>> {
    let now = Utc::now();
    let stamp = now.timestamp_millis();
    let mut tokens = Vec::with_capacity(count);
    for n in 0..count {
        let user = commands::accounts::create_account(
            db,
            &Clock::default(),
            NewAccount {
                email: format!("beban{stamp}-{n}@warga.test"),
                name: format!("Warga Beban {n}"),
                role: Role::Resident,
                opd_code: None,
                password: "kata sandi beban".into(),
            },
        )
        .await
        .map_err(|err| anyhow::anyhow!("creating a resident: {err}"))?;
        let token = new_token()?;
        auth_session::ActiveModel {
            token_hash: Set(token_hash(&token)),
            user_id: Set(user.id),
            created_at: Set(now),
            expires_at: Set(now + TimeDelta::days(1)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        tokens.push(token);
    }
    Ok(tokens)
}

/// A category, and a kecamatan with one of its villages, as ids for the posting form.
async fn places(db: &DatabaseConnection) -> anyhow::Result<(String, String, String)> {
    let category = category::Entity::find()
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no category"))?;
    let regions = region::Entity::find().all(db).await?;
    let desa = regions
        .iter()
        .find(|r| r.kind == RegionKind::Desa)
        .ok_or_else(|| anyhow::anyhow!("no desa"))?;
    let kecamatan = regions
        .iter()
        .find(|r| Some(&r.code) == desa.parent_code.as_ref())
        .ok_or_else(|| anyhow::anyhow!("no kecamatan"))?;
    Ok((category.id.to_string(), kecamatan.id.to_string(), desa.id.to_string()))
}

async fn scalar(db: &DatabaseConnection, sql: &str) -> anyhow::Result<i64> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?
        .ok_or_else(|| anyhow::anyhow!("no row"))?;
    Ok(row.try_get_by_index(0)?)
}

/// A phone's browser: its own connection pool, signed in with `token`, no redirects.
fn client(base: &str, token: &str) -> anyhow::Result<reqwest::Client> {
    let jar = reqwest::cookie::Jar::default();
    jar.add_cookie_str(&format!("jatinan_session={token}; Path=/"), &base.parse()?);
    Ok(reqwest::Client::builder()
        .cookie_provider(Arc::new(jar))
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .build()?)
}

async fn get(http: &reqwest::Client, base: &str, path: &str) -> reqwest::Result<u16> {
    let res = http
        .get(format!("{base}{path}"))
        .header("accept", "text/html")
        .send()
        .await?;
    let status = res.status().as_u16();
    res.bytes().await?;
    Ok(status)
}

/// A plain form post from `page` naming server function `action`, as without JavaScript.
async fn send(
    http: &reqwest::Client,
    base: &str,
    page: &str,
    action: &str,
    fields: &[(&str, String)],
) -> reqwest::Result<u16> {
    let mut form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    form.push(("_action", action));
    let res = http
        .post(format!("{base}{page}"))
        .header("accept", "text/html")
        .header("sec-fetch-site", "same-origin")
        .form(&form)
        .send()
        .await?;
    let status = res.status().as_u16();
    res.bytes().await?;
    Ok(status)
}

async fn post_issue(
    http: &reqwest::Client,
    base: &str,
    client: usize,
    step: usize,
    category: &str,
    kecamatan: &str,
    desa: &str,
) -> reqwest::Result<u16> {
    let title = format!("Uji beban {client}-{step}: lampu jalan padam");
    let body = format!("Lampu jalan di gang {client} padam sejak pekan lalu (uji beban {step}).");
    send(
        http,
        base,
        "/issues/new",
        "/api/issue/create",
        &[
            ("title", title),
            ("body", body),
            ("category", category.into()),
            ("kecamatan", kecamatan.into()),
            ("desa", desa.into()),
            ("privacy", "publik".into()),
            ("confirm_new", "1".into()),
        ],
    )
    .await
}

/// The resident set size of process `pid`, from `/proc`.
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
