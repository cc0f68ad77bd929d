//! A session's agenda from suggestions to minutes: the cutoff, ranking reasons, ordering
//! without JavaScript, locking (mail with a calendar invitation), outcomes that create
//! follow-up records or send an issue back, minutes to followers, reminders sent once,
//! and every step refused to other roles.

use app::{
    domain::{
        entities::{agenda_item, follow_up, issue},
        jobs,
    },
    model::account::Role,
};
use chrono::{TimeZone, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    issues::Choices,
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    an_agenda_goes_from_suggestions_to_minutes,
    reminders_go_out_once_the_day_before,
    every_agenda_action_is_refused_to_other_roles,
);

const PASSWORD: &str = "kata sandi staf";

fn at(day: u32, month: u32, hour_utc: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, hour_utc, 0, 0).single().unwrap()
}

async fn sign_in_as(app: &TestApp, email: &str, role: Role) {
    app.post_form("/", "/api/account/logout", &[]).await;
    if app.try_account(email).await.is_none() {
        app.create_account(email, role, (role == Role::OpdOfficer).then_some("DPUPR"))
            .await;
    }
    app.sign_in(email, PASSWORD).await;
}

async fn post_issue(app: &TestApp, title: &str) -> String {
    let choices = Choices::load(app).await;
    let mut form = choices
        .form(title, "Uraian yang cukup panjang untuk aduan ini.")
        .to_vec();
    form.push(("confirm_new", "1"));
    let (status, location, body) = app.post_form("/issues/new", "/api/issue/create", &form).await;
    assert_eq!(status, 303, "{body}");
    location.unwrap().trim_start_matches("/issues/").to_owned()
}

/// A session on Friday `day` December 2026, 08:00 WIB; returns its path.
pub async fn session(app: &TestApp, date: &str) -> String {
    let subah = app.region_id("33.25.09").await;
    let fields = [
        ("date", date),
        ("time", "08:00"),
        ("duration", "180"),
        ("venue", "Pendopo Kecamatan Subah"),
        ("capacity", "100"),
        ("host", subah.as_str()),
    ];
    let (status, location, body) = app.post_form("/sessions/new", "/api/session/create", &fields).await;
    assert_eq!(status, 303, "{body}");
    location.unwrap()
}

