//! Taking part: supports (exact under concurrency), follows, comments, and privacy of
//! anonymous and confidential issues, tried by every role.

use app::{
    domain::{
        commands,
        entities::{issue, issue_follow, user_account},
    },
    model::account::Role,
};
use chrono::TimeDelta;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::{
    issues::Choices,
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    two_hundred_parallel_supports_count_exactly_two_hundred,
    supporting_and_following_through_the_page,
    comments_replies_edits_and_deletions,
    an_anonymous_issue_hides_its_author_from_everyone_but_the_secretariat,
    a_confidential_issue_does_not_exist_for_other_people,
);

/// Posts an issue as the signed-in account through the form; returns its path.
pub async fn post_issue(app: &TestApp, title: &str, privacy: &str) -> String {
    let choices = Choices::load(app).await;
    let mut form = choices
        .form(title, "Uraian yang cukup panjang untuk aduan ini.")
        .to_vec();
    form.push(("privacy", privacy));
    let (status, location, body) = app.post_form("/issues/new", "/api/issue/create", &form).await;
    assert_eq!(status, 303, "{body}");
    location.unwrap()
}

/// Registers, verifies and signs in a resident with the password `kata sandi warga`.
pub async fn resident(app: &TestApp, name: &str, email: &str) {
    app.register_and_verify(name, email, "kata sandi warga").await;
    app.sign_in(email, "kata sandi warga").await;
}

async fn sign_out(app: &TestApp) {
    app.post_form("/", "/api/account/logout", &[]).await;
}

async fn issue_row(app: &TestApp, path: &str) -> issue::Model {
    let id: i32 = path.trim_start_matches("/issues/").parse().unwrap();
    issue::Entity::find_by_id(id).one(&app.state.db).await.unwrap().unwrap()
}

