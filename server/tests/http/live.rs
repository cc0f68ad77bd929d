//! The Friday hour, live (issue 22): the secretariat's console by every role, the public
//! live page, projector, overlay and radio text, the events every viewer hears (on this
//! instance, and on PostgreSQL on another one), and the minutes drafted at the end.

use std::time::Duration;

use app::{
    domain::{
        entities::{
            agenda_item, auth_session, dialogue_session, live_poll, live_poll_answer, live_speaker, outbox,
            session_live, user_account,
        },
        secrets::token_hash,
    },
    i18n::Locale,
    model::{account::Role, live::LiveState},
};
use chrono::TimeDelta;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::{
    agenda::session,
    desks::post_in,
    follow_up::{issue_status, staff},
    forum::resident,
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    the_secretariat_runs_the_hour_from_the_console_and_every_viewer_follows,
    only_the_secretariat_works_the_console,
    a_viewer_hears_each_change_and_a_reconnect_gets_the_state_at_once,
    a_poll_counts_one_answer_per_account_and_stands_once_closed,
    a_full_instance_asks_one_more_viewer_to_come_back,
);

const BRIDGE: &str = "Jembatan gantung Kalisalak putus diterjang banjir";
const WELL: &str = "Sumur bor dusun Krajan kering sejak Agustus";
const SECRET: &str = "Pungutan liar pada pengurusan bantuan rumah";

/// A Friday session with three items (a public one, a confidential one, another public
/// one), locked, the resident registered, and the clock at 08:00 WIB on its day. Returns the
/// secretariat, the session's page and id.
async fn locked_friday(app: &TestApp) -> (TestApp, String, String) {
    resident(app, "Darmini Sukesih", "darmini@warga.test").await;
    let ids = [
        post_in(app, "jalan-jembatan", BRIDGE, "publik").await,
        post_in(app, "bantuan-sosial", SECRET, "rahasia").await,
        post_in(app, "air-bersih", WELL, "publik").await,
    ];
    let secretariat = staff(app, "sekretariat@staf.test", Role::Secretariat, None).await;
    let path = session(&secretariat, "2026-12-04").await;
    let sid = path.trim_start_matches("/sessions/").to_owned();
    for id in &ids {
        let add = [("session", sid.as_str()), ("issue", id.as_str())];
        assert_eq!(secretariat.post_form(&path, "/api/agenda/add", &add).await.0, 303);
    }
    let lock = [("session", sid.as_str()), ("to", "lock")];
    assert_eq!(secretariat.post_form(&path, "/api/agenda/advance", &lock).await.0, 303);
    // Darmini comes too.
    let attend = [("id", sid.as_str()), ("attend", "true")];
    assert_eq!(app.post_form(&path, "/api/session/register", &attend).await.0, 303);
    // Friday 4 December 2026, 08:00 WIB.
    app.advance(TimeDelta::days(4) - TimeDelta::hours(1));
    (secretariat, path, sid)
}

async fn step(by: &TestApp, sid: &str, step: &str) -> u16 {
    let live = format!("/sessions/{sid}/live");
    by.post_form(&live, "/api/live/step", &[("session", sid), ("step", step)])
        .await
        .0
}

