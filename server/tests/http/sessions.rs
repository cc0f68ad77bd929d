//! The Friday dialogue sessions: WIB in, UTC stored, WIB out (also in calendars and mail,
//! whatever the server's zone); recurrence around holidays; registration within capacity
//! with a waitlist; iCalendar files; and the secretariat's actions refused to others.

use app::{
    domain::{
        commands,
        entities::{dialogue_session, holiday},
        queries,
    },
    model::account::Role,
};
use chrono::{TimeZone, Timelike, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    a_session_at_eight_wib_is_one_utc_and_shows_as_eight_wib_everywhere,
    a_weekly_plan_skips_the_christmas_friday_and_says_why,
    fifty_registrations_for_thirty_places_and_a_cancellation_promotes_one,
    calendar_files_parse_strictly_and_keep_their_uid_across_changes,
    every_secretariat_action_is_refused_to_other_roles,
    the_home_page_and_the_issue_form_say_which_session_an_issue_can_reach,
);

const PASSWORD: &str = "kata sandi staf";

/// The test's clock: Friday 20 November 2026, 09:00 WIB.
fn set_clock(app: &TestApp) {
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 2, 0, 0).single().unwrap();
    app.state.clock.set(now);
}

async fn as_secretariat(app: &TestApp) {
    app.create_account("sekretariat@staf.test", Role::Secretariat, None)
        .await;
    app.sign_in("sekretariat@staf.test", PASSWORD).await;
}

/// A session form for Friday 4 December 2026, 08:00 WIB, three hours.
fn session_form<'a>(venue: &'a str, capacity: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("date", "2026-12-04"),
        ("time", "08:00"),
        ("duration", "180"),
        ("venue", venue),
        ("capacity", capacity),
    ]
}

async fn create_session(app: &TestApp, venue: &str, capacity: &str) -> String {
    let (status, location, body) = app
        .post_form("/sessions/new", "/api/session/create", &session_form(venue, capacity))
        .await;
    assert_eq!(status, 303, "{body}");
    location.unwrap()
}

async fn a_session_at_eight_wib_is_one_utc_and_shows_as_eight_wib_everywhere(db: Db) {
    let app = TestApp::start(db).await;
    set_clock(&app);
    as_secretariat(&app).await;
    let path = create_session(&app, "Pendopo Kecamatan Subah", "100").await;
    let stored = dialogue_session::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.starts_at.hour(), stored.starts_at.minute()),
        (1, 0),
        "08:00 WIB is 01:00 UTC"
    );
    let cutoff = stored.cutoff_at;
    assert_eq!(
        cutoff,
        Utc.with_ymd_and_hms(2026, 12, 2, 16, 59, 0).single().unwrap(),
        "Wednesday 23:59 WIB"
    );

    let (status, page) = app.get(&path).await;
    assert_eq!(status, 200);
    assert!(page.contains("Jumat, 4 Desember 2026, 08.00–11.00 WIB"), "{page}");
    assert!(page.contains("2 Desember 2026, 23.59 WIB"));
    let ics = app.get(&format!("{path}.ics")).await.1;
    assert!(
        ics.contains("DTSTART:20261204T010000Z") && ics.contains("DTEND:20261204T040000Z"),
        "{ics}"
    );

    // A resident registers; the reschedule mail says the new time in WIB.
    app.post_form("/", "/api/account/logout", &[]).await;
    app.create_account("warga@warga.test", Role::Resident, None).await;
    app.sign_in("warga@warga.test", PASSWORD).await;
    let id = path.trim_start_matches("/sessions/").to_owned();
    let (status, _, _) = app
        .post_form(&path, "/api/session/register", &[("id", &id), ("attend", "true")])
        .await;
    assert_eq!(status, 303);
    app.post_form("/", "/api/account/logout", &[]).await;
    app.sign_in("sekretariat@staf.test", PASSWORD).await;
    let mut moved = session_form("Pendopo Kecamatan Subah", "100");
    moved[1] = ("time", "09:30");
    moved.push(("id", &id));
    let (status, _, page) = app.post_form(&path, "/api/session/update", &moved).await;
    assert_eq!(status, 422, "a reschedule needs a reason");
    assert!(page.contains("Tulis alasannya"));
    moved.push(("reason", "Bupati menghadiri rapat provinsi pagi hari"));
    assert_eq!(app.post_form(&path, "/api/session/update", &moved).await.0, 303);
    let mail = app.smtp.wait_for("warga@warga.test", 1).await;
    assert!(mail[0].text().contains("09.30–12.30 WIB"), "{}", mail[0].text());
    assert!(mail[0].text().contains("rapat provinsi"));
    app.cleanup().await;
}

