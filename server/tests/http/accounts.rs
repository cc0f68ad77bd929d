//! Registering, verifying, signing in and out, resetting a password, choosing a language.

use sea_orm::{EntityTrait, PaginatorTrait};

use crate::{
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    a_registration_mails_a_link_that_verifies_the_account,
    a_wrong_password_is_refused_and_the_email_is_kept,
    bad_registrations_are_refused_with_messages_and_nothing_is_written,
    a_forgotten_password_is_replaced_through_the_emailed_link,
    sessions_survive_a_restart_and_are_shared_between_instances,
    signing_out_ends_the_session,
);

async fn a_registration_mails_a_link_that_verifies_the_account(db: Db) {
    let app = TestApp::start(db).await;
    app.register_and_verify("Siti Aminah", "siti@warga.test", "kata sandi siti")
        .await;
    let mail = app.smtp.wait_for("siti@warga.test", 1).await;
    assert_eq!(mail[0].subject(), "Verifikasi email Anda di Minggon Jatinan");
    assert!(mail[0].text().starts_with("Halo Siti Aminah,"));
    assert!(mail[0].html().contains("Verifikasi email"));

    app.sign_in("siti@warga.test", "kata sandi siti").await;
    let (_, home) = app.get("/").await;
    assert!(home.contains("Siti Aminah"), "the header names the signed-in resident");
    assert!(
        !home.contains("belum diverifikasi"),
        "a verified account sees no verification banner"
    );

    // Opening the link again still confirms; a made-up token does not.
    let link = mail[0].link_containing("/account/verify");
    let (status, page) = app.get(link.strip_prefix(&app.base).unwrap()).await;
    assert_eq!(status, 200);
    assert!(page.contains("Email Anda sudah terverifikasi."));
    let (status, page) = app.get("/account/verify?token=bukan-token").await;
    assert_eq!(status, 422);
    assert!(page.contains("Tautan tidak berlaku lagi"));
    app.cleanup().await;
}

async fn a_wrong_password_is_refused_and_the_email_is_kept(db: Db) {
    let app = TestApp::start(db).await;
    app.register_and_verify("Budi", "budi@warga.test", "kata sandi budi")
        .await;
    let (status, location, page) = app
        .post_form(
            "/account/login",
            "/api/account/login",
            &[("email", "budi@warga.test"), ("password", "salah sekali")],
        )
        .await;
    assert_eq!((status, location), (422, None));
    assert!(page.contains("Email atau kata sandi salah."));
    assert!(page.contains("value=\"budi@warga.test\""), "the typed email is kept");
    assert!(!page.contains("salah sekali"), "a password is never sent back");
    app.cleanup().await;
}

async fn bad_registrations_are_refused_with_messages_and_nothing_is_written(db: Db) {
    let app = TestApp::start(db).await;
    let (status, _, page) = app
        .post_form(
            "/account/register",
            "/api/account/register",
            &[("name", "Siti"), ("email", "siti-at-warga"), ("password", "pendek")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Alamat email tidak valid"));
    assert!(page.contains("Terlalu pendek: paling sedikit 8 karakter."));
    assert!(page.contains("value=\"siti-at-warga\"") && page.contains("value=\"Siti\""));
    assert!(page.contains("aria-invalid=\"true\""));
    let accounts = app::domain::entities::user_account::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(accounts, 0, "nothing is written");

    // The same refusal in English for a reader who chose English.
    app.post_form("/", "/api/account/language", &[("lang", "en")]).await;
    let (status, _, page) = app
        .post_form(
            "/account/register",
            "/api/account/register",
            &[("name", ""), ("email", "x@y.id"), ("password", "panjang sekali")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Required."), "{page}");
    assert!(page.contains("<html lang=\"en\""));

    // A second account with the same email is a field error, not a crash.
    app.register_and_verify("Siti", "siti@warga.test", "kata sandi siti")
        .await;
    let (status, _, page) = app
        .post_form(
            "/account/register",
            "/api/account/register",
            &[
                ("name", "Lain"),
                ("email", "SITI@warga.test"),
                ("password", "kata sandi lain"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("This email is already registered."));
    app.cleanup().await;
}

async fn a_forgotten_password_is_replaced_through_the_emailed_link(db: Db) {
    let app = TestApp::start(db).await;
    app.register_and_verify("Rina", "rina@warga.test", "kata sandi lama")
        .await;
    let (status, location, _) = app
        .post_form(
            "/account/forgot",
            "/api/account/forgot",
            &[("email", "rina@warga.test")],
        )
        .await;
    assert_eq!((status, location.as_deref()), (303, Some("/account/forgot?sent=1")));
    // Unknown addresses get the same answer and no mail.
    let (status, location, _) = app
        .post_form(
            "/account/forgot",
            "/api/account/forgot",
            &[("email", "nobody@warga.test")],
        )
        .await;
    assert_eq!((status, location.as_deref()), (303, Some("/account/forgot?sent=1")));

    let mail = app.smtp.wait_for("rina@warga.test", 2).await;
    let reset = mail
        .iter()
        .find(|m| m.subject() == "Buat kata sandi baru Minggon Jatinan")
        .expect("reset mail");
    let link = reset.link_containing("/account/reset?token=");
    let page_path = link.strip_prefix(&app.base).unwrap().to_owned();
    let token = page_path.split("token=").nth(1).unwrap().to_owned();
    let (status, page) = app.get(&page_path).await;
    assert_eq!(status, 200);
    assert!(page.contains("Buat kata sandi baru"));
    let (status, location, _) = app
        .post_form(
            &page_path,
            "/api/account/reset",
            &[("token", &token), ("password", "kata sandi baru")],
        )
        .await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/account/login?notice=reset"))
    );

    let (status, _, _) = app
        .post_form(
            "/account/login",
            "/api/account/login",
            &[("email", "rina@warga.test"), ("password", "kata sandi lama")],
        )
        .await;
    assert_eq!(status, 422, "the old password no longer works");
    app.sign_in("rina@warga.test", "kata sandi baru").await;
    assert!(app.smtp.messages_to("nobody@warga.test").await.is_empty());
    app.cleanup().await;
}

async fn sessions_survive_a_restart_and_are_shared_between_instances(db: Db) {
    let app = TestApp::start(db).await;
    app.register_and_verify("Dewi", "dewi@warga.test", "kata sandi dewi")
        .await;
    app.sign_in("dewi@warga.test", "kata sandi dewi").await;
    // The same browser talks to a second instance on the same database.
    let second = app.another_instance().await;
    let (_, page) = second.get("/").await;
    assert!(page.contains("Dewi"), "the second instance knows the session");
    app.cleanup().await;
}

async fn signing_out_ends_the_session(db: Db) {
    let app = TestApp::start(db).await;
    app.register_and_verify("Eko", "eko@warga.test", "kata sandi eko").await;
    app.sign_in("eko@warga.test", "kata sandi eko").await;
    let cookies = app.cookie_header();
    assert!(cookies.contains("jatinan_session="));
    let (status, location, _) = app.post_form("/", "/api/account/logout", &[]).await;
    assert_eq!((status, location.as_deref()), (303, Some("/")));
    let res = reqwest::Client::new()
        .get(app.url("/"))
        .header("cookie", cookies)
        .send()
        .await
        .unwrap();
    let page = res.text().await.unwrap();
    assert!(!page.contains("Eko"), "the old cookie no longer signs anyone in");
    app.cleanup().await;
}