async fn live_row(app: &TestApp, sid: &str) -> Option<session_live::Model> {
    session_live::Entity::find_by_id(sid.parse::<i32>().unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
}

async fn items(app: &TestApp, sid: &str) -> Vec<agenda_item::Model> {
    agenda_item::Entity::find()
        .filter(agenda_item::Column::SessionId.eq(sid.parse::<i32>().unwrap()))
        .order_by_asc(agenda_item::Column::Position)
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn the_secretariat_runs_the_hour_from_the_console_and_every_viewer_follows(db: Db) {
    let app = TestApp::start(db).await;
    let (secretariat, path, sid) = locked_friday(&app).await;
    let live = format!("/sessions/{sid}/live");
    let public = app.second_browser();
    let (status, page) = public.get(&live).await;
    assert_eq!(status, 200);
    assert!(page.contains("Belum dimulai"), "{page}");
    assert!(
        page.contains("http-equiv=\"refresh\""),
        "with JavaScript off it reloads itself"
    );
    assert!(page.contains("memuat ulang sendiri setiap 20 detik"));
    assert!(!page.contains("Konsol"), "the public sees no console");
    let (_, session_page) = public.get(&path).await;
    assert!(
        session_page.contains(&format!("href=\"{live}\"")),
        "the session page links to it"
    );

    assert_eq!(step(&secretariat, &sid, "start").await, 303);
    let items = items(&app, &sid).await;
    let row = live_row(&app, &sid).await.unwrap();
    assert_eq!(row.state, LiveState::Live);
    assert_eq!(row.current_item_id, Some(items[0].id), "the first item is taken up");
    assert_eq!(step(&secretariat, &sid, "start").await, 422, "started once");
    let held = dialogue_session::Entity::find_by_id(sid.parse::<i32>().unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(held.status.as_str(), "held");

    // Seven minutes on the bridge: every viewer reads the item, its place and its clock.
    app.advance(TimeDelta::minutes(7));
    let (_, page) = public.get(&live).await;
    assert!(page.contains("Sedang berlangsung") && page.contains(BRIDGE), "{page}");
    assert!(page.contains("Topik 1 dari 3") && page.contains("7:00"), "{page}");
    assert!(page.contains("Berikutnya") && page.contains("Aduan rahasia · Bantuan sosial"));
    assert!(!page.contains(SECRET), "the next item is confidential");
    let (status, text) = public.get(&format!("/sessions/{sid}/live.txt")).await;
    assert_eq!(status, 200);
    assert!(
        text.contains(BRIDGE) && text.contains("Waktu 7:00 dari 10 menit"),
        "{text}"
    );
    let (_, overlay) = public.get(&format!("/sessions/{sid}/overlay")).await;
    assert!(
        overlay.contains("overlay-body") && overlay.contains(BRIDGE),
        "{overlay}"
    );
    let (_, projector) = public.get(&format!("{live}?view=projector")).await;
    assert!(projector.contains("projector-body") && projector.contains(BRIDGE));

    // The console: notes, a speaker, the outcome on the spot (an OPD assigned live).
    let (_, console) = secretariat.get(&live).await;
    assert!(console.contains("Konsol sesi langsung") && console.contains("Yang dilihat publik"));
    let notes = [
        ("item", &*items[0].id.to_string()),
        ("notes", "Warga Kalisalak hadir 40 orang"),
    ];
    let (status, location, _) = secretariat.post_form(&live, "/api/live/notes", &notes).await;
    assert_eq!((status, location.as_deref()), (303, Some(&*format!("{live}#notes"))));
    let speaker = [("session", sid.as_str()), ("name", "Pak Darto")];
    assert_eq!(
        secretariat.post_form(&live, "/api/live/speaker/add", &speaker).await.0,
        303
    );
    let blank = [("session", sid.as_str()), ("name", "  ")];
    let (status, _, page) = secretariat.post_form(&live, "/api/live/speaker/add", &blank).await;
    assert_eq!(status, 422, "a speaker needs a name");
    assert!(
        page.contains("Konsol sesi langsung"),
        "the console comes back with the message"
    );
    let call = [("session", sid.as_str())];
    assert_eq!(
        secretariat.post_form(&live, "/api/live/speaker/call", &call).await.0,
        303
    );
    let (_, console) = secretariat.get(&live).await;
    assert!(
        console.contains("Pak Darto") && console.contains("Sedang bicara"),
        "{console}"
    );
    assert!(
        !public.get(&live).await.1.contains("Pak Darto"),
        "speakers are named on the console only"
    );
    let dpupr = app.opd_id("DPUPR").await;
    let outcome = [
        ("item", &*items[0].id.to_string()),
        ("discussed", "yes"),
        ("decision", "DPUPR memperbaiki jembatan gantung"),
        ("opds", dpupr.as_str()),
        ("due", "2026-12-31"),
        ("live", "1"),
    ];
    let (status, location, _) = secretariat.post_form(&live, "/api/agenda/outcome", &outcome).await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some(live.as_str())),
        "back to the console"
    );
    let bridge_issue = items[0].issue_id.to_string();
    assert_eq!(issue_status(&app, &bridge_issue).await, "assigned");
    let (_, page) = public.get(&live).await;
    assert!(
        page.contains("Hasil sejauh ini") && page.contains("DPUPR memperbaiki jembatan"),
        "{page}"
    );

    // Next: the confidential item, on every screen as the public may read it.
    assert_eq!(step(&secretariat, &sid, "next").await, 303);
    app.advance(TimeDelta::minutes(12));
    for viewer in [&public, &secretariat] {
        let (_, page) = viewer.get(&live).await;
        assert!(
            page.contains("Aduan rahasia · Bantuan sosial") && page.contains("12:00"),
            "{page}"
        );
        assert!(page.contains("Melebihi waktu"), "ten minutes were planned");
    }
    assert!(!public.get(&live).await.1.contains(SECRET));
    assert!(
        !public
            .get(&format!("/sessions/{sid}/live.txt"))
            .await
            .1
            .contains(SECRET)
    );

    // Paused, the clock stands; resumed, it runs on.
    assert_eq!(step(&secretariat, &sid, "pause").await, 303);
    assert_eq!(step(&secretariat, &sid, "pause").await, 422);
    app.advance(TimeDelta::minutes(5));
    let (_, page) = public.get(&live).await;
    assert!(page.contains("Jeda") && page.contains("12:00"), "{page}");
    assert_eq!(step(&secretariat, &sid, "resume").await, 303);
    app.advance(TimeDelta::minutes(1));
    assert!(public.get(&live).await.1.contains("13:00"));

    // Any item can be taken up; an item from the floor joins from the console.
    let take = [("session", sid.as_str()), ("item", &*items[2].id.to_string())];
    assert_eq!(secretariat.post_form(&live, "/api/live/take-up", &take).await.0, 303);
    assert!(public.get(&live).await.1.contains(WELL));
    let category = app.category_id("air-bersih").await;
    let desa = app.region_id("33.25.07.2005").await;
    let floor = [
        ("session", sid.as_str()),
        ("title", "Lampu jalan desa Kalisalak mati sebulan"),
        ("body", "Disampaikan langsung di forum oleh warga."),
        ("category", category.as_str()),
        ("desa", desa.as_str()),
        ("live", "1"),
    ];
    let (status, location, _) = secretariat.post_form(&live, "/api/agenda/floor", &floor).await;
    assert_eq!((status, location.as_deref()), (303, Some(live.as_str())));

    // The end: nothing moves after it, and the minutes wait on the session page.
    assert_eq!(step(&secretariat, &sid, "end").await, 303);
    for after in ["next", "pause", "resume", "end", "start"] {
        assert_eq!(step(&secretariat, &sid, after).await, 422, "{after} after the end");
    }
    let (_, page) = public.get(&live).await;
    assert!(
        page.contains("Selesai") && page.contains("Notulen akan diterbitkan"),
        "{page}"
    );
    let (_, console) = secretariat.get(&live).await;
    assert!(console.contains("Draf notulen sudah disiapkan"));
    let (_, session_page) = secretariat.get(&path).await;
    let draft = &session_page[session_page.find("id=\"m-minutes\"").expect("the minutes form")..];
    for expected in [
        BRIDGE,
        "Dibahas: DPUPR memperbaiki jembatan gantung",
        "Ditindaklanjuti oleh: DPUPR",
        "Catatan: Warga Kalisalak hadir 40 orang",
        "Aduan rahasia · Bantuan sosial",
        "Dari forum",
        "Lampu jalan desa Kalisalak",
        "Pak Darto",
        "waktu 7:00",
    ] {
        assert!(draft.contains(expected), "{expected} in {draft}");
    }
    assert!(!draft.contains(SECRET));
    assert!(
        !public.get(&path).await.1.contains("Warga Kalisalak hadir"),
        "a draft is not published"
    );
    // Published, the minutes reach whoever registered, once.
    let text = &draft[draft.find('>').unwrap() + 1..draft.find("</textarea>").unwrap()];
    let text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    let publish = [
        ("session", sid.as_str()),
        ("attendance", "64"),
        ("minutes", text.as_str()),
    ];
    assert_eq!(
        secretariat.post_form(&path, "/api/agenda/minutes", &publish).await.0,
        303
    );
    let (_, published) = public.get(&path).await;
    assert!(published.contains("Warga Kalisalak hadir 40 orang"), "{published}");
    let registrant = app.account("darmini@warga.test").await;
    let sent = outbox::Entity::find()
        .filter(outbox::Column::IdempotencyKey.contains(format!("minutes:{sid}:registrant:{}", registrant.id)))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(sent, 1, "the registrant is sent the minutes");
    app.cleanup().await;
}

async fn only_the_secretariat_works_the_console(db: Db) {
    let app = TestApp::start(db).await;
    let (secretariat, _, sid) = locked_friday(&app).await;
    let live = format!("/sessions/{sid}/live");
    let item = items(&app, &sid).await[0].id.to_string();
    let officer = staff(&app, "petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR")).await;
    let operator = staff(&app, "operator@desa.test", Role::Operator, None).await;
    let admin = staff(&app, "admin@staf.test", Role::Admin, None).await;
    assert_eq!(step(&secretariat, &sid, "start").await, 303);
    let speaker = [("session", sid.as_str()), ("name", "Bu Warsini")];
    assert_eq!(
        secretariat.post_form(&live, "/api/live/speaker/add", &speaker).await.0,
        303
    );
    let queued = live_speaker::Entity::find().one(&app.state.db).await.unwrap().unwrap();
    let question = [("session", sid.as_str()), ("question", "Setuju?"), ("choices", "")];
    assert_eq!(
        secretariat.post_form(&live, "/api/live/poll/open", &question).await.0,
        303
    );
    let poll = live_poll::Entity::find().one(&app.state.db).await.unwrap().unwrap();
    let actions: Vec<(&str, Vec<(&str, String)>)> = vec![
        (
            "/api/live/step",
            vec![("session", sid.clone()), ("step", "next".into())],
        ),
        (
            "/api/live/take-up",
            vec![("session", sid.clone()), ("item", item.clone())],
        ),
        (
            "/api/live/notes",
            vec![("item", item.clone()), ("notes", "catatan".into())],
        ),
        (
            "/api/live/speaker/add",
            vec![("session", sid.clone()), ("name", "Pak Rasman".into())],
        ),
        ("/api/live/speaker/call", vec![("session", sid.clone())]),
        ("/api/live/speaker/spoken", vec![("speaker", queued.id.to_string())]),
        ("/api/live/poll/close", vec![("poll", poll.id.to_string())]),
        (
            "/api/live/poll/open",
            vec![
                ("session", sid.clone()),
                ("question", "Lanjut ke topik berikut?".into()),
            ],
        ),
    ];
    let signed_out = app.second_browser();
    for (action, fields) in &actions {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            signed_out.post_form(&live, action, &fields).await.0,
            401,
            "{action} signed out"
        );
        for (who, browser) in [("resident", &app), ("officer", &officer), ("operator", &operator)] {
            assert_eq!(
                browser.post_form(&live, action, &fields).await.0,
                403,
                "{action} by the {who}"
            );
        }
    }
    let before = live_row(&app, &sid).await.unwrap();
    assert_eq!(before.seq, 3, "nothing the refused wrote moved the session");
    // A console is for the secretariat and the admin; others read the live page.
    for browser in [&signed_out, &app, &officer, &operator] {
        let (status, page) = browser.get(&live).await;
        assert_eq!(status, 200);
        assert!(!page.contains("Konsol sesi langsung"));
    }
    for (action, fields) in &actions {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, _, page) = admin.post_form(&live, action, &fields).await;
        assert_eq!(status, 303, "{action} by the admin: {page}");
    }
    assert!(admin.get(&live).await.1.contains("Konsol sesi langsung"));
    assert_eq!(step(&admin, &sid, "bogus").await, 422);
    assert_eq!(step(&admin, "999999", "start").await, 404);
    app.cleanup().await;
}

