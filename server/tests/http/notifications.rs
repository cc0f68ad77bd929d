//! Notifications: each event reaches the people it concerns and nobody else, as each of
//! them chose (at once, coalesced, in a digest, or not at all); an anonymous author's name
//! never travels in mail to others; every message but account security mail carries an
//! RFC 8058 one-click unsubscribe that turns off exactly its kind; an address that keeps
//! refusing mail stops being mailed; several workers never send one message twice.

use app::{
    domain::{
        Clock,
        entities::outbox,
        jobs,
        mail::{
            self, Mailer, digest,
            notify::{delivery_of, unsubscribe_url},
            worker::{WorkerConfig, deliver_due},
        },
        queries::time::latest_morning,
    },
    model::{
        account::Role,
        mail::{Delivery, MailStream, Topic},
    },
};
use chrono::TimeDelta;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};

use crate::{
    forum::{self, resident},
    on_both_databases,
    support::{Db, TestApp, message, smtp::Received},
};

on_both_databases!(
    each_event_reaches_the_right_people_and_an_anonymous_author_stays_hidden,
    one_click_unsubscribe_turns_off_exactly_its_kind,
    the_preferences_form_refuses_what_it_does_not_offer,
    an_address_that_keeps_refusing_mail_is_suppressed_until_the_admin_allows_it,
    several_workers_never_send_one_message_twice,
    the_weekly_summary_goes_out_once_on_monday_to_those_who_want_it,
);

async fn post_issue(app: &TestApp, title: &str, privacy: &str) -> (String, String) {
    let path = forum::post_issue(app, title, privacy).await;
    let id = path.trim_start_matches("/issues/").to_owned();
    (path, id)
}

async fn comment(app: &TestApp, path: &str, id: &str, body: &str) {
    let (status, _, page) = app
        .post_form(path, "/api/comment/create", &[("issue", id), ("body", body)])
        .await;
    assert_eq!(status, 303, "{page}");
}

fn header<'a>(raw: &'a str, name: &str) -> Option<&'a str> {
    raw.lines()
        .find(|l| {
            l.to_ascii_lowercase()
                .starts_with(&format!("{}: ", name.to_ascii_lowercase()))
        })
        .map(|l| l[name.len() + 2..].trim())
}

fn raw(m: &Received) -> String {
    String::from_utf8_lossy(&m.raw).into_owned()
}

