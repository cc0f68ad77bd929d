//! The resident's own page (`/account`): what they posted (every privacy kind), support,
//! follow and registered for; withdrawing their own issue; a copy of their data; deleting
//! the account, after which nothing of the person can be read anywhere. Each action by the
//! wrong person, or signed out, is refused.

use app::{
    domain::entities::{issue, issue_follow, outbox, user_account},
    model::{account::Role, issue::IssueStatus},
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
};
use serde_json::Value;

use crate::{
    forum::{post_issue, resident},
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    a_resident_finds_everything_of_theirs_on_their_own_page,
    an_author_withdraws_an_issue_nobody_acted_on_and_its_supporters_are_told,
    the_data_download_holds_exactly_the_persons_rows,
    a_deleted_account_leaves_no_name_email_or_session_behind,
);

const WARGA: &str = "kata sandi warga";
const STAFF: &str = "kata sandi staf";

fn id_of(path: &str) -> i32 {
    path.trim_start_matches("/issues/").parse().unwrap()
}

async fn status_of(app: &TestApp, path: &str) -> IssueStatus {
    issue::Entity::find_by_id(id_of(path))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .status
}

/// A second browser with a newly registered, signed-in resident.
async fn another_resident(app: &TestApp, name: &str, email: &str) -> TestApp {
    let browser = app.second_browser();
    resident(&browser, name, email).await;
    browser
}

async fn support(browser: &TestApp, path: &str) {
    let id = id_of(path).to_string();
    let (status, _, body) = browser
        .post_form(path, "/api/issue/support", &[("id", &id), ("support", "true")])
        .await;
    assert_eq!(status, 303, "{body}");
}

async fn a_resident_finds_everything_of_theirs_on_their_own_page(db: Db) {
    let app = TestApp::start(db).await;
    let signed_out = app.second_browser();
    assert_eq!(signed_out.get("/account").await.0, 401);
    assert_eq!(signed_out.get("/account/issues").await.0, 401);

    resident(&app, "Siti Aminah", "siti@warga.test").await;
    let public = post_issue(&app, "Jalan desa Kalimanggis berlubang", "publik").await;
    post_issue(&app, "Pungutan liar di kantor desa", "anonim").await;
    let secret = post_issue(&app, "Kepala dusun meminta uang pelicin", "rahasia").await;
    let (status, page) = app.get("/account").await;
    assert_eq!(status, 200, "{page}");
    for text in [
        "Jalan desa Kalimanggis berlubang",
        "Pungutan liar di kantor desa",
        "Kepala dusun meminta uang pelicin",
        "Rahasia",
        "Anonim",
        "siti@warga.test",
        "Tarik aduan ini",
        "Unduh data saya",
        "Hapus akun",
    ] {
        assert!(page.contains(text), "{text} on /account");
    }
    assert!(
        page.contains(&format!("href=\"{secret}\"")),
        "my confidential issue links to its page"
    );

    // Another resident supports (and so follows) the public issue, then unfollows it from
    // their own page; they never see the confidential one.
    let other = another_resident(&app, "Budi Santoso", "budi@warga.test").await;
    support(&other, &public).await;
    let (_, page) = other.get("/account").await;
    assert!(page.contains("Jalan desa Kalimanggis berlubang"));
    assert!(!page.contains("pelicin"), "not another person's confidential issue");
    assert!(!page.contains("Tarik aduan ini"), "nothing of theirs to withdraw");
    let id = id_of(&public).to_string();
    let (status, location, _) = other
        .post_form(
            "/account",
            "/api/issue/follow",
            &[("id", &id), ("follow", "false"), ("from", "account")],
        )
        .await;
    assert_eq!((status, location.as_deref()), (303, Some("/account")));
    let budi = other.account("budi@warga.test").await;
    let follows = issue_follow::Entity::find()
        .filter(issue_follow::Column::UserId.eq(budi.id))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(follows, 0);

    // Every issue of mine on /account/issues; staff have a page too, but no delete form.
    let (status, page) = app.get("/account/issues").await;
    assert_eq!(status, 200);
    assert_eq!(page.matches("class=\"card\"").count(), 3, "{page}");
    app.create_account("sekretariat@staf.test", Role::Secretariat, None)
        .await;
    let staff = app.second_browser();
    staff.sign_in("sekretariat@staf.test", STAFF).await;
    let (status, page) = staff.get("/account").await;
    assert_eq!(status, 200);
    assert!(page.contains("admin yang menutupnya") && !page.contains("Hapus akun saya"));
    app.cleanup().await;
}