/// A live viewer's stream of events, read as a browser's `EventSource` does.
struct Events {
    res: reqwest::Response,
    buffer: String,
}

impl Events {
    async fn open(base: &str, sid: &str, last_id: Option<&str>) -> Self {
        let mut req = reqwest::Client::new()
            .get(format!("{base}/sessions/{sid}/events?view=panel"))
            .header("accept", "text/event-stream");
        if let Some(id) = last_id {
            req = req.header("last-event-id", id);
        }
        let res = req.send().await.expect("the event stream");
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "text/event-stream");
        Self {
            res,
            buffer: String::new(),
        }
    }

    /// The next `state` event: its id and its panel.
    async fn next(&mut self, within: Duration) -> (i64, String) {
        tokio::time::timeout(within, async {
            loop {
                if let Some(end) = self.buffer.find("\n\n") {
                    let block: String = self.buffer.drain(..end + 2).collect();
                    if block.lines().any(|l| l == "event: state") {
                        let id = block
                            .lines()
                            .find_map(|l| l.strip_prefix("id: "))
                            .and_then(|id| id.parse().ok())
                            .expect("an id");
                        let data: Vec<&str> = block.lines().filter_map(|l| l.strip_prefix("data: ")).collect();
                        return (id, data.join("\n"));
                    }
                    continue;
                }
                let chunk = self.res.chunk().await.expect("the stream").expect("open");
                self.buffer.push_str(&String::from_utf8_lossy(&chunk));
            }
        })
        .await
        .expect("an event in time")
    }
}

