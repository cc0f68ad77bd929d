//! The admin's pages: categories, regions (one and by CSV), accounts; refused to others.

use app::{
    domain::entities::{category, region},
    model::account::Role,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::{
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    the_admin_edits_categories_and_regions,
    a_csv_import_saves_every_row_or_none,
    the_admin_changes_roles_and_disables_accounts,
    only_the_admin_reaches_the_admin_pages,
);

async fn as_admin(app: &TestApp) {
    app.create_account("admin@staf.test", Role::Admin, None).await;
    app.sign_in("admin@staf.test", "kata sandi staf").await;
}

async fn the_admin_edits_categories_and_regions(db: Db) {
    let app = TestApp::start(db).await;
    as_admin(&app).await;
    let (status, page) = app.get("/admin/categories").await;
    assert_eq!(status, 200);
    assert!(page.contains("Jalan dan jembatan") && page.contains("DPUPR"));
    // The pages keep categories and regions in memory; the admin's edits must show at once.
    let (_, list) = app.get("/issues").await;
    assert!(list.contains("Jalan dan jembatan") && !list.contains("Sumur warga"));

    let dinsos = app.opd_id("DINSOS").await;
    let fields = [
        ("slug", "sumur-warga"),
        ("name_id", "Sumur warga"),
        ("name_en", "Village wells"),
        ("opd", dinsos.as_str()),
    ];
    let (status, location, body) = app
        .post_form("/admin/categories", "/api/admin/category/save", &fields)
        .await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/admin/categories?saved=1")),
        "{body}"
    );
    let added = category::Entity::find()
        .filter(category::Column::Slug.eq("sumur-warga"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(added.name_en, "Village wells");
    let (_, list) = app.get("/issues").await;
    assert!(
        list.contains("Sumur warga"),
        "the list's filter offers the new category"
    );

    // A taken code and a bad one are refused, and the typed names stay.
    let taken = [
        ("slug", "jalan-jembatan"),
        ("name_id", "Nama baru saya"),
        ("name_en", "New"),
        ("opd", ""),
    ];
    let (status, _, page) = app
        .post_form("/admin/categories", "/api/admin/category/save", &taken)
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("sudah dipakai kategori lain") && page.contains("Nama baru saya"));

    let id = added.id.to_string();
    let rename = [
        ("id", id.as_str()),
        ("slug", "sumur-warga"),
        ("name_id", "Air bersih dan sanitasi"),
        ("name_en", "Clean water and sanitation"),
        ("opd", ""),
    ];
    assert_eq!(
        app.post_form("/admin/categories", "/api/admin/category/save", &rename)
            .await
            .0,
        303
    );
    let renamed = category::Entity::find_by_id(added.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (renamed.name_id.as_str(), renamed.opd_id),
        ("Air bersih dan sanitasi", None)
    );
    let (_, form) = app.get("/issues/new").await;
    assert!(form.contains("Air bersih dan sanitasi") && !form.contains("Sumur warga"));

    let desa = [("code", "33.25.09.2099"), ("kind", "desa"), ("name", "Sidomukti Baru")];
    assert_eq!(
        app.post_form("/admin/regions", "/api/admin/region/save", &desa).await.0,
        303
    );
    let orphan = [("code", "33.25.99.2001"), ("kind", "desa"), ("name", "Tanpa Induk")];
    let (status, _, page) = app.post_form("/admin/regions", "/api/admin/region/save", &orphan).await;
    assert_eq!(status, 422);
    assert!(page.contains("Kecamatan induknya belum ada") && page.contains("Tanpa Induk"));
    let (_, form) = app.get("/issues/new").await;
    assert!(form.contains("Sidomukti Baru"), "the new desa can be chosen");
    app.cleanup().await;
}

async fn a_csv_import_saves_every_row_or_none(db: Db) {
    let app = TestApp::start(db).await;
    as_admin(&app).await;
    let (_, form) = app.get("/issues/new").await;
    assert!(!form.contains("Kalimanggis Baru"));
    let before = region::Entity::find().count(&app.state.db).await.unwrap();
    let bad = "kode,jenis,nama,induk\n33.25.16,kecamatan,Kecamatan Uji,33.25\n33.25.16.2001,desa,Desa Uji,33.25.16\n33.25.16.x,desa,Rusak,33.25.16\n";
    let (status, _, page) = app
        .post_multipart_file("/admin/regions", "/api/admin/region/import", "csv", "wilayah.csv", bad)
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Baris 4 CSV tidak valid"), "{page}");
    assert_eq!(
        region::Entity::find().count(&app.state.db).await.unwrap(),
        before,
        "nothing saved"
    );

    let good = "kode,jenis,nama,induk\n33.25.16.2001,desa,Desa Uji,33.25.16\n33.25.16,kecamatan,Kecamatan Uji,33.25\n33.25.09.2008,desa,Kalimanggis Baru,33.25.09\n";
    let (status, location, _) = app
        .post_multipart_file("/admin/regions", "/api/admin/region/import", "csv", "wilayah.csv", good)
        .await;
    assert_eq!((status, location.as_deref()), (303, Some("/admin/regions?imported=3")));
    assert_eq!(region::Entity::find().count(&app.state.db).await.unwrap(), before + 2);
    let (_, page) = app.get("/admin/regions?imported=3").await;
    assert!(page.contains("3 baris diimpor") && page.contains("Kecamatan Uji") && page.contains("Kalimanggis Baru"));
    let (_, form) = app.get("/issues/new").await;
    assert!(
        form.contains("Kalimanggis Baru") && form.contains("Desa Uji"),
        "imported places can be chosen"
    );
    app.cleanup().await;
}

async fn the_admin_changes_roles_and_disables_accounts(db: Db) {
    let app = TestApp::start(db).await;
    let other = app.second_browser();
    app.create_account("petugas@staf.test", Role::Resident, None).await;
    other.sign_in("petugas@staf.test", "kata sandi staf").await;
    as_admin(&app).await;
    let (status, page) = app.get("/admin/accounts?q=petugas").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("petugas@staf.test") && page.contains("Ubah akun Resident") && !page.contains("Ubah akun Admin")
    );

    let id = app.account("petugas@staf.test").await.id.to_string();
    let officer = [("id", id.as_str()), ("role", "opd_officer"), ("opd", "")];
    let (status, _, page) = app
        .post_form("/admin/accounts", "/api/admin/account/update", &officer)
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("harus terikat pada satu OPD"));
    let dpupr = app.opd_id("DPUPR").await;
    let officer = [("id", id.as_str()), ("role", "opd_officer"), ("opd", dpupr.as_str())];
    assert_eq!(
        app.post_form("/admin/accounts", "/api/admin/account/update", &officer)
            .await
            .0,
        303
    );
    let changed = app.account("petugas@staf.test").await;
    assert_eq!(
        (changed.role.as_str(), changed.opd_id.map(|o| o.to_string())),
        ("opd_officer", Some(dpupr.clone()))
    );
    // A new role is a privilege change: the account's sessions end, and the next sign-in
    // gets a new session id with the new role.
    assert_eq!(other.get("/staff").await.0, 401, "a changed role signs the account out");
    other.sign_in("petugas@staf.test", "kata sandi staf").await;
    assert_eq!(
        other.get("/staff").await.0,
        200,
        "the new role counts from the next sign-in"
    );

    let disable = [
        ("id", id.as_str()),
        ("role", "opd_officer"),
        ("opd", dpupr.as_str()),
        ("disabled", "1"),
    ];
    assert_eq!(
        app.post_form("/admin/accounts", "/api/admin/account/update", &disable)
            .await
            .0,
        303
    );
    assert_eq!(other.get("/staff").await.0, 401, "a disabled account is signed out");
    let (status, _, page) = other
        .post_form(
            "/account/login",
            "/api/account/login",
            &[("email", "petugas@staf.test"), ("password", "kata sandi staf")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("dinonaktifkan"));

    let me = app.account("admin@staf.test").await.id.to_string();
    let myself = [("id", me.as_str()), ("role", "resident"), ("opd", "")];
    assert_eq!(
        app.post_form("/admin/accounts", "/api/admin/account/update", &myself)
            .await
            .0,
        422
    );
    app.cleanup().await;
}

