//! What keeps the forum safe and tidy: no text anyone types becomes executable markup,
//! duplicates are offered before they are posted, and rate limits answer kindly.

use app::{domain::limits::RateLimits, model::account::Role};
use scraper::{Html, Selector};

use crate::{
    issues::Choices,
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    fifty_xss_vectors_never_become_executable_markup,
    similar_issues_are_offered_before_a_duplicate_is_posted,
    rate_limits_refuse_kindly_and_keep_the_form,
);

const VECTORS: &str = include_str!("data/xss-vectors.txt");

/// Attributes that load or run what they name.
const URL_ATTRIBUTES: [&str; 9] = [
    "href",
    "src",
    "action",
    "formaction",
    "background",
    "data",
    "xlink:href",
    "poster",
    "srcdoc",
];

/// Every way a parsed page could run something that was typed: an event handler, a
/// script or frame-like element, a dangerous URL. Returns what was found.
fn executable_markup(page: &str) -> Vec<String> {
    let document = Html::parse_document(page);
    let mut found = Vec::new();
    let all = Selector::parse("*").unwrap();
    for element in document.select(&all) {
        let name = element.value().name();
        if [
            "iframe", "object", "embed", "svg", "math", "base", "frame", "frameset", "applet",
        ]
        .contains(&name)
        {
            found.push(format!("<{name}>"));
        }
        if name == "meta" && element.value().attr("http-equiv").is_some() {
            found.push("<meta http-equiv>".into());
        }
        if name == "link" && !element.value().attr("href").unwrap_or("/").starts_with('/') {
            found.push("<link> to another site".into());
        }
        for (attribute, value) in element.value().attrs() {
            if attribute.starts_with("on") {
                found.push(format!("<{name} {attribute}>"));
            }
            if attribute == "style" && value.to_lowercase().contains("url(") {
                found.push(format!("<{name} style=url()>"));
            }
            let squeezed: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_lowercase();
            if URL_ATTRIBUTES.contains(&attribute)
                && ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| squeezed.starts_with(s))
            {
                found.push(format!("<{name} {attribute}={value}>"));
            }
        }
    }
    found
}

fn script_count(page: &str) -> usize {
    Html::parse_document(page)
        .select(&Selector::parse("script").unwrap())
        .count()
}

async fn fifty_xss_vectors_never_become_executable_markup(db: Db) {
    let app = TestApp::start(db).await;
    app.create_account("penyerang@warga.test", Role::Resident, None).await;
    app.sign_in("penyerang@warga.test", "kata sandi staf").await;
    let choices = Choices::load(&app).await;
    let vectors: Vec<&str> = VECTORS.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(vectors.len() >= 50, "{} vectors", vectors.len());

    // The pages of a harmless issue: how many scripts the site itself puts there.
    let post = |title: String, body: String| {
        let choices = &choices;
        let app = &app;
        async move {
            let mut form = choices.form(&title, &body).to_vec();
            form.push(("confirm_new", "1"));
            let (status, location, page) = app.post_form("/issues/new", "/api/issue/create", &form).await;
            assert_eq!(status, 303, "{title}: {page}");
            let path = location.unwrap();
            let id = path.trim_start_matches("/issues/").to_owned();
            let (status, _, _) = app
                .post_form(&path, "/api/comment/create", &[("issue", &id), ("body", &body)])
                .await;
            assert_eq!(status, 303);
            path
        }
    };
    let harmless = post(
        "Aduan biasa tanpa apa-apa".into(),
        "Uraian biasa yang cukup panjang.".into(),
    )
    .await;
    let (_, page) = app.get(&harmless).await;
    let site_scripts = script_count(&page);
    assert!(executable_markup(&page).is_empty(), "{:?}", executable_markup(&page));

    for (n, vector) in vectors.iter().enumerate() {
        let title: String = format!("Uji {n}: {vector}").chars().take(140).collect();
        let path = post(title, format!("Uraian uji nomor {n}: {vector}")).await;
        let (status, page) = app.get(&path).await;
        assert_eq!(status, 200);
        let found = executable_markup(&page);
        assert!(found.is_empty(), "vector {n} `{vector}` produced {found:?}");
        assert_eq!(
            script_count(&page),
            site_scripts,
            "vector {n} `{vector}` added a script"
        );
    }
    for list in [
        "/issues",
        "/issues?q=alert",
        "/issues?q=script&sort=most_discussed",
        "/",
    ] {
        let (_, page) = app.get(list).await;
        let found = executable_markup(&page);
        assert!(found.is_empty(), "{list}: {found:?}");
    }
    // A refused form shows what was typed again: still inert.
    for vector in &vectors[..10] {
        let form = choices.form(vector, "pendek");
        let (status, _, page) = app.post_form("/issues/new", "/api/issue/create", &form).await;
        assert_eq!(status, 422);
        let found = executable_markup(&page);
        assert!(found.is_empty(), "refused form with `{vector}`: {found:?}");
    }
    app.cleanup().await;
}