async fn a_viewer_hears_each_change_and_a_reconnect_gets_the_state_at_once(db: Db) {
    let app = TestApp::start(db).await;
    let (secretariat, _, sid) = locked_friday(&app).await;
    let mut viewer = Events::open(&app.base, &sid, None).await;
    let (seq, panel) = viewer.next(Duration::from_secs(5)).await;
    assert_eq!(seq, 0);
    assert!(
        panel.contains("Belum dimulai") && panel.starts_with("<section id=\"live-panel\""),
        "{panel}"
    );
    assert_eq!(step(&secretariat, &sid, "start").await, 303);
    let (seq, panel) = viewer.next(Duration::from_secs(5)).await;
    assert_eq!(seq, 1);
    assert!(
        panel.contains("Sedang berlangsung") && panel.contains(BRIDGE),
        "{panel}"
    );
    assert_eq!(step(&secretariat, &sid, "next").await, 303);
    let (seq, panel) = viewer.next(Duration::from_secs(5)).await;
    assert_eq!(seq, 2);
    assert!(panel.contains("Aduan rahasia") && !panel.contains(SECRET), "{panel}");
    // Back after a dropped connection: the current state at once, whatever it missed.
    drop(viewer);
    assert_eq!(step(&secretariat, &sid, "pause").await, 303);
    let mut back = Events::open(&app.base, &sid, Some("2")).await;
    let (seq, panel) = back.next(Duration::from_secs(5)).await;
    assert_eq!(seq, 3);
    assert!(panel.contains("Jeda"), "{panel}");
    let (status, _) = app.get("/sessions/999999/events").await;
    assert_eq!(status, 404);
    app.cleanup().await;
}