async fn an_author_withdraws_an_issue_nobody_acted_on_and_its_supporters_are_told(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Siti Aminah", "siti@warga.test").await;
    let path = post_issue(&app, "Lampu jalan Desa Kalimanggis padam", "publik").await;
    let id = id_of(&path).to_string();
    let follower = another_resident(&app, "Budi Santoso", "budi@warga.test").await;
    support(&follower, &path).await;
    // A supporter who stopped following is told too: they backed it.
    let backer = another_resident(&app, "Dewi Lestari", "dewi@warga.test").await;
    support(&backer, &path).await;
    backer
        .post_form(&path, "/api/issue/follow", &[("id", &id), ("follow", "false")])
        .await;

    // Nobody else may withdraw it, and signed out nobody may.
    let (status, _, _) = follower
        .post_form("/account", "/api/issue/withdraw", &[("id", &id)])
        .await;
    assert_eq!(status, 403);
    let (status, _, _) = app
        .second_browser()
        .post_form("/account", "/api/issue/withdraw", &[("id", &id)])
        .await;
    assert_eq!(status, 401);
    assert_eq!(status_of(&app, &path).await, IssueStatus::Published);

    let (status, location, body) = app.post_form("/account", "/api/issue/withdraw", &[("id", &id)]).await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/account?withdrawn=1")),
        "{body}"
    );
    assert_eq!(status_of(&app, &path).await, IssueStatus::Withdrawn);
    let (_, page) = app.get("/account?withdrawn=1").await;
    assert!(page.contains("Aduan Anda sudah ditarik") && page.contains("Ditarik pelapor"));
    // A second press changes nothing and tells nobody twice.
    assert_eq!(
        app.post_form("/account", "/api/issue/withdraw", &[("id", &id)]).await.0,
        303
    );

    app.mail_settled().await;
    for mail in [
        app.smtp.wait_for("budi@warga.test", 2).await,
        app.smtp.wait_for("dewi@warga.test", 2).await,
    ] {
        let told: Vec<_> = mail.iter().filter(|m| m.text().contains("Ditarik pelapor")).collect();
        assert_eq!(
            told.len(),
            1,
            "{:?}",
            mail.iter().map(|m| m.subject()).collect::<Vec<_>>()
        );
    }
    let to_author = app.smtp.messages_to("siti@warga.test").await;
    assert!(
        !to_author.iter().any(|m| m.text().contains("Ditarik pelapor")),
        "not the author"
    );

    // It leaves every list, search, feed and Open311; its page is the author's alone.
    for list in [
        "/issues",
        "/issues?q=lampu",
        "/issues.atom",
        "/open311/v2/requests.json",
        "/",
    ] {
        let (_, text) = follower.get(list).await;
        assert!(!text.contains("Lampu jalan Desa Kalimanggis"), "{list}");
    }
    assert_eq!(follower.get(&path).await.0, 404);
    assert_eq!(app.get(&path).await.0, 200);

    // Once the secretariat has acted (here: on an agenda), it can no longer be withdrawn.
    let later = post_issue(&app, "Saluran irigasi Desa Kalimanggis tersumbat", "publik").await;
    let mut row = issue::Entity::find_by_id(id_of(&later))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    row.status = Set(IssueStatus::OnAgenda);
    row.update(&app.state.db).await.unwrap();
    let later_id = id_of(&later).to_string();
    let (_, page) = app.get("/account").await;
    assert_eq!(page.matches("Tarik aduan ini").count(), 0, "no withdraw form for it");
    let (status, _, page) = app
        .post_form("/account", "/api/issue/withdraw", &[("id", &later_id)])
        .await;
    assert_eq!(status, 422, "{page}");
    assert_eq!(status_of(&app, &later).await, IssueStatus::OnAgenda);
    app.cleanup().await;
}

