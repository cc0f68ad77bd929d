//! Posting issues: the whole resident flow, refusals per role, bad input, sanitizing.

use app::domain::entities::{comment, form_submission, issue, outbox};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::{
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    a_resident_posts_an_issue_that_is_listed_and_confirmed_by_email,
    a_signed_out_visitor_cannot_post,
    an_unverified_account_cannot_post,
    bad_issues_are_refused_and_the_form_keeps_what_was_typed,
    markup_in_an_issue_never_reaches_the_page_as_markup,
    only_the_author_edits_until_the_agenda_and_versions_are_kept,
    an_operator_posts_for_a_resident_whose_contact_only_staff_see,
    the_same_client_key_posted_twice_makes_one_issue_and_answers_both_with_it,
    the_desa_nearest_a_point_is_suggested_for_the_form,
);

/// The ids of a real category, a kecamatan and one of its villages (Subah / Kalimanggis),
/// as the form's select boxes send them.
pub struct Choices {
    pub category: String,
    pub kecamatan: String,
    pub desa: String,
}

impl Choices {
    pub async fn load(app: &TestApp) -> Self {
        Self {
            category: app.category_id("jalan-jembatan").await,
            kecamatan: app.region_id("33.25.09").await,
            desa: app.region_id("33.25.09.2008").await,
        }
    }

    /// A complete, valid form with this title and description.
    pub fn form<'a>(&'a self, title: &'a str, body: &'a str) -> [(&'a str, &'a str); 5] {
        [
            ("title", title),
            ("body", body),
            ("category", &self.category),
            ("kecamatan", &self.kecamatan),
            ("desa", &self.desa),
        ]
    }
}

async fn issue_count(app: &TestApp) -> u64 {
    issue::Entity::find().count(&app.state.db).await.unwrap()
}

async fn signed_in_resident(app: &TestApp) {
    app.register_and_verify("Siti Aminah", "siti@warga.test", "kata sandi siti")
        .await;
    app.sign_in("siti@warga.test", "kata sandi siti").await;
}

async fn a_resident_posts_an_issue_that_is_listed_and_confirmed_by_email(db: Db) {
    let app = TestApp::start(db).await;
    signed_in_resident(&app).await;
    let (status, page) = app.get("/issues/new").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Kalimanggis") && page.contains("Jalan dan jembatan"),
        "the form offers places and categories"
    );

    let Choices {
        category: cat,
        kecamatan: kec,
        desa,
    } = Choices::load(&app).await;
    let title = "Jalan Kalimanggis berlubang di depan SD";
    let (status, location, body) = app
        .post_form(
            "/issues/new",
            "/api/issue/create",
            &[
                ("title", title),
                (
                    "body",
                    "Lubang sedalam **30 cm** membahayakan anak sekolah setiap pagi.",
                ),
                ("category", &cat),
                ("kecamatan", &kec),
                ("desa", &desa),
            ],
        )
        .await;
    assert_eq!(status, 303, "{body}");
    let location = location.unwrap();
    assert!(location.starts_with("/issues/"));

    let (status, page) = app.get(&location).await;
    assert_eq!(status, 200);
    assert!(page.contains(title));
    assert!(page.contains("<strong>30 cm</strong>"), "Markdown is rendered");
    assert!(page.contains("Siti Aminah"), "a public issue names its author");
    assert!(page.contains("Kalimanggis, Subah"));
    assert!(page.contains(" WIB</time>"), "the time is shown in WIB");

    let (_, list) = app.get("/issues").await;
    assert!(list.contains(title), "the issue is on the public list");
    let (_, home) = app.get("/").await;
    assert!(home.contains(title), "and among the latest on the home page");

    let id = location.trim_start_matches("/issues/");
    let mails = app.smtp.wait_for("siti@warga.test", 2).await;
    let confirmation = mails
        .iter()
        .find(|m| m.subject() == format!("Aduan #{id} sudah kami terima"))
        .expect("confirmation");
    assert!(confirmation.text().contains(title));
    assert!(confirmation.text().contains(&format!("{}/issues/{id}", app.base)));
    app.cleanup().await;
}

