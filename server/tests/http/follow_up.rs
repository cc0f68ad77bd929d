//! OPD follow-up: the secretariat assigns, the OPD's officers accept or decline, report and
//! resolve, the author confirms or reopens, silence closes; each step by the wrong person or
//! at the wrong stage is refused; internal notes stay inside the OPD and the secretariat;
//! deadlines follow the holiday table.

use app::{
    domain::{
        entities::{follow_up, holiday, issue},
        jobs,
    },
    model::{account::Role, follow_up::FollowUpStatus},
};
use chrono::{NaiveDate, TimeDelta, TimeZone, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    forum::{post_issue, resident},
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    the_secretariat_assigns_the_opd_works_it_and_the_author_confirms,
    a_declined_follow_up_goes_back_to_the_secretariat_to_re_route,
    a_reopened_follow_up_starts_again_and_silence_closes_a_resolved_one,
    deadlines_follow_the_holiday_table,
    deadlines_are_told_once_each_and_escalate_to_the_bupatis_summary,
    the_scorecard_matches_numbers_counted_by_hand,
    evidence_photos_and_exports_reach_only_those_who_may_have_them,
    the_admin_keeps_the_opds_and_their_contact_shows_with_follow_ups,
);

const STAFF: &str = "kata sandi staf";

/// A second browser signed in as a new staff account.
pub async fn staff(app: &TestApp, email: &str, role: Role, opd: Option<&str>) -> TestApp {
    app.create_account(email, role, opd).await;
    let browser = app.second_browser();
    browser.sign_in(email, STAFF).await;
    browser
}