async fn items(app: &TestApp, session: i32) -> Vec<agenda_item::Model> {
    agenda_item::Entity::find()
        .filter(agenda_item::Column::SessionId.eq(session))
        .order_by_asc(agenda_item::Column::Position)
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn an_agenda_goes_from_suggestions_to_minutes(db: Db) {
    let app = TestApp::start(db).await;
    app.state.clock.set(at(20, 11, 2));
    sign_in_as(&app, "sekretariat@staf.test", Role::Secretariat).await;
    let first = session(&app, "2026-12-04").await;
    let next = session(&app, "2026-12-11").await;
    let first_id: i32 = first.trim_start_matches("/sessions/").parse().unwrap();
    let next_id: i32 = next.trim_start_matches("/sessions/").parse().unwrap();

    sign_in_as(&app, "penulis@warga.test", Role::Resident).await;
    let road = post_issue(&app, "Jalan utama Subah berlubang").await;
    let lamp = post_issue(&app, "Lampu penerangan pasar mati").await;
    sign_in_as(&app, "pengikut@warga.test", Role::Resident).await;
    let form = [("id", road.as_str()), ("support", "true")];
    app.post_form("/issues", "/api/issue/support", &form).await;
    // Posted after the first session's cutoff (Wednesday 2 December, 23:59 WIB).
    app.state.clock.set(at(3, 12, 2));
    let late = post_issue(&app, "Sampah menumpuk di sungai").await;

    sign_in_as(&app, "sekretariat@staf.test", Role::Secretariat).await;
    let (_, page) = app.get(&first).await;
    assert!(
        page.contains("Jalan utama Subah berlubang") && page.contains("1 dukungan"),
        "ranked with reasons"
    );
    assert!(page.contains("di kecamatan tuan rumah"));
    assert!(!page.contains("Sampah menumpuk di sungai"), "posted after the cutoff");
    let (_, page) = app.get(&next).await;
    assert!(
        page.contains("Sampah menumpuk di sungai"),
        "suggested for the next session"
    );

    for issue in [&lamp, &road] {
        let fields = [("session", first_id.to_string()), ("issue", issue.to_string())];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(app.post_form(&first, "/api/agenda/add", &fields).await.0, 303);
    }
    let added = items(&app, first_id).await;
    assert_eq!(added[0].issue_id.to_string(), lamp);
    // The road first: "Naik" on the second item.
    let up = [("item", added[1].id.to_string()), ("action", "up".to_owned())];
    let up: Vec<(&str, &str)> = up.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.post_form(&first, "/api/agenda/arrange", &up).await.0, 303);
    let slot = [("item", added[1].id.to_string()), ("minutes", "20".to_owned())];
    let slot: Vec<(&str, &str)> = slot.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.post_form(&first, "/api/agenda/slot", &slot).await.0, 303);
    let ordered = items(&app, first_id).await;
    assert_eq!(ordered[0].issue_id.to_string(), road);
    let (_, page) = app.get(&first).await;
    assert!(
        page.contains("08.00–08.20 WIB") && page.contains("08.20–08.30 WIB"),
        "{page}"
    );
    assert!(!page.contains("melebihi durasi sesi"), "30 minutes fit three hours");
    // Time boxes longer than the session are pointed out while the agenda can change.
    let set_slot = |minutes: &'static str| {
        let fields = [("item", added[0].id.to_string()), ("minutes", minutes.to_owned())];
        let first = first.clone();
        let app = &app;
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form(&first, "/api/agenda/slot", &fields).await.0
        }
    };
    assert_eq!(set_slot("170").await, 303);
    let (_, page) = app.get(&first).await;
    assert!(
        page.contains("Waktu agenda 190 menit melebihi durasi sesi 180 menit"),
        "{page}"
    );
    assert_eq!(set_slot("10").await, 303);

    let lock = [("session", first_id.to_string()), ("to", "lock".to_owned())];
    let lock: Vec<(&str, &str)> = lock.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.post_form(&first, "/api/agenda/advance", &lock).await.0, 303);
    let road_row = issue::Entity::find_by_id(road.parse::<i32>().unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(road_row.status.as_str(), "on_agenda");
    // Each already had a "received" mail per issue posted; the author has two on the agenda.
    for (who, count) in [("penulis@warga.test", 4), ("pengikut@warga.test", 2)] {
        let mail = app.smtp.wait_for(who, count).await;
        let invitation = mail
            .iter()
            .find(|m| m.subject().contains("masuk agenda"))
            .expect("agenda mail");
        let parsed = invitation.parsed();
        let ics = parsed
            .attachments()
            .find_map(|a| {
                a.contents()
                    .starts_with(b"BEGIN:VCALENDAR")
                    .then(|| String::from_utf8_lossy(a.contents()).into_owned())
            })
            .expect("a calendar attachment");
        assert!(ics.contains("DTSTART:20261204T010000Z"));
    }
    assert_eq!(
        app.post_form(
            &first,
            "/api/agenda/add",
            &[("session", &first_id.to_string()), ("issue", &late)]
        )
        .await
        .0,
        403,
        "a locked agenda"
    );

    let held = [("session", first_id.to_string()), ("to", "held".to_owned())];
    let held: Vec<(&str, &str)> = held.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.post_form(&first, "/api/agenda/advance", &held).await.0, 303);
    let dpupr = app.opd_id("DPUPR").await;
    app.create_account("petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR"))
        .await;
    app.create_account("petugas@dinkes.test", Role::OpdOfficer, Some("DINKES"))
        .await;
    let road_item = ordered[0].id.to_string();
    let (status, _, page) = app
        .post_form(
            &first,
            "/api/agenda/outcome",
            &[("item", &road_item), ("discussed", "yes"), ("decision", "")],
        )
        .await;
    assert_eq!(status, 422, "a discussed item needs its decision");
    assert!(page.contains("Wajib diisi"));
    let outcome = [
        ("item", road_item.as_str()),
        ("discussed", "yes"),
        ("decision", "DPUPR menambal jalan sebelum akhir bulan."),
        ("opds", dpupr.as_str()),
        ("due", "2026-12-31"),
    ];
    assert_eq!(app.post_form(&first, "/api/agenda/outcome", &outcome).await.0, 303);
    let assigned = app.smtp.wait_for("petugas@dpupr.test", 1).await;
    assert_eq!(assigned[0].subject(), format!("Aduan #{road} ditugaskan ke OPD Anda"));
    assert!(
        assigned[0].text().contains("31 Desember 2026"),
        "{}",
        assigned[0].text()
    );
    let lamp_item = ordered[1].id.to_string();
    let not_reached = [("item", lamp_item.as_str()), ("discussed", "no")];
    assert_eq!(app.post_form(&first, "/api/agenda/outcome", &not_reached).await.0, 303);
    let road_row = issue::Entity::find_by_id(road.parse::<i32>().unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(road_row.status.as_str(), "assigned");
    let follow_ups = follow_up::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(follow_ups.len(), 1);
    assert_eq!(follow_ups[0].opd_id.to_string(), dpupr);
    let lamp_row = issue::Entity::find_by_id(lamp.parse::<i32>().unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        lamp_row.status.as_str(),
        "published",
        "not reached: back to the suggestions"
    );
    let (_, page) = app.get(&next).await;
    assert!(page.contains("Lampu penerangan pasar mati"), "rolled over");

    let minutes = [
        ("session", first_id.to_string()),
        ("attendance", "142".to_owned()),
        ("minutes", "Bupati membuka dialog pukul 08.05 WIB.".to_owned()),
    ];
    let minutes: Vec<(&str, &str)> = minutes.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.post_form(&first, "/api/agenda/minutes", &minutes).await.0, 303);
    assert!(
        app.smtp.messages_to("petugas@dinkes.test").await.is_empty(),
        "only the assigned OPD's officers"
    );
    // Verification, on the agenda, the outcome (assigned), the minutes.
    let mail = app.smtp.wait_for("pengikut@warga.test", 4).await;
    assert!(
        mail.iter()
            .any(|m| m.subject() == format!("Aduan #{road}: Diteruskan ke OPD") && m.text().contains("menambal jalan"))
    );
    assert!(
        mail.iter()
            .any(|m| m.subject().contains("Hasil pembahasan") && m.text().contains("menambal jalan"))
    );
    app.post_form("/", "/api/account/logout", &[]).await;
    let (_, page) = app.get(&first).await;
    assert!(page.contains("142 orang hadir") && page.contains("Bupati membuka dialog"));
    assert!(page.contains("DPUPR menambal jalan") && page.contains("Ditindaklanjuti oleh"));
    let _ = next_id;
    app.cleanup().await;
}