async fn a_weekly_plan_skips_the_christmas_friday_and_says_why(db: Db) {
    let app = TestApp::start(db).await;
    set_clock(&app);
    as_secretariat(&app).await;
    let subah = app.region_id("33.25.09").await;
    let bandar = app.region_id("33.25.13").await;
    let query = format!(
        "/sessions/plan?from=2026-12-01&count=5&time=08%3A00&duration=180&capacity=80&policy=skip&hosts={subah}&hosts={bandar}"
    );
    // 1 January is a national holiday every year, even with no table row for its year.
    holiday::Entity::delete_many()
        .filter(holiday::Column::Day.gte(chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()))
        .exec(&app.state.db)
        .await
        .unwrap();
    let (status, page) = app.get(&query).await;
    assert_eq!(status, 200);
    assert!(page.contains("dilewati: Kelahiran Yesus Kristus"), "{page}");
    assert!(page.contains("dilewati: Tahun Baru Masehi"), "{page}");
    // So is 17 August, in a year the table will not reach for a long time.
    let august = format!(
        "/sessions/plan?from=2029-08-13&count=1&time=08%3A00&duration=180&capacity=80&policy=skip&hosts={subah}"
    );
    let (_, later) = app.get(&august).await;
    assert!(later.contains("dilewati: Proklamasi Kemerdekaan RI"), "{later}");
    assert!(
        later.contains("melewati tahun terakhir tabel hari libur (2026)"),
        "{later}"
    );
    assert!(page.contains("Jumat, 8 Januari 2027"), "over the year boundary");
    let hosts = format!("{subah},{bandar}");
    let fields = [
        ("from", "2026-12-01"),
        ("count", "5"),
        ("time", "08:00"),
        ("duration", "180"),
        ("capacity", "80"),
        ("policy", "skip"),
        ("hosts", hosts.as_str()),
    ];
    let (status, location, _) = app.post_form(&query, "/api/session/generate", &fields).await;
    assert_eq!((status, location.as_deref()), (303, Some("/sessions?created=5")));
    let created = dialogue_session::Entity::find()
        .order_by_asc(dialogue_session::Column::StartsAt)
        .all(&app.state.db)
        .await
        .unwrap();
    let days: Vec<String> = created
        .iter()
        .map(|s| s.starts_at.format("%Y-%m-%d %H:%M").to_string())
        .collect();
    assert_eq!(
        days,
        [
            "2026-12-04 01:00",
            "2026-12-11 01:00",
            "2026-12-18 01:00",
            "2027-01-08 01:00",
            "2027-01-15 01:00"
        ]
    );
    let hosts: Vec<Option<i32>> = created.iter().map(|s| s.host_kecamatan_id).collect();
    let (s, b) = (subah.parse().ok(), bandar.parse().ok());
    assert_eq!(hosts, [s, b, s, b, s], "hosts rotate");

    // Moving instead: Christmas Friday (and the cuti bersama Thursday) go to Wednesday.
    let moved = format!(
        "/sessions/plan?from=2026-12-21&count=1&time=08%3A00&duration=180&capacity=80&policy=earlier&hosts={subah}"
    );
    let (_, page) = app.get(&moved).await;
    assert!(page.contains("dipindah ke Rabu, 23 Desember 2026"), "{page}");
    // Planning the same weeks again creates nothing twice.
    let (_, location, _) = app.post_form(&query, "/api/session/generate", &fields).await;
    assert_eq!(location.as_deref(), Some("/sessions?created=0"));
    app.cleanup().await;
}