async fn each_event_reaches_the_right_people_and_an_anonymous_author_stays_hidden(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Siti Penulis", "siti@warga.test").await;
    let (path, id) = post_issue(&app, "Jembatan desa Kalisalak putus", "anonim").await;
    let siti = app.smtp.wait_for("siti@warga.test", 2).await;
    assert!(siti[1].subject().contains(&format!("#{id}")), "issue received");
    assert!(
        header(&raw(&siti[0]), "List-Unsubscribe").is_none(),
        "verification cannot be turned off"
    );
    assert!(header(&raw(&siti[1]), "List-Unsubscribe").is_some());

    let budi = app.second_browser();
    resident(&budi, "Budi Pengikut", "budi@warga.test").await;
    let (status, _, _) = budi
        .post_form(&path, "/api/issue/follow", &[("id", &id), ("follow", "true")])
        .await;
    assert_eq!(status, 303);
    let ani = app.second_browser();
    resident(&ani, "Ani Lain", "ani@warga.test").await;

    // Comments arrive as a daily digest by default, at 07:00 WIB.
    comment(&app, &path, &id, "Kabar dari pelapor: airnya makin tinggi").await;
    comment(&budi, &path, &id, "Saya lewat tadi pagi, benar putus").await;
    assert_eq!(digest::run_due(&app.state).await.unwrap(), 0, "not before the morning");
    app.advance(TimeDelta::days(1));
    assert_eq!(digest::run_due(&app.state).await.unwrap(), 2);
    assert_eq!(digest::run_due(&app.state).await.unwrap(), 0, "each digest once");
    let budi_mail = app.smtp.wait_for("budi@warga.test", 2).await;
    let text = budi_mail[1].text();
    assert!(
        budi_mail[1].subject().contains("Ringkasan harian"),
        "{}",
        budi_mail[1].subject()
    );
    assert!(text.contains("Pelapor: Kabar dari pelapor"), "{text}");
    let siti_digest = &app.smtp.wait_for("siti@warga.test", 3).await[2];
    assert!(siti_digest.text().contains("Budi Pengikut: Saya lewat tadi pagi"));

    // At once, comments within ten minutes come as one message.
    let (status, location, _) = app
        .post_form(
            "/account/notifications",
            "/api/account/notifications/save",
            &[("comments", "instant")],
        )
        .await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/account/notifications?saved=1"))
    );
    comment(&budi, &path, &id, "Komentar pertama").await;
    app.advance(TimeDelta::minutes(3));
    comment(&budi, &path, &id, "Komentar kedua").await;
    assert_eq!(
        digest::run_due(&app.state).await.unwrap(),
        0,
        "still within ten minutes"
    );
    app.advance(TimeDelta::minutes(8));
    assert_eq!(digest::run_due(&app.state).await.unwrap(), 1);
    let coalesced = &app.smtp.wait_for("siti@warga.test", 4).await[3];
    assert!(coalesced.subject().contains("dan 1 lainnya"), "{}", coalesced.subject());
    assert!(coalesced.text().contains("Komentar pertama") && coalesced.text().contains("Komentar kedua"));

    // A rejection reaches the author with the reason and the follower, not the moderator.
    app.create_account("sekretariat@staf.test", Role::Secretariat, None)
        .await;
    let staff = app.second_browser();
    staff.sign_in("sekretariat@staf.test", "kata sandi staf").await;
    let fields = [
        ("kind", "issue"),
        ("id", id.as_str()),
        ("action", "reject"),
        ("reason", "Sudah ditangani di aduan lain"),
        ("into", ""),
    ];
    let (status, _, _) = staff
        .post_form("/staff/moderation", "/api/moderation/decide", &fields)
        .await;
    assert_eq!(status, 303);
    let rejected = &app.smtp.wait_for("siti@warga.test", 5).await[4];
    assert_eq!(rejected.subject(), format!("Aduan #{id}: Ditolak"));
    assert!(rejected.text().contains("Sudah ditangani di aduan lain"));
    let budi_mail = app.smtp.wait_for("budi@warga.test", 3).await;
    assert_eq!(budi_mail[2].subject(), format!("Aduan #{id}: Ditolak"));

    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        app.smtp.messages_to("ani@warga.test").await.len(),
        1,
        "only her own verification"
    );
    assert!(app.smtp.messages_to("sekretariat@staf.test").await.is_empty());
    assert_eq!(app.smtp.messages_to("budi@warga.test").await.len(), 3);
    for m in app.smtp.messages_to("budi@warga.test").await {
        assert!(
            !raw(&m).contains("Siti"),
            "the anonymous author's name reached a follower"
        );
    }
    app.cleanup().await;
}

async fn one_click_unsubscribe_turns_off_exactly_its_kind(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Siti", "siti@warga.test").await;
    let (issue_path, _) = post_issue(&app, "Lampu jalan di Subah mati", "publik").await;
    let received = &app.smtp.wait_for("siti@warga.test", 2).await[1];
    let message = raw(received);
    assert!(message.contains("multipart/alternative"), "text and HTML");
    assert!(received.html().contains(&format!("{}{issue_path}", app.base)));
    let list = header(&message, "List-Unsubscribe").unwrap();
    assert_eq!(
        header(&message, "List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click")
    );
    let one_click = list.trim_start_matches('<').trim_end_matches('>').to_owned();
    assert!(one_click.starts_with(&format!("{}/unsubscribe?t=", app.base)));

    // Every link in the message leads somewhere real.
    for link in received.text().split_whitespace().filter(|w| w.starts_with("http")) {
        let path = link.strip_prefix(&app.base).expect("a link to this site");
        let (status, page) = app.get(path).await;
        assert_eq!(status, 200, "{link}: {page}");
    }
    let user = app.account("siti@warga.test").await;
    let delivery = |topic| {
        let db = app.state.db.clone();
        async move { delivery_of(&db, user.id, topic).await.unwrap() }
    };
    // Opening the link (as a mail scanner does) changes nothing; it asks first.
    let (_, page) = app.get(one_click.strip_prefix(&app.base).unwrap()).await;
    assert!(
        page.contains("Berhenti mengirim email tentang aduan saya ke si***@warga.test?"),
        "{page}"
    );
    assert_eq!(delivery(Topic::MyIssues).await, Delivery::Instant);

    let anonymous = reqwest::Client::new();
    let post = |url: String| {
        anonymous
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
    };
    let forged = one_click.replace("my_issues", "comments");
    assert_eq!(post(forged).await.unwrap().status(), 400);
    assert_eq!(
        delivery(Topic::Comments).await,
        Delivery::Daily,
        "a forged link changes nothing"
    );
    assert_eq!(post(one_click.clone()).await.unwrap().status(), 200);
    assert_eq!(delivery(Topic::MyIssues).await, Delivery::Off);
    assert_eq!(delivery(Topic::Comments).await, Delivery::Daily, "only its own kind");
    assert_eq!(delivery(Topic::Sessions).await, Delivery::Instant, "only its own kind");

    post_issue(&app, "Saluran air di Bandar tersumbat", "publik").await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(
        app.smtp.messages_to("siti@warga.test").await.len(),
        2,
        "no more 'received' mail"
    );

    // The page's button does the same for people who open the link in a browser.
    let url = unsubscribe_url(&app.state.config, user.id, MailStream::Topic(Topic::Comments));
    let page_path = url.strip_prefix(&app.base).unwrap().to_owned();
    let token = page_path.trim_start_matches("/unsubscribe?t=").to_owned();
    let (status, location, _) = app
        .post_form(&page_path, "/api/account/unsubscribe", &[("t", &token)])
        .await;
    assert_eq!(status, 303);
    let (_, page) = app.get(&location.unwrap()).await;
    assert!(
        page.contains("Selesai. Anda tidak akan lagi menerima email tentang komentar."),
        "{page}"
    );
    assert_eq!(delivery(Topic::Comments).await, Delivery::Off);
    app.cleanup().await;
}

