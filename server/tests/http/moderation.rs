//! Moderation: flags that hide, the secretariat's queue, hide, restore, reject and merge
//! with their record; and every forum action tried by every role.

use app::{
    domain::entities::{issue, issue_follow, issue_support, moderation_action},
    model::account::Role,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::{
    issues::Choices,
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    three_flags_hide_an_issue_until_the_secretariat_restores_it,
    a_flagged_comment_is_hidden_and_the_queue_shows_it,
    the_secretariat_rejects_with_a_reason_the_author_reads,
    merging_moves_supports_and_follows_to_the_original,
    every_action_by_every_role,
);

const STAFF_PASSWORD: &str = "kata sandi staf";

async fn sign_out(app: &TestApp) {
    app.post_form("/", "/api/account/logout", &[]).await;
}

/// A verified account of `role`, signed in.
async fn as_role(app: &TestApp, email: &str, role: Role) {
    sign_out(app).await;
    if app.try_account(email).await.is_none() {
        let opd = (role == Role::OpdOfficer).then_some("DPUPR");
        app.create_account(email, role, opd).await;
    }
    app.sign_in(email, STAFF_PASSWORD).await;
}

/// Posts an issue as the signed-in account; returns its id.
async fn post(app: &TestApp, title: &str) -> String {
    let choices = Choices::load(app).await;
    let mut form = choices
        .form(title, "Uraian yang cukup panjang untuk aduan ini.")
        .to_vec();
    form.push(("confirm_new", "1"));
    let (status, location, body) = app.post_form("/issues/new", "/api/issue/create", &form).await;
    assert_eq!(status, 303, "{body}");
    location.unwrap().trim_start_matches("/issues/").to_owned()
}

async fn row(app: &TestApp, id: &str) -> issue::Model {
    issue::Entity::find_by_id(id.parse::<i32>().unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

async fn flag(app: &TestApp, kind: &str, id: &str, reason: &str) -> (u16, Option<String>, String) {
    app.post_form(
        "/issues",
        "/api/moderation/flag",
        &[("kind", kind), ("id", id), ("reason", reason)],
    )
    .await
}

async fn decide(app: &TestApp, kind: &str, id: &str, action: &str, reason: &str, into: &str) -> u16 {
    let path = "/staff/moderation";
    let fields = [
        ("kind", kind),
        ("id", id),
        ("action", action),
        ("reason", reason),
        ("into", into),
    ];
    app.post_form(path, "/api/moderation/decide", &fields).await.0
}

async fn three_flags_hide_an_issue_until_the_secretariat_restores_it(db: Db) {
    let app = TestApp::start(db).await;
    as_role(&app, "penulis@warga.test", Role::Resident).await;
    let id = post(&app, "Iklan obat kuat di forum warga").await;
    let path = format!("/issues/{id}");

    for n in 1..=3 {
        as_role(&app, &format!("pelapor{n}@warga.test"), Role::Resident).await;
        let (status, location, _) = flag(&app, "issue", &id, "iklan, bukan aduan").await;
        assert_eq!(status, 303);
        assert_eq!(location.as_deref(), Some(format!("{path}?reported=1").as_str()));
        if n == 1 {
            // Pressing twice counts once.
            flag(&app, "issue", &id, "iklan lagi").await;
            let (_, page) = app.get(&format!("{path}?reported=1")).await;
            assert!(page.contains("laporan Anda kami terima"));
        }
        assert_eq!(row(&app, &id).await.hidden_at.is_some(), n == 3, "after {n} flags");
    }
    let (status, _, page) = flag(&app, "issue", &id, "x").await;
    assert!(
        status == 404 || status == 422,
        "{status}: hidden from a fourth reporter, {page}"
    );

    sign_out(&app).await;
    assert_eq!(app.get(&path).await.0, 404, "hidden from visitors");
    assert!(!app.get("/issues").await.1.contains("Iklan obat kuat"));
    as_role(&app, "penulis@warga.test", Role::Resident).await;
    let (status, page) = app.get(&path).await;
    assert_eq!(status, 200, "the author still sees it");
    assert!(page.contains("disembunyikan sampai diperiksa"));

    as_role(&app, "sekretariat@staf.test", Role::Secretariat).await;
    let (status, queue) = app.get("/staff/moderation").await;
    assert_eq!(status, 200);
    assert!(queue.contains("Iklan obat kuat") && queue.contains("iklan, bukan aduan") && queue.contains("Resident"));
    assert_eq!(
        decide(&app, "issue", &id, "restore", "", "").await,
        422,
        "a reason is required"
    );
    assert_eq!(
        decide(
            &app,
            "issue",
            &id,
            "restore",
            "Bukan iklan, warga menjual hasil panen",
            ""
        )
        .await,
        303
    );
    let restored = row(&app, &id).await;
    assert!(restored.hidden_at.is_none() && restored.flag_count == 0);
    let (_, queue) = app.get("/staff/moderation").await;
    assert!(queue.contains("Disembunyikan otomatis") && queue.contains("Bukan iklan, warga menjual hasil panen"));
    let record = moderation_action::Entity::find()
        .filter(moderation_action::Column::TargetId.eq(restored.id))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(record, 2, "the automatic hide and the restore are recorded");
    sign_out(&app).await;
    assert_eq!(app.get(&path).await.0, 200, "visible again");
    app.cleanup().await;
}

async fn a_flagged_comment_is_hidden_and_the_queue_shows_it(db: Db) {
    let app = TestApp::start(db).await;
    as_role(&app, "penulis@warga.test", Role::Resident).await;
    let id = post(&app, "Lampu penerangan jalan mati").await;
    let (status, location, _) = app
        .post_form(
            "/issues",
            "/api/comment/create",
            &[("issue", &id), ("body", "Komentar kasar yang menghina tetangga")],
        )
        .await;
    assert_eq!(status, 303);
    let comment = location.unwrap().rsplit_once("#comment-").unwrap().1.to_owned();

    as_role(&app, "sekretariat@staf.test", Role::Secretariat).await;
    assert_eq!(
        decide(&app, "comment", &comment, "hide", "Menghina warga lain", "").await,
        303
    );
    assert_eq!(
        decide(&app, "comment", &comment, "reject", "Menghina", "").await,
        403,
        "only issues are rejected"
    );
    sign_out(&app).await;
    let (_, page) = app.get(&format!("/issues/{id}")).await;
    assert!(!page.contains("Komentar kasar") && page.contains("disembunyikan moderator"));
    as_role(&app, "penulis@warga.test", Role::Resident).await;
    let (_, page) = app.get(&format!("/issues/{id}")).await;
    assert!(page.contains("Komentar kasar"), "its author still reads it");
    app.cleanup().await;
}

async fn the_secretariat_rejects_with_a_reason_the_author_reads(db: Db) {
    let app = TestApp::start(db).await;
    as_role(&app, "penulis@warga.test", Role::Resident).await;
    let id = post(&app, "Minta dibuatkan kolam renang pribadi").await;
    as_role(&app, "sekretariat@staf.test", Role::Secretariat).await;
    assert_eq!(
        decide(&app, "issue", &id, "reject", "Bukan urusan pemerintah daerah", "").await,
        303
    );
    assert_eq!(row(&app, &id).await.status.as_str(), "rejected");
    sign_out(&app).await;
    assert_eq!(app.get(&format!("/issues/{id}")).await.0, 404);
    as_role(&app, "penulis@warga.test", Role::Resident).await;
    let (status, page) = app.get(&format!("/issues/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("ditolak") && page.contains("Bukan urusan pemerintah daerah"));
    app.cleanup().await;
}

async fn merging_moves_supports_and_follows_to_the_original(db: Db) {
    let app = TestApp::start(db).await;
    as_role(&app, "asli@warga.test", Role::Resident).await;
    let original = post(&app, "Jembatan Sengon ambrol").await;
    as_role(&app, "kembar@warga.test", Role::Resident).await;
    let duplicate = post(&app, "Jembatan di Sengon roboh").await;
    for n in 1..=2 {
        as_role(&app, &format!("pendukung{n}@warga.test"), Role::Resident).await;
        let form = [("id", duplicate.as_str()), ("support", "true")];
        assert_eq!(app.post_form("/issues", "/api/issue/support", &form).await.0, 303);
    }
    // One of them supports both: they count once on the original.
    let form = [("id", original.as_str()), ("support", "true")];
    app.post_form("/issues", "/api/issue/support", &form).await;

    as_role(&app, "sekretariat@staf.test", Role::Secretariat).await;
    assert_eq!(
        decide(&app, "issue", &duplicate, "merge", "Sama", &duplicate).await,
        422,
        "not into itself"
    );
    assert_eq!(decide(&app, "issue", &duplicate, "merge", "Sama", "99999").await, 422);
    assert_eq!(
        decide(
            &app,
            "issue",
            &duplicate,
            "merge",
            "Jembatan yang sama",
            &format!("#{original}")
        )
        .await,
        303
    );
    let (merged, kept) = (row(&app, &duplicate).await, row(&app, &original).await);
    assert_eq!(merged.status.as_str(), "merged");
    let told = app.smtp.wait_for("kembar@warga.test", 2).await;
    assert_eq!(told[1].subject(), format!("Aduan #{duplicate}: Digabung"));
    assert!(
        told[1].text().contains(&format!("digabung ke aduan #{original}")),
        "{}",
        told[1].text()
    );
    assert_eq!(merged.merged_into_id, Some(kept.id));
    assert_eq!(kept.support_count, 2);
    let supports = issue_support::Entity::find()
        .filter(issue_support::Column::IssueId.eq(kept.id))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(supports, 2);
    let followers = issue_follow::Entity::find()
        .filter(issue_follow::Column::IssueId.eq(kept.id))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(
        followers, 4,
        "the original's author, the duplicate's author, two supporters"
    );
    sign_out(&app).await;
    let (status, page) = app.get(&format!("/issues/{duplicate}")).await;
    assert_eq!(status, 200, "the duplicate points to the original");
    assert!(page.contains(&format!("href=\"/issues/{original}\"")));
    assert!(!app.get("/issues").await.1.contains("Jembatan di Sengon roboh"));
    app.cleanup().await;
}

/// Who tries: signed out, or one of the roles.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Nobody,
    Author,
    Other(Role),
}

const EVERYONE: [Who; 7] = [
    Who::Nobody,
    Who::Author,
    Who::Other(Role::Resident),
    Who::Other(Role::Operator),
    Who::Other(Role::Secretariat),
    Who::Other(Role::OpdOfficer),
    Who::Other(Role::Admin),
];

async fn become_(app: &TestApp, who: Who) {
    match who {
        Who::Nobody => sign_out(app).await,
        Who::Author => as_role(app, "penulis@warga.test", Role::Resident).await,
        Who::Other(role) => as_role(app, &format!("{}@peran.test", role.as_str()), role).await,
    }
}

fn moderates(who: Who) -> bool {
    matches!(who, Who::Other(Role::Secretariat | Role::Admin))
}

async fn every_action_by_every_role(db: Db) {
    let app = TestApp::start(db).await;
    let choices = Choices::load(&app).await;
    for who in EVERYONE {
        // A fresh issue and comment by the author for every try.
        become_(&app, Who::Author).await;
        let id = post(&app, &format!("Aduan uji peran {who:?}")).await;
        let (_, location, _) = app
            .post_form(
                "/issues",
                "/api/comment/create",
                &[("issue", &id), ("body", "Komentar penulis")],
            )
            .await;
        let comment = location.unwrap().rsplit_once("#comment-").unwrap().1.to_owned();
        let other = post(&app, &format!("Aduan asli untuk gabung {who:?}")).await;

        become_(&app, who).await;
        let signed_in = who != Who::Nobody;
        let refused = if signed_in { 403 } else { 401 };
        let allowed_if = |ok: bool| if ok { 303 } else { refused };

        let mut create = choices
            .form("Aduan baru dari peran apa pun", "Uraian yang cukup panjang sekali.")
            .to_vec();
        create.push(("confirm_new", "1"));
        let (status, _, _) = app.post_form("/issues/new", "/api/issue/create", &create).await;
        assert_eq!(status, allowed_if(signed_in), "post by {who:?}");

        let mut on_behalf = create.clone();
        on_behalf.extend([("on_behalf_name", "Mbah Sukir"), ("on_behalf_phone", "0812-1111-2222")]);
        let (status, _, _) = app.post_form("/issues/new", "/api/issue/create", &on_behalf).await;
        assert_eq!(
            status,
            allowed_if(who == Who::Other(Role::Operator)),
            "post on behalf by {who:?}"
        );

        let mut edit = choices
            .form("Judul yang diubah orang lain", "Uraian yang cukup panjang sekali.")
            .to_vec();
        edit.push(("id", &id));
        let (status, _, _) = app
            .post_form(&format!("/issues/{id}/edit"), "/api/issue/update", &edit)
            .await;
        assert_eq!(status, allowed_if(who == Who::Author), "edit by {who:?}");

        let (status, _, _) = app
            .post_form("/issues", "/api/issue/support", &[("id", &id), ("support", "true")])
            .await;
        assert_eq!(status, allowed_if(signed_in), "support by {who:?}");

        let (status, _, _) = app
            .post_form(
                "/issues",
                "/api/comment/create",
                &[("issue", &id), ("body", "Saya juga")],
            )
            .await;
        assert_eq!(status, allowed_if(signed_in), "comment by {who:?}");

        let (status, _, _) = app
            .post_form(
                "/issues",
                "/api/comment/update",
                &[("id", &comment), ("body", "Diubah")],
            )
            .await;
        assert_eq!(status, allowed_if(who == Who::Author), "edit comment by {who:?}");

        let (status, _, _) = flag(&app, "comment", &comment, "uji laporan").await;
        assert_eq!(status, allowed_if(signed_in), "flag by {who:?}");

        for action in ["hide", "restore"] {
            assert_eq!(
                decide(&app, "issue", &id, action, "uji moderasi", "").await,
                allowed_if(moderates(who)),
                "{action} by {who:?}"
            );
        }
        assert_eq!(
            decide(&app, "issue", &id, "merge", "uji gabung", &other).await,
            allowed_if(moderates(who)),
            "merge by {who:?}"
        );
        assert_eq!(
            decide(&app, "issue", &other, "reject", "uji tolak", "").await,
            allowed_if(moderates(who)),
            "reject by {who:?}"
        );
        assert_eq!(
            app.get("/staff/moderation").await.0,
            if moderates(who) { 200 } else { refused },
            "queue seen by {who:?}"
        );

        let (status, _, _) = app
            .post_form("/issues", "/api/comment/delete", &[("id", &comment)])
            .await;
        assert_eq!(status, allowed_if(who == Who::Author), "delete comment by {who:?}");
    }
    app.cleanup().await;
}