async fn only_the_admin_reaches_the_admin_pages(db: Db) {
    let app = TestApp::start(db).await;
    for role in [Role::Resident, Role::Operator, Role::Secretariat, Role::OpdOfficer] {
        let email = format!("{}@peran.test", role.as_str());
        app.create_account(&email, role, (role == Role::OpdOfficer).then_some("DPUPR"))
            .await;
        app.sign_in(&email, "kata sandi staf").await;
        for page in ["/admin/categories", "/admin/regions", "/admin/accounts", "/admin/audit"] {
            assert_eq!(app.get(page).await.0, 403, "{role:?} reads {page}");
        }
        let fields = [("slug", "coba"), ("name_id", "Coba"), ("name_en", "Try"), ("opd", "")];
        let (status, _, _) = app
            .post_form("/admin/categories", "/api/admin/category/save", &fields)
            .await;
        assert_eq!(status, 403, "{role:?} saves a category");
        let region = [("code", "33.25.09.2098"), ("kind", "desa"), ("name", "Coba")];
        assert_eq!(
            app.post_form("/admin/regions", "/api/admin/region/save", &region)
                .await
                .0,
            403
        );
        let account = [("id", "1"), ("role", "admin"), ("opd", "")];
        assert_eq!(
            app.post_form("/admin/accounts", "/api/admin/account/update", &account)
                .await
                .0,
            403
        );
        app.post_form("/", "/api/account/logout", &[]).await;
    }
    assert_eq!(app.get("/admin/accounts").await.0, 401, "signed out");
    app.cleanup().await;
}

