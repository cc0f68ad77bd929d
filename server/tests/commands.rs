//! The `jatinan` binary itself, started as an operator would: these tests start processes
//! and pick free ports, so they run in their own test binary, apart from the HTTP tests.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly on the first surprise"
)]

#[path = "http/support/smtp.rs"]
#[allow(dead_code, reason = "each test binary uses part of the shared support")]
mod smtp;

use smtp::SmtpSink;

/// The real binary, started with `TZ=America/New_York`, still schedules and shows in WIB.
#[tokio::test]
async fn a_server_running_in_new_york_still_speaks_wib() {
    let dir = std::env::temp_dir().join(format!("jatinan_tz_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let env = [
        ("TZ", "America/New_York".to_owned()),
        ("DATABASE_URL", format!("sqlite://{}/tz.db", dir.display())),
        ("DATA_DIR", dir.display().to_string()),
        ("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}")),
        ("BASE_URL", base.clone()),
        ("RUST_LOG", "warn".to_owned()),
    ];
    let bin = env!("CARGO_BIN_EXE_jatinan");
    let mut create = std::process::Command::new(bin)
        .args(["user", "create", "--email", "tz@staf.test", "--role", "secretariat"])
        .envs(env.clone())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        create.stdin.take().unwrap().write_all(b"kata sandi staf\n").unwrap();
    }
    assert!(create.wait().unwrap().success());
    let mut server = tokio::process::Command::new(bin)
        .arg("serve")
        .envs(env)
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for _ in 0..100 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let post = |path: &str, fields: Vec<(&str, &str)>| {
        client
            .post(format!("{base}{path}"))
            .header("accept", "text/html")
            .form(&fields)
            .send()
    };
    let login = vec![
        ("_action", "/api/account/login"),
        ("email", "tz@staf.test"),
        ("password", "kata sandi staf"),
    ];
    assert_eq!(post("/account/login", login).await.unwrap().status(), 303);
    // A Friday two months or more after today (the binary runs on the machine's clock, and
    // a session cannot be planned in the past), away from the fixed-date holidays.
    let (day, shown) = friday_ahead(chrono::Utc::now());
    let mut form = vec![
        ("date", day.as_str()),
        ("time", "08:00"),
        ("duration", "180"),
        ("venue", "Pendopo Kecamatan Subah"),
        ("capacity", "50"),
    ];
    form.push(("_action", "/api/session/create"));
    let created = post("/sessions/new", form).await.unwrap();
    assert_eq!(created.status(), 303);
    let path = created.headers()["location"].to_str().unwrap().to_owned();
    let page = client
        .get(format!("{base}{path}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("Jumat, {shown}, 08.00–11.00 WIB")), "{page}");
    let ics = client
        .get(format!("{base}{path}.ics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // 08:00 WIB is 01:00 UTC.
    let start = format!("DTSTART:{}T010000Z", day.replace('-', ""));
    assert!(ics.contains(&start), "{ics}");
    server.kill().await.ok();
    std::fs::remove_dir_all(&dir).ok();
}

/// The first Friday at least 60 days after `now` that is not a fixed-date holiday, as the
/// form takes it (`2027-02-05`) and as the page shows it in Indonesian (`5 Februari 2027`).
fn friday_ahead(now: chrono::DateTime<chrono::Utc>) -> (String, String) {
    use chrono::{Datelike, Weekday};
    let mut day = now.date_naive() + chrono::Duration::days(60);
    while day.weekday() != Weekday::Fri || app::model::follow_up::fixed_holiday(day).is_some() {
        day += chrono::Duration::days(1);
    }
    let months = app::i18n::Locale::Id.texts().months;
    let shown = format!("{} {} {}", day.day(), months[day.month0() as usize], day.year());
    (day.format("%Y-%m-%d").to_string(), shown)
}

/// `jatinan mail test --to` sends through SMTP_URL and says so; a dead server is reported.
#[tokio::test]
async fn the_mail_test_command_reports_what_the_server_said() {
    let sink = SmtpSink::start().await;
    let bin = env!("CARGO_BIN_EXE_jatinan");
    let dir = std::env::temp_dir().join(format!("jatinan_mailtest_{}", std::process::id()));
    let run = |smtp: String| {
        let dir = dir.clone();
        async move {
            tokio::process::Command::new(bin)
                .args(["mail", "test", "--to", "uji@warga.test"])
                .env("SMTP_URL", smtp)
                .env("DATA_DIR", dir)
                .env("RUST_LOG", "warn")
                .output()
                .await
                .unwrap()
        }
    };
    let ok = run(sink.url()).await;
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("sent to uji@warga.test via SMTP"));
    let received = sink.wait_for("uji@warga.test", 1).await;
    assert!(received[0].subject().contains("pesan uji"));

    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let down = run(format!("smtp://127.0.0.1:{closed}")).await;
    assert!(!down.status.success());
    assert!(
        String::from_utf8_lossy(&down.stderr).contains("not sent"),
        "{}",
        String::from_utf8_lossy(&down.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Puts `count` messages into the outbox of the database at `url` (migrated first), as the
/// site would have queued them.
async fn queue_mail(url: &str, count: usize, to: &str) {
    use sea_orm::TransactionTrait;
    let db = jatinan_server::db::connect(url).await.unwrap();
    jatinan_server::db::migrate(&db).await.unwrap();
    let now = chrono::Utc::now();
    let txn = db.begin().await.unwrap();
    for n in 0..count {
        let email = app::domain::mail::Email {
            key: format!("uji:{n}"),
            to: to.into(),
            subject: format!("Pesan uji {n}"),
            text: "Halo".into(),
            html: "<p>Halo</p>".into(),
            ics: None,
            unsubscribe: None,
        };
        app::domain::mail::enqueue(&txn, now, email).await.unwrap();
    }
    txn.commit().await.unwrap();
    db.close().await.ok();
}

/// `jatinan serve` on a free port with these settings; answers once `/healthz` does.
async fn serve(env: &[(&str, String)]) -> tokio::process::Child {
    serve_at(env).await.0
}

/// Like `serve`, and also says where: `http://127.0.0.1:port`.
async fn serve_at(env: &[(&str, String)]) -> (tokio::process::Child, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_jatinan"))
        .arg("serve")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("BASE_URL", format!("http://127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    for _ in 0..200 {
        if reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    (child, format!("http://127.0.0.1:{port}"))
}

/// Subjects and Message-IDs of what arrived: (messages, distinct subjects, distinct IDs).
fn tally(received: &[smtp::Received]) -> (usize, usize, usize) {
    let mut subjects: Vec<String> = received.iter().map(smtp::Received::subject).collect();
    let mut ids: Vec<String> = received
        .iter()
        .map(|m| m.parsed().message_id().unwrap_or_default().to_owned())
        .collect();
    subjects.sort();
    subjects.dedup();
    ids.sort();
    ids.dedup();
    (received.len(), subjects.len(), ids.len())
}

/// SIGKILL in the middle of a batch, then a restart: every message arrives. The one the
/// SMTP server may have accepted just before the kill, before it was marked sent, can be
/// sent again, with the same Message-ID, so it is one message to the reader.
#[tokio::test]
async fn a_server_killed_mid_batch_loses_no_mail_and_sends_none_twice() {
    let dir = std::env::temp_dir().join(format!("jatinan_kill_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/kill.db", dir.display());
    queue_mail(&url, 60, "banyak@warga.test").await;
    let sink = SmtpSink::start_slow(std::time::Duration::from_millis(40)).await;
    let env = [
        ("DATABASE_URL", url),
        ("DATA_DIR", dir.display().to_string()),
        ("SMTP_URL", sink.url()),
        ("MAIL_POLL_SECS", "1".to_owned()),
        ("MAIL_CLAIM_SECS", "2".to_owned()),
    ];
    let mut first = serve(&env).await;
    let before = sink.wait_for_total(15, std::time::Duration::from_secs(60)).await;
    assert!(
        before.len() >= 15 && before.len() < 60,
        "killed mid-way: {}",
        before.len()
    );
    first.kill().await.unwrap();

    let mut second = serve(&env).await;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(60);
    while tally(&sink.all().await).1 < 60 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    // Long enough for any claim left behind to run out and be taken again.
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    let (messages, subjects, ids) = tally(&sink.all().await);
    eprintln!(
        "killed after {} arrived; in all {messages} arrived, {ids} distinct",
        before.len()
    );
    assert_eq!(subjects, 60, "no message lost");
    assert_eq!(ids, 60, "no message sent twice as two messages");
    let in_flight = app::domain::mail::worker::SEND_AT_ONCE;
    assert!(
        messages <= 60 + in_flight,
        "at most those in flight repeated: {messages}"
    );
    second.kill().await.ok();
    std::fs::remove_dir_all(&dir).ok();
}

/// Two servers on one PostgreSQL database deliver one outbox: each message exactly once.
#[tokio::test]
async fn two_servers_on_one_postgres_send_each_message_once() {
    use sea_orm::ConnectionTrait;
    // As `Db::postgres` in the HTTP tests: the local server unless TEST_DATABASE_URL says
    // otherwise, and a skip is a failure.
    let admin_url =
        std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    assert!(
        admin_url.starts_with("postgres"),
        "skipped: TEST_DATABASE_URL names no PostgreSQL server"
    );
    let name = format!("jatinan_two_{}", std::process::id());
    let admin = sea_orm::Database::connect(&admin_url).await.unwrap();
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .unwrap();
    let url = format!("{}/{name}", admin_url.rsplit_once('/').unwrap().0);
    queue_mail(&url, 200, "banyak@warga.test").await;
    let sink = SmtpSink::start_slow(std::time::Duration::from_millis(15)).await;
    let dir = std::env::temp_dir().join(&name);
    std::fs::create_dir_all(&dir).unwrap();
    let env = [
        ("DATABASE_URL", url),
        ("DATA_DIR", dir.display().to_string()),
        ("SMTP_URL", sink.url()),
        ("MAIL_POLL_SECS", "1".to_owned()),
    ];
    let mut one = serve(&env).await;
    let mut two = serve(&env).await;
    sink.wait_for_total(200, std::time::Duration::from_secs(90)).await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(tally(&sink.all().await), (200, 200, 200), "each message exactly once");
    one.kill().await.ok();
    two.kill().await.ok();
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await
        .ok();
    std::fs::remove_dir_all(&dir).ok();
}

/// A scalar from the SQLite database at `url`.
async fn count(url: &str, sql: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    let db = sea_orm::Database::connect(url).await.unwrap();
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    let n = row.try_get_by_index::<i64>(0).unwrap();
    db.close().await.ok();
    n
}

/// SIGTERM while a form is still arriving and while a batch of mail is going out: the
/// request completes and is stored, the batch in hand is sent and recorded as sent, the
/// process exits cleanly, and after a restart every message has arrived exactly once.
#[tokio::test]
async fn sigterm_finishes_the_request_in_flight_and_the_mail_batch_in_hand() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let dir = std::env::temp_dir().join(format!("jatinan_term_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/term.db", dir.display());
    queue_mail(&url, 60, "banyak@warga.test").await;
    let sink = SmtpSink::start_slow(std::time::Duration::from_millis(40)).await;
    let env = [
        ("DATABASE_URL", url.clone()),
        ("DATA_DIR", dir.display().to_string()),
        ("SMTP_URL", sink.url()),
        ("MAIL_POLL_SECS", "1".to_owned()),
    ];
    let (mut server, base) = serve_at(&env).await;
    sink.wait_for_total(5, std::time::Duration::from_secs(60)).await;

    // A registration whose body arrives in two parts, with the signal in between.
    let body = "_action=%2Fapi%2Faccount%2Fregister&name=Tari&email=tari%40warga.test&password=kata+sandi+tari";
    let (first, second) = body.split_at(40);
    let mut stream = tokio::net::TcpStream::connect(base.trim_start_matches("http://"))
        .await
        .unwrap();
    let head = format!(
        "POST /account/register HTTP/1.1\r\nHost: {}\r\nAccept: text/html\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{first}",
        base.trim_start_matches("http://"),
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let pid = server.id().unwrap().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    stream.write_all(second.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.starts_with("HTTP/1.1 303"),
        "the request in flight completes: {answer}"
    );

    let exit = tokio::time::timeout(std::time::Duration::from_secs(60), server.wait())
        .await
        .expect("the server exits after SIGTERM")
        .unwrap();
    assert!(exit.success(), "a clean exit: {exit:?}");
    let arrived = sink.messages_to("banyak@warga.test").await.len() as i64;
    assert!(arrived < 60, "stopped before the outbox was empty: {arrived}");
    let sent = count(
        &url,
        "SELECT COUNT(*) FROM outbox WHERE recipient = 'banyak@warga.test' AND status = 'sent'",
    )
    .await;
    assert_eq!(sent, arrived, "every message that left is recorded as sent");
    assert_eq!(
        count(&url, "SELECT COUNT(*) FROM outbox WHERE status = 'sending'").await,
        0,
        "no batch left half-done"
    );
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM user_account WHERE email = 'tari@warga.test'"
        )
        .await,
        1,
        "the registration was stored"
    );

    let mut again = serve(&env).await;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(60);
    while sink.messages_to("banyak@warga.test").await.len() < 60 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let all = sink.messages_to("banyak@warga.test").await;
    let (messages, subjects, ids) = tally(&all);
    assert_eq!((messages, subjects, ids), (60, 60, 60), "none lost, none sent twice");
    again.kill().await.ok();
    std::fs::remove_dir_all(&dir).ok();
}

/// `jatinan backup` while a writer commits batches of ten rows, then `jatinan restore` into
/// another place: the copy passes SQLite's integrity check, holds only whole batches, and
/// brings the photos; a second restore keeps what it replaces.
#[tokio::test]
async fn a_backup_taken_during_writes_restores_to_a_consistent_database() {
    use sea_orm::TransactionTrait;
    let dir = std::env::temp_dir().join(format!("jatinan_backup_{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(dir.join("photos")).unwrap();
    std::fs::write(dir.join("photos/bukti.jpg"), b"foto jalan rusak").unwrap();
    let url = format!("sqlite://{}/live.db", dir.display());
    let env = [("DATABASE_URL", url.clone()), ("DATA_DIR", dir.display().to_string())];
    let mut server = serve(&env).await;

    let writing = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let writer = {
        let (url, writing) = (url.clone(), writing.clone());
        tokio::spawn(async move {
            let db = jatinan_server::db::connect(&url).await.unwrap();
            let mut batches = 0;
            while writing.load(std::sync::atomic::Ordering::Relaxed) {
                let txn = db.begin().await.unwrap();
                for n in 0..10 {
                    let email = app::domain::mail::Email {
                        key: format!("batch:{batches}:{n}"),
                        to: "arsip@warga.test".into(),
                        subject: format!("Batch {batches}"),
                        text: "Halo".into(),
                        html: "<p>Halo</p>".into(),
                        ics: None,
                        unsubscribe: None,
                    };
                    app::domain::mail::enqueue(&txn, chrono::Utc::now(), email)
                        .await
                        .unwrap();
                }
                txn.commit().await.unwrap();
                batches += 1;
            }
            db.close().await.ok();
            batches
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let backup = dir.join("cadangan");
    let bin = env!("CARGO_BIN_EXE_jatinan");
    let run = |args: Vec<String>, env: Vec<(&'static str, String)>| {
        std::process::Command::new(bin)
            .args(args)
            .envs(env)
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    };
    let made = run(vec!["backup".into(), backup.display().to_string()], env.to_vec());
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    writing.store(false, std::sync::atomic::Ordering::Relaxed);
    let batches = writer.await.unwrap();
    server.kill().await.ok();
    assert!(batches > 2, "the writer was busy: {batches} batches");

    // Backing up into the same folder again is refused rather than mixed.
    let twice = run(vec!["backup".into(), backup.display().to_string()], env.to_vec());
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("not empty"));

    let elsewhere = dir.join("pulih");
    let restored_url = format!("sqlite://{}/pulih.db", elsewhere.display());
    let restore_env = vec![
        ("DATABASE_URL", restored_url.clone()),
        ("DATA_DIR", elsewhere.display().to_string()),
    ];
    let restored = run(
        vec!["restore".into(), backup.display().to_string()],
        restore_env.clone(),
    );
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    assert_eq!(
        count(
            &restored_url,
            "SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"
        )
        .await,
        1
    );
    let rows = count(
        &restored_url,
        "SELECT COUNT(*) FROM outbox WHERE recipient = 'arsip@warga.test'",
    )
    .await;
    let whole = count(
        &restored_url,
        "SELECT COUNT(*) FROM (SELECT subject FROM outbox WHERE recipient = 'arsip@warga.test' \
         GROUP BY subject HAVING COUNT(*) = 10)",
    )
    .await;
    assert!(
        rows > 0 && rows % 10 == 0 && whole * 10 == rows,
        "only whole batches: {rows} rows"
    );
    assert!(rows < batches * 10, "a snapshot from the middle of the writing");
    assert_eq!(
        std::fs::read(elsewhere.join("photos/bukti.jpg")).unwrap(),
        b"foto jalan rusak"
    );

    // A second restore moves the current database aside instead of deleting it.
    let again = run(
        vec!["restore".into(), backup.display().to_string()],
        restore_env.clone(),
    );
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    let kept = std::fs::read_dir(&elsewhere)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("pulih.db.before-restore-"))
        .count();
    assert!(kept >= 1, "the replaced database is kept");

    // The restored database serves.
    let (mut restored_server, base) = serve_at(&[restore_env[0].clone(), restore_env[1].clone()]).await;
    let ready = reqwest::get(format!("{base}/readyz")).await.unwrap().status();
    assert_eq!(ready.as_u16(), 200);
    restored_server.kill().await.ok();
    let refused = run(
        vec!["backup".into(), dir.join("pg").display().to_string()],
        vec![("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jatinan".into())],
    );
    assert!(String::from_utf8_lossy(&refused.stderr).contains("pg_dump"));
    std::fs::remove_dir_all(&dir).ok();
}
