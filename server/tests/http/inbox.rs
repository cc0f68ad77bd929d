//! The secretariat's inbox: who may read it, that confidential issues reach it (and only
//! staff), deadlines in working days with the overdue first, the tabs, and disposing of
//! items from their rows.

use app::{
    domain::{
        entities::{follow_up, issue},
        jobs,
    },
    model::{account::Role, issue::IssueStatus},
};
use chrono::TimeDelta;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    follow_up::staff,
    forum::{post_issue, resident},
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    only_the_secretariat_admin_and_operators_read_the_inbox_and_confidential_issues_reach_it,
    the_secretariat_disposes_of_items_from_the_inbox_and_each_tab_holds_its_own,
);

/// Schedules the Friday of 4 December 2026 as the secretariat in `browser`.
async fn schedule_friday(browser: &TestApp) {
    let (status, _, body) = browser
        .post_form(
            "/sessions/new",
            "/api/session/create",
            &[
                ("date", "2026-12-04"),
                ("time", "08:00"),
                ("duration", "180"),
                ("venue", "Pendopo Kecamatan Subah"),
                ("capacity", "100"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{body}");
}

async fn status_of(app: &TestApp, path: &str) -> IssueStatus {
    let id: i32 = path.trim_start_matches("/issues/").parse().unwrap();
    issue::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .status
}

async fn only_the_secretariat_admin_and_operators_read_the_inbox_and_confidential_issues_reach_it(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Siti Rahasiawati", "siti@warga.test").await;
    let secret = post_issue(&app, "Kepala dusun meminta uang pelicin", "rahasia").await;
    post_issue(&app, "Jalan desa Kalimanggis berlubang", "publik").await;

    assert_eq!(app.second_browser().get("/staff/inbox").await.0, 401);
    assert_eq!(app.get("/staff/inbox").await.0, 403, "a resident");
    let officer = staff(&app, "petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR")).await;
    assert_eq!(officer.get("/staff/inbox").await.0, 403, "an OPD officer");

    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    schedule_friday(&secretariat).await;
    let (status, page) = secretariat.get("/staff/inbox").await;
    assert_eq!(status, 200, "{page}");
    for text in [
        "Kepala dusun meminta uang pelicin",
        &format!("href=\"{secret}\""),
        "Jalan desa Kalimanggis berlubang",
        "Menunggu keputusan (2)",
        "Rahasia (1)",
        "menunggu 0 hari kerja",
        "Teruskan ke OPD",
        "Masukkan ke agenda",
    ] {
        assert!(page.contains(text), "{text} in the inbox");
    }
    // The count in the staff menu, on every page.
    let (_, home) = secretariat.get("/").await;
    assert!(home.contains("<span class=\"count-badge\">2</span>"), "{home}");
    let (_, tab) = secretariat.get("/staff/inbox?tab=rahasia").await;
    assert!(tab.contains("uang pelicin") && !tab.contains("Kalimanggis berlubang"));
    // A confidential issue may go on an agenda too (the public reads only its category).
    let row = &tab[tab.find("uang pelicin").unwrap()..];
    assert!(row.contains("Masukkan ke agenda"), "{row}");

    // Operators read it and cannot act; the admin acts.
    let operator = staff(&app, "operator@staf.test", Role::Operator, None).await;
    let (status, page) = operator.get("/staff/inbox").await;
    assert_eq!(status, 200);
    assert!(page.contains("uang pelicin") && !page.contains("Teruskan ke OPD"));
    let admin = staff(&app, "admin@staf.test", Role::Admin, None).await;
    assert!(admin.get("/staff/inbox").await.1.contains("Teruskan ke OPD"));

    // Four working days later (a weekend between), both are past the three-day deadline.
    app.advance(TimeDelta::days(6));
    let (_, page) = secretariat.get("/staff/inbox").await;
    assert_eq!(page.matches("Lewat batas").count(), 2, "{page}");
    assert!(page.contains("menunggu 4 hari kerja"), "{page}");
    // The secretariat and the admin are mailed of each, once.
    assert_eq!(jobs::disposition::tell_overdue(&app.state).await.unwrap(), 4);
    assert_eq!(jobs::disposition::tell_overdue(&app.state).await.unwrap(), 0, "once");
    app.mail_settled().await;
    let mail = app.smtp.messages_to("sekretariat@staf.test").await;
    let late: Vec<_> = mail
        .iter()
        .filter(|m| m.subject().contains("melewati batas disposisi"))
        .collect();
    assert_eq!(late.len(), 2);
    assert!(
        app.smtp.messages_to("operator@staf.test").await.is_empty(),
        "operators only read"
    );

    // Never to the public: signed out and a resident see neither it nor the inbox.
    for reader in [&app.second_browser(), &app] {
        for list in ["/issues", "/", "/issues.atom", "/open311/v2/requests.json"] {
            assert!(!reader.get(list).await.1.contains("pelicin"), "{list}");
        }
    }
    app.cleanup().await;
}

async fn the_secretariat_disposes_of_items_from_the_inbox_and_each_tab_holds_its_own(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Siti Aminah", "siti@warga.test").await;
    let to_opd = post_issue(&app, "Jembatan gantung Desa Sengon putus", "rahasia").await;
    let to_friday = post_issue(&app, "Pasar Subah becek dan kumuh", "publik").await;
    let to_reject = post_issue(&app, "Iklan jual motor murah hubungi saya", "publik").await;
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    let officer = staff(&app, "petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR")).await;
    let dpupr = app.opd_id("DPUPR").await;

    // To an OPD: the confidential one, from its row.
    let id = to_opd.trim_start_matches("/issues/");
    let fields = [
        ("issue", id),
        ("lead", dpupr.as_str()),
        ("action", "Tinjau dan perbaiki jembatan gantung."),
        ("days", "5"),
    ];
    let (status, _, body) = secretariat
        .post_form("/staff/inbox", "/api/follow-up/assign", &fields)
        .await;
    assert_eq!(status, 303, "{body}");
    assert_eq!(status_of(&app, &to_opd).await, IssueStatus::Assigned);
    let (_, queue) = officer.get("/opd").await;
    assert!(
        queue.contains("Jembatan gantung Desa Sengon"),
        "the assigned OPD sees it"
    );

    // On a Friday's agenda.
    schedule_friday(&secretariat).await;
    let (_, page) = secretariat.get("/staff/inbox").await;
    let session = page
        .split("name=\"session\"")
        .nth(1)
        .and_then(|rest| rest.split("value=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let id = to_friday.trim_start_matches("/issues/");
    let (status, _, body) = secretariat
        .post_form(
            "/staff/inbox",
            "/api/agenda/add",
            &[("session", &session), ("issue", id)],
        )
        .await;
    assert_eq!(status, 303, "{body}");

    // Rejected with a reason.
    let id = to_reject.trim_start_matches("/issues/");
    let (status, _, body) = secretariat
        .post_form(
            "/staff/inbox",
            "/api/moderation/decide",
            &[
                ("kind", "issue"),
                ("id", id),
                ("action", "reject"),
                ("reason", "Iklan, bukan aduan."),
            ],
        )
        .await;
    assert_eq!(status, 303, "{body}");
    assert_eq!(status_of(&app, &to_reject).await, IssueStatus::Rejected);

    let (_, page) = secretariat.get("/staff/inbox").await;
    assert!(
        page.contains("Menunggu keputusan (0)") && page.contains("Tidak ada yang menunggu"),
        "{page}"
    );

    // The OPD declines: back in the inbox, in its own tab, with the OPD's reason.
    let lead = follow_up::Entity::find()
        .filter(follow_up::Column::IssueId.eq(to_opd.trim_start_matches("/issues/").parse::<i32>().unwrap()))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let (status, _, body) = officer
        .post_form(
            &to_opd,
            "/api/follow-up/act",
            &[
                ("id", &lead),
                ("action", "decline"),
                ("body", "Jembatan desa wewenang Dispermades."),
            ],
        )
        .await;
    assert_eq!(status, 303, "{body}");
    let (_, page) = secretariat.get("/staff/inbox?tab=declined").await;
    assert!(page.contains("Ditolak OPD (1)") && page.contains("Jembatan gantung Desa Sengon"));
    assert!(
        page.contains("Alasan OPD") && page.contains("wewenang Dispermades"),
        "{page}"
    );
    assert!(
        secretariat
            .get("/staff/inbox")
            .await
            .1
            .contains("Menunggu keputusan (1)")
    );
    app.cleanup().await;
}