async fn reminders_go_out_once_the_day_before(db: Db) {
    let app = TestApp::start(db).await;
    app.state.clock.set(at(20, 11, 2));
    sign_in_as(&app, "sekretariat@staf.test", Role::Secretariat).await;
    let path = session(&app, "2026-12-04").await;
    let id = path.trim_start_matches("/sessions/").to_owned();
    sign_in_as(&app, "hadir@warga.test", Role::Resident).await;
    app.post_form(&path, "/api/session/register", &[("id", &id), ("attend", "true")])
        .await;
    assert_eq!(
        jobs::reminders::queue_reminders(&app.state).await.unwrap(),
        0,
        "two weeks ahead: nothing yet"
    );
    // Thursday 3 December, 09:00 WIB: the session is tomorrow.
    app.state.clock.set(at(3, 12, 2));
    assert_eq!(jobs::reminders::queue_reminders(&app.state).await.unwrap(), 1);
    jobs::reminders::queue_reminders(&app.state).await.unwrap();
    let another = app.another_instance().await;
    jobs::reminders::queue_reminders(&another.state).await.unwrap();
    let mail = app.smtp.wait_for("hadir@warga.test", 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let all = app.smtp.messages_to("hadir@warga.test").await;
    assert_eq!(all.len(), 1, "one reminder, however often the job runs");
    assert!(mail[0].text().contains("Jumat, 4 Desember 2026, 08.00–11.00 WIB"));
    app.cleanup().await;
}

async fn every_agenda_action_is_refused_to_other_roles(db: Db) {
    let app = TestApp::start(db).await;
    app.state.clock.set(at(20, 11, 2));
    sign_in_as(&app, "sekretariat@staf.test", Role::Secretariat).await;
    let path = session(&app, "2026-12-04").await;
    let id = path.trim_start_matches("/sessions/").to_owned();
    sign_in_as(&app, "penulis@warga.test", Role::Resident).await;
    let issue = post_issue(&app, "Jembatan desa retak").await;
    sign_in_as(&app, "sekretariat@staf.test", Role::Secretariat).await;
    app.post_form(&path, "/api/agenda/add", &[("session", &id), ("issue", &issue)])
        .await;
    let item = items(&app, id.parse().unwrap()).await[0].id.to_string();
    for role in [Role::Resident, Role::Operator, Role::OpdOfficer] {
        sign_in_as(&app, &format!("{}@peran.test", role.as_str()), role).await;
        let tries: [(&str, Vec<(&str, &str)>); 6] = [
            ("/api/agenda/add", vec![("session", &id), ("issue", &issue)]),
            ("/api/agenda/arrange", vec![("item", &item), ("action", "remove")]),
            ("/api/agenda/slot", vec![("item", &item), ("minutes", "30")]),
            ("/api/agenda/advance", vec![("session", &id), ("to", "lock")]),
            (
                "/api/agenda/outcome",
                vec![("item", &item), ("discussed", "yes"), ("decision", "x")],
            ),
            (
                "/api/agenda/minutes",
                vec![("session", &id), ("attendance", "1"), ("minutes", "x")],
            ),
        ];
        for (action, fields) in tries {
            assert_eq!(app.post_form(&path, action, &fields).await.0, 403, "{role:?}: {action}");
        }
    }
    assert_eq!(items(&app, id.parse().unwrap()).await.len(), 1, "nothing changed");
    app.cleanup().await;
}