/// Two instances on one PostgreSQL: a viewer of the second hears a change made on the first
/// within a second (the change is announced with NOTIFY when it commits).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_on_another_instance_hears_a_change_within_a_second() {
    let Some(db) = Db::postgres() else {
        panic!("skipped: TEST_DATABASE_URL names no PostgreSQL server");
    };
    let app = TestApp::start(db).await;
    let (secretariat, _, sid) = locked_friday(&app).await;
    let second = secretariat.another_instance().await;
    second.state.clock.set(app.state.clock.now());
    let mut viewer = Events::open(&second.base, &sid, None).await;
    assert_eq!(viewer.next(Duration::from_secs(5)).await.0, 0);
    assert_eq!(step(&secretariat, &sid, "start").await, 303);
    let (seq, panel) = viewer.next(Duration::from_secs(1)).await;
    assert_eq!(seq, 1);
    assert!(panel.contains(BRIDGE), "{panel}");
    // And back: the console on the second instance, a viewer on the first.
    let mut first = Events::open(&app.base, &sid, None).await;
    assert_eq!(first.next(Duration::from_secs(5)).await.0, 1);
    assert_eq!(step(&second, &sid, "next").await, 303);
    let (seq, _) = first.next(Duration::from_secs(1)).await;
    assert_eq!(seq, 2);
    app.cleanup().await;
}

