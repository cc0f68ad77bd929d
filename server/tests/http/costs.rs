//! Costs add up: each progress report's cost is what that step spent, and the staff page
//! and the e-budgeting CSV give the same totals per fiscal year, OPD and category as the
//! test counts by hand (two OPDs, two categories, two years); officers see their own OPD.

use app::model::{account::Role, follow_up::format_rupiah};
use chrono::TimeDelta;
use std::collections::BTreeMap;

use crate::{
    desks::post_in,
    follow_up::{act, assign, follow_ups, staff},
    forum::resident,
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(the_costs_page_and_the_budgeting_csv_add_up_to_the_same_totals);

const DPUPR: &str = "Dinas Pekerjaan Umum dan Penataan Ruang";
const DINKES: &str = "Dinas Kesehatan";
const ROADS: &str = "Jalan dan jembatan";
const HEALTH: &str = "Layanan kesehatan";

async fn the_costs_page_and_the_budgeting_csv_add_up_to_the_same_totals(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Kasmirah", "kasmirah@warga.test").await;
    let road = post_in(
        &app,
        "jalan-jembatan",
        "Jalan desa Surodadi amblas di tikungan",
        "publik",
    )
    .await;
    let clinic = post_in(&app, "kesehatan", "Puskesmas pembantu Surodadi tanpa bidan", "publik").await;
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    let dpupr = staff(&app, "petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR")).await;
    let dinkes = staff(&app, "petugas@dinkes.test", Role::OpdOfficer, Some("DINKES")).await;
    assert_eq!(
        assign(&secretariat, &road, &app.opd_id("DPUPR").await, "", "").await.0,
        303
    );
    assert_eq!(
        assign(&secretariat, &clinic, &app.opd_id("DINKES").await, "", "")
            .await
            .0,
        303
    );
    let (road_fu, clinic_fu) = (
        follow_ups(&app, &road).await[0].id,
        follow_ups(&app, &clinic).await[0].id,
    );
    assert_eq!(act(&dpupr, &road, road_fu, "accept", &[]).await.0, 303);
    assert_eq!(act(&dinkes, &clinic, clinic_fu, "accept", &[]).await.0, 303);

    // What was spent, step by step, counted here by hand: (year, OPD, category) -> (follow-ups, rupiah).
    let mut expected: BTreeMap<(i32, &str, &str), (Vec<i32>, i64)> = BTreeMap::new();
    let mut spend = |year: i32, opd: &'static str, category: &'static str, follow_up: i32, rupiah: i64| {
        let cell = expected.entry((year, opd, category)).or_default();
        if !cell.0.contains(&follow_up) {
            cell.0.push(follow_up);
        }
        cell.1 += rupiah;
    };
    let step = |rupiah: &'static str| [("body", "Pekerjaan berjalan"), ("cost", rupiah)];
    for (by, issue, fu, amount) in [
        (&dpupr, &road, road_fu, "1000000"),
        (&dpupr, &road, road_fu, "500000"),
        (&dinkes, &clinic, clinic_fu, "300000"),
    ] {
        assert_eq!(act(by, issue, fu, "progress", &step(amount)).await.0, 303);
        let (opd, category) = if fu == road_fu {
            (DPUPR, ROADS)
        } else {
            (DINKES, HEALTH)
        };
        spend(2026, opd, category, fu, amount.parse().unwrap());
    }
    // Into fiscal year 2027 (five weeks on; sessions last thirty days, so sign in again).
    app.advance(TimeDelta::days(35));
    for (browser, email) in [
        (&secretariat, "sekretariat@staf.test"),
        (&dpupr, "petugas@dpupr.test"),
        (&dinkes, "petugas@dinkes.test"),
    ] {
        browser.sign_in(email, "kata sandi staf").await;
    }
    for (by, issue, fu, amount) in [
        (&dpupr, &road, road_fu, "250000"),
        (&dinkes, &clinic, clinic_fu, "2000000"),
        (&dinkes, &clinic, clinic_fu, "100000"),
    ] {
        assert_eq!(act(by, issue, fu, "progress", &step(amount)).await.0, 303);
        let (opd, category) = if fu == road_fu {
            (DPUPR, ROADS)
        } else {
            (DINKES, HEALTH)
        };
        spend(2027, opd, category, fu, amount.parse().unwrap());
    }

    let mut lines = vec!["tahun_anggaran,opd,kategori,tindak_lanjut_berbiaya,total_biaya_rupiah".to_owned()];
    lines.extend(
        expected
            .iter()
            .map(|((year, opd, category), (fus, rupiah))| format!("{year},{opd},{category},{},{rupiah}", fus.len())),
    );
    let (status, csv) = secretariat.get("/staff/e-budgeting.csv").await;
    assert_eq!(status, 200);
    // The byte-order mark is for spreadsheets.
    assert_eq!(csv.trim_start_matches('\u{feff}').lines().collect::<Vec<_>>(), lines);

    let (status, page) = secretariat.get("/staff/costs").await;
    assert_eq!(status, 200, "{page}");
    for ((year, opd, category), (_, rupiah)) in &expected {
        let head = format!("<td>{year}</td><th scope=\"row\">{opd}</th><td>{category}</td>");
        let row = &page[page.find(&head).unwrap_or_else(|| panic!("{head} in {page}"))..];
        assert!(
            row[..row.find("</tr>").unwrap()].contains(&format_rupiah(*rupiah)),
            "{head}"
        );
    }
    for year in [2026, 2027] {
        let sum: i64 = expected
            .iter()
            .filter(|((y, ..), _)| *y == year)
            .map(|(_, (_, r))| r)
            .sum();
        let total = &page[page
            .find(&format!("Jumlah tahun ini {year}"))
            .expect("the year's total")..];
        assert!(
            total[..total.find("</tr>").unwrap()].contains(&format_rupiah(sum)),
            "{year}"
        );
    }
    // An officer sees their own OPD; others nothing.
    let (_, own) = dpupr.get("/staff/costs").await;
    assert!(own.contains(DPUPR) && !own.contains(HEALTH), "{own}");
    app.sign_in("kasmirah@warga.test", "kata sandi warga").await;
    assert_eq!(app.get("/staff/costs").await.0, 403, "a resident");
    assert_eq!(app.second_browser().get("/staff/costs").await.0, 401);
    app.cleanup().await;
}
