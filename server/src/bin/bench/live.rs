//! `bench live BASE PID VIEWERS ACTIONS`: the live hour under a crowd. Connects VIEWERS
//! Server-Sent Events viewers to one session of the server at BASE (process PID), takes
//! ACTIONS console steps through the server as the secretariat would (a form post each),
//! and prints `NAME=value` lines: how long each step took to reach each viewer and the last
//! one, and the server's memory before and after the viewers came.
//!
//! Viewers are plain HTTP/1.1 connections read line by line (the `id:` of each event), so
//! the client costs little beside the server it measures.

use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{TimeDelta, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, QuerySelect};
use tokio::{
    io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader},
    net::TcpStream,
    sync::mpsc,
};

use app::{
    domain::{
        entities::{agenda_item, auth_session, dialogue_session, issue, user_account},
        secrets::{new_token, token_hash},
    },
    i18n::Locale,
    model::{account::Role, session::SessionStatus},
};

/// The longest a step may take to reach every viewer before the run is called failed.
const PATIENCE: Duration = Duration::from_secs(20);

pub async fn run(url: &str, base: &str, pid: u32, viewers: usize, actions: usize) -> anyhow::Result<()> {
    let (state, _) = super::app_state(url, None).await?;
    let db = &state.db;
    let now = Utc::now();
    let secretariat = user_account::ActiveModel {
        email: Set(format!("sekretariat-live-{}@bench.test", now.timestamp_millis())),
        password_hash: Set("-".into()),
        name: Set("Sekretariat Bench".into()),
        role: Set(Role::Secretariat),
        opd_id: Set(None),
        locale: Set(Locale::Id),
        email_verified_at: Set(Some(now)),
        disabled_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let token = new_token().map_err(|e| anyhow::anyhow!("{e:?}"))?;
    auth_session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(secretariat.id),
        created_at: Set(now),
        expires_at: Set(now + TimeDelta::days(1)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let cookie = format!("jatinan_session={token}");
    let issues: Vec<i32> = issue::Entity::find()
        .select_only()
        .column(issue::Column::Id)
        .limit(10)
        .into_tuple()
        .all(db)
        .await?;
    anyhow::ensure!(issues.len() >= 2, "seed the database first");
    let session = dialogue_session::ActiveModel {
        starts_at: Set(now),
        duration_minutes: Set(180),
        venue: Set("Pendopo Kabupaten Batang".into()),
        capacity: Set(500),
        cutoff_at: Set(now - TimeDelta::days(2)),
        status: Set(SessionStatus::AgendaLocked),
        sequence: Set(0),
        confirmed_count: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut items = Vec::new();
    for (n, issue_id) in issues.iter().enumerate() {
        let item = agenda_item::ActiveModel {
            session_id: Set(session.id),
            issue_id: Set(*issue_id),
            position: Set(n as i32 + 1),
            slot_minutes: Set(10),
            from_floor: Set(false),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        items.push(item.id);
    }
    let sid = session.id.to_string();
    let address = base.trim_start_matches("http://").to_owned();
    post(
        &address,
        &sid,
        &cookie,
        &[("session", &sid), ("step", "start"), ("_action", "/api/live/step")],
    )
    .await?;

    let rss_before = rss_kib(pid)?;
    let (arrivals, mut heard) = mpsc::unbounded_channel::<(usize, i64, Instant)>();
    let connecting = Instant::now();
    for viewer in 0..viewers {
        let address = address.clone();
        let sid = sid.clone();
        let arrivals = arrivals.clone();
        tokio::spawn(async move {
            if let Err(error) = watch(&address, &sid, viewer, arrivals).await {
                eprintln!("viewer {viewer}: {error}");
            }
        });
    }
    drop(arrivals);
    // Every viewer has the state (seq 1) before the first step.
    let mut seen = vec![0_i64; viewers];
    let mut ready = 0;
    while ready < viewers {
        let (viewer, seq, _) = tokio::time::timeout(PATIENCE, heard.recv())
            .await
            .context("viewers connecting")?
            .context("every viewer failed")?;
        if seen[viewer] == 0 && seq >= 1 {
            ready += 1;
        }
        seen[viewer] = seen[viewer].max(seq);
    }
    let connect_secs = connecting.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_after = rss_kib(pid)?;

    let mut each = Vec::with_capacity(viewers * actions);
    let mut last = Vec::with_capacity(actions);
    for k in 0..actions {
        let expected = 2 + k as i64;
        let item = items[(k + 1) % items.len()].to_string();
        let started = Instant::now();
        post(
            &address,
            &sid,
            &cookie,
            &[("session", &sid), ("item", &item), ("_action", "/api/live/take-up")],
        )
        .await?;
        let mut reached = seen.iter().filter(|s| **s >= expected).count();
        let mut slowest = Duration::ZERO;
        while reached < viewers {
            let (viewer, seq, at) = tokio::time::timeout(PATIENCE, heard.recv())
                .await
                .context("a step reaching every viewer")?
                .context("the viewers are gone")?;
            if seen[viewer] < expected && seq >= expected {
                reached += 1;
                let took = at.duration_since(started);
                each.push(took);
                slowest = slowest.max(took);
            }
            seen[viewer] = seen[viewer].max(seq);
        }
        last.push(slowest);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    each.sort();
    last.sort();
    let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
    let at = |v: &[Duration], q: f64| v[((v.len() as f64 * q).ceil() as usize).clamp(1, v.len()) - 1];
    println!("LIVE_VIEWERS={viewers}");
    println!("LIVE_ACTIONS={actions}");
    println!("LIVE_CONNECT_SECS={connect_secs:.1}");
    println!("LIVE_EACH_P50_MS={}", ms(at(&each, 0.50)));
    println!("LIVE_EACH_P99_MS={}", ms(at(&each, 0.99)));
    println!("LIVE_LAST_P50_MS={}", ms(at(&last, 0.50)));
    println!("LIVE_LAST_P99_MS={}", ms(at(&last, 0.99)));
    println!("LIVE_RSS_BEFORE_MIB={:.0}", rss_before as f64 / 1024.0);
    println!("LIVE_RSS_AFTER_MIB={:.0}", rss_after as f64 / 1024.0);
    println!(
        "LIVE_KIB_PER_VIEWER={:.1}",
        rss_after.saturating_sub(rss_before) as f64 / viewers as f64
    );
    Ok(())
}

/// One viewer: the event stream, read line by line; each `id:` is told with when it came.
async fn watch(
    address: &str,
    sid: &str,
    viewer: usize,
    arrivals: mpsc::UnboundedSender<(usize, i64, Instant)>,
) -> anyhow::Result<()> {
    let mut stream = TcpStream::connect(address).await?;
    stream
        .write_all(
            format!("GET /sessions/{sid}/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n")
                .as_bytes(),
        )
        .await?;
    let mut lines = BufReader::new(stream).lines();
    while let Some(line) = lines.next_line().await? {
        if let Some(seq) = line.strip_prefix("id: ").and_then(|id| id.trim().parse::<i64>().ok())
            && arrivals.send((viewer, seq, Instant::now())).is_err()
        {
            return Ok(());
        }
    }
    anyhow::bail!("the stream ended")
}

/// A form post to the console, as the secretariat's browser sends it; a 303 is expected.
async fn post(address: &str, sid: &str, cookie: &str, fields: &[(&str, &str)]) -> anyhow::Result<()> {
    let body = serde_urlencoded::to_string(fields)?;
    let mut stream = TcpStream::connect(address).await?;
    stream
        .write_all(
            format!(
                "POST /sessions/{sid}/live HTTP/1.1\r\nHost: {address}\r\nAccept: text/html\r\nCookie: {cookie}\r\n\
                 Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
        .await?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await?;
    anyhow::ensure!(
        answer.starts_with("HTTP/1.1 303"),
        "the console answered {}",
        answer.lines().next().unwrap_or_default()
    );
    Ok(())
}

/// The resident memory of process `pid`, in KiB.
fn rss_kib(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .context("VmRSS")
}