async fn the_data_download_holds_exactly_the_persons_rows(db: Db) {
    let app = TestApp::start(db).await;
    assert_eq!(app.get("/account/data.json").await.0, 401);
    resident(&app, "Siti Aminah", "siti@warga.test").await;
    let first = post_issue(&app, "Jalan desa Kalimanggis berlubang", "publik").await;
    let second = post_issue(&app, "Kepala dusun meminta uang pelicin", "rahasia").await;
    let other = another_resident(&app, "Budi Santoso", "budi@warga.test").await;
    let theirs = post_issue(&other, "Lampu jalan Desa Sidorejo padam", "publik").await;
    // Each comments on the other's issue; Siti supports Budi's.
    for (browser, path, text) in [
        (&app, &theirs, "Di dusun kami juga padam sejak Senin."),
        (&other, &first, "Benar, lubangnya makin besar."),
    ] {
        let id = id_of(path).to_string();
        let (status, _, body) = browser
            .post_form(path, "/api/comment/create", &[("issue", &id), ("body", text)])
            .await;
        assert_eq!(status, 303, "{body}");
    }
    support(&app, &theirs).await;

    let res = app.client.get(app.url("/account/data.json")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let text = res.text().await.unwrap();
    let data: Value = serde_json::from_str(&text).unwrap();
    let siti = app.account("siti@warga.test").await;
    assert_eq!(data["account"]["email"], "siti@warga.test");
    assert_eq!(data["account"]["id"], siti.id);
    let ids = |key: &str, field: &str| -> Vec<i64> {
        data[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r[field].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ids("issues", "id"), [id_of(&first), id_of(&second)].map(i64::from));
    assert_eq!(ids("comments", "issue_id"), [i64::from(id_of(&theirs))]);
    assert_eq!(ids("supports", "issue_id"), [i64::from(id_of(&theirs))]);
    let mut followed = ids("follows", "issue_id");
    followed.sort_unstable();
    assert_eq!(
        followed,
        [id_of(&first), id_of(&second), id_of(&theirs)].map(i64::from),
        "their own issues, and the one they support and discuss"
    );
    assert!(text.contains("uang pelicin"), "their confidential issue is theirs");
    for not_hers in ["Budi", "budi@warga.test", "lubangnya makin besar", "Sidorejo"] {
        assert!(!text.contains(not_hers), "{not_hers} is someone else's");
    }
    app.cleanup().await;
}

async fn a_deleted_account_leaves_no_name_email_or_session_behind(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Siti Rahasiawati", "siti@warga.test").await;
    let path = post_issue(&app, "Jembatan Desa Kalimanggis retak", "publik").await;
    let id = id_of(&path).to_string();
    let (status, _, _) = app
        .post_form(
            &path,
            "/api/comment/create",
            &[("issue", &id), ("body", "Foto retakan saya kirim besok pagi.")],
        )
        .await;
    assert_eq!(status, 303);
    let phone = app.second_browser();
    phone.sign_in("siti@warga.test", WARGA).await;
    assert_eq!(phone.get("/account").await.0, 200);
    let before = app.account("siti@warga.test").await;

    // Signed out, nothing; staff cannot delete their own account; a wrong password keeps it.
    let (status, _, _) = app
        .second_browser()
        .post_form("/account", "/api/account/delete", &[("password", WARGA)])
        .await;
    assert_eq!(status, 401);
    app.create_account("sekretariat@staf.test", Role::Secretariat, None)
        .await;
    let staff = app.second_browser();
    staff.sign_in("sekretariat@staf.test", STAFF).await;
    let (status, _, page) = staff
        .post_form("/account", "/api/account/delete", &[("password", STAFF)])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Akun petugas tidak dapat dihapus sendiri"));
    let (status, _, page) = app
        .post_form("/account", "/api/account/delete", &[("password", "bukan sandinya")])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Kata sandi salah"));
    assert_eq!(app.account("siti@warga.test").await.name, "Siti Rahasiawati");

    let (status, location, body) = app
        .post_form("/account", "/api/account/delete", &[("password", WARGA)])
        .await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/account/login?notice=deleted")),
        "{body}"
    );
    let (_, page) = app.get("/account/login?notice=deleted").await;
    assert!(page.contains("Akun Anda sudah dihapus"));
    // Every session ended, this browser's and the other device's; the password opens nothing.
    assert_eq!(app.get("/account").await.0, 401);
    assert_eq!(phone.get("/account").await.0, 401);
    let (status, _, _) = app
        .post_form(
            "/account/login",
            "/api/account/login",
            &[("email", "siti@warga.test"), ("password", WARGA)],
        )
        .await;
    assert_eq!(status, 422);
    let erased = user_account::Entity::find_by_id(before.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(erased.name, "Warga");
    assert!(erased.disabled_at.is_some() && erased.email.ends_with(".invalid"));

    // The issue and comment stay, as by "Warga"; news of the issue reaches nobody at the old
    // address.
    let (status, page) = app.get(&path).await;
    assert_eq!(status, 200);
    assert!(page.contains("Jembatan Desa Kalimanggis retak") && page.contains("Foto retakan"));
    let other = another_resident(&app, "Budi Santoso", "budi@warga.test").await;
    other
        .post_form(
            &path,
            "/api/comment/create",
            &[("issue", &id), ("body", "Di sisi utara juga retak.")],
        )
        .await;
    app.mail_settled().await;
    let queued = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq("siti@warga.test"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(queued, 0, "no mail to the erased address, sent or waiting");

    // Nothing of the person on any page, feed or export, staff's and admin's included.
    app.create_account("admin@staf.test", Role::Admin, None).await;
    let admin = app.second_browser();
    admin.sign_in("admin@staf.test", STAFF).await;
    for page in [
        path.as_str(),
        "/issues",
        "/issues?q=jembatan",
        "/",
        "/issues.atom",
        "/open311/v2/requests.json",
        "/scorecard.csv",
        "/admin/accounts",
        "/admin/accounts?q=siti",
        "/admin/outbox",
        "/staff/moderation",
    ] {
        let (_, text) = admin.get(page).await;
        for trace in ["Rahasiawati", "siti@warga.test"] {
            assert!(!text.contains(trace), "{trace} on {page}");
        }
    }
    app.cleanup().await;
}
