//! The desks of issue 20 beyond the inbox: a category that goes straight to its OPD (an
//! e-Sakti request, posted confidential, from the resident to Dinas Sosial to resolution),
//! a confidential issue on a public agenda, the session's registrants and attendance, an
//! item raised from the floor, and each OPD's public page. Every action per role.

use app::{
    domain::{
        entities::{category, follow_up, opd, session_registration},
        jobs,
    },
    model::account::Role,
};
use chrono::TimeDelta;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    agenda::session,
    follow_up::{act, follow_ups, issue_status, staff},
    forum::resident,
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    an_esakti_request_goes_straight_to_dinsos_and_reaches_the_inbox_only_if_declined,
    only_the_admin_marks_a_category_as_going_straight_to_its_opd,
    a_confidential_issue_on_an_agenda_shows_the_public_only_its_category,
    the_secretariat_lists_prints_and_marks_the_registrants,
    an_item_raised_from_the_floor_joins_a_locked_agenda_apart,
    each_opd_has_a_public_page_that_never_lists_a_confidential_issue,
    staff_search_finds_confidential_issues_for_inbox_readers_only,
    an_opds_official_address_hears_of_its_work_once,
);

/// Posts an issue in category `slug` as the signed-in account; returns its id.
pub async fn post_in(app: &TestApp, slug: &str, title: &str, privacy: &str) -> String {
    let category = app.category_id(slug).await;
    let kecamatan = app.region_id("33.25.07").await;
    let desa = app.region_id("33.25.07.2005").await;
    let form = [
        ("title", title),
        ("body", "Berkas sudah lengkap diserahkan lewat pemerintah desa."),
        ("category", category.as_str()),
        ("kecamatan", kecamatan.as_str()),
        ("desa", desa.as_str()),
        ("privacy", privacy),
        ("confirm_new", "1"),
    ];
    let (status, location, body) = app.post_form("/issues/new", "/api/issue/create", &form).await;
    assert_eq!(status, 303, "{body}");
    location.unwrap().trim_start_matches("/issues/").to_owned()
}

