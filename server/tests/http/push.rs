//! Web push: a resident turns notices on for a device, and what happens to their issues
//! reaches the device's push service encrypted to its keys (the test decrypts it as the
//! browser would) with a VAPID token signed by the site's key; a device the push service
//! says is gone (410) is removed; only the owner turns a device off; subscriptions to hosts
//! the site does not send to are refused.

use app::domain::entities::{outbox, push_subscription, user_account};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::{
    forum::{self, resident},
    on_both_databases,
    support::{
        Db, TestApp,
        push::{Browser, PushService, vapid_claims},
    },
};

on_both_databases!(
    a_notice_reaches_the_device_encrypted_and_a_gone_device_is_removed,
    push_is_turned_on_only_for_known_services_and_off_only_by_its_owner,
);

const PAGE: &str = "/account/notifications";
const SUBSCRIBE: &str = "/api/account/push/subscribe";

async fn subscribe(app: &TestApp, endpoint: &str, browser: &Browser) -> (u16, Option<String>, String) {
    let (p256dh, auth) = (browser.p256dh(), browser.auth());
    let fields = [
        ("endpoint", endpoint),
        ("p256dh", p256dh.as_str()),
        ("auth", auth.as_str()),
        ("label", "Chrome · Android"),
    ];
    app.post_form(PAGE, SUBSCRIBE, &fields).await
}

