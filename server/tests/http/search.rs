//! The list: full-text search (SQLite FTS5, PostgreSQL full-text search), filters, sort
//! orders with keyset pagination; confidential issues never show.

use app::{
    domain::{
        commands::{
            self,
            issue::{NewIssueInput, create},
        },
        views::issues::list,
    },
    i18n::Locale,
    model::{
        account::Role,
        issue::{IssueQuery, Sort},
    },
};

use sea_orm::ConnectionTrait;

use crate::{
    issues::Choices,
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(search_filters_and_sort_orders);

async fn search_filters_and_sort_orders(db: Db) {
    let app = TestApp::start(db).await;
    app.create_account("penulis@warga.test", Role::Resident, None).await;
    let author = app.account("penulis@warga.test").await;
    let choices = Choices::load(&app).await;
    let elsewhere_kec = app.region_id("33.25.12").await;
    let elsewhere_desa = app.region_id("33.25.12.2003").await;
    let sampah = app.category_id("sampah-lingkungan").await;
    let post = |title: &'static str,
                body: &'static str,
                category: String,
                kec: String,
                desa: String,
                privacy: &'static str| {
        let state = app.state.clone();
        let author = author.clone();
        async move {
            let input = NewIssueInput {
                title,
                body,
                category: &category,
                kecamatan: &kec,
                desa: &desa,
                privacy: Some(privacy),
                confirm_new: true,
                ..Default::default()
            };
            create(&state, &author, input, None).await.unwrap()
        }
    };
    let road = post(
        "Jalan desa rusak berat",
        "Aspal mengelupas sepanjang dua kilometer dekat jembatan.",
        choices.category.clone(),
        choices.kecamatan.clone(),
        choices.desa.clone(),
        "publik",
    )
    .await;
    let trash = post(
        "Sampah menumpuk di pasar",
        "Tumpukan sampah menimbulkan bau dan lalat di sekitar pasar Warungasem.",
        sampah.clone(),
        elsewhere_kec.clone(),
        elsewhere_desa.clone(),
        "anonim",
    )
    .await;
    post(
        "Rahasia tentang jembatan",
        "Laporan rahasia tentang jembatan yang dipungut biaya.",
        choices.category.clone(),
        choices.kecamatan.clone(),
        choices.desa.clone(),
        "rahasia",
    )
    .await;

    // A word from a description finds its issue; a prefix too; confidential ones never.
    let (_, page) = app.get("/issues?q=mengelupas").await;
    assert!(
        page.contains("Jalan desa rusak berat") && !page.contains("Sampah menumpuk"),
        "{}",
        &page[page.rfind("</form>").unwrap_or(0)..page.find("</main>").unwrap_or(page.len())]
    );
    let (_, page) = app.get("/issues?q=lalat+pasar").await;
    assert!(page.contains("Sampah menumpuk") && !page.contains("Jalan desa rusak"));
    let (_, page) = app.get("/issues?q=jembat").await;
    assert!(page.contains("Jalan desa rusak berat") && !page.contains("Rahasia tentang"));
    let (status, page) = app.get("/issues?q=%22%29%28*+OR+--").await;
    assert_eq!(status, 200, "query syntax is never passed through");
    assert!(page.contains("Belum ada aduan."));

    // Filters, kept in the address.
    let (_, page) = app.get(&format!("/issues?category={sampah}")).await;
    assert!(page.contains("Sampah menumpuk") && !page.contains("Jalan desa rusak"));
    let (_, page) = app.get(&format!("/issues?kecamatan={}", choices.kecamatan)).await;
    assert!(!page.contains("Sampah menumpuk") && page.contains("Jalan desa rusak"));
    let (_, page) = app
        .get(&format!("/issues?desa={elsewhere_desa}&status=published"))
        .await;
    assert!(page.contains("Sampah menumpuk") && !page.contains("Jalan desa rusak"));
    assert!(
        page.contains(&format!("value=\"{elsewhere_desa}\" selected")),
        "the form shows the filter in use"
    );

    // Most supported first, with a cursor that carries the sort.
    let supporter = author.clone();
    commands::forum::set_support(&app.state, &supporter, trash.id, true)
        .await
        .unwrap();
    let (_, page) = app.get("/issues?sort=supported").await;
    assert!(page.find("Sampah menumpuk").unwrap() < page.find("Jalan desa rusak").unwrap());
    let (_, page) = app.get("/issues").await;
    assert!(
        page.find("Jalan desa rusak").unwrap() > page.find("Sampah menumpuk").unwrap(),
        "newest first by default"
    );
    let (_, page) = app.get(&format!("/issues?sort=supported&cursor=1.{}", trash.id)).await;
    assert!(
        page.contains("Jalan desa rusak") && !page.contains("Sampah menumpuk"),
        "the next page by support"
    );
    // A search a page at a time (one issue a page here): the cursor goes on from where the
    // last page ended, newest first, and the confidential match never shows.
    let bridge = post(
        "Jembatan gantung putus",
        "Jembatan gantung ke sekolah putus sebelah.",
        choices.category.clone(),
        choices.kecamatan.clone(),
        choices.desa.clone(),
        "publik",
    )
    .await;
    assert_eq!(newest_matches(&app, "jembat", 1).await, [bridge.id, road.id]);
    let mut query = IssueQuery {
        q: "jembat".into(),
        sort: Sort::MostSupported,
        ..Default::default()
    };
    commands::forum::set_support(&app.state, &supporter, road.id, true)
        .await
        .unwrap();
    let first = list(&app.state, Locale::Id, &query, 1).await.unwrap();
    assert_eq!(first.items[0].id, road.id, "most supported first, also in a search");
    query.cursor = first.next;
    let second = list(&app.state, Locale::Id, &query, 1).await.unwrap();
    assert_eq!(second.items.iter().map(|i| i.id).collect::<Vec<_>>(), [bridge.id]);

    // PostgreSQL looks among the newest 2,000 issues first. 2,100 newer issues that do not
    // match push both matches out of that look, and they are still found, in order, a page
    // at a time and on one page; so is a match among the newest.
    app.state
        .db
        .execute_unprepared(&format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2100) \
             INSERT INTO issue (title, body_md, body_html, category_id, kecamatan_id, desa_id, author_id, \
               status, privacy, created_at, updated_at, support_count, comment_count, flag_count) \
             SELECT title, body_md, body_html, category_id, kecamatan_id, desa_id, author_id, \
               status, privacy, created_at, updated_at, 0, 0, 0 FROM issue CROSS JOIN n WHERE issue.id = {}",
            trash.id
        ))
        .await
        .unwrap();
    assert_eq!(newest_matches(&app, "jembat", 1).await, [bridge.id, road.id]);
    assert_eq!(newest_matches(&app, "jembat", 20).await, [bridge.id, road.id]);
    let newest = post(
        "Jembatan baru retak",
        "Retak di tiang jembatan.",
        choices.category.clone(),
        choices.kecamatan.clone(),
        choices.desa.clone(),
        "publik",
    )
    .await;
    assert_eq!(newest_matches(&app, "jembat", 2).await, [newest.id, bridge.id, road.id]);
    app.cleanup().await;
}

/// The ids a newest-first search for `q` finds, following the cursor `limit` at a time.
async fn newest_matches(app: &TestApp, q: &str, limit: u64) -> Vec<i32> {
    let mut query = IssueQuery {
        q: q.into(),
        ..Default::default()
    };
    let mut seen = Vec::new();
    loop {
        let page = list(&app.state, Locale::Id, &query, limit).await.unwrap();
        seen.extend(page.items.iter().map(|i| i.id));
        match page.next {
            Some(next) => query.cursor = Some(next),
            None => return seen,
        }
    }
}