async fn similar_issues_are_offered_before_a_duplicate_is_posted(db: Db) {
    let app = TestApp::start(db).await;
    app.create_account("pertama@warga.test", Role::Resident, None).await;
    app.sign_in("pertama@warga.test", "kata sandi staf").await;
    let choices = Choices::load(&app).await;
    let form = choices.form(
        "Jalan rusak parah di Desa Kalimanggis",
        "Lubang besar di tengah jalan utama desa.",
    );
    let (status, location, _) = app.post_form("/issues/new", "/api/issue/create", &form).await;
    assert_eq!(status, 303);
    let first = location.unwrap();
    let first_id = first.trim_start_matches("/issues/").to_owned();

    app.post_form("/", "/api/account/logout", &[]).await;
    app.create_account("kedua@warga.test", Role::Resident, None).await;
    app.sign_in("kedua@warga.test", "kata sandi staf").await;

    // As the title is typed (the hydrated form asks this).
    let res = app
        .client
        .get(app.url("/api/issue/similar?title=kalimanggis%20jalannya%20rusak"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let hints: serde_json::Value = res.json().await.unwrap();
    assert_eq!(hints[0]["id"].to_string(), first_id);
    let none: serde_json::Value = app
        .client
        .get(app.url("/api/issue/similar?title=lampu%20mati"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(none.as_array().map(Vec::len), Some(0));

    // On submit without JavaScript: the similar issue, a one-tap support, and a way on.
    let duplicate = choices.form(
        "Jalan Kalimanggis rusak parah",
        "Jalannya berlubang dan membahayakan pengendara.",
    );
    let (status, _, page) = app.post_form("/issues/new", "/api/issue/create", &duplicate).await;
    assert_eq!(status, 422);
    assert!(page.contains("Sudah ada aduan yang mirip"));
    assert!(page.contains(&format!("href=\"{first}\"")));
    assert!(page.contains(&format!("form=\"dukung-{first_id}\"")) && page.contains("Dukung ini"));
    assert!(page.contains("name=\"confirm_new\""));
    assert!(page.contains("Jalannya berlubang"), "the description is kept");

    // "Dukung ini" supports the existing issue instead.
    let (status, location, _) = app
        .post_form(&first, "/api/issue/support", &[("id", &first_id), ("support", "true")])
        .await;
    assert_eq!((status, location.as_deref()), (303, Some(first.as_str())));
    let (_, page) = app.get(&first).await;
    assert!(page.contains("1 pendukung") || page.contains("1 dukungan"), "{page}");

    // Or the resident says it is different and posts.
    let mut different = duplicate.to_vec();
    different.push(("confirm_new", "1"));
    let (status, _, _) = app.post_form("/issues/new", "/api/issue/create", &different).await;
    assert_eq!(status, 303);
    app.cleanup().await;
}

async fn rate_limits_refuse_kindly_and_keep_the_form(db: Db) {
    let limits = RateLimits {
        posts: 2,
        comments: 1,
        flags: 1,
        supports: 1,
        messages: 0,
        ip_factor: 1,
    };
    let app = TestApp::start_with_limits(db, limits).await;
    app.create_account("cepat@warga.test", Role::Resident, None).await;
    app.sign_in("cepat@warga.test", "kata sandi staf").await;
    let choices = Choices::load(&app).await;
    let mut ids = Vec::new();
    for title in ["Aduan pertama yang sah", "Aduan kedua yang juga sah"] {
        let mut form = choices.form(title, "Uraian yang cukup panjang untuk aduan.").to_vec();
        form.push(("confirm_new", "1"));
        let (status, location, _) = app.post_form("/issues/new", "/api/issue/create", &form).await;
        assert_eq!(status, 303);
        ids.push(location.unwrap().trim_start_matches("/issues/").to_owned());
    }
    let mut third = choices
        .form("Aduan ketiga terlalu cepat", "Uraian yang cukup panjang untuk aduan.")
        .to_vec();
    third.push(("confirm_new", "1"));
    let (status, _, page) = app.post_form("/issues/new", "/api/issue/create", &third).await;
    assert_eq!(status, 429);
    assert!(page.contains("Terlalu sering dalam waktu singkat"), "{page}");
    assert!(
        page.contains("Aduan ketiga terlalu cepat"),
        "the form keeps what was typed"
    );

    let comment = |body: &'static str| {
        let id = ids[0].clone();
        let app = &app;
        async move {
            app.post_form("/issues", "/api/comment/create", &[("issue", &id), ("body", body)])
                .await
                .0
        }
    };
    assert_eq!(comment("Komentar pertama").await, 303);
    assert_eq!(comment("Komentar kedua").await, 429);
    let support = [("id", ids[1].as_str()), ("support", "true")];
    assert_eq!(app.post_form("/issues", "/api/issue/support", &support).await.0, 303);
    assert_eq!(app.post_form("/issues", "/api/issue/support", &support).await.0, 429);
    let flag = [("kind", "issue"), ("id", ids[1].as_str()), ("reason", "uji batas")];
    assert_eq!(app.post_form("/issues", "/api/moderation/flag", &flag).await.0, 303);
    assert_eq!(app.post_form("/issues", "/api/moderation/flag", &flag).await.0, 429);

    // English readers read it in English.
    app.post_form("/", "/api/account/language", &[("lang", "en")]).await;
    let (_, _, page) = app.post_form("/issues/new", "/api/issue/create", &third).await;
    assert!(page.contains("Too many in a short time"));
    app.cleanup().await;
}