mod holidays {
    use super::*;
    use app::domain::entities::holiday;

    crate::on_both_databases!(
        holidays_are_edited_and_imported_all_or_nothing,
        a_provisional_year_is_replaced_by_its_decree_and_sessions_on_new_holidays_are_listed,
    );

    async fn a_provisional_year_is_replaced_by_its_decree_and_sessions_on_new_holidays_are_listed(db: Db) {
        let app = TestApp::start(db).await;
        as_admin(&app).await;
        let (_, page) = app.get("/admin/holidays").await;
        assert!(page.contains("Tabel hari libur mencakup sampai tahun 2027"), "{page}");
        assert!(page.contains("Daftar hari libur 2027 masih perkiraan"), "{page}");
        let row = &page[page.find("Idul Fitri 1448 H (perkiraan)").expect("the 2027 list")..];
        assert!(
            row[..row.find("</tr>").unwrap()].contains("<span class=\"badge\">perkiraan</span>"),
            "{row}"
        );
        assert!(!page.contains("Belum ada hari libur tahun"), "2027 is covered");
        // Past the table, a plan says so.
        let subah = app.region_id("33.25.09").await;
        let plan = format!(
            "/sessions/plan?from=2027-12-20&count=3&time=08%3A00&duration=180&capacity=80&policy=skip&hosts={subah}"
        );
        let (_, page) = app.get(&plan).await;
        assert!(
            page.contains("melewati tahun terakhir tabel hari libur (2027)"),
            "{page}"
        );

        // A session on Friday 5 February 2027; the decree then makes it cuti bersama.
        let session = crate::agenda::session(&app, "2027-02-05").await;
        let decree = "tanggal,jenis,keterangan\n2027-02-05,cuti_bersama,Cuti bersama Tahun Baru Imlek\n2027-02-06,libur_nasional,Tahun Baru Imlek 2578 Kongzili\n";
        let (status, _, _) = app
            .post_multipart_file(
                "/admin/holidays",
                "/api/admin/holiday/import",
                "csv",
                "skb-2027.csv",
                decree,
            )
            .await;
        assert_eq!(status, 303);
        let year: Vec<holiday::Model> = holiday::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|h| h.day.format("%Y").to_string() == "2027")
            .collect();
        assert_eq!(year.len(), 2, "the estimates gave way to the decree");
        assert!(year.iter().all(|h| !h.provisional));
        let (_, page) = app.get("/admin/holidays").await;
        assert!(!page.contains("masih perkiraan"), "{page}");
        let clashes = &page[page.find("Sesi berikut jatuh pada hari libur").expect("the clash")..];
        assert!(clashes.contains(&format!("href=\"{session}\"")) && clashes.contains("Cuti bersama Tahun Baru Imlek"));
        // Nothing moved it; the secretariat sees it on the sessions list, the public does not.
        let (_, page) = app.get(&session).await;
        assert!(page.contains("5 Februari 2027"), "{page}");
        let secretariat = crate::follow_up::staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
        let (_, list) = secretariat.get("/sessions").await;
        let clashes = &list[list
            .find("Sesi berikut jatuh pada hari libur")
            .expect("the clash for the secretariat")..];
        assert!(clashes.contains("Cuti bersama Tahun Baru Imlek"), "{clashes}");
        let (_, public) = app.second_browser().get("/sessions").await;
        assert!(!public.contains("jatuh pada hari libur"), "{public}");

