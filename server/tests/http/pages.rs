//! Pages and plain endpoints: health checks, the staff room per role, not-found answers,
//! the language switch and the list's pages.

use app::{
    domain::commands::issue::{NewIssueInput, create},
    model::account::Role,
};

use crate::{
    issues::Choices,
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    health_and_readiness_answer,
    only_staff_enter_the_staff_room,
    unknown_pages_and_issues_answer_not_found,
    the_language_switch_persists,
    the_list_is_paginated_newest_first,
    a_signed_out_readers_page_is_kept_until_anything_changes,
    the_account_menu_reads_as_separate_words,
);

/// The signed-in menu reads "… Pemberitahuan Keluar", not "PemberitahuanKeluar", as a
/// screen reader or a copy takes its text.
async fn the_account_menu_reads_as_separate_words(db: Db) {
    let app = TestApp::start(db).await;
    app.create_account("sekretariat@staf.test", Role::Secretariat, None)
        .await;
    app.sign_in("sekretariat@staf.test", "kata sandi staf").await;
    let (status, page) = app.get("/staff").await;
    assert_eq!(status, 200);
    let html = scraper::Html::parse_document(&page);
    let menu = scraper::Selector::parse("li.account").unwrap();
    let text: String = html.select(&menu).next().expect("the account menu").text().collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    assert!(words.ends_with(&["Pemberitahuan", "Keluar"]), "{text}");
    app.cleanup().await;
}

/// PostgreSQL refuses this test's database for a while, as when it is down or restarting:
/// readiness and every page say so (503, a message that nothing was lost), and when it
/// accepts connections again the same process serves again, without a restart.
#[tokio::test]
async fn a_lost_database_is_reported_kindly_and_found_again_without_a_restart() {
    use sea_orm::ConnectionTrait;
    let Some(db) = Db::postgres() else {
        panic!("skipped: TEST_DATABASE_URL names no PostgreSQL server");
    };
    let app = TestApp::start(db).await;
    let (admin_url, name) = app.postgres().expect("a PostgreSQL test");
    let admin = sea_orm::Database::connect(&admin_url).await.unwrap();
    assert_eq!(app.get("/issues").await.0, 200);
    admin
        .execute_unprepared(&format!("ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false"))
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
        ))
        .await
        .unwrap();
    assert_eq!(app.get("/readyz").await.0, 503);
    // The list read just before may be answered from the page cache for a few seconds.
    app.advance(chrono::TimeDelta::seconds(6));
    let (status, page) = app.get("/issues").await;
    assert_eq!(status, 503);
    assert!(page.contains("basis data tidak dapat dihubungi"), "{page}");
    assert!(page.contains("<html"), "a whole page, with the site around the message");

    admin
        .execute_unprepared(&format!("ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS true"))
        .await
        .unwrap();
    let mut ready = 0;
    for _ in 0..50 {
        ready = app.get("/readyz").await.0;
        if ready == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(ready, 200, "ready again without a restart");
    assert_eq!(app.get("/issues").await.0, 200);
    admin.close().await.ok();
    app.cleanup().await;
}

async fn health_and_readiness_answer(db: Db) {
    let app = TestApp::start(db).await;
    assert_eq!(app.get("/healthz").await, (200, "ok".into()));
    assert_eq!(app.get("/readyz").await, (200, "ready".into()));
    // Closing marks the pool closed at once; waiting for its connections may take long.
    tokio::time::timeout(std::time::Duration::from_secs(5), app.state.db.clone().close())
        .await
        .ok();
    assert_eq!(app.get("/readyz").await.0, 503, "not ready once the database is gone");
    app.cleanup().await;
}