async fn the_preferences_form_refuses_what_it_does_not_offer(db: Db) {
    let app = TestApp::start(db).await;
    let save = "/api/account/notifications/save";
    let (status, _, _) = app
        .post_form("/account/notifications", save, &[("comments", "off")])
        .await;
    assert_eq!(status, 401, "signed out");
    resident(&app, "Siti", "siti@warga.test").await;
    let (status, page) = app.get("/account/notifications").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Ringkasan harian") && !page.contains("tugas OPD saya"),
        "no OPD topic for a resident"
    );

    for bad in [
        ("weekly_summary", "instant"),
        ("opd", "instant"),
        ("comments", "kadang"),
    ] {
        let (status, _, page) = app
            .post_form("/account/notifications", save, &[("sessions", "daily"), bad])
            .await;
        assert_eq!(status, 422, "{bad:?}");
        assert!(page.contains("Pilihan ini tidak tersedia."), "{bad:?} {page}");
        assert!(
            page.contains(r#"id="f-sessions-daily" name="sessions" value="daily" checked"#),
            "kept what was chosen"
        );
    }
    let user = app.account("siti@warga.test").await;
    assert_eq!(
        delivery_of(&app.state.db, user.id, Topic::Sessions).await.unwrap(),
        Delivery::Instant,
        "nothing saved from a refused form"
    );
    let (status, _, _) = app
        .post_form(
            "/account/notifications",
            save,
            &[("sessions", "daily"), ("weekly_summary", "off")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(
        delivery_of(&app.state.db, user.id, Topic::Sessions).await.unwrap(),
        Delivery::Daily
    );
    assert_eq!(
        delivery_of(&app.state.db, user.id, Topic::WeeklySummary).await.unwrap(),
        Delivery::Off
    );
    app.cleanup().await;
}

async fn an_address_that_keeps_refusing_mail_is_suppressed_until_the_admin_allows_it(db: Db) {
    let app = TestApp::start(db).await;
    let now = app.state.clock.now();
    for n in 0..4 {
        mail::enqueue(&app.state.db, now, message(&format!("tolak-{n}"), "tolak@warga.test"))
            .await
            .unwrap();
    }
    app.state.mail_bell.notify_one();
    let rows = || {
        outbox::Entity::find()
            .filter(outbox::Column::Recipient.eq("tolak@warga.test"))
            .all(&app.state.db)
    };
    for _ in 0..100 {
        if rows().await.unwrap().iter().all(|r| r.status == outbox::FAILED) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let mut rows = rows().await.unwrap();
    rows.sort_by_key(|r| r.id);
    let errors: Vec<String> = rows.iter().map(|r| r.last_error.clone().unwrap_or_default()).collect();
    assert!(errors[..3].iter().all(|e| e.contains("550")), "{errors:?}");
    assert!(errors[3].contains("refused mail permanently 3 times"), "{errors:?}");
    assert!(
        rows.iter().all(|r| r.attempts == 1),
        "a permanent refusal is not retried"
    );

    app.create_account("admin@staf.test", Role::Admin, None).await;
    app.sign_in("admin@staf.test", "kata sandi staf").await;
    let (_, page) = app.get("/admin/outbox").await;
    assert!(
        page.contains("tolak@warga.test") && page.contains("no such mailbox"),
        "{page}"
    );
    let (status, _, _) = app
        .post_form(
            "/admin/outbox",
            "/api/admin/outbox/allow",
            &[("email", "tolak@warga.test")],
        )
        .await;
    assert_eq!(status, 303);
    let (_, page) = app.get("/admin/outbox").await;
    assert!(
        !page.contains(r#"name="email" value="tolak@warga.test""#),
        "allowed again"
    );
    app.cleanup().await;
}

async fn several_workers_never_send_one_message_twice(db: Db) {
    let app = TestApp::start(db).await;
    let other = app.another_instance().await;
    // Due a day ahead: only the four workers below, with their own clock, see them.
    let at = app.state.clock.now() + TimeDelta::days(1);
    let txn = app.state.db.begin().await.unwrap();
    for n in 0..120 {
        mail::enqueue(&txn, at, message(&format!("banyak-{n}"), "banyak@warga.test"))
            .await
            .unwrap();
    }
    txn.commit().await.unwrap();
    let from: lettre::message::Mailbox = "Minggon Jatinan <noreply@jatinan.test>".parse().unwrap();
    let clock = Clock::fixed(at);
    let mut workers = Vec::new();
    for (n, db) in [&app.state.db, &other.state.db, &app.state.db, &other.state.db]
        .into_iter()
        .enumerate()
    {
        let (db, from, clock) = (db.clone(), from.clone(), clock.clone());
        let mailer = Mailer::smtp(&app.smtp.url()).unwrap();
        let config = WorkerConfig {
            batch: 7,
            id: format!("uji-{n}"),
            ..WorkerConfig::default()
        };
        workers.push(tokio::spawn(async move {
            let mut sent = 0;
            for _ in 0..60 {
                sent += deliver_due(&db, &mailer, &from, &clock, &config).await.unwrap();
            }
            sent
        }));
    }
    let mut sent = 0;
    for worker in workers {
        sent += worker.await.unwrap();
    }
    assert_eq!(sent, 120);
    let received = app.smtp.messages_to("banyak@warga.test").await;
    let mut subjects: Vec<String> = received.iter().map(Received::subject).collect();
    subjects.sort();
    subjects.dedup();
    assert_eq!(
        (received.len(), subjects.len()),
        (120, 120),
        "each message exactly once"
    );
    app.cleanup().await;
}

async fn the_weekly_summary_goes_out_once_on_monday_to_those_who_want_it(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Siti", "siti@warga.test").await;
    post_issue(&app, "Pasar Limpung banjir setiap hujan", "publik").await;
    let budi = app.second_browser();
    resident(&budi, "Budi", "budi@warga.test").await;
    let (status, _, _) = budi
        .post_form(
            "/account/notifications",
            "/api/account/notifications/save",
            &[("weekly_summary", "off")],
        )
        .await;
    assert_eq!(status, 303);

    assert_eq!(
        jobs::summaries::weekly_summaries(&app.state).await.unwrap(),
        0,
        "last week had nothing"
    );
    // The next Monday, 07:01 WIB.
    let monday = latest_morning(app.state.clock.now() + TimeDelta::days(7), true);
    app.state.clock.set(monday + TimeDelta::minutes(1));
    assert_eq!(
        jobs::summaries::weekly_summaries(&app.state).await.unwrap(),
        1,
        "Siti only"
    );
    assert_eq!(
        jobs::summaries::weekly_summaries(&app.state).await.unwrap(),
        0,
        "once a week"
    );
    let summary = &app.smtp.wait_for("siti@warga.test", 3).await[2];
    assert_eq!(summary.subject(), "Sepekan di Minggon Jatinan");
    let text = summary.text();
    assert!(
        text.contains("Sepekan terakhir: 1 aduan baru dan 0 aduan selesai"),
        "{text}"
    );
    assert!(text.contains("Pasar Limpung banjir setiap hujan"), "{text}");
    assert!(header(&raw(summary), "List-Unsubscribe").is_some());
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        app.smtp.messages_to("budi@warga.test").await.len(),
        1,
        "only his verification"
    );
    app.cleanup().await;
}