async fn save_category(by: &TestApp, fields: Vec<(&'static str, String)>) -> (u16, Option<String>, String) {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    by.post_form("/admin/categories", "/api/admin/category/save", &fields)
        .await
}

async fn an_esakti_request_goes_straight_to_dinsos_and_reaches_the_inbox_only_if_declined(db: Db) {
    let app = TestApp::start(db).await;
    let dinsos = staff(&app, "petugas@dinsos.test", Role::OpdOfficer, Some("DINSOS")).await;
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    resident(&app, "Sri Wahyuningsih", "sri@warga.test").await;
    let title = "Santunan kematian almarhum suami belum cair";
    let id = post_in(&app, "santunan-kematian", title, "rahasia").await;

    // Assigned to Dinas Sosial on publication, by the rule, with the usual deadline.
    assert_eq!(issue_status(&app, &id).await, "assigned");
    let rows = follow_ups(&app, &id).await;
    assert_eq!(rows.len(), 1);
    assert!(rows[0].lead && rows[0].assigned_by.is_none());
    assert_eq!(rows[0].opd_id.to_string(), app.opd_id("DINSOS").await);
    assert_eq!(rows[0].sla_days, 5);
    let mail = app.smtp.wait_for("petugas@dinsos.test", 1).await;
    assert_eq!(mail[0].subject(), format!("Aduan #{id} ditugaskan ke OPD Anda"));
    // It waits on nobody at the secretariat: not in the inbox's queue.
    let (_, inbox) = secretariat.get("/staff/inbox").await;
    assert!(!inbox.contains(title), "{inbox}");
    // The officer finds it in the OPD's workspace; the public finds it nowhere.
    let (_, desk) = dinsos.get("/opd").await;
    assert!(desk.contains(title), "{desk}");
    let visitor = app.second_browser();
    for path in [
        "/issues",
        "/",
        "/scorecard",
        "/scorecard/dinsos",
        "/issues.atom",
        "/open311/v2/requests.json",
    ] {
        let (_, page) = visitor.get(path).await;
        assert!(!page.contains(title) && !page.contains("Sri Wahyuningsih"), "{path}");
    }

    // From the officer to resolution, and the author's word.
    let lead = rows[0].id;
    assert_eq!(act(&dinsos, &id, lead, "accept", &[]).await.0, 303);
    let done = [("body", "Santunan sudah ditransfer ke rekening ahli waris")];
    assert_eq!(act(&dinsos, &id, lead, "resolve", &done).await.0, 303);
    assert_eq!(issue_status(&app, &id).await, "resolved");
    let word = [("body", "Sudah diterima, terima kasih Dinsos")];
    assert_eq!(act(&app, &id, lead, "confirm", &word).await.0, 303);
    assert_eq!(issue_status(&app, &id).await, "closed");
    let (_, page) = visitor.get("/scorecard/dinsos").await;
    assert!(!page.contains("terima kasih Dinsos"), "a confidential word stays out");

    // Declined as not theirs, it reaches the secretariat's inbox, which is mailed.
    let other = "Santunan kematian nenek kami ditolak tanpa alasan";
    let second = post_in(&app, "santunan-kematian", other, "publik").await;
    let lead = follow_ups(&app, &second).await[0].id;
    let reason = [("body", "Almarhumah terdaftar di Kabupaten Pekalongan")];
    assert_eq!(act(&dinsos, &second, lead, "decline", &reason).await.0, 303);
    assert_eq!(issue_status(&app, &second).await, "discussed");
    let (_, declined) = secretariat.get("/staff/inbox?tab=declined").await;
    assert!(
        declined.contains(other) && declined.contains("Kabupaten Pekalongan"),
        "{declined}"
    );
    app.mail_settled().await;
    assert!(
        app.smtp
            .messages_to("sekretariat@staf.test")
            .await
            .iter()
            .any(|m| m.text().contains("Kabupaten Pekalongan")),
        "the secretariat is told of the decline"
    );
    // A category without the rule still waits for the secretariat.
    let road = post_in(&app, "jalan-jembatan", "Jembatan bambu Kalisalak miring", "publik").await;
    assert_eq!(issue_status(&app, &road).await, "published");
    app.cleanup().await;
}

async fn only_the_admin_marks_a_category_as_going_straight_to_its_opd(db: Db) {
    let app = TestApp::start(db).await;
    let road = app.category_id("jalan-jembatan").await;
    let dpupr = app.opd_id("DPUPR").await;
    let form = |direct: bool| {
        let mut fields = vec![
            ("id", road.clone()),
            ("slug", "jalan-jembatan".to_owned()),
            ("name_id", "Jalan dan jembatan".to_owned()),
            ("name_en", "Roads and bridges".to_owned()),
            ("opd", dpupr.clone()),
        ];
        if direct {
            fields.push(("direct", "1".to_owned()));
        }
        fields
    };
    assert_eq!(save_category(&app.second_browser(), form(true)).await.0, 401);
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    assert_eq!(save_category(&secretariat, form(true)).await.0, 403);
    let admin = staff(&app, "admin@staf.test", Role::Admin, None).await;
    let (_, page) = admin.get("/admin/categories").await;
    assert!(page.contains("Langsung diteruskan ke OPD ini"), "{page}");
    assert_eq!(save_category(&admin, form(true)).await.0, 303);
    let stored = |app: &TestApp| {
        let db = app.state.db.clone();
        async move {
            category::Entity::find()
                .filter(category::Column::Slug.eq("jalan-jembatan"))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
        }
    };
    assert!(stored(&app).await.direct_to_opd);
    // Straight to an OPD needs an OPD; nothing is written and the form keeps its values.
    let mut without = form(true);
    without.retain(|(k, _)| *k != "opd");
    let (status, _, page) = save_category(&admin, without).await;
    assert_eq!(status, 422);
    assert!(page.contains("Wajib diisi"), "{page}");
    assert_eq!(stored(&app).await.opd_id.map(|o| o.to_string()), Some(dpupr.clone()));
    assert_eq!(save_category(&admin, form(false)).await.0, 303);
    assert!(!stored(&app).await.direct_to_opd);
    app.cleanup().await;
}

async fn a_confidential_issue_on_an_agenda_shows_the_public_only_its_category(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Darmini Sukesih", "darmini@warga.test").await;
    let title = "Pungutan liar pada pengurusan bantuan rumah";
    let id = post_in(&app, "bantuan-sosial", title, "rahasia").await;
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    let path = session(&secretariat, "2026-12-04").await;
    let sid = path.trim_start_matches("/sessions/").to_owned();
    let (_, tab) = secretariat.get("/staff/inbox?tab=rahasia").await;
    let row = &tab[tab.find(title).expect("in the inbox")..];
    assert!(
        row.contains("Masukkan ke agenda"),
        "a confidential issue can go on an agenda"
    );
    let add = [("session", sid.as_str()), ("issue", id.as_str())];
    assert_eq!(app.post_form(&path, "/api/agenda/add", &add).await.0, 403, "a resident");
    assert_eq!(secretariat.post_form(&path, "/api/agenda/add", &add).await.0, 303);
    let lock = [("session", sid.as_str()), ("to", "lock")];
    assert_eq!(secretariat.post_form(&path, "/api/agenda/advance", &lock).await.0, 303);
    assert_eq!(issue_status(&app, &id).await, "on_agenda");

    let (_, staff_page) = secretariat.get(&path).await;
    assert!(staff_page.contains(title), "staff read the item");
    let officer = staff(&app, "petugas@dinsos.test", Role::OpdOfficer, Some("DINSOS")).await;
    let other = app.second_browser();
    resident(&other, "Tetangga", "tetangga@warga.test").await;
    for reader in [&app.second_browser(), &other] {
        let (status, page) = reader.get(&path).await;
        assert_eq!(status, 200);
        assert!(page.contains("Aduan rahasia · Bantuan sosial"), "{page}");
        assert!(!page.contains(title) && !page.contains("Darmini"), "{page}");
        assert!(!page.contains(&format!("href=\"/issues/{id}\"")), "no link to it");
        let (status, _) = reader.get(&format!("/sessions/{sid}.ics")).await;
        assert_eq!(status, 200);
    }
    assert!(officer.get(&path).await.1.contains(title), "an OPD officer is staff");
    app.cleanup().await;
}

async fn the_secretariat_lists_prints_and_marks_the_registrants(db: Db) {
    let app = TestApp::start(db).await;
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    let path = session(&secretariat, "2026-12-04").await;
    let sid = path.trim_start_matches("/sessions/").to_owned();
    let list = format!("{path}/registrants");
    resident(&app, "Warsini Pendaftar", "warsini@warga.test").await;
    let (_, page) = app.get(&path).await;
    assert!(page.contains("Desa asal (untuk daftar hadir"), "{page}");
    let surodadi = app.region_id("33.25.07.2005").await;
    let (status, _, page) = app
        .post_form(
            &path,
            "/api/session/register",
            &[("id", &sid), ("attend", "true"), ("desa", "99999")],
        )
        .await;
    assert_eq!(status, 422, "an unknown village");
    assert!(page.contains("Pilih wilayah dari daftar."), "{page}");
    let register = [("id", sid.as_str()), ("attend", "true"), ("desa", surodadi.as_str())];
    assert_eq!(app.post_form(&path, "/api/session/register", &register).await.0, 303);
    let quiet = app.second_browser();
    resident(&quiet, "Karyo Tanpadesa", "karyo@warga.test").await;
    let register = [("id", sid.as_str()), ("attend", "true")];
    assert_eq!(quiet.post_form(&path, "/api/session/register", &register).await.0, 303);

    // Who may read it.
    assert_eq!(app.second_browser().get(&list).await.0, 401);
    assert_eq!(app.get(&list).await.0, 403, "a resident");
    let officer = staff(&app, "petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR")).await;
    assert_eq!(officer.get(&list).await.0, 403, "an OPD officer");
    let (status, page) = secretariat.get(&list).await;
    assert_eq!(status, 200, "{page}");
    for text in [
        "Warsini Pendaftar",
        "Karyo Tanpadesa",
        "Surodadi",
        "Gringsing",
        "Tanda tangan",
        "2 terdaftar dari 100 tempat",
    ] {
        assert!(page.contains(text), "{text} in {page}");
    }
    assert!(
        !page.contains("warsini@warga.test") && !page.contains("@warga.test"),
        "never an email"
    );
    assert!(page.contains("Kehadiran dapat ditandai mulai hari sesi"));
    let (_, session_page) = secretariat.get(&path).await;
    assert!(session_page.contains("Pendaftar dan daftar hadir (2 terdaftar, 0 menunggu)"));

    // Attendance waits for the day; then the ticks replace the marks.
    let rows = session_registration::Entity::find()
        .filter(session_registration::Column::SessionId.eq(sid.parse::<i32>().unwrap()))
        .all(&app.state.db)
        .await
        .unwrap();
    let warsini = rows.iter().find(|r| r.desa_id.is_some()).unwrap().id.to_string();
    let mark = [("session", sid.as_str()), ("attended", warsini.as_str())];
    let (status, _, _) = secretariat.post_form(&list, "/api/session/attendance", &mark).await;
    assert_eq!(status, 422, "before the day");
    app.advance(TimeDelta::days(4));
    let operator = staff(&app, "operator@staf.test", Role::Operator, None).await;
    for (who, expected) in [
        (&app.second_browser(), 401),
        (&app, 403),
        (&officer, 403),
        (&operator, 403),
    ] {
        assert_eq!(who.post_form(&list, "/api/session/attendance", &mark).await.0, expected);
    }
    let (status, location, _) = secretariat.post_form(&list, "/api/session/attendance", &mark).await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some(format!("{list}?saved=1").as_str()))
    );
    let (_, page) = secretariat.get(&format!("{list}?saved=1")).await;
    assert!(page.contains("Kehadiran tersimpan: 1 orang hadir."), "{page}");
    assert!(page.contains(&format!("value=\"{warsini}\" checked")), "{page}");
    let present: Vec<bool> = session_registration::Entity::find()
        .filter(session_registration::Column::SessionId.eq(sid.parse::<i32>().unwrap()))
        .all(&app.state.db)
        .await
        .unwrap()
        .iter()
        .map(|r| r.attended)
        .collect();
    assert_eq!(present.iter().filter(|p| **p).count(), 1);
    app.cleanup().await;
}