async fn fifty_registrations_for_thirty_places_and_a_cancellation_promotes_one(db: Db) {
    let app = TestApp::start(db).await;
    set_clock(&app);
    as_secretariat(&app).await;
    let path = create_session(&app, "Balai Desa Kalimanggis", "30").await;
    let id: i32 = path.trim_start_matches("/sessions/").parse().unwrap();
    let mut people = Vec::new();
    for n in 0..50 {
        let email = format!("hadir{n}@warga.test");
        app.create_account(&email, Role::Resident, None).await;
        people.push(app.account(&email).await);
    }
    let mut tasks = Vec::new();
    for person in people.iter().cloned().chain(std::iter::once(people[0].clone())) {
        let state = app.state.clone();
        tasks.push(tokio::spawn(async move {
            commands::session::register(&state, &person, id, "").await
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(
        queries::sessions::registration_counts(&app.state.db, id).await.unwrap(),
        (30, 20)
    );
    let stored = dialogue_session::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.confirmed_count, 30);

    // A confirmed person cancels: exactly one from the waitlist moves up, and is told.
    let (confirmed, _) = {
        use app::domain::entities::session_registration as r;
        use sea_orm::{ColumnTrait, QueryFilter};
        let rows = r::Entity::find()
            .filter(r::Column::SessionId.eq(id))
            .order_by_asc(r::Column::Id)
            .all(&app.state.db)
            .await
            .unwrap();
        let first_confirmed = rows.iter().find(|r| r.status.as_str() == "confirmed").unwrap().user_id;
        let first_waiting = rows.iter().find(|r| r.status.as_str() == "waitlisted").unwrap().user_id;
        (first_confirmed, first_waiting)
    };
    let leaving = people.iter().find(|p| p.id == confirmed).unwrap();
    let waiting_email = {
        use app::domain::entities::session_registration as r;
        use sea_orm::{ColumnTrait, QueryFilter};
        let next = r::Entity::find()
            .filter(r::Column::SessionId.eq(id))
            .filter(r::Column::Status.eq("waitlisted"))
            .order_by_asc(r::Column::Id)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        people.iter().find(|p| p.id == next.user_id).unwrap().email.clone()
    };
    commands::session::unregister(&app.state, leaving, id).await.unwrap();
    assert_eq!(
        queries::sessions::registration_counts(&app.state.db, id).await.unwrap(),
        (30, 19)
    );
    let mail = app.smtp.wait_for(&waiting_email, 1).await;
    assert!(mail[0].subject().contains("mendapat tempat"));

    // Through the page: a resident sees their place on the waitlist.
    app.post_form("/", "/api/account/logout", &[]).await;
    app.create_account("terlambat@warga.test", Role::Resident, None).await;
    app.sign_in("terlambat@warga.test", PASSWORD).await;
    let id = id.to_string();
    let (status, _, _) = app
        .post_form(&path, "/api/session/register", &[("id", &id), ("attend", "true")])
        .await;
    assert_eq!(status, 303);
    let (_, page) = app.get(&path).await;
    assert!(page.contains("daftar tunggu, urutan ke-20"), "{page}");
    app.cleanup().await;
}

/// Parses an .ics strictly (the `ical` crate) and returns each event's properties.
fn parse_ics(text: &str) -> Vec<Vec<(String, String)>> {
    assert!(
        text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'),
        "CRLF line ends only"
    );
    assert!(
        text.split("\r\n").all(|line| line.len() <= 75),
        "lines are folded at 75 octets"
    );
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = calendars.next().expect("one calendar").expect("parses");
    calendar
        .events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
                .collect()
        })
        .collect()
}

fn property<'a>(event: &'a [(String, String)], name: &str) -> &'a str {
    event
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

