//! The data and the measurements of `make bench` that need the code itself (the rest is
//! HTTP load from `bench/run.sh`):
//!
//! ```sh
//! bench seed [ISSUES SUPPORTS COMMENTS SESSIONS FOLLOW_UPS]   # an empty database, filled
//! bench plans                                                 # the pages' SQL: plans, timings
//! bench mail [MESSAGES]                                       # one worker to loopback SMTP
//! bench live BASE PID [VIEWERS ACTIONS]                       # live events to a crowd
//! ```
//!
//! `DATABASE_URL` names the database (default `sqlite://bench/jatinan.db`). `seed` prints
//! `NAME=value` lines for the script: the issue with 200 comments, a session, a cursor deep
//! in the list.

use std::{
    collections::{BTreeMap, HashSet},
    env,
    io::Write,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use chrono::{Datelike, NaiveDate, TimeDelta, Utc, Weekday};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryOrder,
    QuerySelect, Statement, TransactionTrait,
};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
};

use app::{
    domain::{
        AppState, Clock,
        entities::{
            agenda_item, category, comment, dialogue_session, follow_up, issue, issue_history, issue_support, opd,
            region, user_account,
        },
        mail::{self, Mailer},
        open311, views,
    },
    i18n::Locale,
    model::{
        account::Role,
        admin::RegionKind,
        follow_up::{FollowUpStatus, add_working_days},
        issue::{IssueQuery, IssueStatus, PAGE_SIZE, Privacy, Sort},
        session::SessionStatus,
        settings::Thresholds,
    },
};
use jatinan_server::{cli, settings::Settings};

mod live;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let url = env::var("DATABASE_URL").unwrap_or_else(|_| "sqlite://bench/jatinan.db".into());
    let args: Vec<String> = env::args().skip(1).collect();
    let number = |n: usize, default: i64| -> anyhow::Result<i64> {
        Ok(args.get(n).map(|a| a.parse()).transpose()?.unwrap_or(default))
    };
    match args.first().map(String::as_str) {
        Some("seed") => {
            let sizes = Sizes {
                issues: number(1, 100_000)?,
                supports: number(2, 1_000_000)?,
                comments: number(3, 300_000)?,
                sessions: number(4, 500)?,
                follow_ups: number(5, 50_000)?,
            };
            let (state, _) = app_state(&url, None).await?;
            fill(&state, &sizes).await
        }
        Some("plans") => plans(&url).await,
        Some("mail") => mail(&url, number(1, 2_000)?).await,
        Some("live") => {
            let base = args.get(1).map_or("http://127.0.0.1:3199", String::as_str);
            let pid = u32::try_from(number(2, 0)?)?;
            live::run(
                &url,
                base,
                pid,
                usize::try_from(number(3, 2_000)?)?,
                usize::try_from(number(4, 20)?)?,
            )
            .await
        }
        _ => anyhow::bail!("usage: bench seed|plans|mail|live [...]"),
    }
}

struct Sizes {
    issues: i64,
    supports: i64,
    comments: i64,
    sessions: i64,
    follow_ups: i64,
}

/// A progress bar on standard error.
struct Progress {
    what: &'static str,
    total: i64,
    started: Instant,
}

impl Progress {
    fn new(what: &'static str, total: i64) -> Self {
        Self {
            what,
            total,
            started: Instant::now(),
        }
    }

    fn show(&self, done: i64) {
        let width = 30;
        let filled = (done * width / self.total.max(1)) as usize;
        eprint!(
            "\r{:<10} [{}{}] {done:>9}/{} {:>5.1} s",
            self.what,
            "#".repeat(filled),
            " ".repeat(width as usize - filled),
            self.total,
            self.started.elapsed().as_secs_f64()
        );
        std::io::stderr().flush().ok();
    }

    fn done(&self) {
        self.show(self.total);
        eprintln!();
    }
}

/// Residents who support and comment.
const PEOPLE: i64 = 10_000;
const WORDS: [&str; 20] = [
    "jalan",
    "rusak",
    "lampu",
    "mati",
    "air",
    "bersih",
    "sampah",
    "banjir",
    "jembatan",
    "sekolah",
    "puskesmas",
    "irigasi",
    "sawah",
    "pasar",
    "drainase",
    "longsor",
    "listrik",
    "sinyal",
    "bantuan",
    "pupuk",
];
/// Rows per INSERT: well under SQLite's 32,766 bound variables.
const BATCH: i64 = 1_000;