async fn two_hundred_parallel_supports_count_exactly_two_hundred(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Penulis", "penulis@warga.test").await;
    let path = post_issue(&app, "Jembatan gantung Kalimanggis putus", "publik").await;
    let id = issue_row(&app, &path).await.id;
    let now = app.state.clock.now();
    let mut people = Vec::new();
    for n in 0..200 {
        let user = user_account::ActiveModel {
            email: Set(format!("pendukung{n}@warga.test")),
            password_hash: Set("-".into()),
            name: Set(format!("Pendukung {n}")),
            role: Set(app::model::account::Role::Resident),
            locale: Set(app::i18n::Locale::Id),
            email_verified_at: Set(Some(now)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&app.state.db)
        .await
        .unwrap();
        people.push(user);
    }
    // Everyone at once, and the first supporter double-clicks.
    let mut tasks = Vec::new();
    for user in people.iter().cloned().chain(std::iter::once(people[0].clone())) {
        let state = app.state.clone();
        tasks.push(tokio::spawn(async move {
            commands::forum::set_support(&state, &user, id, true).await
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(issue_row(&app, &path).await.support_count, 200);
    let (_, page) = app.get(&path).await;
    assert!(page.contains("200 pendukung"));
    app.cleanup().await;
}

async fn supporting_and_following_through_the_page(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Penulis", "penulis@warga.test").await;
    let path = post_issue(&app, "Saluran air tersumbat di Subah", "publik").await;
    let id = issue_row(&app, &path).await.id.to_string();
    let follows = || issue_follow::Entity::find().count(&app.state.db);
    assert_eq!(follows().await.unwrap(), 1, "the author follows their issue");
    sign_out(&app).await;

    // Signed out: the page offers to sign in, the server refuses.
    let (_, page) = app.get(&path).await;
    assert!(page.contains("Masuk untuk mendukung"));
    assert!(!page.contains(">Dukung<"));
    let (status, _, _) = app
        .post_form(&path, "/api/issue/support", &[("id", &id), ("support", "true")])
        .await;
    assert_eq!(status, 401);

    // Unverified: refused.
    app.post_form(
        "/account/register",
        "/api/account/register",
        &[
            ("name", "Baru"),
            ("email", "baru@warga.test"),
            ("password", "kata sandi baru"),
        ],
    )
    .await;
    app.sign_in("baru@warga.test", "kata sandi baru").await;
    let (status, _, _) = app
        .post_form(&path, "/api/issue/support", &[("id", &id), ("support", "true")])
        .await;
    assert_eq!(status, 403);
    sign_out(&app).await;

    resident(&app, "Pendukung", "pendukung@warga.test").await;
    for _ in 0..2 {
        let (status, location, _) = app
            .post_form(&path, "/api/issue/support", &[("id", &id), ("support", "true")])
            .await;
        assert_eq!((status, location.as_deref()), (303, Some(path.as_str())));
    }
    let (_, page) = app.get(&path).await;
    assert!(page.contains("1 pendukung"), "pressing twice counts once");
    assert!(
        page.contains("Batalkan dukungan") && page.contains("Berhenti mengikuti"),
        "a supporter follows"
    );
    assert_eq!(follows().await.unwrap(), 2);
    app.post_form(&path, "/api/issue/support", &[("id", &id), ("support", "false")])
        .await;
    app.post_form(&path, "/api/issue/follow", &[("id", &id), ("follow", "false")])
        .await;
    let (_, page) = app.get(&path).await;
    assert!(page.contains("0 pendukung") && page.contains(">Dukung<") && page.contains(">Ikuti<"));
    assert_eq!(follows().await.unwrap(), 1);
    let (status, _, _) = app
        .post_form(&path, "/api/issue/support", &[("id", "999999"), ("support", "true")])
        .await;
    assert_eq!(status, 404);
    app.cleanup().await;
}

async fn comments_replies_edits_and_deletions(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Siti", "siti@warga.test").await;
    let path = post_issue(&app, "Pasar Subah becek dan kotor", "publik").await;
    let id = issue_row(&app, &path).await.id.to_string();

    let (status, location, _) = app
        .post_form(
            &path,
            "/api/comment/create",
            &[("issue", &id), ("body", "Saya **setuju** <script>alert(1)</script>")],
        )
        .await;
    assert_eq!(status, 303);
    let location = location.unwrap();
    let first: String = location.split("#comment-").nth(1).unwrap().to_owned();
    let (_, page) = app.get(&path).await;
    assert!(page.contains("<strong>setuju</strong>"), "{page}");
    assert!(!page.contains("<script>alert(1)"), "{page}");
    assert!(page.contains("Diskusi (1)"));

    // An empty comment is refused and the form says why.
    let (status, _, page) = app
        .post_form(&path, "/api/comment/create", &[("issue", &id), ("body", "  ")])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Wajib diisi."));

    // Replies, and a reply to a reply joins the same thread.
    app.post_form(
        &path,
        "/api/comment/create",
        &[("issue", &id), ("parent", &first), ("body", "Balasan pertama")],
    )
    .await;
    let reply = app::domain::entities::comment::Entity::find()
        .filter(app::domain::entities::comment::Column::ParentId.is_not_null())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    app.post_form(
        &path,
        "/api/comment/create",
        &[
            ("issue", &id),
            ("parent", &reply.id.to_string()),
            ("body", "Balasan kedua"),
        ],
    )
    .await;
    let threads = app::domain::entities::comment::Entity::find()
        .filter(app::domain::entities::comment::Column::ParentId.eq(first.parse::<i32>().unwrap()))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(threads, 2, "one level of replies");

    // Someone else may neither change nor delete it.
    sign_out(&app).await;
    resident(&app, "Budi", "budi@warga.test").await;
    let (status, _, _) = app
        .post_form(
            &path,
            "/api/comment/update",
            &[("id", &first), ("body", "diubah orang lain")],
        )
        .await;
    assert_eq!(status, 403);
    let (status, _, _) = app.post_form(&path, "/api/comment/delete", &[("id", &first)]).await;
    assert_eq!(status, 403);
    sign_out(&app).await;

    // The author may change it within 15 minutes, then no more.
    app.sign_in("siti@warga.test", "kata sandi warga").await;
    let (status, _, _) = app
        .post_form(
            &path,
            "/api/comment/update",
            &[("id", &first), ("body", "Saya setuju sekali")],
        )
        .await;
    assert_eq!(status, 303);
    let (_, page) = app.get(&path).await;
    assert!(page.contains("Saya setuju sekali") && page.contains("diedit"));
    app.advance(TimeDelta::minutes(16));
    let (status, _, page) = app
        .post_form(&path, "/api/comment/update", &[("id", &first), ("body", "terlambat")])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("hanya bisa diubah dalam 15 menit"));
    assert!(page.contains("terlambat"), "what was typed is kept");

    // Deleting leaves a tombstone; the replies stay.
    let (status, _, _) = app.post_form(&path, "/api/comment/delete", &[("id", &first)]).await;
    assert_eq!(status, 303);
    let (_, page) = app.get(&path).await;
    assert!(page.contains("Komentar ini sudah dihapus.") && !page.contains("Saya setuju sekali"));
    assert!(page.contains("Balasan pertama") && page.contains("Balasan kedua"));
    assert_eq!(issue_row(&app, &path).await.comment_count, 2);
    app.cleanup().await;
}

async fn an_anonymous_issue_hides_its_author_from_everyone_but_the_secretariat(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Warga Rahasia Sekali", "anon@warga.test").await;
    let path = post_issue(&app, "Pungutan liar di kantor desa", "anonim").await;
    let id = issue_row(&app, &path).await.id.to_string();
    app.post_form(
        &path,
        "/api/comment/create",
        &[("issue", &id), ("body", "Tambahan dari pelapor")],
    )
    .await;
    let (_, page) = app.get(&path).await;
    assert!(page.contains("Warga Rahasia Sekali"), "the author sees their own name");
    sign_out(&app).await;

    let hidden = |page: &str| !page.contains("Warga Rahasia Sekali") && page.contains("Anonim");
    let (status, page) = app.get(&path).await;
    assert_eq!(status, 200);
    assert!(hidden(&page), "a visitor");
    let (_, list) = app.get("/issues").await;
    assert!(list.contains("Pungutan liar") && !list.contains("Warga Rahasia Sekali"));

    resident(&app, "Tetangga", "tetangga@warga.test").await;
    assert!(hidden(&app.get(&path).await.1), "another resident");
    sign_out(&app).await;
    for (email, role, opd, sees) in [
        ("dpupr@staf.test", Role::OpdOfficer, Some("DPUPR"), false),
        ("operator@staf.test", Role::Operator, None, false),
        ("sekretariat@staf.test", Role::Secretariat, None, true),
        ("admin@staf.test", Role::Admin, None, true),
    ] {
        app.create_account(email, role, opd).await;
        app.sign_in(email, "kata sandi staf").await;
        let (_, page) = app.get(&path).await;
        assert_eq!(page.contains("Warga Rahasia Sekali"), sees, "{role:?}");
        sign_out(&app).await;
    }
    app.cleanup().await;
}

async fn a_confidential_issue_does_not_exist_for_other_people(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Pelapor", "pelapor@warga.test").await;
    let path = post_issue(&app, "Kekerasan dalam rumah tangga", "rahasia").await;
    let id = issue_row(&app, &path).await.id.to_string();
    assert_eq!(app.get(&path).await.0, 200, "the author");
    sign_out(&app).await;

    assert_eq!(app.get(&path).await.0, 404, "a visitor");
    let (_, list) = app.get("/issues").await;
    assert!(!list.contains("Kekerasan dalam rumah tangga"));
    let (_, home) = app.get("/").await;
    assert!(!home.contains("Kekerasan dalam rumah tangga"));

    resident(&app, "Tetangga", "tetangga@warga.test").await;
    assert_eq!(app.get(&path).await.0, 404, "another resident");
    let (status, _, _) = app
        .post_form("/issues", "/api/issue/support", &[("id", &id), ("support", "true")])
        .await;
    assert_eq!(status, 404, "cannot support what does not exist for them");
    let (status, _, _) = app
        .post_form("/issues", "/api/comment/create", &[("issue", &id), ("body", "halo")])
        .await;
    assert_eq!(status, 404);
    sign_out(&app).await;

    app.create_account("sekretariat@staf.test", Role::Secretariat, None)
        .await;
    app.sign_in("sekretariat@staf.test", "kata sandi staf").await;
    let (status, page) = app.get(&path).await;
    assert_eq!(status, 200, "the secretariat");
    assert!(page.contains("Pelapor") && page.contains("Rahasia"));
    app.cleanup().await;
}