async fn an_item_raised_from_the_floor_joins_a_locked_agenda_apart(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Penulis Agenda", "penulis@warga.test").await;
    let first = post_in(
        &app,
        "jalan-jembatan",
        "Jalan Kalisalak rusak berat sepanjang satu kilometer",
        "publik",
    )
    .await;
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    let path = session(&secretariat, "2026-12-04").await;
    let sid = path.trim_start_matches("/sessions/").to_owned();
    let category = app.category_id("air-bersih").await;
    let desa = app.region_id("33.25.07.2005").await;
    let floor = [
        ("session", sid.as_str()),
        ("speaker", "Pak Rasman"),
        ("title", "Sumur bor dusun Krajan kering sejak Agustus"),
        ("body", "Disampaikan langsung di forum oleh warga dusun Krajan."),
        ("category", category.as_str()),
        ("desa", desa.as_str()),
    ];
    let (status, _, _) = secretariat.post_form(&path, "/api/agenda/floor", &floor).await;
    assert_eq!(status, 422, "only once the agenda is locked");
    let add = [("session", sid.as_str()), ("issue", first.as_str())];
    assert_eq!(secretariat.post_form(&path, "/api/agenda/add", &add).await.0, 303);
    let lock = [("session", sid.as_str()), ("to", "lock")];
    assert_eq!(secretariat.post_form(&path, "/api/agenda/advance", &lock).await.0, 303);

    assert_eq!(
        app.second_browser()
            .post_form(&path, "/api/agenda/floor", &floor)
            .await
            .0,
        401
    );
    assert_eq!(
        app.post_form(&path, "/api/agenda/floor", &floor).await.0,
        403,
        "a resident"
    );
    let officer = staff(&app, "petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR")).await;
    assert_eq!(officer.post_form(&path, "/api/agenda/floor", &floor).await.0, 403);
    // A bad field: a clear message, the typed values kept, nothing written.
    let mut short = floor.to_vec();
    short[2] = ("title", "Sumur");
    let (status, _, page) = secretariat.post_form(&path, "/api/agenda/floor", &short).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("Disampaikan langsung di forum"),
        "the form keeps its values"
    );
    let (status, location, _) = secretariat.post_form(&path, "/api/agenda/floor", &floor).await;
    assert_eq!(status, 303);
    assert!(location.unwrap().starts_with(&format!("{path}#item-")));

    let (_, page) = app.second_browser().get(&path).await;
    let apart = &page[page.find("Dari forum").expect("a floor section")..];
    assert!(apart.contains("Sumur bor dusun Krajan kering"), "{page}");
    assert!(
        !apart.contains("Jalan Kalisalak rusak"),
        "the agenda's own items stay above"
    );
    assert!(!page.contains("Pak Rasman"), "the speaker's name is for staff");
    let floor_issue = follow_up::Entity::find().all(&app.state.db).await.unwrap();
    assert!(floor_issue.is_empty(), "no follow-up until the outcome");
    let (_, staff_page) = secretariat.get(&path).await;
    assert!(staff_page.contains("Tambah butir dari forum"));
    app.cleanup().await;
}