async fn calendar_files_parse_strictly_and_keep_their_uid_across_changes(db: Db) {
    let app = TestApp::start(db).await;
    set_clock(&app);
    as_secretariat(&app).await;
    let long_venue = "Gedung Pertemuan Serbaguna Kecamatan Subah, di samping Puskesmas, Jalan Raya Subah Nomor 12";
    let path = create_session(&app, long_venue, "100").await;
    let id = path.trim_start_matches("/sessions/").to_owned();
    let res = app.client.get(app.url(&format!("{path}.ics"))).send().await.unwrap();
    assert_eq!(res.headers()["content-type"], "text/calendar; charset=utf-8");
    let first = parse_ics(&res.text().await.unwrap());
    assert_eq!(first.len(), 1);
    let uid = property(&first[0], "UID").to_owned();
    assert!(uid.starts_with(&format!("session-{id}@")));
    for name in [
        "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "STATUS", "LOCATION", "URL", "SUMMARY",
    ] {
        assert!(!property(&first[0], name).is_empty(), "{name}");
    }
    assert!(property(&first[0], "URL").ends_with(&path));
    assert_eq!(property(&first[0], "STATUS"), "CONFIRMED");

    let mut moved = session_form(long_venue, "100");
    moved[1] = ("time", "13:00");
    moved.extend([("id", id.as_str()), ("reason", "Pindah ke siang hari")]);
    assert_eq!(app.post_form(&path, "/api/session/update", &moved).await.0, 303);
    let second = parse_ics(&app.get(&format!("{path}.ics")).await.1);
    assert_eq!(property(&second[0], "UID"), uid);
    assert!(
        property(&second[0], "SEQUENCE").parse::<u32>().unwrap() > property(&first[0], "SEQUENCE").parse().unwrap()
    );
    assert_eq!(property(&second[0], "DTSTART"), "20261204T060000Z");

    let cancel = [("id", id.as_str()), ("reason", "Banjir di Subah")];
    assert_eq!(app.post_form(&path, "/api/session/cancel", &cancel).await.0, 303);
    let feed = parse_ics(&app.get("/sessions.ics").await.1);
    assert_eq!(feed.len(), 1);
    assert_eq!(property(&feed[0], "UID"), uid);
    assert_eq!(property(&feed[0], "STATUS"), "CANCELLED");
    assert_eq!(app.get("/sessions/999.ics").await.0, 404);
    app.cleanup().await;
}

async fn every_secretariat_action_is_refused_to_other_roles(db: Db) {
    let app = TestApp::start(db).await;
    set_clock(&app);
    as_secretariat(&app).await;
    let path = create_session(&app, "Pendopo Kecamatan Subah", "100").await;
    let id = path.trim_start_matches("/sessions/").to_owned();
    let subah = app.region_id("33.25.09").await;
    app.post_form("/", "/api/account/logout", &[]).await;
    let plan = [
        ("from", "2026-12-01"),
        ("count", "2"),
        ("time", "08:00"),
        ("duration", "180"),
        ("capacity", "80"),
        ("policy", "skip"),
        ("hosts", subah.as_str()),
    ];
    let mut update = session_form("Tempat lain", "10");
    update.extend([("id", id.as_str()), ("reason", "Coba ubah")]);
    for who in [None, Some(Role::Resident), Some(Role::Operator), Some(Role::OpdOfficer)] {
        if let Some(role) = who {
            let email = format!("{}@peran.test", role.as_str());
            app.create_account(&email, role, (role == Role::OpdOfficer).then_some("DPUPR"))
                .await;
            app.sign_in(&email, PASSWORD).await;
        }
        let refused = if who.is_some() { 403 } else { 401 };
        let create = session_form("Tempat lain", "10");
        assert_eq!(
            app.post_form("/sessions/new", "/api/session/create", &create).await.0,
            refused,
            "{who:?} creates"
        );
        assert_eq!(
            app.post_form(&path, "/api/session/update", &update).await.0,
            refused,
            "{who:?} updates"
        );
        let cancel = [("id", id.as_str()), ("reason", "Coba batal")];
        assert_eq!(
            app.post_form(&path, "/api/session/cancel", &cancel).await.0,
            refused,
            "{who:?} cancels"
        );
        assert_eq!(
            app.post_form("/sessions/plan", "/api/session/generate", &plan).await.0,
            refused,
            "{who:?} plans"
        );
        app.post_form("/", "/api/account/logout", &[]).await;
    }
    let stored = dialogue_session::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(stored.len(), 1, "nothing was created");
    assert_eq!(
        (stored[0].venue.as_str(), stored[0].status.as_str()),
        ("Pendopo Kecamatan Subah", "planned")
    );
    app.cleanup().await;
}

