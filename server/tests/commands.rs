//! The `jatinan` binary itself, started as an operator would: these tests start processes
//! and pick free ports, so they run in their own test binary, apart from the HTTP tests.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "http/support/smtp.rs"]
#[allow(dead_code)]
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
    let mut form = vec![
        ("date", "2030-03-01"),
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
    assert!(page.contains("Jumat, 1 Maret 2030, 08.00–11.00 WIB"), "{page}");
    let ics = client
        .get(format!("{base}{path}.ics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(ics.contains("DTSTART:20300301T010000Z"), "{ics}");
    server.kill().await.ok();
    std::fs::remove_dir_all(&dir).ok();
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