async fn each_opd_has_a_public_page_that_never_lists_a_confidential_issue(db: Db) {
    let app = TestApp::start(db).await;
    let dinsos = staff(&app, "petugas@dinsos.test", Role::OpdOfficer, Some("DINSOS")).await;
    resident(&app, "Marni Terbuka", "marni@warga.test").await;
    let open = "Santunan kematian ibu mertua belum ada kabar";
    let secret = "Santunan kematian dipotong oknum perangkat desa";
    let done = "Santunan kematian kakek sudah diajukan dua bulan";
    let open_id = post_in(&app, "santunan-kematian", open, "publik").await;
    post_in(&app, "santunan-kematian", secret, "rahasia").await;
    let done_id = post_in(&app, "santunan-kematian", done, "publik").await;
    let lead = follow_ups(&app, &done_id).await[0].id;
    assert_eq!(act(&dinsos, &done_id, lead, "accept", &[]).await.0, 303);
    assert_eq!(
        act(&dinsos, &done_id, lead, "resolve", &[("body", "Sudah cair")])
            .await
            .0,
        303
    );
    let word = [("body", "Benar, sudah kami terima di bank desa")];
    assert_eq!(act(&app, &done_id, lead, "confirm", &word).await.0, 303);
    // A week later the open one is past its five working days.
    app.advance(TimeDelta::days(8));

    let visitor = app.second_browser();
    let (_, card) = visitor.get("/scorecard").await;
    assert!(card.contains("href=\"/scorecard/dinsos\""), "{card}");
    let (status, page) = visitor.get("/scorecard/dinsos").await;
    assert_eq!(status, 200, "{page}");
    for text in [
        "Dinas Sosial",
        open,
        &format!("href=\"/issues/{open_id}\""),
        "terlambat: tenggat",
        done,
        "Warga mengonfirmasi selesai",
        "sudah kami terima di bank desa",
        "Ditambah 1 aduan rahasia",
        "trend-months",
    ] {
        assert!(page.contains(text), "{text} in {page}");
    }
    assert!(!page.contains(secret) && !page.contains("Marni"), "{page}");
    assert_eq!(visitor.get("/scorecard/DINSOS").await.0, 200, "any case");
    assert_eq!(visitor.get("/scorecard/tidak-ada").await.0, 404);
    app.cleanup().await;
}