/// `n` verified residents, each signed in on their own: the `Cookie` header of each.
async fn residents(app: &TestApp, n: usize) -> Vec<String> {
    let now = app.state.clock.now();
    let mut cookies = Vec::with_capacity(n);
    for k in 0..n {
        let account = user_account::ActiveModel {
            email: Set(format!("warga{k}@jajak.test")),
            password_hash: Set("-".into()),
            name: Set(format!("Warga {k}")),
            role: Set(Role::Resident),
            opd_id: Set(None),
            locale: Set(Locale::Id),
            email_verified_at: Set(Some(now)),
            disabled_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&app.state.db)
        .await
        .unwrap();
        let token = format!("token-jajak-{k}-{}", account.id);
        auth_session::ActiveModel {
            token_hash: Set(token_hash(&token)),
            user_id: Set(account.id),
            created_at: Set(now),
            expires_at: Set(now + TimeDelta::days(30)),
            ..Default::default()
        }
        .insert(&app.state.db)
        .await
        .unwrap();
        cookies.push(format!("jatinan_session={token}"));
    }
    cookies
}

/// A resident's answer, posted from the live page with JavaScript off; the status.
async fn answer(app: &TestApp, cookie: &str, sid: &str, poll: i32, choice: &str) -> u16 {
    let fields = [
        ("poll", poll.to_string()),
        ("choice", choice.to_owned()),
        ("_action", "/api/live/poll/answer".to_owned()),
    ];
    // As a browser posts it, without following the answer's 303 back to the page.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    client
        .post(app.url(&format!("/sessions/{sid}/live")))
        .header("accept", "text/html")
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded::to_string(fields).unwrap())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn a_poll_counts_one_answer_per_account_and_stands_once_closed(db: Db) {
    let app = TestApp::start(db).await;
    let (secretariat, path, sid) = locked_friday(&app).await;
    let live = format!("/sessions/{sid}/live");
    assert_eq!(step(&secretariat, &sid, "start").await, 303);
    let question = [
        ("session", sid.as_str()),
        ("question", "Setuju jembatan darurat dibangun dulu?"),
        ("choices", ""),
    ];
    let officer = staff(&app, "petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR")).await;
    assert_eq!(
        app.second_browser()
            .post_form(&live, "/api/live/poll/open", &question)
            .await
            .0,
        401
    );
    assert_eq!(
        app.post_form(&live, "/api/live/poll/open", &question).await.0,
        403,
        "a resident"
    );
    assert_eq!(officer.post_form(&live, "/api/live/poll/open", &question).await.0, 403);
    let six = [
        ("session", sid.as_str()),
        ("question", "Pilih satu"),
        ("choices", "a\nb\nc\nd\ne\nf"),
    ];
    let (status, _, page) = secretariat.post_form(&live, "/api/live/poll/open", &six).await;
    assert_eq!(status, 422);
    assert!(page.contains("Pilih satu"), "the typed question is kept");
    let empty = [("session", sid.as_str()), ("question", " "), ("choices", "")];
    assert_eq!(secretariat.post_form(&live, "/api/live/poll/open", &empty).await.0, 422);
    assert_eq!(
        live_poll::Entity::find().count(&app.state.db).await.unwrap(),
        0,
        "nothing half-written"
    );
    let (status, location, _) = secretariat.post_form(&live, "/api/live/poll/open", &question).await;
    assert_eq!((status, location.as_deref()), (303, Some(&*format!("{live}#poll"))));
    assert_eq!(
        secretariat.post_form(&live, "/api/live/poll/open", &question).await.0,
        422,
        "one open at a time"
    );
    let poll = live_poll::Entity::find().one(&app.state.db).await.unwrap().unwrap();
    assert_eq!(poll.choices, "Ya\nTidak");

    // A hundred residents answer at once; each counts once.
    let cookies = residents(&app, 100).await;
    let answers = cookies.iter().enumerate().map(|(k, cookie)| {
        let choice = if k % 4 == 0 { "1" } else { "0" };
        answer(&app, cookie, &sid, poll.id, choice)
    });
    let statuses = futures_util::future::join_all(answers).await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    let counted = || async {
        live_poll_answer::Entity::find()
            .filter(live_poll_answer::Column::PollId.eq(poll.id))
            .count(&app.state.db)
            .await
            .unwrap()
    };
    assert_eq!(counted().await, 100);
    let (_, page) = app.second_browser().get(&live).await;
    assert!(
        page.contains("100 jawaban") && page.contains("(75%)") && page.contains("(25%)"),
        "{page}"
    );
    let (_, overlay) = app.second_browser().get(&format!("/sessions/{sid}/overlay")).await;
    assert!(
        overlay.contains("Setuju jembatan darurat dibangun dulu? — Ya 75 (75%) · Tidak 25 (25%)"),
        "{overlay}"
    );
    let (_, text) = app.second_browser().get(&format!("/sessions/{sid}/live.txt")).await;
    assert!(text.contains("Ya 75 (75%), Tidak 25 (25%) (Terbuka"), "{text}");
    // A second answer replaces the first.
    assert_eq!(answer(&app, &cookies[1], &sid, poll.id, "1").await, 303);
    assert_eq!(counted().await, 100);
    assert!(app.second_browser().get(&live).await.1.contains("(74%)"));
    assert_eq!(answer(&app, &cookies[1], &sid, poll.id, "7").await, 422, "not a choice");
    // Staff and the signed-out do not answer; the resident reads their answer back.
    assert_eq!(
        secretariat
            .post_form(
                &live,
                "/api/live/poll/answer",
                &[("poll", &*poll.id.to_string()), ("choice", "0")]
            )
            .await
            .0,
        403
    );
    assert_eq!(
        app.second_browser()
            .post_form(
                &live,
                "/api/live/poll/answer",
                &[("poll", &*poll.id.to_string()), ("choice", "0")]
            )
            .await
            .0,
        401
    );
    let (_, mine) = app.get(&live).await;
    assert!(mine.contains("Kirim jawaban"), "a verified resident may answer");
    assert_eq!(
        app.post_form(
            &live,
            "/api/live/poll/answer",
            &[("poll", &*poll.id.to_string()), ("choice", "0")]
        )
        .await
        .0,
        303
    );
    assert!(app.get(&live).await.1.contains("Jawaban Anda: Ya."));

    // Closed: refused answers, counts that stand, and the minutes keep them.
    let close = [("poll", poll.id.to_string())];
    let close: Vec<(&str, &str)> = close.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.post_form(&live, "/api/live/poll/close", &close).await.0,
        403,
        "a resident"
    );
    assert_eq!(
        secretariat.post_form(&live, "/api/live/poll/close", &close).await.0,
        303
    );
    assert_eq!(
        secretariat.post_form(&live, "/api/live/poll/close", &close).await.0,
        422,
        "closed once"
    );
    assert_eq!(answer(&app, &cookies[2], &sid, poll.id, "1").await, 422);
    assert_eq!(counted().await, 101);
    let (_, page) = app.second_browser().get(&live).await;
    assert!(page.contains("Ditutup") && page.contains("101 jawaban"), "{page}");
    assert_eq!(step(&secretariat, &sid, "end").await, 303);
    let (_, session_page) = secretariat.get(&path).await;
    let draft = &session_page[session_page.find("id=\"m-minutes\"").unwrap()..];
    assert!(
        draft.contains("Jajak pendapat")
            && draft.contains("Setuju jembatan darurat dibangun dulu?: Ya 75 (74%), Tidak 26 (25%)"),
        "{draft}"
    );
    app.cleanup().await;
}

async fn a_full_instance_asks_one_more_viewer_to_come_back(db: Db) {
    let app = TestApp::start(db).await;
    let (_, _, sid) = locked_friday(&app).await;
    // The same server, allowed one viewer.
    let mut config = (*app.state.config).clone();
    config.live_viewers_max = 1;
    let state = app::domain::AppState {
        config: std::sync::Arc::new(config),
        ..app.state.clone()
    };
    let router = jatinan_server::router::build(state).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });
    let mut first = Events::open(&base, &sid, None).await;
    assert_eq!(first.next(Duration::from_secs(5)).await.0, 0);
    let refused = reqwest::get(format!("{base}/sessions/{sid}/events")).await.unwrap();
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.headers()["retry-after"], "10");
    assert!(refused.text().await.unwrap().contains("Terlalu banyak penonton"));
    // A viewer that leaves frees its place (at the latest when the next heartbeat finds its
    // connection closed).
    drop(first);
    let mut again = None;
    for _ in 0..250 {
        let res = reqwest::get(format!("{base}/sessions/{sid}/events")).await.unwrap();
        if res.status() == 200 {
            again = Some(res);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(again.is_some(), "the place is free again");
    app.cleanup().await;
}