async fn a_signed_out_visitor_cannot_post(db: Db) {
    let app = TestApp::start(db).await;
    let (status, page) = app.get("/issues/new").await;
    assert_eq!(status, 200);
    assert!(page.contains("Masuk atau daftar dulu untuk menulis aduan."));
    let choices = Choices::load(&app).await;
    let form = choices.form(
        "Jalan rusak parah sekali",
        "Uraian yang cukup panjang untuk lolos validasi.",
    );
    let (status, location, page) = app.post_form("/issues/new", "/api/issue/create", &form).await;
    assert_eq!((status, location), (401, None));
    assert!(page.contains("Silakan masuk dulu."));
    assert_eq!(issue_count(&app).await, 0);
    app.cleanup().await;
}

async fn an_unverified_account_cannot_post(db: Db) {
    let app = TestApp::start(db).await;
    let (status, _, _) = app
        .post_form(
            "/account/register",
            "/api/account/register",
            &[
                ("name", "Belum Verifikasi"),
                ("email", "baru@warga.test"),
                ("password", "kata sandi baru"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    app.sign_in("baru@warga.test", "kata sandi baru").await;
    let (_, page) = app.get("/issues/new").await;
    assert!(page.contains("Verifikasi email Anda dulu untuk menulis aduan."));
    let choices = Choices::load(&app).await;
    let form = choices.form(
        "Jalan rusak parah sekali",
        "Uraian yang cukup panjang untuk lolos validasi.",
    );
    let (status, _, page) = app.post_form("/issues/new", "/api/issue/create", &form).await;
    assert_eq!(status, 403);
    assert!(page.contains("Verifikasi email Anda dulu."));
    assert_eq!(issue_count(&app).await, 0);
    app.cleanup().await;
}

async fn bad_issues_are_refused_and_the_form_keeps_what_was_typed(db: Db) {
    let app = TestApp::start(db).await;
    signed_in_resident(&app).await;
    let Choices {
        category: cat,
        kecamatan: kec,
        desa,
    } = Choices::load(&app).await;
    let body = "Warga Kalimanggis sudah lama menunggu perbaikan.";
    let long_title = "a".repeat(10_000);
    let elsewhere = app.region_id("33.25.12.2003").await;
    let outbox_before = outbox::Entity::find().count(&app.state.db).await.unwrap();
    let cases: [(&str, &str, &str, &str, &str); 4] = [
        ("", &cat, &kec, &desa, "Wajib diisi."),
        (
            &long_title,
            &cat,
            &kec,
            &desa,
            "Terlalu panjang: paling banyak 140 karakter.",
        ),
        (
            "Jalan rusak di Kalimanggis",
            "99999",
            &kec,
            &desa,
            "Pilih kategori dari daftar.",
        ),
        (
            "Jalan rusak di Kalimanggis",
            &cat,
            &kec,
            &elsewhere,
            "Desa ini tidak berada di kecamatan yang dipilih.",
        ),
    ];
    for (title, category, kecamatan, village, message) in cases {
        let fields = [
            ("title", title),
            ("body", body),
            ("category", category),
            ("kecamatan", kecamatan),
            ("desa", village),
        ];
        let (status, location, page) = app.post_form("/issues/new", "/api/issue/create", &fields).await;
        assert_eq!((status, location), (422, None), "{message}");
        assert!(page.contains(message), "{message}");
        assert!(page.contains(body), "the description is kept");
        assert!(page.contains("Periksa isian yang ditandai."));
    }
    assert_eq!(issue_count(&app).await, 0, "nothing is written");
    assert_eq!(
        outbox::Entity::find().count(&app.state.db).await.unwrap(),
        outbox_before,
        "and no mail is queued"
    );
    app.cleanup().await;
}

async fn markup_in_an_issue_never_reaches_the_page_as_markup(db: Db) {
    let app = TestApp::start(db).await;
    signed_in_resident(&app).await;
    let Choices {
        category: cat,
        kecamatan: kec,
        desa,
    } = Choices::load(&app).await;
    let (status, location, _) = app
        .post_form(
            "/issues/new",
            "/api/issue/create",
            &[
                ("title", "<script>alert('judul')</script> jalan"),
                (
                    "body",
                    "<img src=x onerror=alert(1)> [klik](javascript:alert(2)) <a href=\"javascript:alert(3)\">x</a> \
                     <script>alert(4)</script> <svg onload=alert(5)>",
                ),
                ("category", &cat),
                ("kecamatan", &kec),
                ("desa", &desa),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let (_, page) = app.get(&location.unwrap()).await;
    assert!(
        page.contains("&lt;script&gt;alert(&#x27;judul&#x27;)&lt;/script&gt; jalan")
            || page.contains("&lt;script&gt;alert('judul')&lt;/script&gt; jalan"),
        "the title is escaped"
    );
    for bad in ["<script>alert", "onerror", "onload", "javascript:", "<svg", "<img"] {
        assert!(!page.contains(bad), "{bad} reached the page");
    }
    let (_, list) = app.get("/issues").await;
    assert!(!list.contains("<script>alert"));

    // A refused form shows what was typed again, still as text.
    let choices = Choices::load(&app).await;
    let form = choices.form("", "</textarea><script>alert(9)</script> uraian panjang");
    let (status, _, page) = app.post_form("/issues/new", "/api/issue/create", &form).await;
    assert_eq!(status, 422);
    assert!(!page.contains("<script>alert(9)"), "{page}");
    assert!(page.contains("&lt;/textarea&gt;&lt;script&gt;alert(9)"));
    app.cleanup().await;
}

async fn only_the_author_edits_until_the_agenda_and_versions_are_kept(db: Db) {
    use app::model::account::Role;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};

    let app = TestApp::start(db).await;
    signed_in_resident(&app).await;
    let choices = Choices::load(&app).await;
    let form = choices.form(
        "Jalan berlubang di Kalimanggis",
        "Lubangnya besar sekali dan berbahaya.",
    );
    let (_, location, _) = app.post_form("/issues/new", "/api/issue/create", &form).await;
    let path = location.unwrap();
    let id = path.trim_start_matches("/issues/").to_owned();
    let edit = format!("{path}/edit");
    let (status, page) = app.get(&edit).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("value=\"Jalan berlubang di Kalimanggis\""),
        "the form starts from the issue"
    );

    let changed = choices.form(
        "Jalan berlubang besar di Kalimanggis",
        "Lubangnya sedalam 40 cm dan berbahaya.",
    );
    let mut fields = changed.to_vec();
    fields.push(("id", &id));
    let (status, location, _) = app.post_form(&edit, "/api/issue/update", &fields).await;
    assert_eq!((status, location.as_deref()), (303, Some(path.as_str())));
    let (_, page) = app.get(&path).await;
    assert!(page.contains("<h1>Jalan berlubang besar di Kalimanggis</h1>"));
    assert!(
        page.contains("Versi sebelumnya (1)") && page.contains("Lubangnya besar sekali"),
        "the earlier version is kept"
    );

    // Bad input is refused and kept.
    let bad = choices.form("", "Uraian baru yang cukup panjang.");
    let mut fields = bad.to_vec();
    fields.push(("id", &id));
    let (status, _, page) = app.post_form(&edit, "/api/issue/update", &fields).await;
    assert_eq!(status, 422);
    assert!(page.contains("Wajib diisi.") && page.contains("Uraian baru yang cukup panjang."));

    // Nobody else may edit: signed out, another resident, staff.
    app.post_form("/", "/api/account/logout", &[]).await;
    let mut fields = changed.to_vec();
    fields.push(("id", &id));
    assert_eq!(app.post_form(&edit, "/api/issue/update", &fields).await.0, 401);
    app.create_account("lain@warga.test", Role::Resident, None).await;
    app.create_account("sekretariat@staf.test", Role::Secretariat, None)
        .await;
    for email in ["lain@warga.test", "sekretariat@staf.test"] {
        app.sign_in(email, "kata sandi staf").await;
        assert_eq!(app.get(&edit).await.0, 403, "{email}");
        assert_eq!(
            app.post_form(&edit, "/api/issue/update", &fields).await.0,
            403,
            "{email}"
        );
        app.post_form("/", "/api/account/logout", &[]).await;
    }

    // Once on an agenda, not even the author.
    let row = issue::Entity::find_by_id(id.parse::<i32>().unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut row: issue::ActiveModel = row.into();
    row.status = Set(app::model::issue::IssueStatus::OnAgenda);
    row.update(&app.state.db).await.unwrap();
    app.sign_in("siti@warga.test", "kata sandi siti").await;
    assert_eq!(app.post_form(&edit, "/api/issue/update", &fields).await.0, 403);
    let (_, page) = app.get(&path).await;
    assert!(!page.contains("Ubah aduan ini"));
    app.cleanup().await;
}

async fn an_operator_posts_for_a_resident_whose_contact_only_staff_see(db: Db) {
    use app::model::account::Role;

    let app = TestApp::start(db).await;
    let choices = Choices::load(&app).await;
    let form = choices.form(
        "Sumur warga kering sejak Agustus",
        "Warga RT 02 harus membeli air setiap hari.",
    );
    let mut fields = form.to_vec();
    fields.extend([("on_behalf_name", "Mbah Karto"), ("on_behalf_phone", "0812-3456-7890")]);

    // A resident may not post for someone else.
    signed_in_resident(&app).await;
    assert!(
        !app.get("/issues/new").await.1.contains("Nama warga"),
        "residents are not offered the fields"
    );
    assert_eq!(app.post_form("/issues/new", "/api/issue/create", &fields).await.0, 403);
    assert_eq!(issue_count(&app).await, 0);
    app.post_form("/", "/api/account/logout", &[]).await;

    app.create_account("operator@subah.test", Role::Operator, None).await;
    app.sign_in("operator@subah.test", "kata sandi staf").await;
    assert!(app.get("/issues/new").await.1.contains("Nama warga"));
    let mut bad = fields.clone();
    bad[6] = ("on_behalf_phone", "nomor saya");
    let (status, _, page) = app.post_form("/issues/new", "/api/issue/create", &bad).await;
    assert_eq!(status, 422);
    assert!(page.contains("Nomor HP tidak valid") && page.contains("value=\"Mbah Karto\""));
    let (status, location, _) = app.post_form("/issues/new", "/api/issue/create", &fields).await;
    assert_eq!(status, 303);
    let path = location.unwrap();
    let (_, page) = app.get(&path).await;
    assert!(page.contains("dibantu operator") && page.contains("Mbah Karto") && page.contains("0812-3456-7890"));
    app.post_form("/", "/api/account/logout", &[]).await;

    // Everyone else sees that an operator helped, not who the resident is.
    let (_, page) = app.get(&path).await;
    assert!(page.contains("dibantu operator"));
    assert!(!page.contains("Mbah Karto") && !page.contains("0812-3456-7890"));
    app.sign_in("siti@warga.test", "kata sandi siti").await;
    let (_, page) = app.get(&path).await;
    assert!(!page.contains("Mbah Karto"));
    app.cleanup().await;
}

/// A phone that lost the answer to its post (or sends a draft that waited offline twice)
/// sends the same client key again: one issue, and both answers open it. Two sendings at
/// once and a comment behave the same; a key is the sender's own.
async fn the_same_client_key_posted_twice_makes_one_issue_and_answers_both_with_it(db: Db) {
    let app = TestApp::start(db).await;
    signed_in_resident(&app).await;
    let choices = Choices::load(&app).await;
    let key = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    let mut form = choices
        .form(
            "Lampu jalan Kalimanggis padam",
            "Sudah dua minggu gelap di tikungan dekat balai desa.",
        )
        .to_vec();
    form.push(("client_key", key));
    let first = app.post_form("/issues/new", "/api/issue/create", &form).await;
    let again = app.post_form("/issues/new", "/api/issue/create", &form).await;
    assert_eq!(first.0, 303, "{}", first.2);
    assert_eq!((again.0, &again.1), (303, &first.1), "the retry opens the first issue");
    assert_eq!(issue_count(&app).await, 1);

    let mut twin = choices
        .form(
            "Saluran air Kalimanggis mampet",
            "Air meluap ke jalan setiap hujan deras turun.",
        )
        .to_vec();
    twin.push(("client_key", "0f8fad5b-d9cb-469f-a165-70867728950e"));
    let (a, b) = tokio::join!(
        app.post_form("/issues/new", "/api/issue/create", &twin),
        app.post_form("/issues/new", "/api/issue/create", &twin)
    );
    assert_eq!((a.0, b.0), (303, 303), "{} {}", a.2, b.2);
    assert_eq!(a.1, b.1, "two sendings at once answer with the same issue");
    assert_eq!(issue_count(&app).await, 2);

    let path = first.1.unwrap_or_default();
    let id = path.trim_start_matches("/issues/").to_owned();
    let reply = [
        ("issue", id.as_str()),
        ("body", "Saya juga melihatnya tadi malam."),
        ("client_key", "c0ffee00-aaaa-bbbb-cccc-000000000001"),
    ];
    let first_comment = app.post_form(&path, "/api/comment/create", &reply).await;
    let again_comment = app.post_form(&path, "/api/comment/create", &reply).await;
    assert_eq!(first_comment.0, 303, "{}", first_comment.2);
    assert_eq!(again_comment.1, first_comment.1);
    assert!(first_comment.1.as_deref().unwrap_or_default().contains("#comment-"));
    assert_eq!(comment::Entity::find().count(&app.state.db).await.unwrap(), 1);

    // The phone's outbox (`/app.js`) is told where, instead of being sent there.
    let mut fields = reply.to_vec();
    fields.push(("_action", "/api/comment/create"));
    let outbox = app
        .client
        .post(app.url(&path))
        .header("accept", "text/html")
        .header("jatinan-outbox", "1")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded::to_string(&fields).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(outbox.status().as_u16(), 204);
    assert_eq!(
        outbox.headers().get("jatinan-location").and_then(|v| v.to_str().ok()),
        first_comment.1.as_deref()
    );

    let (status, _, page) = app
        .post_form(
            "/issues/new",
            "/api/issue/create",
            &[("title", "x"), ("client_key", "<b>pendek</b>")],
        )
        .await;
    assert_eq!(status, 400, "a malformed key is refused");
    assert!(page.contains("&lt;b&gt;pendek&lt;/b&gt;") || !page.contains("<b>pendek</b>"));

    // Another resident sending the same key posts their own issue.
    app.post_form("/", "/api/account/logout", &[]).await;
    app.register_and_verify("Budi Santoso", "budi@warga.test", "kata sandi budi")
        .await;
    app.sign_in("budi@warga.test", "kata sandi budi").await;
    let mut other = choices
        .form(
            "Jembatan bambu Kalimanggis goyah",
            "Tiang penyangganya sudah lapuk dimakan rayap.",
        )
        .to_vec();
    other.push(("client_key", key));
    let (status, location, body) = app.post_form("/issues/new", "/api/issue/create", &other).await;
    assert_eq!(status, 303, "{body}");
    assert_ne!(location, Some(path));
    assert_eq!(issue_count(&app).await, 3);
    assert_eq!(form_submission::Entity::find().count(&app.state.db).await.unwrap(), 4);
    app.cleanup().await;
}

async fn the_desa_nearest_a_point_is_suggested_for_the_form(db: Db) {
    let app = TestApp::start(db).await;
    let ask = |lat: &str, lon: &str| {
        let url = format!("{}/api/places/nearest?latitude={lat}&longitude={lon}", app.base);
        let client = app.client.clone();
        async move {
            let response = client
                .get(url)
                .header("accept", "application/json")
                .send()
                .await
                .unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    // A few hundred metres from the centre of Silurah (kecamatan Wonotunggal), signed out.
    let (status, body) = ask("-7.0915", "109.7640").await;
    assert_eq!(status, 200, "{body}");
    let place: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(place["desa"], "Silurah");
    assert_eq!(place["kecamatan"], "Wonotunggal");
    assert_eq!(place["desa_id"].to_string(), app.region_id("33.25.01.2001").await);
    assert_eq!(place["kecamatan_id"].to_string(), app.region_id("33.25.01").await);
    assert!(place["km"].as_f64().unwrap() < 1.0, "{place}");
    // A comma is a decimal point, as on the form.
    assert_eq!(ask("-7,0915", "109,7640").await.1, body);
    // The Java Sea, inside the regency's box but near no desa: no suggestion.
    assert_eq!(ask("-6.72", "109.95").await, (200, "null".to_owned()));
    // Jakarta is not in Batang; nonsense is not a point.
    for (lat, lon) in [("-6.2", "106.8"), ("utara", "109.7"), ("", "")] {
        let (status, _) = ask(lat, lon).await;
        assert_eq!(status, 422, "{lat},{lon}");
    }
    app.cleanup().await;
}