async fn staff_search_finds_confidential_issues_for_inbox_readers_only(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Suminah Pelapor", "suminah@warga.test").await;
    let secret = "Oknum kadus meminta uang pelicin bantuan";
    post_in(&app, "bantuan-sosial", secret, "rahasia").await;
    post_in(&app, "jalan-jembatan", "Jalan dusun Krajan licin berlumpur", "publik").await;
    let search = "/staff/inbox?q=PELICIN%20kadus";
    assert_eq!(app.second_browser().get(search).await.0, 401);
    assert_eq!(app.get(search).await.0, 403, "a resident");
    let officer = staff(&app, "petugas@dinsos.test", Role::OpdOfficer, Some("DINSOS")).await;
    assert_eq!(officer.get(search).await.0, 403, "an OPD officer");
    for (email, role) in [
        ("sekretariat@staf.test", Role::Secretariat),
        ("operator@staf.test", Role::Operator),
    ] {
        let reader = staff(&app, email, role, None).await;
        let (status, page) = reader.get(search).await;
        assert_eq!(status, 200, "{page}");
        let found = &page[page.find("staff-found").expect("results")..];
        assert!(found.contains(secret) && found.contains("Rahasia"), "{found}");
        assert!(found.contains(": 1 aduan"), "both words must match: {found}");
        assert!(page.contains("value=\"PELICIN kadus\""), "the words stay in the box");
    }
    let (_, public) = app.second_browser().get("/issues?q=pelicin").await;
    assert!(!public.contains(secret), "the public search never finds it");
    app.cleanup().await;
}

