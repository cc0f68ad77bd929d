//! What keeps accounts and browsers safe: security headers and the CSP nonce, refusal of
//! cross-site posts, sign-in throttling that reveals nothing, new session ids at sign-in,
//! signing out everywhere, and the refusal of common passwords.

use app::{domain::limits::RateLimits, model::account::Role};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};

use crate::{
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    every_page_carries_the_security_headers_and_its_scripts_the_nonce,
    a_cross_site_post_is_refused_and_a_same_site_one_works,
    the_eleventh_wrong_password_in_a_minute_is_throttled_alike_for_unknown_accounts,
    limits_hold_across_instances_ten_wrong_passwords_are_ten,
    signing_in_gets_a_new_session_id_and_signing_out_everywhere_ends_every_session,
    common_passwords_are_refused_and_the_form_keeps_the_rest,
    every_staff_action_is_in_the_audit_log_which_only_admins_read_and_nobody_changes,
    a_staff_account_with_two_step_verification_needs_its_code_once_per_step,
);

const THROTTLED: &str = "Terlalu sering";

async fn every_page_carries_the_security_headers_and_its_scripts_the_nonce(db: Db) {
    let app = TestApp::start(db).await;
    let mut nonces = Vec::new();
    let paths = [
        "/",
        "/issues",
        "/issues/new",
        "/account/login",
        "/halaman-yang-tidak-ada",
    ];
    for path in paths {
        let res = app
            .client
            .get(app.url(path))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        let header = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let policy = header("content-security-policy");
        assert!(!policy.contains("unsafe-inline"), "{path}: {policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{path}: {policy}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
        assert_eq!(header("referrer-policy"), "strict-origin-when-cross-origin", "{path}");
        assert_eq!(header("strict-transport-security"), "", "no HSTS over plain http");
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("a nonce in the policy")
            .to_owned();
        assert!(nonce.len() >= 22, "at least 128 bits: {nonce}");
        let page = res.text().await.unwrap();
        // A script from this site (`/app.js` on every page) needs no nonce; an inline one does.
        assert!(page.contains("<script src=\"/app.js\" defer>"), "{path}");
        let scripts = page.matches("<script").count() - page.matches("<script src=\"/").count();
        // Only the issue form is an island: the other pages load neither the island's
        // script nor the wasm (Leptos's two empty data scripts are still written).
        let loads_the_app = page.contains("<script type=\"module\"") && page.contains(".wasm\"");
        assert_eq!(loads_the_app, path == "/issues/new", "{path}");
        assert_eq!(
            page.matches(&format!("<script nonce=\"{nonce}\"")).count()
                + page
                    .matches(&format!("<script type=\"module\" nonce=\"{nonce}\""))
                    .count(),
            scripts,
            "{path}: every inline script carries this response's nonce"
        );
        nonces.push(nonce);
    }
    nonces.sort();
    nonces.dedup();
    assert_eq!(nonces.len(), paths.len(), "a new nonce for every response");
    app.cleanup().await;
}

/// Posts the login form with the headers a browser adds.
async fn login_with(app: &TestApp, password: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let mut req = app
        .client
        .post(app.url("/account/login"))
        .header("accept", "text/html")
        .form(&[
            ("_action", "/api/account/login"),
            ("email", "siti@warga.test"),
            ("password", password),
        ]);
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    let res = req.send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn a_cross_site_post_is_refused_and_a_same_site_one_works(db: Db) {
    let app = TestApp::start(db).await;
    app.register_and_verify("Siti", "siti@warga.test", "kata sandi siti")
        .await;
    let evil = [("sec-fetch-site", "cross-site"), ("origin", "https://jahat.example")];
    let (status, page) = login_with(&app, "kata sandi siti", &evil).await;
    assert_eq!(status, 403);
    assert!(page.contains("dikirim dari situs lain"), "{page}");
    assert!(
        !app.cookie_header().contains("jatinan_session="),
        "no session was opened"
    );
    // Without fetch metadata (an older browser) the Origin header decides.
    let (status, _) = login_with(&app, "kata sandi siti", &[("origin", "null")]).await;
    assert_eq!(status, 403);
    // A hydrated page calls server functions with fetch: the same check applies.
    let res = app
        .client
        .post(app.url("/api/account/logout"))
        .header("sec-fetch-site", "same-site")
        .header("origin", "https://sub.jahat.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);

    let ours = app.base.clone();
    let same = [("sec-fetch-site", "same-origin"), ("origin", ours.as_str())];
    let (status, _) = login_with(&app, "kata sandi siti", &same).await;
    assert_eq!(status, 303, "a form from this site goes through");
    let (_, home) = app.get("/").await;
    assert!(home.contains("Siti"));
    app.cleanup().await;
}

async fn the_eleventh_wrong_password_in_a_minute_is_throttled_alike_for_unknown_accounts(db: Db) {
    let app = TestApp::start(db).await;
    app.register_and_verify("Siti", "siti@warga.test", "kata sandi siti")
        .await;
    let mut answers = Vec::new();
    for email in ["siti@warga.test", "tidak.ada@warga.test"] {
        for attempt in 1..=11 {
            let (status, _, page) = app
                .post_form(
                    "/account/login",
                    "/api/account/login",
                    &[("email", email), ("password", "tebakan salah")],
                )
                .await;
            let expected = if attempt <= 10 { 422 } else { 429 };
            assert_eq!(status, expected, "{email}, attempt {attempt}");
            if attempt == 11 {
                assert!(page.contains(THROTTLED), "{page}");
                assert!(page.contains(&format!("value=\"{email}\"")), "the typed email is kept");
            }
            // What an attacker sees, with the email they typed taken out.
            answers.push((attempt, status, page.replace(email, "EMAIL")));
        }
    }
    let (known, unknown) = answers.split_at(11);
    for (k, u) in known.iter().zip(unknown) {
        assert_eq!((k.0, k.1), (u.0, u.1));
        assert_eq!(
            k.2.contains("Email atau kata sandi salah."),
            u.2.contains("Email atau kata sandi salah."),
            "attempt {}: the same message",
            k.0
        );
    }
    // Throttled means throttled: the right password waits too.
    let (status, _, _) = app
        .post_form(
            "/account/login",
            "/api/account/login",
            &[("email", "siti@warga.test"), ("password", "kata sandi siti")],
        )
        .await;
    assert_eq!(status, 429);
    app.cleanup().await;
}

/// Behind a load balancer every instance counts in the same place (PostgreSQL's `rate_count`):
/// ten wrong passwords spread over three instances are ten, not thirty, and two issues an
/// hour are two whichever instance takes them. SQLite serves one instance, which alone holds
/// its counters.
async fn limits_hold_across_instances_ten_wrong_passwords_are_ten(db: Db) {
    let limits = RateLimits {
        posts: 2,
        ..RateLimits::unlimited()
    };
    let first = TestApp::start_with_limits(db, limits).await;
    first
        .register_and_verify("Siti", "siti@warga.test", "kata sandi siti")
        .await;
    let mut others = Vec::new();
    if first.postgres().is_some() {
        for _ in 0..2 {
            others.push(first.another_instance_with_limits(limits).await);
        }
    }
    let instances: Vec<&TestApp> = std::iter::once(&first).chain(others.iter()).collect();
    async fn login(app: &TestApp, password: &str) -> u16 {
        let fields = [("email", "siti@warga.test"), ("password", password)];
        app.post_form("/account/login", "/api/account/login", &fields).await.0
    }
    for attempt in 0..10 {
        let app = instances[attempt % instances.len()];
        assert_eq!(login(app, "tebakan salah").await, 422, "attempt {}", attempt + 1);
    }
    for app in &instances {
        assert_eq!(login(app, "tebakan salah").await, 429, "the eleventh, on {}", app.base);
        assert_eq!(login(app, "kata sandi siti").await, 429, "the right one waits too");
    }

    // A minute later she signs in, and posts: the third issue of the hour is refused on
    // whichever instance it reaches.
    first
        .state
        .clock
        .set(first.state.clock.now() + chrono::TimeDelta::minutes(1));
    first.sign_in("siti@warga.test", "kata sandi siti").await;
    let choices = crate::issues::Choices::load(&first).await;
    let titles = [
        "Pompa air Warungasem mati",
        "Talud Gringsing longsor",
        "Lampu Subah padam",
    ];
    let mut statuses = Vec::new();
    for (n, title) in titles.iter().enumerate() {
        let app = instances[n % instances.len()];
        let mut form = choices
            .form(title, "Uraian yang cukup panjang untuk aduan ini.")
            .to_vec();
        form.push(("confirm_new", "1"));
        statuses.push(app.post_form("/issues/new", "/api/issue/create", &form).await.0);
    }
    assert_eq!(statuses, [303, 303, 429]);
    for other in others {
        other.cleanup().await;
    }
    first.cleanup().await;
}

async fn signing_in_gets_a_new_session_id_and_signing_out_everywhere_ends_every_session(db: Db) {
    let app = TestApp::start(db).await;
    app.register_and_verify("Eko", "eko@warga.test", "kata sandi eko").await;
    app.sign_in("eko@warga.test", "kata sandi eko").await;
    let first = app.cookie_header();
    app.sign_in("eko@warga.test", "kata sandi eko").await;
    let second = app.cookie_header();
    assert_ne!(first, second, "a new session id at every sign-in");
    let home = app.url("/");
    let as_cookie = |cookie: String| {
        let home = home.clone();
        async move {
            reqwest::Client::new()
                .get(home)
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    assert!(
        !as_cookie(first).await.contains("Eko"),
        "the id from before no longer works"
    );

    let phone = app.second_browser();
    phone.sign_in("eko@warga.test", "kata sandi eko").await;
    let (_, page) = app.get("/account/notifications").await;
    assert!(page.contains("Keluar dari semua perangkat"));
    let (status, location, _) = app
        .post_form("/account/notifications", "/api/account/logout-everywhere", &[])
        .await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/account/login?notice=signed_out_all"))
    );
    let (_, login) = app.get("/account/login?notice=signed_out_all").await;
    assert!(login.contains("Anda sudah keluar dari semua perangkat."));
    assert!(!phone.get("/").await.1.contains("Eko"), "the phone is signed out too");
    assert!(!as_cookie(second).await.contains("Eko"));
    // Signed out, the button has nothing to end.
    let (status, _, _) = app
        .post_form("/account/notifications", "/api/account/logout-everywhere", &[])
        .await;
    assert_eq!(status, 401);
    app.cleanup().await;
}

async fn common_passwords_are_refused_and_the_form_keeps_the_rest(db: Db) {
    let app = TestApp::start(db).await;
    for common in ["password123", "Bismillah", "batang123"] {
        let (status, _, page) = app
            .post_form(
                "/account/register",
                "/api/account/register",
                &[("name", "Rina"), ("email", "rina@warga.test"), ("password", common)],
            )
            .await;
        assert_eq!(status, 422, "{common}");
        assert!(page.contains("terlalu umum"), "{page}");
        assert!(page.contains("value=\"rina@warga.test\"") && page.contains("value=\"Rina\""));
        assert!(!page.contains(common), "a password is never sent back");
    }
    assert!(
        app.try_account("rina@warga.test").await.is_none(),
        "nothing was written"
    );
    app.cleanup().await;
}

async fn audit_rows(app: &TestApp) -> Vec<app::domain::entities::audit_log::Model> {
    app::domain::entities::audit_log::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn every_staff_action_is_in_the_audit_log_which_only_admins_read_and_nobody_changes(db: Db) {
    let app = TestApp::start(db).await;
    // A resident's own actions are theirs, not staff actions.
    app.register_and_verify("Siti", "siti@warga.test", "kata sandi siti")
        .await;
    app.sign_in("siti@warga.test", "kata sandi siti").await;
    assert!(audit_rows(&app).await.is_empty(), "residents are not audited");

    let secretariat = app.second_browser();
    secretariat
        .create_account("sekretariat@staf.test", Role::Secretariat, None)
        .await;
    secretariat.sign_in("sekretariat@staf.test", "kata sandi staf").await;
    let session = [
        ("date", "2026-12-04"),
        ("time", "08:00"),
        ("duration", "180"),
        ("venue", "Pendopo Kabupaten"),
        ("capacity", "40"),
    ];
    assert_eq!(
        secretariat
            .post_form("/sessions/new", "/api/session/create", &session)
            .await
            .0,
        303
    );
    // A refused action changed nothing, so there is nothing to record.
    let refused = [
        ("date", "kemarin"),
        ("time", "08:00"),
        ("duration", "180"),
        ("venue", "X"),
        ("capacity", "1"),
    ];
    assert_eq!(
        secretariat
            .post_form("/sessions/new", "/api/session/create", &refused)
            .await
            .0,
        422
    );
    // A server function called by the hydrated app (no HTML wanted) is recorded the same way.
    let mut later = session;
    later[0] = ("date", "2026-12-11");
    let res = secretariat
        .client
        .post(secretariat.url("/api/session/create"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded::to_string(later).unwrap())
        .send()
        .await
        .unwrap();
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "{}",
        res.status()
    );
    assert_eq!(secretariat.get("/admin/audit").await.0, 403, "only admins read the log");

    let admin = app.second_browser();
    admin.create_account("admin@staf.test", Role::Admin, None).await;
    admin.sign_in("admin@staf.test", "kata sandi staf").await;
    let id = app.account("siti@warga.test").await.id.to_string();
    let promote = [("id", id.as_str()), ("role", "operator"), ("opd", "")];
    assert_eq!(
        admin
            .post_form("/admin/accounts", "/api/admin/account/update", &promote)
            .await
            .0,
        303
    );

    let rows = audit_rows(&app).await;
    let actions: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r.actor_role.as_str(), r.action.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("secretariat", "account/login"),
            ("secretariat", "session/create"),
            ("secretariat", "session/create"),
            ("admin", "account/login"),
            ("admin", "admin/account/update"),
        ]
    );
    let update = &rows[4];
    assert_eq!(update.target, format!("id={id}"));
    assert_eq!(update.detail, "role=operator; opd=");
    assert_eq!(update.address.as_deref(), Some("127.0.0.1"));
    assert!(
        rows.iter().all(|r| !r.detail.contains("kata sandi")),
        "no password is logged"
    );

    let (status, page) = admin.get("/admin/audit").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Catatan audit")
            && page.contains("admin/account/update")
            && page.contains("sekretariat@staf.test")
    );
    assert!(page.contains("Pendopo Kabupaten"));
    let (_, only) = admin.get("/admin/audit?q=sekretariat").await;
    assert!(only.contains("session/create") && !only.contains("admin/account/update"));

    // Append-only in the database itself.
    for sql in ["UPDATE audit_log SET action = 'dihapus'", "DELETE FROM audit_log"] {
        assert!(app.state.db.execute_unprepared(sql).await.is_err(), "{sql} is refused");
    }
    let kept = app::domain::entities::audit_log::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(kept, 5);
    app.cleanup().await;
}

async fn sign_in_with(app: &TestApp, email: &str, otp: &str) -> (u16, String) {
    let (status, _, page) = app
        .post_form(
            "/account/login",
            "/api/account/login",
            &[("email", email), ("password", "kata sandi staf"), ("otp", otp)],
        )
        .await;
    (status, page)
}

async fn a_staff_account_with_two_step_verification_needs_its_code_once_per_step(db: Db) {
    use app::domain::commands::two_factor::code_at;
    let app = TestApp::start(db).await;
    app.create_account("warga@warga.test", Role::Resident, None).await;
    app.sign_in("warga@warga.test", "kata sandi staf").await;
    assert_eq!(
        app.get("/account/two-factor").await.0,
        403,
        "residents have no second factor"
    );

    let staff = app.second_browser();
    staff.create_account("kabid@staf.test", Role::Secretariat, None).await;
    staff.sign_in("kabid@staf.test", "kata sandi staf").await;
    let (_, settings) = staff.get("/account/notifications").await;
    assert!(settings.contains("Atur verifikasi dua langkah"));
    let (status, page) = staff.get("/account/two-factor").await;
    assert_eq!(status, 200);
    let secret = page
        .split("name=\"secret\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    assert_eq!(secret.len(), 32, "160 bits in base32");
    assert!(page.contains(&format!("secret={secret}")), "an otpauth link carries it");

    let wrong = [("secret", secret.as_str()), ("otp", "000000")];
    let (status, _, page) = staff
        .post_form("/account/two-factor", "/api/account/two-factor/enable", &wrong)
        .await;
    assert_eq!(status, 422);
    assert!(
        page.contains("Kode tidak cocok") && page.contains(&secret),
        "the same key is offered again"
    );
    let code = code_at(&secret, app.state.clock.now()).unwrap();
    let right = [("secret", secret.as_str()), ("otp", code.as_str())];
    let (status, location, _) = staff
        .post_form("/account/two-factor", "/api/account/two-factor/enable", &right)
        .await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/account/two-factor?saved=1"))
    );
    assert!(
        staff
            .get("/account/two-factor")
            .await
            .1
            .contains("Verifikasi dua langkah aktif")
    );

    let other = app.second_browser();
    let (status, page) = sign_in_with(&other, "kabid@staf.test", "").await;
    assert_eq!(status, 422);
    assert!(page.contains("isi juga kode 6 angka"), "{page}");
    let details = page.split("<details").nth(1).and_then(|rest| rest.split('>').next());
    assert!(
        details.is_some_and(|tag| tag.contains("open")),
        "the code field is open: {details:?}"
    );
    let (status, _) = sign_in_with(&other, "kabid@staf.test", "123456").await;
    assert_eq!(status, 422);
    let (status, _) = sign_in_with(&other, "kabid@staf.test", &code).await;
    assert_eq!(status, 422, "the code that turned it on is used up");
    app.advance(chrono::TimeDelta::seconds(30));
    let next = code_at(&secret, app.state.clock.now()).unwrap();
    let (status, page) = sign_in_with(&other, "kabid@staf.test", &next).await;
    assert_eq!(status, 303, "{page}");
    assert!(
        other.get("/").await.1.contains("<strong>Secretariat</strong>"),
        "signed in: the header names the account"
    );
    let replay = app.second_browser();
    assert_eq!(
        sign_in_with(&replay, "kabid@staf.test", &next).await.0,
        422,
        "a code is good once"
    );

    app.advance(chrono::TimeDelta::seconds(30));
    let later = code_at(&secret, app.state.clock.now()).unwrap();
    let (status, _, _) = other
        .post_form(
            "/account/two-factor",
            "/api/account/two-factor/disable",
            &[("otp", later.as_str())],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(
        sign_in_with(&replay, "kabid@staf.test", "").await.0,
        303,
        "off again: the password is enough"
    );
    app.cleanup().await;
}