        // In June 2027 the table has nothing of 2028 yet.
        app.advance(chrono::TimeDelta::days(200));
        app.sign_in("admin@staf.test", "kata sandi staf").await;
        let (_, page) = app.get("/admin/holidays").await;
        assert!(page.contains("Belum ada hari libur tahun 2028"), "{page}");
        app.cleanup().await;
    }

    async fn holidays_are_edited_and_imported_all_or_nothing(db: Db) {
        let app = TestApp::start(db).await;
        as_admin(&app).await;
        let (status, page) = app.get("/admin/holidays").await;
        assert_eq!(status, 200);
        assert!(page.contains("Kelahiran Yesus Kristus"), "the seeded 2026 holidays");
        let before = holiday::Entity::find().count(&app.state.db).await.unwrap();

        let new_year = [
            ("day", "2028-01-01"),
            ("kind", "libur_nasional"),
            ("description", "Tahun Baru 2028 Masehi"),
        ];
        assert_eq!(
            app.post_form("/admin/holidays", "/api/admin/holiday/save", &new_year)
                .await
                .0,
            303
        );
        let bad = [
            ("day", "2028-02-30"),
            ("kind", "libur_nasional"),
            ("description", "Tanggal salah"),
        ];
        let (status, _, page) = app.post_form("/admin/holidays", "/api/admin/holiday/save", &bad).await;
        assert_eq!(status, 422);
        assert!(page.contains("Tanggal tidak valid") && page.contains("Tanggal salah"));

        let broken =
            "tanggal,jenis,keterangan\n2028-01-26,libur_nasional,Tahun Baru Imlek\n2028-01-27,libur,Salah jenis\n";
        let (status, _, page) = app
            .post_multipart_file(
                "/admin/holidays",
                "/api/admin/holiday/import",
                "csv",
                "libur.csv",
                broken,
            )
            .await;
        assert_eq!(status, 422);
        assert!(page.contains("Baris 3 CSV tidak valid"));
        assert_eq!(
            holiday::Entity::find().count(&app.state.db).await.unwrap(),
            before + 1,
            "nothing imported"
        );

        let good = "tanggal,jenis,keterangan\n2028-04-14,libur_nasional,Wafat Yesus Kristus\n2028-01-01,libur_nasional,Tahun Baru 2028\n";
        let (status, location, _) = app
            .post_multipart_file("/admin/holidays", "/api/admin/holiday/import", "csv", "libur.csv", good)
            .await;
        assert_eq!((status, location.as_deref()), (303, Some("/admin/holidays?imported=2")));
        assert_eq!(
            holiday::Entity::find().count(&app.state.db).await.unwrap(),
            before + 2,
            "1 January updated"
        );

        // The plan now skips Good Friday 2028 as well.
        app.create_account("sekretariat@staf.test", Role::Secretariat, None)
            .await;
        app.sign_in("sekretariat@staf.test", "kata sandi staf").await;
        let subah = app.region_id("33.25.09").await;
        let (_, page) = app
            .get(&format!(
                "/sessions/plan?from=2028-04-10&count=1&time=08%3A00&duration=180&capacity=80&policy=skip&hosts={subah}"
            ))
            .await;
        assert!(page.contains("dilewati: Wafat Yesus Kristus"), "{page}");

        app.post_form("/", "/api/account/logout", &[]).await;
        app.create_account("warga@warga.test", Role::Resident, None).await;
        app.sign_in("warga@warga.test", "kata sandi staf").await;
        assert_eq!(app.get("/admin/holidays").await.0, 403);
        assert_eq!(
            app.post_form("/admin/holidays", "/api/admin/holiday/save", &new_year)
                .await
                .0,
            403
        );
        app.cleanup().await;
    }
}