pub async fn issue_status(app: &TestApp, id: &str) -> String {
    issue::Entity::find_by_id(id.parse::<i32>().unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .status
        .as_str()
        .to_owned()
}

pub async fn follow_ups(app: &TestApp, id: &str) -> Vec<follow_up::Model> {
    follow_up::Entity::find()
        .filter(follow_up::Column::IssueId.eq(id.parse::<i32>().unwrap()))
        .order_by_asc(follow_up::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
}

/// Each step a minute after the one before, as people work.
pub async fn assign(by: &TestApp, id: &str, lead: &str, supporting: &str, days: &str) -> (u16, String) {
    by.advance(TimeDelta::minutes(1));
    let path = format!("/issues/{id}");
    let fields = [
        ("issue", id),
        ("lead", lead),
        ("supporting", supporting),
        ("action", "Tambal lubang di depan SD sebelum musim hujan."),
        ("days", days),
    ];
    let (status, _, page) = by.post_form(&path, "/api/follow-up/assign", &fields).await;
    (status, page)
}

pub async fn act(by: &TestApp, issue: &str, follow_up: i32, action: &str, fields: &[(&str, &str)]) -> (u16, String) {
    by.advance(TimeDelta::minutes(1));
    let path = format!("/issues/{issue}");
    let id = follow_up.to_string();
    let mut all = vec![("id", id.as_str()), ("action", action)];
    all.extend_from_slice(fields);
    let (status, _, page) = by.post_form(&path, "/api/follow-up/act", &all).await;
    (status, page)
}

async fn the_secretariat_assigns_the_opd_works_it_and_the_author_confirms(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Siti", "siti@warga.test").await;
    let path = post_issue(&app, "Jalan berlubang di depan SD Kalimanggis", "publik").await;
    let id = path.trim_start_matches("/issues/").to_owned();
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    let dpupr = staff(&app, "petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR")).await;
    let dinkes = staff(&app, "petugas@dinkes.test", Role::OpdOfficer, Some("DINKES")).await;
    let (dpupr_id, dinkes_id) = (app.opd_id("DPUPR").await, app.opd_id("DINKES").await);

    for (who, expected) in [(&app, 403), (&dpupr, 403)] {
        assert_eq!(assign(who, &id, &dpupr_id, "", "").await.0, expected);
    }
    let (_, page) = secretariat.get(&path).await;
    assert!(page.contains("Tugaskan ke OPD"));
    assert!(
        page.contains(&format!("<option value=\"{dpupr_id}\" selected>DPUPR</option>")),
        "the category OPD is offered as the lead: {page}"
    );
    let (_, page) = app.get(&path).await;
    assert!(!page.contains("Tugaskan ke OPD"), "only the secretariat assigns");
    assert_eq!(assign(&secretariat, &id, &dpupr_id, &dinkes_id, "").await.0, 303);
    assert_eq!(issue_status(&app, &id).await, "assigned");
    let rows = follow_ups(&app, &id).await;
    assert_eq!(rows.len(), 2);
    assert!(rows[0].lead && !rows[1].lead);
    assert_eq!(rows[0].sla_days, 5, "the default");
    for officer in ["petugas@dpupr.test", "petugas@dinkes.test"] {
        let mail = app.smtp.wait_for(officer, 1).await;
        assert_eq!(mail[0].subject(), format!("Aduan #{id} ditugaskan ke OPD Anda"));
    }
    let (status, page) = assign(&secretariat, &id, &dinkes_id, "", "").await;
    assert_eq!(status, 422, "already assigned");
    assert!(page.contains("tidak bisa dilakukan pada tahap sekarang"));

    let lead = rows[0].id;
    assert_eq!(act(&dinkes, &id, lead, "accept", &[]).await.0, 403, "another OPD's");
    assert_eq!(act(&app, &id, lead, "accept", &[]).await.0, 403, "a resident");
    assert_eq!(
        act(&secretariat, &id, lead, "accept", &[]).await.0,
        403,
        "the secretariat"
    );
    let (status, _) = act(&dpupr, &id, lead, "resolve", &[("body", "Sudah")]).await;
    assert_eq!(status, 422, "resolve before accept");
    assert_eq!(act(&dpupr, &id, lead, "accept", &[]).await.0, 303);
    assert_eq!(issue_status(&app, &id).await, "in_progress");
    // Verification, received, assigned, accepted.
    let accepted = &app.smtp.wait_for("siti@warga.test", 4).await[3];
    assert_eq!(accepted.subject(), format!("Tindak lanjut aduan #{id}: Diterima OPD"));

    let progress = [
        ("body", "Material sudah dipesan"),
        ("percent", "40"),
        ("cost", "Rp 2.500.000"),
    ];
    assert_eq!(act(&dpupr, &id, lead, "progress", &progress).await.0, 303);
    let (status, page) = act(&dpupr, &id, lead, "progress", &[("body", "x"), ("cost", "dua juta")]).await;
    assert_eq!(status, 422);
    assert!(page.contains("Tulis jumlah rupiah sebagai angka"), "{page}");
    let note = [("body", "Anggaran menunggu DPA perubahan"), ("internal", "1")];
    assert_eq!(act(&dpupr, &id, lead, "progress", &note).await.0, 303);
    let (_, page) = app.get(&path).await;
    assert!(page.contains("40% selesai") && page.contains("Rp 2.500.000") && page.contains("Material sudah dipesan"));
    for (who, sees) in [(&app, false), (&dinkes, false), (&secretariat, true), (&dpupr, true)] {
        let (_, page) = who.get(&path).await;
        assert_eq!(page.contains("Anggaran menunggu DPA"), sees, "internal note");
    }

    assert_eq!(
        act(&dpupr, &id, lead, "resolve", &[("body", "Lubang sudah ditambal")])
            .await
            .0,
        303
    );
    assert_eq!(issue_status(&app, &id).await, "resolved");
    // … progress (not the internal note), resolved.
    let resolved = &app.smtp.wait_for("siti@warga.test", 6).await[5];
    assert!(
        resolved.text().contains("Apakah sudah benar-benar beres?"),
        "{}",
        resolved.text()
    );
    let budi = app.second_browser();
    resident(&budi, "Budi", "budi@warga.test").await;
    assert_eq!(act(&budi, &id, lead, "confirm", &[]).await.0, 403, "only the author");
    let (_, page) = app.get(&path).await;
    assert!(page.contains("Ya, sudah beres"));
    assert_eq!(act(&app, &id, lead, "confirm", &[]).await.0, 303);
    assert_eq!(issue_status(&app, &id).await, "closed");
    assert_eq!(
        act(&app, &id, lead, "reopen", &[("body", "Lagi")]).await.0,
        422,
        "closed"
    );

    // One history, oldest first, with who and when in WIB.
    let (_, page) = app.get(&path).await;
    let history = &page[page.find("Riwayat").expect("a history")..];
    let dpupr_step = |step: &str| format!("Dinas Pekerjaan Umum dan Penataan Ruang: {step}");
    let order = [
        "Aduan dikirim".to_owned(),
        dpupr_step("Ditugaskan"),
        "Status: Diteruskan ke OPD".to_owned(),
        dpupr_step("Diterima OPD"),
        "Status: Sedang ditangani".to_owned(),
        "Material sudah dipesan".to_owned(),
        "Lubang sudah ditambal".to_owned(),
        dpupr_step("Dikonfirmasi warga"),
        "Status: Ditutup".to_owned(),
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|needle| {
            history
                .find(needle.as_str())
                .unwrap_or_else(|| panic!("{needle} in {history}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(history.contains(" WIB</time>"));
    app.cleanup().await;
}

async fn a_declined_follow_up_goes_back_to_the_secretariat_to_re_route(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Siti", "siti@warga.test").await;
    let path = post_issue(&app, "Saluran irigasi Sengon jebol", "publik").await;
    let id = path.trim_start_matches("/issues/").to_owned();
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    let dinkes = staff(&app, "petugas@dinkes.test", Role::OpdOfficer, Some("DINKES")).await;
    assert_eq!(
        assign(&secretariat, &id, &app.opd_id("DINKES").await, "", "3").await.0,
        303
    );
    let lead = follow_ups(&app, &id).await[0].id;
    let (status, page) = act(&dinkes, &id, lead, "decline", &[("body", "")]).await;
    assert_eq!(status, 422, "a reason is needed");
    assert!(page.contains("Wajib diisi"));
    let reason = [("body", "Irigasi urusan Dinas Pertanian dan PUPR, bukan kesehatan")];
    assert_eq!(act(&dinkes, &id, lead, "decline", &reason).await.0, 303);
    assert_eq!(issue_status(&app, &id).await, "discussed", "back to the secretariat");
    let (_, page) = secretariat.get(&path).await;
    assert!(page.contains("Irigasi urusan Dinas Pertanian") && page.contains("Tugaskan ke OPD"));
    assert_eq!(
        assign(&secretariat, &id, &app.opd_id("DPUPR").await, "", "").await.0,
        303
    );
    assert_eq!(issue_status(&app, &id).await, "assigned");
    app.cleanup().await;
}

async fn a_reopened_follow_up_starts_again_and_silence_closes_a_resolved_one(db: Db) {
    let app = TestApp::start(db).await;
    // Tuesday 1 December 2026, 10:00 WIB.
    app.state
        .clock
        .set(Utc.with_ymd_and_hms(2026, 12, 1, 3, 0, 0).single().unwrap());
    resident(&app, "Siti", "siti@warga.test").await;
    let path = post_issue(&app, "Lampu jalan Tulis mati sebulan", "anonim").await;
    let id = path.trim_start_matches("/issues/").to_owned();
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    let dpupr = staff(&app, "petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR")).await;
    assert_eq!(
        assign(&secretariat, &id, &app.opd_id("DPUPR").await, "", "3").await.0,
        303
    );
    let lead = follow_ups(&app, &id).await[0].id;
    assert_eq!(
        follow_ups(&app, &id).await[0].due_on,
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
    );
    assert_eq!(act(&dpupr, &id, lead, "accept", &[]).await.0, 303);
    assert_eq!(
        act(&dpupr, &id, lead, "resolve", &[("body", "Lampu diganti")]).await.0,
        303
    );

    // A week later (Tuesday 8 December) the resident says it is not fixed.
    app.advance(TimeDelta::days(7));
    assert_eq!(
        act(&app, &id, lead, "reopen", &[("body", "Masih mati tiap malam")])
            .await
            .0,
        303
    );
    let row = &follow_ups(&app, &id).await[0];
    assert_eq!((row.status.as_str(), row.reopened), ("in_progress", 1));
    assert_eq!(
        row.due_on,
        NaiveDate::from_ymd_opt(2026, 12, 11).unwrap(),
        "three working days again"
    );
    assert_eq!(issue_status(&app, &id).await, "reopened");
    let told = app.smtp.wait_for("petugas@dpupr.test", 2).await;
    assert!(told[1].text().contains("Masih mati tiap malam"), "the OPD hears why");
    assert!(!told[1].text().contains("Siti"), "not who, of an anonymous issue");
    let (_, page) = dpupr.get(&path).await;
    let history = &page[page.find("Riwayat").unwrap()..];
    assert!(
        history.contains("Dibuka lagi oleh warga</strong> · Pelapor") && !history.contains("Siti"),
        "{history}"
    );

    assert_eq!(
        act(&dpupr, &id, lead, "resolve", &[("body", "Kabel diganti")]).await.0,
        303
    );
    app.advance(TimeDelta::days(7));
    assert_eq!(
        jobs::deadlines::close_unanswered(&app.state).await.unwrap(),
        0,
        "five working days is not ten"
    );
    app.advance(TimeDelta::days(8));
    assert_eq!(jobs::deadlines::close_unanswered(&app.state).await.unwrap(), 1);
    assert_eq!(jobs::deadlines::close_unanswered(&app.state).await.unwrap(), 0);
    assert_eq!(issue_status(&app, &id).await, "closed");
    assert_eq!(act(&app, &id, lead, "confirm", &[]).await.0, 422, "too late");
    app.cleanup().await;
}

async fn deadlines_follow_the_holiday_table(db: Db) {
    let app = TestApp::start(db).await;
    // Tuesday 1 December 2026, 10:00 WIB.
    app.state
        .clock
        .set(Utc.with_ymd_and_hms(2026, 12, 1, 3, 0, 0).single().unwrap());
    resident(&app, "Siti", "siti@warga.test").await;
    let path = post_issue(&app, "Pasar Bawang becek dan banjir", "publik").await;
    let id = path.trim_start_matches("/issues/").to_owned();
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    let dpupr = staff(&app, "petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR")).await;
    assert_eq!(
        assign(&secretariat, &id, &app.opd_id("DPUPR").await, "", "5").await.0,
        303
    );
    let due = || async { follow_ups(&app, &id).await[0].due_on };
    let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
    assert_eq!(due().await, day(8));
    let (_, page) = dpupr.get("/opd").await;
    assert!(
        page.contains("Pasar Bawang becek dan banjir") && page.contains("5 hari kerja lagi"),
        "{page}"
    );
    assert_eq!(app.get("/opd").await.0, 403, "residents have no OPD list");

    let admin = staff(&app, "admin@staf.test", Role::Admin, None).await;
    let added = [
        ("day", "2026-12-04"),
        ("kind", "cuti_bersama"),
        ("description", "Cuti bersama uji"),
    ];
    assert_eq!(
        admin
            .post_form("/admin/holidays", "/api/admin/holiday/save", &added)
            .await
            .0,
        303
    );
    assert_eq!(
        due().await,
        day(9),
        "a holiday added after assignment moves the deadline"
    );
    let added = holiday::Entity::find()
        .filter(holiday::Column::Day.eq(day(4)))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let form = [("id", added.id.to_string())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        admin
            .post_form("/admin/holidays", "/api/admin/holiday/delete", &form)
            .await
            .0,
        303
    );
    assert_eq!(due().await, day(8), "and back when it is removed");
    app.cleanup().await;
}

async fn deadlines_are_told_once_each_and_escalate_to_the_bupatis_summary(db: Db) {
    let app = TestApp::start(db).await;
    // Tuesday 1 December 2026, 10:00 WIB.
    let start = Utc.with_ymd_and_hms(2026, 12, 1, 3, 0, 0).single().unwrap();
    app.state.clock.set(start);
    resident(&app, "Siti", "siti@warga.test").await;
    let path = post_issue(&app, "Jembatan gantung Wonotunggal goyang", "publik").await;
    let id = path.trim_start_matches("/issues/").to_owned();
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    staff(&app, "petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR")).await;
    staff(&app, "petugas@dinkes.test", Role::OpdOfficer, Some("DINKES")).await;
    assert_eq!(
        assign(&secretariat, &id, &app.opd_id("DPUPR").await, "", "2").await.0,
        303
    );
    let run = || async {
        jobs::escalation::escalate(&app.state).await.unwrap();
        jobs::escalation::escalate(&app.state).await.unwrap();
    };
    let subjects = |to: &'static str| {
        let app = &app;
        async move {
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
            app.smtp
                .messages_to(to)
                .await
                .iter()
                .map(|m| m.subject())
                .collect::<Vec<_>>()
        }
    };
    run().await;
    assert_eq!(subjects("petugas@dpupr.test").await.len(), 1, "only the assignment");

    // Wednesday: one working day left.
    app.state.clock.set(start + TimeDelta::days(1));
    run().await;
    let soon = format!("Tenggat aduan #{id} tinggal satu hari kerja");
    assert_eq!(&subjects("petugas@dpupr.test").await[1..], std::slice::from_ref(&soon));
    assert!(
        subjects("sekretariat@staf.test").await.is_empty(),
        "not yet the secretariat's"
    );

    // Friday: past the deadline of Thursday.
    app.state.clock.set(start + TimeDelta::days(3));
    run().await;
    let overdue = format!("Aduan #{id} melewati tenggat");
    assert_eq!(subjects("petugas@dpupr.test").await[1..], [soon, overdue.clone()]);
    assert_eq!(subjects("sekretariat@staf.test").await, std::slice::from_ref(&overdue));
    assert!(
        subjects("petugas@dinkes.test").await.is_empty(),
        "another OPD hears nothing"
    );
    let (_, page) = secretariat.get("/staff").await;
    assert!(
        !page.contains("Jembatan gantung Wonotunggal"),
        "one day late is not escalated yet"
    );

    // Friday a week later: six working days late, on the Bupati's summary.
    app.state.clock.set(start + TimeDelta::days(10));
    run().await;
    assert_eq!(subjects("sekretariat@staf.test").await, [overdue], "told once");
    let (_, page) = secretariat.get("/staff").await;
    assert!(
        page.contains("Jembatan gantung Wonotunggal") && page.contains("terlambat 6 hari kerja"),
        "{page}"
    );
    assert_eq!(app.get("/staff").await.0, 403, "residents have no staff room");

    // Monday 07:01 WIB: the week's escalation summary, once.
    app.state
        .clock
        .set(Utc.with_ymd_and_hms(2026, 12, 14, 0, 1, 0).single().unwrap());
    assert_eq!(jobs::escalation::weekly_escalation(&app.state).await.unwrap(), 1);
    assert_eq!(jobs::escalation::weekly_escalation(&app.state).await.unwrap(), 0);
    let summary = &app.smtp.wait_for("sekretariat@staf.test", 2).await[1];
    assert_eq!(summary.subject(), "1 tindak lanjut terlambat lebih dari 5 hari kerja");
    assert!(summary.text().contains("Jembatan gantung Wonotunggal"));
    app.cleanup().await;
}

async fn the_scorecard_matches_numbers_counted_by_hand(db: Db) {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, sea_query::Expr};
    let app = TestApp::start(db).await;
    // Tuesday 15 December 2026, 10:00 WIB.
    app.state
        .clock
        .set(Utc.with_ymd_and_hms(2026, 12, 15, 3, 0, 0).single().unwrap());
    resident(&app, "Siti", "siti@warga.test").await;
    let titles = [
        "Jalan desa Kalimanggis berlubang",
        "Lampu penerangan pasar Subah mati",
        "Jembatan kayu Kemiri lapuk",
        "Saluran air sekolah tersumbat",
        "Pagar puskesmas pembantu roboh",
        "Trotoar alun-alun retak parah",
        "Posyandu kekurangan timbangan bayi",
    ];
    let mut issues = Vec::new();
    for title in titles {
        let path = post_issue(&app, title, "publik").await;
        issues.push(path.trim_start_matches("/issues/").parse::<i32>().unwrap());
    }
    let (dpupr, dinkes) = (
        app.opd_id("DPUPR").await.parse::<i32>().unwrap(),
        app.opd_id("DINKES").await.parse::<i32>().unwrap(),
    );
    // All assigned on Monday 2 November 2026 and due Monday 9 November.
    let at = |day: u32| Utc.with_ymd_and_hms(2026, 11, day, 3, 0, 0).single().unwrap();
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    // (issue, OPD, first response, resolved, status)
    let seeded = [
        (issues[0], dpupr, Some(3), Some(5), "closed"),
        (issues[1], dpupr, Some(3), Some(6), "closed"),
        (issues[2], dpupr, Some(4), Some(9), "resolved"),
        (issues[3], dpupr, Some(4), Some(10), "closed"),
        (issues[4], dpupr, Some(5), Some(11), "closed"),
        (issues[5], dpupr, Some(3), None, "in_progress"),
        (issues[6], dinkes, Some(2), Some(2), "closed"),
    ];
    for (issue_id, opd_id, response, resolved, status) in seeded {
        follow_up::ActiveModel {
            issue_id: Set(issue_id),
            agenda_item_id: Set(None),
            opd_id: Set(opd_id),
            lead: Set(true),
            action_md: Set(String::new()),
            action_html: Set(String::new()),
            assigned_by: Set(None),
            assigned_on: Set(day(2)),
            sla_days: Set(5),
            due_on: Set(day(9)),
            status: Set(FollowUpStatus::parse(status).unwrap()),
            accepted_at: Set(response.map(at)),
            first_response_at: Set(response.map(at)),
            resolved_at: Set(resolved.map(at)),
            closed_at: Set(None),
            reopened: Set(0),
            created_at: Set(at(2)),
            updated_at: Set(at(2)),
            ..Default::default()
        }
        .insert(&app.state.db)
        .await
        .unwrap();
    }
    // Counted by hand: DPUPR resolved 5, by the deadline 3 (5, 6 and 9 November); first
    // responses after 1, 1, 2, 2, 3 and 1 working days (median 1.5); resolutions after 3, 4,
    // 5, 6 and 7 (median 5); one still open past its deadline. Dinkes fixed one the same day,
    // too few to rank. Subah, where all seven are: 6 resolved, 4 on time (66%), responses
    // 0, 1, 1, 1, 2, 2, 3 (median 1), resolutions 0, 3, 4, 5, 6, 7 (median 4.5).
    let res = app.client.get(app.url("/scorecard.csv")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines,
        [
            "jenis,nama,ditugaskan,selesai,tepat_waktu_persen,median_hari_kerja_respons,median_hari_kerja_selesai,terlambat,diperingkat",
            "opd,\"Dinas Pekerjaan Umum dan Penataan Ruang\",6,5,60,1.5,5,1,ya",
            "opd,\"Dinas Kesehatan\",1,1,100,0,0,0,tidak",
            "kecamatan,\"Subah\",7,6,66,1,4.5,1,ya",
        ]
    );
    let (status, page) = app.get("/scorecard").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Dalam 12 bulan terakhir 7 tindak lanjut ditugaskan dan 6 selesai."),
        "{page}"
    );
    assert!(page.contains("<svg") && page.contains("Nov 2026: Selesai 6"));
    assert!(
        page.contains("1,5") && page.contains("4,5"),
        "decimal commas in Indonesian"
    );
    assert!(page.contains("belum cukup data untuk diperingkat"));

    // Computed again at most once a minute, in the background: the reader who finds it a
    // minute old still gets the last one at once, and a later reader the new count.
    follow_up::Entity::update_many()
        .col_expr(follow_up::Column::Status, Expr::value("closed"))
        .col_expr(follow_up::Column::ResolvedAt, Expr::value(at(12)))
        .filter(follow_up::Column::IssueId.eq(issues[5]))
        .exec(&app.state.db)
        .await
        .unwrap();
    let dpupr_line = |csv: &str| {
        csv.lines()
            .find(|l| l.starts_with("opd,\"Dinas Pekerjaan Umum"))
            .unwrap_or_default()
            .to_owned()
    };
    let csv = |app: &TestApp| {
        let res = app.client.get(app.url("/scorecard.csv")).send();
        async move { res.await.unwrap().text().await.unwrap() }
    };
    let before = "opd,\"Dinas Pekerjaan Umum dan Penataan Ruang\",6,5,60,1.5,5,1,ya";
    assert_eq!(dpupr_line(&csv(&app).await), before, "within the minute");
    app.advance(TimeDelta::seconds(61));
    assert_eq!(dpupr_line(&csv(&app).await), before, "the last one, at once");
    let mut now = String::new();
    for _ in 0..50 {
        now = dpupr_line(&csv(&app).await);
        if now != before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        now.starts_with("opd,\"Dinas Pekerjaan Umum dan Penataan Ruang\",6,6,"),
        "{now}"
    );
    app.cleanup().await;
}