async fn only_staff_enter_the_staff_room(db: Db) {
    let app = TestApp::start(db).await;
    assert_eq!(app.get("/staff").await.0, 401, "signed out");
    app.register_and_verify("Warga", "warga@warga.test", "kata sandi warga")
        .await;
    app.sign_in("warga@warga.test", "kata sandi warga").await;
    let (status, page) = app.get("/staff").await;
    assert_eq!(status, 403);
    assert!(page.contains("Anda tidak berhak melakukan ini."));
    assert!(!page.contains("Antrean email"));
    let res = app.client.post(app.url("/api/staff/overview")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 403, "the server function refuses too");
    app.post_form("/", "/api/account/logout", &[]).await;

    for (email, role, opd) in [
        ("operator@staf.test", Role::Operator, None),
        ("sekretariat@staf.test", Role::Secretariat, None),
        ("dpupr@staf.test", Role::OpdOfficer, Some("DPUPR")),
        ("admin@staf.test", Role::Admin, None),
    ] {
        app.create_account(email, role, opd).await;
        app.sign_in(email, "kata sandi staf").await;
        let (status, page) = app.get("/staff").await;
        assert_eq!(status, 200, "{role:?}");
        assert!(page.contains("Antrean email"), "{role:?}");
        app.post_form("/", "/api/account/logout", &[]).await;
    }
    app.cleanup().await;
}

async fn unknown_pages_and_issues_answer_not_found(db: Db) {
    let app = TestApp::start(db).await;
    let (status, page) = app.get("/tidak-ada").await;
    assert_eq!(status, 404);
    assert!(page.contains("Halaman tidak ditemukan"));
    assert_eq!(app.get("/issues/424242").await.0, 404);
    assert_eq!(app.get("/issues/bukan-angka").await.0, 404);
    app.cleanup().await;
}

async fn the_language_switch_persists(db: Db) {
    let app = TestApp::start(db).await;
    let (_, page) = app.get("/issues").await;
    assert!(page.contains("<html lang=\"id\"") && page.contains("Aduan warga"));
    let (status, location, _) = app
        .post_form("/issues", "/api/account/language", &[("lang", "en")])
        .await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/issues")),
        "back to the same page"
    );
    let (_, page) = app.get("/issues").await;
    assert!(
        page.contains("<html lang=\"en\"") && page.contains("Residents&#x27; issues")
            || page.contains("Residents' issues")
    );
    let (_, page) = app.get("/").await;
    assert!(page.contains("Post an issue"), "the choice persists across pages");
    let (status, _, _) = app.post_form("/", "/api/account/language", &[("lang", "xx")]).await;
    assert_eq!(status, 422);
    let (status, location) = app
        .post_to_api("/issues", "/api/account/language", &[("lang", "id")])
        .await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/issues")),
        "a post straight to the function returns to the Referer"
    );
    let (_, page) = app.get("/").await;
    assert!(page.contains("<html lang=\"id\""));
    let res = app
        .client
        .post(app.url("/issues"))
        .header("accept", "text/html")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("_action=https%3A%2F%2Fevil.example%2F")
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status().as_u16(),
        405,
        "only this site's server functions can be named"
    );
    app.cleanup().await;
}

async fn the_list_is_paginated_newest_first(db: Db) {
    let app = TestApp::start(db).await;
    app.create_account("penulis@warga.test", Role::Resident, None).await;
    let author = app.account("penulis@warga.test").await;
    let Choices {
        category: cat,
        kecamatan: kec,
        desa,
    } = Choices::load(&app).await;
    for n in 1..=25 {
        let title = format!("Aduan nomor {n:02} tentang jalan");
        let input = NewIssueInput {
            title: &title,
            body: "Uraian aduan yang cukup panjang.",
            category: &cat,
            kecamatan: &kec,
            desa: &desa,
            privacy: None,
            confirm_new: true,
            ..Default::default()
        };
        create(&app.state, &author, input, None).await.unwrap();
    }
    let (_, first) = app.get("/issues").await;
    assert!(first.contains("Aduan nomor 25") && first.contains("Aduan nomor 06"));
    assert!(!first.contains("Aduan nomor 05"));
    assert!(
        first.find("Aduan nomor 25").unwrap() < first.find("Aduan nomor 24").unwrap(),
        "newest first"
    );
    let next = first
        .split("href=\"/issues?cursor=")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let (_, second) = app.get(&format!("/issues?cursor={next}")).await;
    assert!(second.contains("Aduan nomor 05") && second.contains("Aduan nomor 01"));
    assert!(!second.contains("Aduan nomor 06"));
    assert!(!second.contains("?cursor="), "the last page has no next link");
    app.cleanup().await;
}