async fn devices_of(app: &TestApp, email: &str) -> Vec<push_subscription::Model> {
    let user = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    push_subscription::Entity::find()
        .filter(push_subscription::Column::UserId.eq(user.id))
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn comment(app: &TestApp, path: &str, body: &str) {
    let id = path.trim_start_matches("/issues/");
    let (status, _, page) = app
        .post_form(path, "/api/comment/create", &[("issue", id), ("body", body)])
        .await;
    assert_eq!(status, 303, "{page}");
}

async fn a_notice_reaches_the_device_encrypted_and_a_gone_device_is_removed(db: Db) {
    let app = TestApp::start(db).await;
    let service = PushService::start().await;
    resident(&app, "Siti Penulis", "siti@warga.test").await;
    let path = forum::post_issue(&app, "Lampu penerangan Sambong padam", "publik").await;
    let id = path.trim_start_matches("/issues/").to_owned();

    // Two devices: the phone, and an old tablet whose browser has since unsubscribed.
    let phone = Browser::new();
    let (status, location, page) = subscribe(&app, &service.endpoint("ponsel"), &phone).await;
    assert_eq!(status, 303, "{page}");
    assert_eq!(location.as_deref(), Some("/account/notifications?push=on#push"));
    let tablet = Browser::new();
    assert_eq!(subscribe(&app, &service.endpoint("tablet"), &tablet).await.0, 303);
    service.forget("tablet").await;

    let (_, page) = app.get("/account/notifications?push=on").await;
    assert!(page.contains("Notifikasi aktif di perangkat ini."), "{page}");
    assert!(page.contains("Chrome · Android"), "the device is listed");
    assert!(
        page.contains(r#"name="comments_push" value="on" checked"#),
        "push is offered per topic, on"
    );
    assert!(page.contains(&format!(r#"data-push-key="{}""#, app.state.config.vapid.public())));

    // Budi comments on Siti's issue: comments come to her by mail once a day, but the
    // push goes at once.
    let budi = app.second_browser();
    resident(&budi, "Budi Tetangga", "budi@warga.test").await;
    comment(&budi, &path, "Sudah tiga malam gelap, rawan.").await;

    let delivery = service.wait_for("ponsel", 1).await.remove(0);
    assert_eq!(delivery.status, 201);
    assert_eq!(delivery.header("content-encoding"), "aes128gcm");
    assert_eq!(delivery.header("ttl"), "86400");
    assert_eq!(delivery.header("content-type"), "application/octet-stream");
    let claims = vapid_claims(delivery.header("authorization"), &app.state.config.vapid.public());
    assert_eq!(claims["aud"], service.root);
    assert_eq!(claims["sub"], "mailto:noreply@jatinan.test");
    let now = app.state.clock.now().timestamp();
    let expires = claims["exp"].as_i64().unwrap();
    assert!(expires > now && expires <= now + 24 * 3600, "{expires} vs {now}");
    assert!(delivery.body.len() <= 4096);

    let notice: serde_json::Value = serde_json::from_slice(&phone.open(&delivery.body)).unwrap();
    assert!(
        notice["title"].as_str().unwrap().contains(&format!("#{id}")),
        "{notice}"
    );
    assert_eq!(notice["body"], "Budi Tetangga: Sudah tiga malam gelap, rawan.");
    assert!(
        notice["url"]
            .as_str()
            .unwrap()
            .starts_with(&format!("/issues/{id}#komentar-")),
        "{notice}"
    );
    assert_eq!(notice["lang"], "id");

    // The tablet's push service said 410: its row failed for good, and the device is gone
    // from her list.
    service.wait_for("tablet", 1).await;
    let mut failed = Vec::new();
    for _ in 0..100 {
        failed = outbox::Entity::find()
            .filter(outbox::Column::Channel.eq(outbox::Channel::Push))
            .filter(outbox::Column::Status.eq(outbox::FAILED))
            .all(&app.state.db)
            .await
            .unwrap();
        if !failed.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(failed.len(), 1);
    assert!(failed[0].last_error.as_deref().unwrap_or_default().contains("410"));
    let left = devices_of(&app, "siti@warga.test").await;
    assert_eq!(left.len(), 1, "the gone device is removed");
    assert!(left[0].endpoint.ends_with("/push/ponsel"));
    assert!(left[0].last_sent_at.is_some());
    app.cleanup().await;
}

async fn push_is_turned_on_only_for_known_services_and_off_only_by_its_owner(db: Db) {
    let app = TestApp::start(db).await;
    let service = PushService::start().await;

    // Signed out, nothing is kept.
    let (status, _, _) = subscribe(&app, &service.endpoint("x"), &Browser::new()).await;
    assert!((400..500).contains(&status), "{status}");
    assert_eq!(push_subscription::Entity::find().count(&app.state.db).await.unwrap(), 0);

    resident(&app, "Siti Penulis", "siti@warga.test").await;
    let path = forum::post_issue(&app, "Saluran irigasi Bawang tersumbat", "publik").await;
    for refused in [
        "https://push.contoh.test/kirim/1",
        "http://10.0.0.7/push/1",
        "ftp://127.0.0.1/push/1",
        "bukan alamat",
    ] {
        let (status, _, page) = subscribe(&app, refused, &Browser::new()).await;
        assert_eq!(status, 422, "{refused}: {page}");
        assert!(
            page.contains("Layanan notifikasi browser ini tidak dilayani situs ini."),
            "{refused}"
        );
    }
    let fields = [
        ("endpoint", service.endpoint("rusak")),
        ("p256dh", "BAAA".to_owned()),
        ("auth", Browser::new().auth()),
        ("label", "Chrome".to_owned()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, page) = app.post_form(PAGE, SUBSCRIBE, &fields).await;
    assert_eq!(status, 422);
    assert!(page.contains("Browser ini memberi kunci yang tidak bisa dipakai."));
    assert!(devices_of(&app, "siti@warga.test").await.is_empty());

    // Ten devices at most.
    for n in 0..10 {
        let (status, _, page) = subscribe(&app, &service.endpoint(&format!("d{n}")), &Browser::new()).await;
        assert_eq!(status, 303, "{page}");
    }
    let (status, _, page) = subscribe(&app, &service.endpoint("d10"), &Browser::new()).await;
    assert_eq!(status, 422);
    assert!(page.contains("Notifikasi sudah aktif di 10 perangkat."), "{page}");
    // The same browser subscribing again is the same device, with its new keys.
    assert_eq!(subscribe(&app, &service.endpoint("d0"), &Browser::new()).await.0, 303);
    let devices = devices_of(&app, "siti@warga.test").await;
    assert_eq!(devices.len(), 10);

    // Another resident cannot turn Siti's device off.
    let budi = app.second_browser();
    resident(&budi, "Budi Tetangga", "budi@warga.test").await;
    let target = devices[0].id.to_string();
    let (status, _, _) = budi
        .post_form(PAGE, "/api/account/push/remove", &[("id", target.as_str())])
        .await;
    assert_eq!(status, 404);
    assert_eq!(devices_of(&app, "siti@warga.test").await.len(), 10);

    // Siti unticks push for every topic: Budi's comment then pushes nothing.
    let (status, _, page) = app
        .post_form(PAGE, "/api/account/notifications/save", &[("push_shown", "1")])
        .await;
    assert_eq!(status, 303, "{page}");
    let (_, page) = app.get(PAGE).await;
    assert!(page.contains(r#"name="comments_push" value="on""#));
    assert!(!page.contains(r#"name="comments_push" value="on" checked"#));
    comment(&budi, &path, "Airnya meluap ke sawah.").await;
    let queued = outbox::Entity::find()
        .filter(outbox::Column::Channel.eq(outbox::Channel::Push))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(queued, 0, "push turned off for the topic");

    // She turns one device off herself.
    let (status, location, _) = app
        .post_form(PAGE, "/api/account/push/remove", &[("id", target.as_str())])
        .await;
    assert_eq!(status, 303);
    assert_eq!(location.as_deref(), Some("/account/notifications?push=off#push"));
    assert_eq!(devices_of(&app, "siti@warga.test").await.len(), 9);
    assert!(service.deliveries().await.is_empty());
    app.cleanup().await;
}