/// A follow-up's status by the age of its issue (`age` issues ago, five an hour): those of
/// the last three weeks are still open, older ones resolved or closed, as in a regency
/// that keeps up.
fn follow_up_status(age: i64) -> &'static str {
    if age < 21 * 24 * 5 {
        ["assigned", "in_progress"][spread(age, 2) as usize]
    } else {
        ["resolved", "closed", "closed", "closed"][spread(age, 4) as usize]
    }
}

/// A small deterministic spread of `i` over `0..n`.
fn spread(i: i64, n: i64) -> i64 {
    (i.wrapping_mul(2_654_435_761) >> 7).rem_euclid(n.max(1))
}

async fn fill(state: &AppState, sizes: &Sizes) -> anyhow::Result<()> {
    let db = &state.db;
    let started = Instant::now();
    let now = Utc::now();
    let categories: Vec<(i32, Option<i32>)> = category::Entity::find()
        .order_by_asc(category::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|c| (c.id, c.opd_id))
        .collect();
    let fallback_opd = opd::Entity::find().one(db).await?.map(|o| o.id).unwrap_or(1);
    let villages: Vec<(i32, i32)> = {
        let all = region::Entity::find().all(db).await?;
        all.iter()
            .filter(|r| r.kind != RegionKind::Kecamatan)
            .filter_map(|v| {
                let parent = all.iter().find(|k| Some(&k.code) == v.parent_code.as_ref())?;
                Some((parent.id, v.id))
            })
            .collect()
    };

    // People: never signed in with (no password matches "!").
    let progress = Progress::new("people", PEOPLE);
    for start in (0..PEOPLE).step_by(BATCH as usize) {
        let rows = (start..(start + BATCH).min(PEOPLE)).map(|n| user_account::ActiveModel {
            email: Set(format!("warga{n}@bench.test")),
            password_hash: Set("!".into()),
            name: Set(format!("Warga {n}")),
            role: Set(Role::Resident),
            opd_id: Set(None),
            locale: Set(Locale::Id),
            email_verified_at: Set(Some(now)),
            disabled_at: Set(None),
            created_at: Set(now - TimeDelta::days(800)),
            ..Default::default()
        });
        user_account::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
        progress.show(start);
    }
    progress.done();
    let people: Vec<i32> = user_account::Entity::find()
        .select_only()
        .column(user_account::Column::Id)
        .order_by_asc(user_account::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let person = |n: i64| people[n.rem_euclid(people.len() as i64) as usize];

    // Issues: five per hour back from now; supports and comments counted as they are made.
    let first_issue = next_id(db, "issue").await?;
    let per_issue = |total: i64, i: i64| {
        let average = total / sizes.issues.max(1);
        spread(i, 2 * average + 1)
    };
    let long_discussion = sizes.issues - 1;
    let comments_of = |i: i64| {
        if i == long_discussion {
            200
        } else {
            per_issue(sizes.comments - 200, i)
        }
    };
    let assigned_from = sizes.issues - sizes.follow_ups.min(sizes.issues);
    let progress = Progress::new("issues", sizes.issues);
    for start in (0..sizes.issues).step_by(BATCH as usize) {
        let txn = db.begin().await?;
        let end = (start + BATCH).min(sizes.issues);
        let rows = (start..end).map(|i| {
            let pick = |k: i64| WORDS[spread(i * 31 + k, WORDS.len() as i64) as usize];
            let (kecamatan, desa) = villages[spread(i, villages.len() as i64) as usize];
            let at = now - TimeDelta::minutes((sizes.issues - i) * 12);
            let body = format!(
                "Warga melaporkan {} {} di dekat {} sejak beberapa minggu. Mohon segera ditangani.",
                pick(1),
                pick(2),
                pick(3)
            );
            let status = if i >= assigned_from {
                follow_up_status(sizes.issues - i)
            } else {
                "published"
            };
            issue::ActiveModel {
                title: Set(format!("{} {} {} nomor {i}", pick(4), pick(5), pick(6))),
                body_html: Set(format!("<p>{body}</p>")),
                body_md: Set(body),
                category_id: Set(categories[spread(i, categories.len() as i64) as usize].0),
                kecamatan_id: Set(kecamatan),
                desa_id: Set(desa),
                author_id: Set(person(i)),
                status: Set(IssueStatus::parse(status).unwrap_or(IssueStatus::Published)),
                privacy: Set([
                    Privacy::Publik,
                    Privacy::Publik,
                    Privacy::Publik,
                    Privacy::Anonim,
                    Privacy::Rahasia,
                ][spread(i, 5) as usize]),
                created_at: Set(at),
                updated_at: Set(at),
                support_count: Set(per_issue(sizes.supports, i) as i32),
                comment_count: Set(comments_of(i) as i32),
                flag_count: Set(0),
                ..Default::default()
            }
        });
        issue::Entity::insert_many(rows).exec_without_returning(&txn).await?;
        let history = (start..end).map(|i| issue_history::ActiveModel {
            issue_id: Set(first_issue + i as i32),
            from_status: Set(None),
            to_status: Set(IssueStatus::Published),
            actor_id: Set(Some(person(i))),
            note: Set(None),
            created_at: Set(now - TimeDelta::minutes((sizes.issues - i) * 12)),
            ..Default::default()
        });
        issue_history::Entity::insert_many(history)
            .exec_without_returning(&txn)
            .await?;
        txn.commit().await?;
        progress.show(start);
    }
    progress.done();

    let progress = Progress::new("supports", sizes.supports);
    let mut pending: Vec<issue_support::ActiveModel> = Vec::new();
    let mut made = 0;
    for i in 0..sizes.issues {
        let count = per_issue(sizes.supports, i);
        let at = now - TimeDelta::minutes((sizes.issues - i) * 12 - 5);
        for k in 0..count {
            pending.push(issue_support::ActiveModel {
                issue_id: Set(first_issue + i as i32),
                user_id: Set(person(i * 7_919 + k)),
                created_at: Set(at),
                ..Default::default()
            });
        }
        if pending.len() as i64 >= 5 * BATCH || i == sizes.issues - 1 {
            made += pending.len() as i64;
            issue_support::Entity::insert_many(std::mem::take(&mut pending))
                .exec_without_returning(db)
                .await?;
            progress.show(made.min(sizes.supports));
        }
    }
    progress.done();

    let progress = Progress::new("comments", sizes.comments);
    let mut queue: Vec<comment::ActiveModel> = Vec::new();
    let mut made = 0;
    for i in 0..sizes.issues {
        let at = now - TimeDelta::minutes((sizes.issues - i) * 12 - 6);
        for k in 0..comments_of(i) {
            let body = format!(
                "Komentar nomor {k}: kami di RT {} juga mengalami hal yang sama.",
                k % 9 + 1
            );
            queue.push(comment::ActiveModel {
                issue_id: Set(first_issue + i as i32),
                author_id: Set(person(i * 13 + k)),
                parent_id: Set(None),
                body_html: Set(format!("<p>{body}</p>")),
                body_md: Set(body),
                created_at: Set(at + TimeDelta::seconds(k)),
                flag_count: Set(0),
                ..Default::default()
            });
        }
        if queue.len() as i64 >= 2 * BATCH || (i == sizes.issues - 1 && !queue.is_empty()) {
            made += queue.len() as i64;
            comment::Entity::insert_many(std::mem::take(&mut queue))
                .exec_without_returning(db)
                .await?;
            progress.show(made.min(sizes.comments));
        }
    }
    progress.done();

    // Sessions: one each Friday, the last ten ahead; ten issues on each agenda.
    let progress = Progress::new("sessions", sizes.sessions);
    let mut friday = now.date_naive();
    while friday.weekday() != Weekday::Fri {
        friday = friday.succ_opt().unwrap_or(friday);
    }
    let first_session = next_id(db, "dialogue_session").await?;
    let mut measured = first_session;
    for n in 0..sizes.sessions {
        let day = friday - TimeDelta::weeks(sizes.sessions - 10 - n);
        let starts_at = app::domain::queries::time::wib_instant(day, chrono::NaiveTime::MIN + TimeDelta::hours(8));
        let past = starts_at < now;
        let (kecamatan, desa) = villages[spread(n, villages.len() as i64) as usize];
        let txn = db.begin().await?;
        dialogue_session::ActiveModel {
            starts_at: Set(starts_at),
            duration_minutes: Set(180),
            venue: Set(format!("Balai desa nomor {n}")),
            kecamatan_id: Set(Some(kecamatan)),
            desa_id: Set(Some(desa)),
            host_kecamatan_id: Set(Some(kecamatan)),
            capacity: Set(150),
            livestream_url: Set(None),
            cutoff_at: Set(starts_at - TimeDelta::days(2)),
            status: Set(if past {
                SessionStatus::MinutesPublished
            } else {
                SessionStatus::AgendaOpen
            }),
            sequence: Set(0),
            change_reason: Set(None),
            confirmed_count: Set(0),
            created_at: Set(starts_at - TimeDelta::days(30)),
            updated_at: Set(starts_at),
            attendance: Set(past.then_some(120)),
            minutes_md: Set(past.then(|| "Notulen sesi.".to_owned())),
            minutes_html: Set(past.then(|| "<p>Notulen sesi.</p>".to_owned())),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let session = first_session + n as i32;
        if past {
            measured = session;
        }
        let items = (0..10).map(|k| agenda_item::ActiveModel {
            session_id: Set(session),
            issue_id: Set(first_issue + ((n * 10 + k) % sizes.issues) as i32),
            position: Set(k as i32 + 1),
            slot_minutes: Set(10),
            discussed: Set(past.then_some(true)),
            decision_md: Set(past.then(|| "Ditindaklanjuti OPD.".to_owned())),
            decision_html: Set(past.then(|| "<p>Ditindaklanjuti OPD.</p>".to_owned())),
            created_at: Set(starts_at - TimeDelta::days(7)),
            ..Default::default()
        });
        agenda_item::Entity::insert_many(items)
            .exec_without_returning(&txn)
            .await?;
        txn.commit().await?;
        progress.show(n);
    }
    progress.done();

    // Follow-ups: the newest issues, lead OPD by category, deadlines in working days.
    let progress = Progress::new("follow-ups", sizes.follow_ups);
    let no_holidays = HashSet::new();
    for start in (assigned_from..sizes.issues).step_by(BATCH as usize) {
        let rows = (start..(start + BATCH).min(sizes.issues)).map(|i| {
            let created = now - TimeDelta::minutes((sizes.issues - i) * 12);
            let assigned_on: NaiveDate = (created + TimeDelta::days(3)).date_naive();
            let due_on = add_working_days(assigned_on, 5, &no_holidays);
            let status = follow_up_status(sizes.issues - i);
            let done = matches!(status, "resolved" | "closed");
            let at = |days: i64| Some(created + TimeDelta::days(3 + days));
            follow_up::ActiveModel {
                issue_id: Set(first_issue + i as i32),
                agenda_item_id: Set(None),
                opd_id: Set(categories[spread(i, categories.len() as i64) as usize]
                    .1
                    .unwrap_or(fallback_opd)),
                lead: Set(true),
                action_md: Set("Periksa dan perbaiki.".into()),
                action_html: Set("<p>Periksa dan perbaiki.</p>".into()),
                assigned_by: Set(None),
                assigned_on: Set(assigned_on),
                sla_days: Set(5),
                due_on: Set(due_on),
                status: Set(FollowUpStatus::parse(status).unwrap_or(FollowUpStatus::Assigned)),
                accepted_at: Set((status != "assigned").then(|| at(1)).flatten()),
                first_response_at: Set((status != "assigned").then(|| at(1)).flatten()),
                resolved_at: Set(done.then(|| at(2 + spread(i, 9))).flatten()),
                closed_at: Set((status == "closed").then(|| at(15)).flatten()),
                reopened: Set(0),
                needs_programme: Set(spread(i, 10) == 0),
                created_at: Set(created + TimeDelta::days(3)),
                updated_at: Set(created + TimeDelta::days(4)),
                ..Default::default()
            }
        });
        follow_up::Entity::insert_many(rows).exec_without_returning(db).await?;
        progress.show(start - assigned_from);
    }
    progress.done();
    db.execute_unprepared("ANALYZE").await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)").await?;
    }

    // What the script needs: the long discussion, a held session, a cursor deep in the list.
    let deep = IssueQuery::default();
    let mut cursor = None;
    for _ in 0..50 {
        let page = views::issues::list(state, Locale::Id, &IssueQuery { cursor, ..deep.clone() }, PAGE_SIZE).await?;
        cursor = page.next;
    }
    eprintln!("seeded in {:.0} s", started.elapsed().as_secs_f64());
    println!("ISSUE_200={}", first_issue + long_discussion as i32);
    println!("SESSION={measured}");
    println!("DEEP_CURSOR={}", cursor.unwrap_or_default());
    let first_category = categories.first().map(|c| c.0).unwrap_or(1);
    println!("CATEGORY={first_category}");
    println!("KECAMATAN={}", villages.first().map(|v| v.0).unwrap_or(1));
    Ok(())
}