/// The home page names the next session (date, place, host, livestream) and until when an
/// issue can reach its agenda, in WIB; the issue form says which session a new issue can
/// still reach, and once a cutoff passes both name the following session.
async fn the_home_page_and_the_issue_form_say_which_session_an_issue_can_reach(db: Db) {
    let app = TestApp::start(db).await;
    let (_, home) = app.get("/").await;
    assert!(home.contains("Belum ada Dialog Jumat yang dijadwalkan"), "{home}");

    as_secretariat(&app).await;
    let subah = app.region_id("33.25.09").await;
    let mut first = session_form("Pendopo Kecamatan Subah", "100");
    first.extend([
        ("host", subah.as_str()),
        ("livestream", "https://www.youtube.com/@pemkabbatang/live"),
    ]);
    let (status, _, body) = app.post_form("/sessions/new", "/api/session/create", &first).await;
    assert_eq!(status, 303, "{body}");
    let mut second = session_form("Aula Kecamatan Bandar", "100");
    second[0] = ("date", "2026-12-11");
    assert_eq!(
        app.post_form("/sessions/new", "/api/session/create", &second).await.0,
        303
    );

    // Monday 30 November: the Friday of 4 December, cutoff Wednesday 23.59 WIB.
    let reader = app.second_browser();
    let (_, home) = reader.get("/").await;
    for text in [
        "Dialog Jumat berikutnya",
        "Jumat, 4 Desember 2026, 08.00–11.00 WIB",
        "Pendopo Kecamatan Subah",
        "Tuan rumah: Kecamatan Subah",
        "https://www.youtube.com/@pemkabbatang/live",
        "Aduan yang terbit sebelum 2 Desember 2026, 23.59 WIB dapat masuk agenda sesi ini.",
    ] {
        assert!(home.contains(text), "{text} on the home page: {home}");
    }
    let (_, form) = reader.get("/issues/new").await;
    assert!(
        form.contains("dapat masuk agenda sesi Jumat, 4 Desember 2026, 08.00–11.00 WIB, bila terbit sebelum 2 Desember 2026, 23.59 WIB"),
        "{form}"
    );

    // Thursday 3 December: too late for the 4th, in time for the 11th. (Read signed in:
    // a signed-out reader's page may come from the page cache, which the clock does not
    // empty.)
    app.state
        .clock
        .set(Utc.with_ymd_and_hms(2026, 12, 3, 2, 0, 0).single().unwrap());
    let (_, home) = app.get("/").await;
    assert!(home.contains("Jumat, 4 Desember 2026"), "still the next session");
    assert!(
        home.contains("Batas aduan untuk sesi ini sudah lewat. Aduan baru dapat masuk agenda sesi Jumat, 11 Desember 2026, 08.00–11.00 WIB (batas 9 Desember 2026, 23.59 WIB)."),
        "{home}"
    );
    let (_, form) = app.get("/issues/new").await;
    assert!(form.contains("agenda sesi Jumat, 11 Desember 2026"), "{form}");
    app.cleanup().await;
}