async fn csv_rows(by: &TestApp, path: &str) -> (u16, Vec<String>) {
    let res = by.client.get(by.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        text.trim_start_matches('\u{feff}').lines().map(str::to_owned).collect(),
    )
}

async fn evidence_photos_and_exports_reach_only_those_who_may_have_them(db: Db) {
    let app = TestApp::start(db).await;
    // Tuesday 1 December 2026, 10:00 WIB.
    app.state
        .clock
        .set(Utc.with_ymd_and_hms(2026, 12, 1, 3, 0, 0).single().unwrap());
    resident(&app, "Siti", "siti@warga.test").await;
    let road = post_issue(&app, "Jalan tani Bandar ambles", "publik").await;
    let clinic = post_issue(&app, "Atap posyandu Limpung bocor", "publik").await;
    let (road_id, clinic_id) = (
        road.trim_start_matches("/issues/"),
        clinic.trim_start_matches("/issues/"),
    );
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    let dpupr = staff(&app, "petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR")).await;
    let dinkes = staff(&app, "petugas@dinkes.test", Role::OpdOfficer, Some("DINKES")).await;
    assert_eq!(
        assign(&secretariat, road_id, &app.opd_id("DPUPR").await, "", "")
            .await
            .0,
        303
    );
    assert_eq!(
        assign(&secretariat, clinic_id, &app.opd_id("DINKES").await, "", "")
            .await
            .0,
        303
    );
    let (road_fu, clinic_fu) = (
        follow_ups(&app, road_id).await[0].id.to_string(),
        follow_ups(&app, clinic_id).await[0].id.to_string(),
    );
    assert_eq!(
        act(&dpupr, road_id, road_fu.parse().unwrap(), "accept", &[]).await.0,
        303
    );
    assert_eq!(
        act(&dinkes, clinic_id, clinic_fu.parse().unwrap(), "accept", &[])
            .await
            .0,
        303
    );

    // Progress with a photo as evidence, marked for the Musrenbang.
    let fields = [
        ("id", road_fu.as_str()),
        ("action", "progress"),
        ("body", "Butuh pengaspalan ulang 300 meter"),
        ("cost", "1.250.000"),
        ("needs_programme", "1"),
    ];
    let (status, _, page) = dpupr
        .post_multipart(
            &road,
            "/api/follow-up/act",
            &fields,
            &[("ambles.jpg", crate::photos::jpeg_with_gps())],
        )
        .await;
    assert_eq!(status, 303, "{page}");
    let fields = [
        ("id", clinic_fu.as_str()),
        ("action", "progress"),
        ("body", "Genteng diganti"),
        ("cost", "500000"),
    ];
    assert_eq!(dinkes.post_form(&clinic, "/api/follow-up/act", &fields).await.0, 303);
    let visitor = app.second_browser();
    let (_, page) = visitor.get(&road).await;
    assert!(page.contains("alt=\"Foto bukti 1 dari 1\""), "{page}");
    assert!(
        !page.contains("Foto 1 dari aduan ini"),
        "evidence is not the resident's photo"
    );
    assert!(page.contains("usulan Musrenbang"));
    let src = page
        .split("<img src=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let photo = visitor.client.get(visitor.url(&src)).send().await.unwrap();
    assert_eq!(photo.status(), 200);

    // Who may download what.
    assert_eq!(csv_rows(&visitor, "/staff/follow-ups.csv").await.0, 401);
    assert_eq!(csv_rows(&app, "/staff/follow-ups.csv").await.0, 403, "a resident");
    assert_eq!(csv_rows(&app, "/staff/e-budgeting.csv").await.0, 403, "a resident");
    let (status, rows) = csv_rows(&secretariat, "/staff/follow-ups.csv").await;
    assert_eq!((status, rows.len()), (200, 3), "{rows:?}");
    assert!(
        rows[1].contains("Jalan tani Bandar ambles") && rows[1].ends_with(",ya,1250000"),
        "{rows:?}"
    );
    let dpupr_id = app.opd_id("DPUPR").await;
    assert_eq!(
        csv_rows(&secretariat, &format!("/staff/follow-ups.csv?opd={dpupr_id}"))
            .await
            .1
            .len(),
        2
    );
    assert_eq!(
        csv_rows(&secretariat, "/staff/follow-ups.csv?status=in_progress")
            .await
            .1
            .len(),
        3
    );
    assert_eq!(
        csv_rows(&secretariat, "/staff/follow-ups.csv?from=2026-12-02")
            .await
            .1
            .len(),
        1
    );
    let (status, message) = csv_rows(&secretariat, "/staff/follow-ups.csv?from=kemarin").await;
    assert_eq!(status, 400);
    assert_eq!(message, ["Tanggal tidak valid, contoh: 2026-12-04."]);
    let dinkes_id = app.opd_id("DINKES").await;
    let (_, own) = csv_rows(&dpupr, &format!("/staff/follow-ups.csv?opd={dinkes_id}")).await;
    assert_eq!(own.len(), 2, "an officer gets their own OPD only: {own:?}");
    assert!(own[1].contains("Jalan tani Bandar ambles"));

    let (_, planning) = csv_rows(&secretariat, "/staff/e-planning.csv").await;
    assert_eq!(planning.len(), 2, "{planning:?}");
    assert!(planning[1].contains("Butuh pengaspalan ulang 300 meter") && planning[1].ends_with(",1250000"));
    let (_, budgeting) = csv_rows(&secretariat, "/staff/e-budgeting.csv").await;
    assert_eq!(
        budgeting,
        [
            "tahun_anggaran,opd,kategori,tindak_lanjut_berbiaya,total_biaya_rupiah",
            "2026,Dinas Kesehatan,Jalan dan jembatan,1,500000",
            "2026,Dinas Pekerjaan Umum dan Penataan Ruang,Jalan dan jembatan,1,1250000",
        ]
    );
    let (_, page) = secretariat.get("/staff").await;
    assert!(page.contains("Unduh CSV") && page.contains("/staff/e-planning.csv"));
    app.cleanup().await;
}