async fn an_opds_official_address_hears_of_its_work_once(db: Db) {
    let app = TestApp::start(db).await;
    const OFFICE: &str = "dinsos@batangkab.test";
    let dinsos = opd::Entity::find()
        .filter(opd::Column::Code.eq("DINSOS"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut row: opd::ActiveModel = dinsos.into();
    row.email = Set(Some(OFFICE.to_owned()));
    row.update(&app.state.db).await.unwrap();
    let admin = staff(&app, "admin@staf.test", Role::Admin, None).await;
    let (_, page) = admin.get("/admin/opds").await;
    assert!(
        page.contains("belum ada akun petugas: hanya alamat resmi yang diberi tahu"),
        "{page}"
    );
    assert!(
        page.contains("tidak ada akun petugas maupun alamat resmi"),
        "the OPDs without either"
    );

    // No officer account yet: the office hears of the assignment, the deadline coming and
    // the deadline passed, each once however often the job runs.
    resident(&app, "Ngatiyem", "ngatiyem@warga.test").await;
    let id = post_in(
        &app,
        "santunan-kematian",
        "Santunan kematian bapak belum diproses",
        "publik",
    )
    .await;
    app.mail_settled().await;
    let office = app.smtp.messages_to(OFFICE).await;
    assert_eq!(office.len(), 1);
    assert_eq!(office[0].subject(), format!("Aduan #{id} ditugaskan ke OPD Anda"));
    app.advance(TimeDelta::days(4));
    jobs::escalation::escalate(&app.state).await.unwrap();
    jobs::escalation::escalate(&app.state).await.unwrap();
    app.advance(TimeDelta::days(4));
    jobs::escalation::escalate(&app.state).await.unwrap();
    jobs::escalation::escalate(&app.state).await.unwrap();
    app.mail_settled().await;
    assert_eq!(
        app.smtp.messages_to(OFFICE).await.len(),
        3,
        "assigned, due soon, overdue"
    );

    // An officer who signs in with the office's address gets each message once, not twice.
    let officer = staff(&app, OFFICE, Role::OpdOfficer, Some("DINSOS")).await;
    post_in(
        &app,
        "santunan-kematian",
        "Santunan kematian ibu kami tertunda",
        "publik",
    )
    .await;
    app.mail_settled().await;
    assert_eq!(app.smtp.messages_to(OFFICE).await.len(), 4);
    let (_, page) = admin.get("/admin/opds").await;
    assert!(
        !page.contains("hanya alamat resmi yang diberi tahu"),
        "DINSOS has an officer now"
    );
    drop(officer);
    app.cleanup().await;
}