/// The page cache and `page_cache_total` of this instance's `/metrics`: (hits, misses).
async fn page_cache_counts(app: &TestApp) -> (u64, u64) {
    let (_, metrics) = app.get("/metrics").await;
    let count = |outcome: &str| {
        let line = format!("jatinan_page_cache_total{{outcome=\"{outcome}\"}} ");
        metrics
            .lines()
            .find_map(|l| l.strip_prefix(line.as_str()))
            .and_then(|n| n.parse().ok())
            .expect("the page cache's counts in /metrics")
    };
    (count("hit"), count("miss"))
}

/// A signed-out reader's page is answered again without rendering, with this response's
/// CSP nonce, until anything is written (through a form or straight to the database) or
/// a few seconds pass; signed-in readers and other languages always get their own page.
async fn a_signed_out_readers_page_is_kept_until_anything_changes(db: Db) {
    let app = TestApp::start(db).await;
    let reader = app.second_browser();
    let nonce_of = |res: &reqwest::Response| {
        let policy = res.headers()["content-security-policy"].to_str().unwrap().to_owned();
        policy
            .split("'nonce-")
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap()
            .to_owned()
    };
    let read = |path: &'static str| {
        let reader = &reader;
        async move {
            let res = reader.client.get(reader.url(path)).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            let nonce = nonce_of(&res);
            (nonce, res.text().await.unwrap())
        }
    };
    let (first_nonce, first) = read("/issues").await;
    let before = page_cache_counts(&app).await;
    let (second_nonce, second) = read("/issues").await;
    let after = page_cache_counts(&app).await;
    assert_eq!(
        after,
        (before.0 + 1, before.1),
        "the second read is answered from the cache"
    );
    assert_ne!(first_nonce, second_nonce);
    assert_eq!(second.replace(&second_nonce, "N"), first.replace(&first_nonce, "N"));
    // Every page loads `/app.js`, which needs no nonce; a page with inline scripts does.
    if second.contains("nonce=\"") {
        assert!(
            second.contains(&format!("nonce=\"{second_nonce}\"")),
            "the cached page carries this response's nonce"
        );
        assert!(!second.contains(&first_nonce));
    }

    // Posted through the form by a resident: the next signed-out read shows it.
    app.register_and_verify("Siti Aminah", "siti@warga.test", "kata sandi siti")
        .await;
    app.sign_in("siti@warga.test", "kata sandi siti").await;
    let choices = Choices::load(&app).await;
    let form = choices.form(
        "Lampu jalan Desa Kalimanggis padam",
        "Sudah dua minggu gelap di malam hari.",
    );
    let (status, _, _) = app.post_form("/issues/new", "/api/issue/create", &form).await;
    assert_eq!(status, 303);
    let (_, list) = read("/issues").await;
    assert!(
        list.contains("Lampu jalan Desa Kalimanggis padam"),
        "a change shows at once"
    );
    // The signed-in resident gets a page of her own, not the signed-out one.
    let (_, hers) = app.get("/issues").await;
    assert!(hers.contains("Siti Aminah"));
    let (_, list) = read("/issues").await;
    assert!(!list.contains("Siti Aminah"));

    // Written by the services straight to the database, as the periodic jobs do.
    let author = app.account("siti@warga.test").await;
    let input = NewIssueInput {
        title: "Saluran air tersumbat sampah",
        body: "Air meluap ke jalan setiap hujan.",
        category: &choices.category,
        kecamatan: &choices.kecamatan,
        desa: &choices.desa,
        privacy: None,
        confirm_new: true,
        ..Default::default()
    };
    create(&app.state, &author, input, None).await.unwrap();
    let (_, list) = read("/issues").await;
    assert!(list.contains("Saluran air tersumbat sampah"));

    // Another language is another page.
    let (status, _, _) = reader
        .post_form("/issues", "/api/account/language", &[("lang", "en")])
        .await;
    assert_eq!(status, 303);
    let (_, english) = read("/issues").await;
    assert!(english.contains("<html lang=\"en\""));

    // Kept a few seconds at most (once the mail of the new issue has gone, so that no
    // write of the worker's lands while the page renders and keeps it from being kept).
    app.mail_settled().await;
    let (_, _) = read("/issues").await;
    let before = page_cache_counts(&app).await;
    app.advance(chrono::TimeDelta::seconds(6));
    let (_, _) = read("/issues").await;
    assert_eq!(
        page_cache_counts(&app).await,
        (before.0, before.1 + 1),
        "rendered again"
    );
    app.cleanup().await;
}