async fn the_admin_keeps_the_opds_and_their_contact_shows_with_follow_ups(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Siti", "siti@warga.test").await;
    let path = post_issue(&app, "Sumur bor Blado kering", "publik").await;
    let id = path.trim_start_matches("/issues/").to_owned();
    let save = "/api/admin/opd/save";
    let form = |code: &'static str| {
        [
            ("code", code),
            ("name", "Dinas Lingkungan Hidup"),
            ("short_name", "DLH"),
            ("email", "dlh@batangkab.go.id"),
            ("head_name", "Ir. Sri Wahyuni"),
        ]
    };
    assert_eq!(
        app.post_form("/admin/opds", save, &form("dlh")).await.0,
        403,
        "a resident"
    );
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    assert_eq!(
        secretariat.post_form("/admin/opds", save, &form("DLH")).await.0,
        403,
        "the secretariat"
    );
    let admin = staff(&app, "admin@staf.test", Role::Admin, None).await;
    let (status, _, page) = admin.post_form("/admin/opds", save, &form("DL H!")).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("Kode OPD hanya huruf besar") && page.contains("Ir. Sri Wahyuni"),
        "kept"
    );
    assert_eq!(admin.post_form("/admin/opds", save, &form("dlh")).await.0, 303);
    let (_, page) = admin.get("/admin/opds").await;
    assert!(page.contains("DLH") && page.contains("dlh@batangkab.go.id"));
    // The same code again changes it.
    let renamed = [
        ("code", "DLH"),
        ("name", "Dinas Lingkungan Hidup dan Kehutanan"),
        ("short_name", "DLHK"),
        ("email", ""),
        ("head_name", "Ir. Sri Wahyuni"),
    ];
    assert_eq!(admin.post_form("/admin/opds", save, &renamed).await.0, 303);
    let (_, page) = admin.get("/admin/opds").await;
    assert!(page.contains("Dinas Lingkungan Hidup dan Kehutanan") && !page.contains("dlh@batangkab.go.id"));

    assert_eq!(assign(&secretariat, &id, &app.opd_id("DLH").await, "", "").await.0, 303);
    let (_, page) = app.get(&path).await;
    assert!(page.contains("Kepala: Ir. Sri Wahyuni"), "{page}");
    let lead = follow_ups(&app, &id).await[0].id;
    let operator = staff(&app, "operator@staf.test", Role::Operator, None).await;
    assert_eq!(act(&operator, &id, lead, "accept", &[]).await.0, 403, "an operator");
    app.cleanup().await;
}