/// The id the next row of `table` gets (tables are filled from empty, or after the
/// reference data).
async fn next_id(db: &DatabaseConnection, table: &str) -> anyhow::Result<i32> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM {table}"),
        ))
        .await?;
    Ok(row.map(|r| r.try_get::<i32>("", "next")).transpose()?.unwrap_or(1))
}

/// Every statement the pages' services run, with its plan and its median time.
async fn plans(url: &str) -> anyhow::Result<()> {
    let (mut state, _) = app_state(url, None).await?;
    let db = &state.db.clone();
    let seen: Arc<Mutex<Vec<(String, Statement)>>> = Arc::default();
    let mut watched = db.clone();
    {
        let seen = seen.clone();
        watched.set_metric_callback(move |info| {
            if let Ok(mut seen) = seen.lock() {
                let label = CURRENT.lock().map(|c| c.clone()).unwrap_or_default();
                seen.push((label, info.statement.clone()));
            }
        });
    }
    state.db = watched.clone();
    let now = Utc::now();
    let newest: i32 = issue::Entity::find()
        .select_only()
        .column(issue::Column::Id)
        .order_by_desc(issue::Column::CommentCount)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or(1);
    let session: i32 = dialogue_session::Entity::find()
        .select_only()
        .column(dialogue_session::Column::Id)
        .order_by_asc(dialogue_session::Column::Id)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or(1);
    let filtered = IssueQuery {
        kecamatan: Some(1),
        sort: Sort::MostSupported,
        ..Default::default()
    };
    let search = IssueQuery {
        q: "jalan rusak".into(),
        ..Default::default()
    };
    label("list, newest");
    views::issues::list(&state, Locale::Id, &IssueQuery::default(), PAGE_SIZE).await?;
    label("list, kecamatan, most supported");
    views::issues::list(&state, Locale::Id, &filtered, PAGE_SIZE).await?;
    label("list, search");
    views::issues::list(&state, Locale::Id, &search, PAGE_SIZE).await?;
    label("issue page, 200 comments");
    views::issues::get(&state, None, Locale::Id, newest, now).await?;
    label("session page");
    views::sessions::get(&watched, None, Locale::Id, session, now).await?;
    label("scorecard");
    views::scorecard::scorecard(&watched, now, &Thresholds::DEFAULT).await?;
    label("Open311 requests");
    open311::requests(
        &watched,
        "http://bench",
        Locale::Id,
        now,
        open311::RequestQuery::default(),
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;

    let statements = seen.lock().map(|s| s.clone()).unwrap_or_default();
    let backend = db.get_database_backend();
    println!("| Page | Statements | Slowest statement p50 (ms) |");
    println!("|---|---:|---:|");
    let mut by_page: BTreeMap<String, Vec<(f64, String)>> = BTreeMap::new();
    for (page, statement) in &statements {
        let mut times = Vec::new();
        for _ in 0..15 {
            let started = Instant::now();
            db.query_all_raw(statement.clone()).await?;
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        by_page
            .entry(page.clone())
            .or_default()
            .push((times[times.len() / 2], statement.to_string()));
    }
    for (page, timed) in &by_page {
        let slowest = timed.iter().map(|t| t.0).fold(0.0, f64::max);
        println!("| {page} | {} | {slowest:.2} |", timed.len());
    }
    println!();
    println!("Query plans of the list, filter and search statements ({backend:?}):");
    println!();
    for page in ["list, newest", "list, kecamatan, most supported", "list, search"] {
        let Some(timed) = by_page.get(page) else { continue };
        let Some((ms, sql)) = timed.first() else { continue };
        let explain = match backend {
            DbBackend::Postgres => format!("EXPLAIN {sql}"),
            _ => format!("EXPLAIN QUERY PLAN {sql}"),
        };
        let rows = db.query_all_raw(Statement::from_string(backend, explain)).await?;
        println!("**{page}** (p50 {ms:.2} ms)");
        println!();
        println!("```");
        println!("{sql}");
        println!("--");
        for row in rows {
            let line = match backend {
                DbBackend::Postgres => row.try_get::<String>("", "QUERY PLAN").unwrap_or_default(),
                _ => row.try_get::<String>("", "detail").unwrap_or_default(),
            };
            println!("{line}");
        }
        println!("```");
        println!();
    }
    Ok(())
}

static CURRENT: Mutex<String> = Mutex::new(String::new());

fn label(page: &str) {
    if let Ok(mut current) = CURRENT.lock() {
        *current = page.to_owned();
    }
}

/// A loopback SMTP server that accepts everything, as fast as it can.
async fn smtp_sink() -> anyhow::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 bench ESMTP\r\n").await.ok();
                let mut data = false;
                while let Ok(Some(line)) = lines.next_line().await {
                    let reply: &[u8] = if data {
                        if line == "." {
                            data = false;
                            b"250 queued\r\n"
                        } else {
                            continue;
                        }
                    } else {
                        let upper = line.to_ascii_uppercase();
                        if upper.starts_with("EHLO") {
                            b"250-bench\r\n250 8BITMIME\r\n"
                        } else if upper.starts_with("DATA") {
                            data = true;
                            b"354 go on\r\n"
                        } else if upper.starts_with("QUIT") {
                            write.write_all(b"221 bye\r\n").await.ok();
                            break;
                        } else {
                            b"250 ok\r\n"
                        }
                    };
                    if write.write_all(reply).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    Ok(format!("smtp://{addr}"))
}

/// The application's state over `url`, as the server builds it (mail to `smtp`, if any).
async fn app_state(url: &str, smtp: Option<String>) -> anyhow::Result<(AppState, Mailer)> {
    let settings = Settings {
        database_url: url.to_owned(),
        smtp_url: smtp,
        mail_from: "Minggon Jatinan <noreply@bench.test>".into(),
        mail_reply_to: None,
        base_url: "http://127.0.0.1:3000".into(),
        data_dir: std::env::temp_dir().join(format!("jatinan-bench-{}", std::process::id())),
        site_addr: "127.0.0.1:0".parse()?,
        site_root: "target/site".into(),
        seed_demo: false,
        mail_poll_secs: 1,
        page_cache_secs: 5,
        live_viewers_max: 5000,
        mail_claim_secs: 120,
        trust_proxy: false,
        follow_up_days: 5,
        disposition_days: 3,
        rate_limit_posts: 0,
        rate_limit_comments: 0,
        rate_limit_flags: 0,
        rate_limit_supports: 0,
        rate_limit_messages: 0,
        rate_limit_ip_factor: 1,
        push_service_hosts: app::domain::push::DEFAULT_HOSTS.into(),
        whatsapp: Default::default(),
    };
    cli::build_state(&settings, Clock::default()).await
}

/// Queues `count` messages and times one worker delivering them to loopback SMTP.
async fn mail(url: &str, count: i64) -> anyhow::Result<()> {
    let smtp = smtp_sink().await?;
    let (state, mailer) = app_state(url, Some(smtp)).await?;
    let db = &state.db;
    let now = Utc::now();
    let tag = now.timestamp_millis();
    // Only this run's messages: mail the server queued and did not send (deadline reminders
    // for the seeded follow-ups) would be timed with them.
    db.execute_unprepared("DELETE FROM outbox WHERE status IN ('pending', 'sending')")
        .await?;
    let txn = db.begin().await?;
    for n in 0..count {
        let email = mail::Email {
            key: format!("bench:{tag}:{n}"),
            to: format!("warga{n}@bench.test"),
            subject: format!("Aduan #{n}: status berubah"),
            text: "Status aduan Anda berubah menjadi Sedang ditangani.\n".repeat(8),
            html: "<p>Status aduan Anda berubah menjadi <b>Sedang ditangani</b>.</p>".repeat(8),
            ics: None,
            unsubscribe: Some("http://127.0.0.1:3000/unsubscribe?t=1.x.y".into()),
        };
        mail::enqueue(&txn, now, email)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    }
    txn.commit().await?;
    let started = Instant::now();
    cli::spawn_mail_worker(&state, mailer, Duration::from_millis(50), Duration::from_secs(120))?;
    state.mail_bell.notify_one();
    let sent = loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!(
                    "SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent' AND idempotency_key LIKE 'bench:{tag}:%'"
                ),
            ))
            .await?;
        let sent = row.map(|r| r.try_get::<i64>("", "n")).transpose()?.unwrap_or(0);
        if sent >= count || started.elapsed() > Duration::from_secs(600) {
            break sent;
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    println!("MAIL_SENT={sent}");
    println!("MAIL_SECONDS={seconds:.2}");
    println!("MAIL_PER_SECOND={:.0}", sent as f64 / seconds);
    Ok(())
}
