//! WhatsApp as a channel (issue 23), against a Graph API on loopback (`support::graph`):
//! the webhook's handshake and signatures, each `wamid` processed once, a whole report by
//! conversation with a photo and a location, "batal", an unknown village, the commands, the
//! outbox's retries and refusals, delivery statuses, and no number on any public surface.

use app::{
    domain::entities::{issue, issue_photo, issue_support, outbox, user_account, wa_contact, wa_event},
    model::{account::Role, issue::Privacy},
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::{
    forum, on_both_databases,
    photos::{has_exif, jpeg_with_gps},
    support::{
        Db, TestApp,
        graph::{self, Call},
    },
};

on_both_databases!(
    a_whole_report_by_conversation_becomes_one_issue,
    cancelling_midway_leaves_nothing,
    an_unknown_village_gets_choices_not_an_error,
    the_commands_answer_status_support_and_follow,
    a_stop_ends_every_message_until_start,
    a_failing_graph_api_is_retried_once_and_a_refusal_is_not,
);

const SITI: &str = "6281234567890";

fn graph(app: &TestApp) -> &graph::GraphApi {
    app.graph.as_ref().expect("the app runs with WhatsApp on")
}

/// The last message sent to `phone`, as the resident reads it.
async fn last_reply(app: &TestApp, phone: &str) -> String {
    graph(app)
        .delivered_to(phone)
        .await
        .last()
        .map(Call::text)
        .unwrap_or_default()
}

/// The number a numbered list gives the line that contains `needle`.
fn number_of(list: &str, needle: &str) -> String {
    list.lines()
        .find(|line| line.contains(needle))
        .and_then(|line| line.split_once('.'))
        .map(|(n, _)| n.trim().to_owned())
        .unwrap_or_else(|| panic!("{needle} is not offered in:\n{list}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_channel_is_off_without_its_settings() {
    let app = TestApp::start(Db::Sqlite).await;
    let (status, _) = app
        .get("/channels/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1")
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        app.whatsapp_post(&json!({"object": "whatsapp_business_account"})).await,
        404
    );
    let (_, page) = app.get("/account/login").await;
    assert!(
        !page.contains("/account/login/whatsapp"),
        "no way in that does not work"
    );
    let (status, page) = app.get("/account/login/whatsapp").await;
    assert_eq!(status, 200);
    assert!(page.contains("belum diaktifkan"));
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_handshake_echoes_the_challenge_only_for_our_verify_token() {
    let app = TestApp::start_with_whatsapp(Db::Sqlite).await;
    let path = |token: &str| {
        format!("/channels/whatsapp/webhook?hub.mode=subscribe&hub.verify_token={token}&hub.challenge=1158201444")
    };
    assert_eq!(
        app.get(&path(graph::VERIFY_TOKEN)).await,
        (200, "1158201444".to_owned())
    );
    assert_eq!(app.get(&path("tebakan")).await.0, 403);
    assert_eq!(app.get("/channels/whatsapp/webhook").await.0, 403);
    let (_, page) = app.get("/account/login").await;
    assert!(
        page.contains("/account/login/whatsapp"),
        "the sign-in page offers WhatsApp"
    );
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_or_missing_signature_changes_nothing() {
    let app = TestApp::start_with_whatsapp(Db::Sqlite).await;
    let body = graph::notification(
        SITI,
        "Siti",
        json!({"from": SITI, "id": "wamid.palsu", "timestamp": "1", "type": "text", "text": {"body": "lapor"}}),
    )
    .to_string();
    let forged = format!(
        "sha256={}",
        app::domain::secrets::SigningKey::new(b"bukan rahasia kita").sign_hex(body.as_bytes())
    );
    for signature in [None, Some(forged.as_str()), Some("sha256="), Some("md5=abc")] {
        let mut request = app
            .client
            .post(app.url("/channels/whatsapp/webhook"))
            .header("content-type", "application/json")
            .body(body.clone());
        if let Some(signature) = signature {
            request = request.header("x-hub-signature-256", signature);
        }
        assert_eq!(request.send().await.unwrap().status().as_u16(), 401, "{signature:?}");
    }
    // A body changed after signing is refused too.
    let signed = graph::signature(body.as_bytes());
    let changed = body.replace("lapor", "batal");
    let res = app
        .client
        .post(app.url("/channels/whatsapp/webhook"))
        .header("x-hub-signature-256", signed)
        .body(changed)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(wa_event::Entity::find().count(&app.state.db).await.unwrap(), 0);
    assert_eq!(wa_contact::Entity::find().count(&app.state.db).await.unwrap(), 0);
    assert!(graph(&app).calls().await.is_empty(), "nothing was answered");
    app.cleanup().await;
}

async fn a_whole_report_by_conversation_becomes_one_issue(db: Db) {
    let app = TestApp::start_with_whatsapp(db).await;
    let api = graph(&app);

    app.whatsapp_says(SITI, "Halo").await;
    let welcome = api.wait_for(SITI, 2).await;
    assert!(welcome[0].text().contains("Minggon Jatinan"), "{welcome:?}");
    assert!(welcome[1].text().starts_with("1/7"));

    app.whatsapp_says(SITI, "Jembatan bambu Kalisalak ambrol").await;
    let categories = last_reply(&app, SITI).await;
    assert!(
        categories.contains("2/7") && categories.contains("Jalan dan jembatan"),
        "{categories}"
    );
    app.whatsapp_says(SITI, &number_of(&categories, "Jalan dan jembatan"))
        .await;
    assert!(last_reply(&app, SITI).await.starts_with("3/7"));

    // Two villages are called Kalisalak, and "Kalisalk" is one letter off: choices.
    app.whatsapp_says(SITI, "desa kalisalk").await;
    let villages = last_reply(&app, SITI).await;
    assert!(
        villages.contains("Kalisalak (Kec. Limpung)") && villages.contains("Kalisalak (Kec. Batang)"),
        "{villages}"
    );
    app.whatsapp_says(SITI, &number_of(&villages, "Kalisalak (Kec. Limpung)"))
        .await;
    assert!(last_reply(&app, SITI).await.starts_with("4/7"));

    app.whatsapp_says(SITI, "terlalu pendek").await;
    assert!(
        last_reply(&app, SITI).await.contains("20"),
        "too short is said, with the minimum"
    );
    app.whatsapp_says(
        SITI,
        "Jembatan bambu penghubung dusun ambrol sejak Senin; anak sekolah memutar 3 km.",
    )
    .await;
    assert!(last_reply(&app, SITI).await.starts_with("5/7"));

    let original = jpeg_with_gps();
    assert!(has_exif(&original));
    api.add_media("media.jembatan.1", original).await;
    app.whatsapp_message(
        SITI,
        json!({"type": "image", "image": {"id": "media.jembatan.1", "mime_type": "image/jpeg", "sha256": "x"}}),
    )
    .await;
    app.whatsapp_settled().await;
    assert!(
        last_reply(&app, SITI).await.contains("Foto 1"),
        "{}",
        last_reply(&app, SITI).await
    );
    app.whatsapp_says(SITI, "lanjut").await;
    assert!(last_reply(&app, SITI).await.starts_with("6/7"));

    // A point outside Batang is refused; one inside is kept.
    app.whatsapp_message(
        SITI,
        json!({"type": "location", "location": {"latitude": -6.2, "longitude": 106.8}}),
    )
    .await;
    app.whatsapp_settled().await;
    assert!(!last_reply(&app, SITI).await.starts_with("7/7"));
    app.whatsapp_message(
        SITI,
        json!({"type": "location", "location": {"latitude": -7.0312, "longitude": 109.9123, "name": "Jembatan"}}),
    )
    .await;
    app.whatsapp_settled().await;
    assert!(last_reply(&app, SITI).await.starts_with("7/7"));

    app.whatsapp_says(SITI, "2").await;
    let summary = last_reply(&app, SITI).await;
    for part in [
        "Jembatan bambu Kalisalak ambrol",
        "Kalisalak, Kec. Limpung",
        "Foto*: 1",
        "dibagikan",
        "*ya*",
    ] {
        assert!(summary.contains(part), "{part} in {summary}");
    }

    // Meta delivers the same "ya" three times: one issue, one answer.
    let yes = json!({"from": SITI, "id": "wamid.ya.sekali", "timestamp": "1", "type": "text", "text": {"body": "ya"}});
    for _ in 0..3 {
        assert_eq!(
            app.whatsapp_post(&graph::notification(SITI, "Siti Aminah", yes.clone()))
                .await,
            200
        );
    }
    app.whatsapp_settled().await;
    let issues = issue::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(issues.len(), 1, "one issue for one wamid delivered three times");
    let posted = &issues[0];
    assert_eq!(posted.title, "Jembatan bambu Kalisalak ambrol");
    assert_eq!(posted.privacy, Privacy::Anonim);
    assert_eq!(posted.desa_id.to_string(), app.region_id("33.25.08.2006").await);
    assert_eq!(posted.kecamatan_id.to_string(), app.region_id("33.25.08").await);
    assert_eq!((posted.latitude, posted.longitude), (Some(-7.0312), Some(109.9123)));
    let answers: Vec<String> = api.delivered_to(SITI).await.iter().map(Call::text).collect();
    let created: Vec<&String> = answers
        .iter()
        .filter(|t| t.contains(&format!("#{}", posted.id)))
        .collect();
    assert_eq!(created.len(), 1, "one answer: {answers:#?}");
    assert!(created[0].contains(&format!("{}/issues/{}", app.base, posted.id)));

    // The photo went through the web's re-encoding: no EXIF, served like any other.
    let photos = issue_photo::Entity::find()
        .filter(issue_photo::Column::IssueId.eq(posted.id))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(photos.len(), 1);
    let served = app
        .client
        .get(app.url(&format!("/photos/{}.jpg", photos[0].hash)))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(!has_exif(&served), "no EXIF, no GPS");

    // The resident's account is keyed by the number, with no mailbox; the number is
    // nowhere in it, and nowhere on the public pages.
    let contact = wa_contact::Entity::find_by_id(SITI.to_owned())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let author = user_account::Entity::find_by_id(contact.user_id.expect("an account"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(author.id, posted.author_id);
    assert_eq!(author.name, "Siti Aminah");
    assert!(author.email.ends_with("@whatsapp.invalid") && !author.email.contains("7890"));
    assert_eq!(contact.step, None, "the conversation is over");
    for path in [
        format!("/issues/{}", posted.id),
        "/issues".to_owned(),
        "/issues.atom".to_owned(),
        "/open311/v2/requests.json".to_owned(),
        format!("/open311/v2/requests/{}.json", posted.id),
    ] {
        let (status, page) = app.get(&path).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            !page.contains("34567890") && !page.contains("0812"),
            "no number on {path}"
        );
        assert!(
            !page.contains("Siti Aminah"),
            "an anonymous author is not named on {path}"
        );
    }
    app.cleanup().await;
}

async fn cancelling_midway_leaves_nothing(db: Db) {
    let app = TestApp::start_with_whatsapp(db).await;
    app.whatsapp_says(SITI, "lapor").await;
    app.whatsapp_says(SITI, "Lampu jalan Sidorejo mati total").await;
    app.whatsapp_says(SITI, "1").await;
    app.whatsapp_says(SITI, "batal").await;
    assert!(last_reply(&app, SITI).await.contains("dibatalkan"));
    assert_eq!(issue::Entity::find().count(&app.state.db).await.unwrap(), 0);
    let contact = wa_contact::Entity::find_by_id(SITI.to_owned())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((contact.step, contact.draft, contact.user_id), (None, None, None));
    // Nothing to cancel now.
    app.whatsapp_says(SITI, "batal").await;
    assert!(last_reply(&app, SITI).await.contains("lapor"));
    app.cleanup().await;
}

async fn an_unknown_village_gets_choices_not_an_error(db: Db) {
    let app = TestApp::start_with_whatsapp(db).await;
    app.whatsapp_says(SITI, "english").await;
    assert!(last_reply(&app, SITI).await.contains("Commands"));
    app.whatsapp_says(SITI, "report").await;
    app.whatsapp_says(SITI, "Flooded rice fields near the river").await;
    app.whatsapp_says(SITI, "Drainage and flooding").await;
    assert!(last_reply(&app, SITI).await.starts_with("3/7"));
    app.whatsapp_says(SITI, "Atlantis").await;
    let kecamatan = last_reply(&app, SITI).await;
    assert!(
        kecamatan.contains("kecamatan") && kecamatan.contains("Subah"),
        "{kecamatan}"
    );
    app.whatsapp_says(SITI, "subah").await;
    let villages = last_reply(&app, SITI).await;
    assert!(
        villages.contains("Kecamatan Subah") && villages.contains("(Kec. Subah)"),
        "{villages}"
    );
    app.whatsapp_says(SITI, "99").await;
    let again = graph(&app).delivered_to(SITI).await;
    let again: Vec<String> = again[again.len() - 2..].iter().map(Call::text).collect();
    assert!(
        again[0].contains("not one of the choices") && again[1].contains("(Kec. Subah)"),
        "{again:?}"
    );
    app.whatsapp_says(SITI, "1").await;
    assert!(
        last_reply(&app, SITI).await.starts_with("4/7"),
        "the first village of Subah was taken"
    );
    let contact = wa_contact::Entity::find_by_id(SITI.to_owned())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let draft: app::model::whatsapp::Draft = serde_json::from_str(contact.draft.as_deref().unwrap()).unwrap();
    assert_eq!(
        draft.kecamatan_id.map(|k| k.to_string()),
        Some(app.region_id("33.25.09").await)
    );
    app.cleanup().await;
}

async fn the_commands_answer_status_support_and_follow(db: Db) {
    let app = TestApp::start_with_whatsapp(db).await;
    forum::resident(&app, "Budi", "budi@warga.test").await;
    let path = forum::post_issue(&app, "Pipa PDAM bocor di Tulis", "publik").await;
    let id: i32 = path.trim_start_matches("/issues/").parse().unwrap();
    let secret = forum::post_issue(&app, "Pungutan liar di kantor desa", "rahasia").await;
    let secret: i32 = secret.trim_start_matches("/issues/").parse().unwrap();

    app.whatsapp_says(SITI, &format!("status {id}")).await;
    let status = last_reply(&app, SITI).await;
    assert!(
        status.contains("Pipa PDAM bocor di Tulis") && status.contains(&format!("/issues/{id}")),
        "{status}"
    );
    app.whatsapp_says(SITI, &format!("status {secret}")).await;
    assert!(
        last_reply(&app, SITI).await.contains("tidak ditemukan"),
        "a confidential issue is not told"
    );
    app.whatsapp_says(SITI, "status 9999").await;
    assert!(last_reply(&app, SITI).await.contains("tidak ditemukan"));

    app.whatsapp_says(SITI, &format!("dukung {id}")).await;
    app.whatsapp_says(SITI, &format!("dukung {id}")).await;
    assert!(last_reply(&app, SITI).await.contains("Dukungan"));
    let found = issue::Entity::find_by_id(id).one(&app.state.db).await.unwrap().unwrap();
    assert_eq!(found.support_count, 1, "twice is once");
    assert_eq!(issue_support::Entity::find().count(&app.state.db).await.unwrap(), 1);

    app.whatsapp_says(SITI, &format!("ikuti {secret}")).await;
    assert!(last_reply(&app, SITI).await.contains("tidak ditemukan"));
    app.whatsapp_says(SITI, &format!("ikuti {id}")).await;
    assert!(last_reply(&app, SITI).await.contains("mengikuti"));
    app.cleanup().await;
}

async fn a_stop_ends_every_message_until_start(db: Db) {
    let app = TestApp::start_with_whatsapp(db).await;
    let api = graph(&app);
    app.whatsapp_says(SITI, "lapor").await;
    let before = api.delivered_to(SITI).await.len();
    app.whatsapp_says(SITI, "berhenti").await;
    let after = api.wait_for(SITI, before + 1).await;
    assert!(
        after.last().unwrap().text().contains("mulai"),
        "the stop is confirmed, once"
    );
    app.whatsapp_says(SITI, "bantuan").await;
    app.whatsapp_says(SITI, "status 1").await;
    assert_eq!(
        api.delivered_to(SITI).await.len(),
        before + 1,
        "nothing is sent after berhenti"
    );
    app.whatsapp_says(SITI, "mulai").await;
    assert!(last_reply(&app, SITI).await.contains("aktif lagi"));
    app.cleanup().await;
}

async fn a_failing_graph_api_is_retried_once_and_a_refusal_is_not(db: Db) {
    let app = TestApp::start_with_whatsapp(db).await;
    let api = graph(&app);
    // 500, then 200 after the backoff: one message arrives.
    api.answer_next(&[500]).await;
    app.whatsapp_message(SITI, json!({"type": "text", "text": {"body": "bantuan"}}))
        .await;
    app.whatsapp_settled().await;
    assert_eq!(api.calls().await.len(), 1);
    assert!(api.delivered_to(SITI).await.is_empty());
    app.advance(chrono::TimeDelta::minutes(1));
    app.state.whatsapp_out_bell.notify_one();
    let delivered = api.wait_for(SITI, 1).await;
    app.whatsapp_settled().await;
    assert_eq!(delivered.len(), 1);
    assert!(delivered[0].text().contains("lapor"));
    assert_eq!(api.calls().await.len(), 2);

    // A status from Meta is kept on the message, never moving back.
    let row = outbox::Entity::find()
        .filter(outbox::Column::Channel.eq(outbox::Channel::WhatsApp))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let wamid = row.external_id.clone().expect("the Graph API's id is kept");
    for status in ["read", "delivered"] {
        assert_eq!(
            app.whatsapp_post(&graph::status_notification(&wamid, status, SITI))
                .await,
            200
        );
    }
    app.whatsapp_settled().await;
    let row = outbox::Entity::find_by_id(row.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.delivery_status, Some(outbox::WaStatus::Read));

    // 400 (a number WhatsApp cannot reach): not tried again, shown to the admin.
    const OTHER: &str = "6285700001111";
    api.answer_next(&[400]).await;
    app.whatsapp_message(OTHER, json!({"type": "text", "text": {"body": "bantuan"}}))
        .await;
    app.whatsapp_settled().await;
    app.advance(chrono::TimeDelta::hours(7));
    app.state.whatsapp_out_bell.notify_one();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let to_other: Vec<Call> = api.calls().await.into_iter().filter(|c| c.to() == OTHER).collect();
    assert_eq!(to_other.len(), 1, "a permanent refusal is not retried");
    let failed = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(OTHER))
        .order_by_asc(outbox::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(failed.status, outbox::FAILED);
    app.create_account("admin@staf.test", Role::Admin, None).await;
    app.sign_in("admin@staf.test", "kata sandi staf").await;
    let (status, page) = app.get("/admin/outbox").await;
    assert_eq!(status, 200);
    assert!(page.contains("131026"), "the refusal shows on the admin's outbox page");
    app.cleanup().await;
}

on_both_databases!(notices_go_by_whatsapp_as_text_inside_the_window_and_as_a_template_outside,);

/// A whole report by WhatsApp, quickly; returns the issue's id.
async fn report(app: &TestApp, phone: &str, title: &str) -> String {
    converse(app, phone, title).await;
    let posted = issue::Entity::find()
        .filter(issue::Column::Title.eq(title))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the report became an issue");
    posted.id.to_string()
}

/// Every step of a report, answered as a resident would, ending with "ya".
async fn converse(app: &TestApp, phone: &str, title: &str) {
    app.whatsapp_says(phone, "lapor").await;
    app.whatsapp_says(phone, title).await;
    let categories = last_reply(app, phone).await;
    app.whatsapp_says(phone, &number_of(&categories, "Jalan dan jembatan"))
        .await;
    app.whatsapp_says(phone, "Kauman").await;
    app.whatsapp_says(phone, "Lubangnya makin lebar dan dalam setiap hari hujan.")
        .await;
    app.whatsapp_says(phone, "lewati").await;
    app.whatsapp_says(phone, "lewati").await;
    app.whatsapp_says(phone, "1").await;
    app.whatsapp_says(phone, "ya").await;
}

async fn notices_go_by_whatsapp_as_text_inside_the_window_and_as_a_template_outside(db: Db) {
    use crate::follow_up::{act, assign, follow_ups, issue_status, staff};
    let app = TestApp::start_with_whatsapp(db).await;
    let api = graph(&app);
    let id = report(&app, SITI, "Aspal jalan Kauman mengelupas").await;
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    let dpupr = staff(&app, "petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR")).await;

    // Inside the 24 hours after Siti's last message: a plain text with the link.
    let before = api.delivered_to(SITI).await.len();
    assert_eq!(
        assign(&secretariat, &id, &app.opd_id("DPUPR").await, "", "").await.0,
        303
    );
    let told = api.wait_for(SITI, before + 1).await;
    let text = told.last().unwrap();
    assert_eq!(text.body["type"], "text");
    assert!(
        text.text().contains(&format!("#{id}")) && text.text().contains(&format!("/issues/{id}")),
        "{}",
        text.text()
    );

    // Two days later the window is closed: the approved template, with the same parts.
    app.advance(chrono::TimeDelta::days(2));
    let lead = follow_ups(&app, &id).await[0].id;
    assert_eq!(act(&dpupr, &id, lead, "accept", &[]).await.0, 303);
    let told = api.wait_for(SITI, before + 2).await;
    let template = told.last().unwrap();
    assert_eq!(template.body["type"], "template");
    assert_eq!(template.body["template"]["name"], "kabar_laporan");
    assert_eq!(template.body["template"]["language"]["code"], "id");
    let parameters = &template.body["template"]["components"][0]["parameters"];
    assert!(
        parameters[1]["text"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/issues/{id}#tindak-lanjut"))
    );

    // Resolved: "2" reopens it, in the resident's own words on the issue's history.
    assert_eq!(
        act(&dpupr, &id, lead, "resolve", &[("body", "Aspal sudah ditambal")])
            .await
            .0,
        303
    );
    api.wait_for(SITI, before + 3).await;
    app.whatsapp_says(SITI, "2").await;
    assert!(last_reply(&app, SITI).await.contains("dibuka kembali"));
    assert_eq!(follow_ups(&app, &id).await[0].status.as_str(), "in_progress");
    assert_eq!(issue_status(&app, &id).await, "reopened");

    // Resolved again, inside the window now: the text asks for 1 or 2; "1" closes it.
    let sent = api.delivered_to(SITI).await.len();
    assert_eq!(
        act(&dpupr, &id, lead, "resolve", &[("body", "Aspal ditambal ulang")])
            .await
            .0,
        303
    );
    let told = api.wait_for(SITI, sent + 1).await;
    assert!(
        told.last().unwrap().text().contains("*1*"),
        "{}",
        told.last().unwrap().text()
    );
    app.whatsapp_says(SITI, "1").await;
    assert!(last_reply(&app, SITI).await.contains("sudah beres"));
    assert_eq!(issue_status(&app, &id).await, "closed");

    // After "berhenti" nothing more is sent: a new comment on the issue reaches nobody.
    app.whatsapp_says(SITI, "berhenti").await;
    let sent = api.delivered_to(SITI).await.len();
    let id2 = {
        app.whatsapp_says(SITI, "mulai").await;
        report(&app, SITI, "Gorong-gorong Kauman runtuh sebagian").await
    };
    app.whatsapp_says(SITI, "berhenti").await;
    let sent_after_stop = api.delivered_to(SITI).await.len();
    assert!(sent_after_stop > sent);
    assert_eq!(
        assign(&secretariat, &id2, &app.opd_id("DPUPR").await, "", "").await.0,
        303
    );
    app.mail_settled().await;
    app.whatsapp_settled().await;
    assert_eq!(
        api.delivered_to(SITI).await.len(),
        sent_after_stop,
        "nothing after berhenti"
    );
    let waiting = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(SITI))
        .filter(outbox::Column::Status.ne(outbox::SENT))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(waiting, 0, "no notice was even queued for a stopped number");
    app.cleanup().await;
}

on_both_databases!(
    a_code_over_whatsapp_signs_in_once_and_expires,
    a_web_account_links_its_number_and_hears_by_whatsapp_alone,
);

/// The code of the last authentication template sent to `phone`.
async fn last_code(app: &TestApp, phone: &str, count: usize) -> String {
    let sent = graph(app).wait_for(phone, count).await;
    let template = &sent.last().unwrap().body["template"];
    assert_eq!(template["name"], "kode_masuk");
    template["components"][0]["parameters"][0]["text"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Posts the code form of `/account/login/whatsapp` for Siti's number.
async fn sign_in_with(browser: &TestApp, code: &str) -> (u16, Option<String>, String) {
    browser
        .post_form(
            "/account/login/whatsapp",
            "/api/account/whatsapp/sign-in",
            &[("phone", "+6281234567890"), ("code", code), ("next", "")],
        )
        .await
}

async fn a_code_over_whatsapp_signs_in_once_and_expires(db: Db) {
    let app = TestApp::start_with_whatsapp(db).await;
    forum::resident(&app, "Budi", "budi@warga.test").await;
    let path = forum::post_issue(&app, "Talud sungai Kambangan longsor", "publik").await;
    let id = path.trim_start_matches("/issues/");
    // Following an issue by WhatsApp makes Siti's account, keyed by her number.
    app.whatsapp_says(SITI, &format!("ikuti {id}")).await;
    let replies = graph(&app).delivered_to(SITI).await.len();

    let browser = app.second_browser();
    let (status, _) = browser.get("/account/login/whatsapp").await;
    assert_eq!(status, 200);
    let (status, location, _) = browser
        .post_form(
            "/account/login/whatsapp",
            "/api/account/whatsapp/code",
            &[("phone", "0812-3456-7890")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(
        location.as_deref(),
        Some("/account/login/whatsapp?phone=%2B6281234567890")
    );
    let code = last_code(&app, SITI, replies + 1).await;
    assert_eq!(code.len(), 6);

    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (status, _, page) = sign_in_with(&browser, wrong).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("Kode salah") && page.contains("+6281234567890"),
        "the number is kept"
    );
    let (status, location, _) = sign_in_with(&browser, &code).await;
    assert_eq!((status, location.as_deref()), (303, Some("/")));
    let (_, page) = browser.get("/account/notifications").await;
    assert!(page.contains("+6281234567890"), "signed in as the number's account");

    // The same code a second time: refused.
    let other = app.second_browser();
    assert_eq!(sign_in_with(&other, &code).await.0, 422, "a code works once");

    // A new code, eleven minutes later: expired.
    other
        .post_form(
            "/account/login/whatsapp",
            "/api/account/whatsapp/code",
            &[("phone", SITI)],
        )
        .await;
    let late = last_code(&app, SITI, replies + 2).await;
    app.advance(chrono::TimeDelta::minutes(11));
    assert_eq!(sign_in_with(&other, &late).await.0, 422, "a code expires");

    // A number with no account gets the same answer, and nothing is sent to it.
    let (status, location, _) = other
        .post_form(
            "/account/login/whatsapp",
            "/api/account/whatsapp/code",
            &[("phone", "0857 0000 1234")],
        )
        .await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/account/login/whatsapp?phone=%2B6285700001234"))
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(graph(&app).calls().await.iter().all(|c| c.to() != "6285700001234"));
    app.cleanup().await;
}

async fn a_web_account_links_its_number_and_hears_by_whatsapp_alone(db: Db) {
    let app = TestApp::start_with_whatsapp(db).await;
    const BUDI: &str = "6285712345678";
    forum::resident(&app, "Budi", "budi@warga.test").await;
    let (status, location, _) = app
        .post_form(
            "/account/notifications",
            "/api/account/whatsapp/link-code",
            &[("phone", "+62 857-1234-5678")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(
        location.as_deref(),
        Some("/account/notifications?phone=%2B6285712345678#whatsapp")
    );
    let code = last_code(&app, BUDI, 1).await;
    let (status, location, _) = app
        .post_form(
            "/account/notifications",
            "/api/account/whatsapp/link",
            &[("phone", "+6285712345678"), ("code", &code)],
        )
        .await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/account/notifications?linked=1#whatsapp"))
    );
    let contact = wa_contact::Entity::find_by_id(BUDI.to_owned())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(contact.user_id, Some(app.account("budi@warga.test").await.id));

    // Signed out, nothing is linked or added; an account with a mailbox adds none.
    let signed_out = app.second_browser();
    for (action, field) in [
        ("/api/account/whatsapp/link-code", ("phone", "085700001111")),
        ("/api/account/email/add", ("email", "baru@warga.test")),
    ] {
        assert_eq!(
            signed_out.post_form("/account/notifications", action, &[field]).await.0,
            401
        );
    }
    let (status, _, _) = app
        .post_form(
            "/account/notifications",
            "/api/account/email/add",
            &[("email", "baru@warga.test")],
        )
        .await;
    assert_eq!(status, 403, "an account with a mailbox adds none here");

    // Another account cannot take the number.
    let other = app.second_browser();
    forum::resident(&other, "Wati", "wati@warga.test").await;
    let (status, _, page) = other
        .post_form(
            "/account/notifications",
            "/api/account/whatsapp/link-code",
            &[("phone", "085712345678")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("akun lain"));

    // With a mailbox and a number, each topic chooses; Budi's own issues go by WhatsApp only.
    let (_, page) = app.get("/account/notifications").await;
    assert!(page.contains("name=\"my_issues_channel\"") && page.contains("+6285712345678"));
    let (status, _, page) = app
        .post_form(
            "/account/notifications",
            "/api/account/notifications/save",
            &[("my_issues", "instant"), ("my_issues_channel", "whatsapp")],
        )
        .await;
    assert_eq!(status, 303, "{page}");
    let (status, _, _) = app
        .post_form(
            "/account/notifications",
            "/api/account/notifications/save",
            &[("my_issues_channel", "telegram")],
        )
        .await;
    assert_eq!(status, 422, "an unknown channel is refused");
    let mails = app.smtp.messages_to("budi@warga.test").await.len();
    let path = forum::post_issue(&app, "Sumur warga Denasri kering", "publik").await;
    let id = path.trim_start_matches("/issues/");
    let sent = graph(&app).wait_for(BUDI, 2).await;
    let received = &sent[1].body;
    assert_eq!(
        received["type"], "template",
        "Budi never wrote to the number: a template"
    );
    assert!(
        received["template"]["components"][0]["parameters"][0]["text"]
            .as_str()
            .unwrap()
            .contains(&format!("#{id}"))
    );
    app.mail_settled().await;
    assert_eq!(
        app.smtp.messages_to("budi@warga.test").await.len(),
        mails,
        "no email for a topic that goes by WhatsApp alone"
    );
    app.cleanup().await;
}

on_both_databases!(a_new_number_reports_once_a_day_and_staff_can_block_it,);

async fn a_new_number_reports_once_a_day_and_staff_can_block_it(db: Db) {
    use crate::follow_up::staff;
    let app = TestApp::start_with_whatsapp(db).await;
    let id = report(&app, SITI, "Jalan Kauman retak memanjang").await;
    converse(&app, SITI, "Pohon tumbang menutup jalan desa").await;
    assert!(
        last_reply(&app, SITI).await.contains("hari pertama"),
        "{}",
        last_reply(&app, SITI).await
    );
    assert_eq!(
        issue::Entity::find().count(&app.state.db).await.unwrap(),
        1,
        "one report on the first day"
    );

    // The OPD never sees the number; the secretariat sees its last four digits.
    let dpupr = staff(&app, "petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR")).await;
    let (_, page) = dpupr.get(&format!("/issues/{id}")).await;
    assert!(!page.contains("7890") && !page.contains("Blokir"));
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    let (_, page) = secretariat.get(&format!("/issues/{id}")).await;
    assert!(
        page.contains("+62 ••• 7890") && page.contains("Blokir nomor ini"),
        "the number, masked"
    );
    assert!(!page.contains("34567890"));

    // Only those who moderate block; the block is audited.
    let fields = [("id", id.as_str()), ("block", "1")];
    let resident = app.second_browser();
    forum::resident(&resident, "Budi", "budi@warga.test").await;
    let operator = staff(&app, "operator@subah.test", Role::Operator, None).await;
    let signed_out = app.second_browser();
    for (who, expected) in [(&signed_out, 401), (&resident, 403), (&operator, 403), (&dpupr, 403)] {
        let (status, _, _) = who
            .post_form(&format!("/issues/{id}"), "/api/moderation/block-number", &fields)
            .await;
        assert_eq!(status, expected);
    }
    let (status, _, _) = secretariat
        .post_form(&format!("/issues/{id}"), "/api/moderation/block-number", &fields)
        .await;
    assert_eq!(status, 303);
    let logged = app::domain::entities::audit_log::Entity::find()
        .filter(app::domain::entities::audit_log::Column::Action.contains("block-number"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(logged, 1, "the block is in the audit log");
    let before = graph(&app).delivered_to(SITI).await.len();
    app.whatsapp_says(SITI, "bantuan").await;
    assert_eq!(
        graph(&app).delivered_to(SITI).await.len(),
        before,
        "a blocked number is not answered"
    );
    let (_, page) = secretariat.get(&format!("/issues/{id}")).await;
    assert!(page.contains("diblokir") && page.contains("Buka blokir"));

    let (status, _, _) = secretariat
        .post_form(
            &format!("/issues/{id}"),
            "/api/moderation/block-number",
            &[("id", id.as_str()), ("block", "0")],
        )
        .await;
    assert_eq!(status, 303);
    app.whatsapp_says(SITI, "bantuan").await;
    assert_eq!(graph(&app).delivered_to(SITI).await.len(), before + 1);
    app.cleanup().await;
}

on_both_databases!(an_assisted_residents_whatsapp_number_hears_of_the_issue,);

async fn an_assisted_residents_whatsapp_number_hears_of_the_issue(db: Db) {
    use crate::follow_up::{assign, staff};
    const KARTO: &str = "6281355550002";
    let app = TestApp::start_with_whatsapp(db).await;
    let operator = staff(&app, "operator@subah.test", Role::Operator, None).await;
    let choices = crate::issues::Choices::load(&app).await;
    let mut fields = choices
        .form(
            "Sumur umum Karanganyar kering",
            "Warga RT 03 membeli air setiap hari sejak Agustus.",
        )
        .to_vec();
    fields.extend([("on_behalf_name", "Mbah Karto"), ("on_behalf_phone", "0813-5555-0002")]);
    let (status, location, page) = operator.post_form("/issues/new", "/api/issue/create", &fields).await;
    assert_eq!(status, 303, "{page}");
    let id = location.unwrap().trim_start_matches("/issues/").to_owned();

    // Mbah Karto never wrote to the number: the notice is the approved template.
    let told = graph(&app).wait_for(KARTO, 1).await;
    assert_eq!(told[0].body["template"]["name"], "kabar_laporan");
    assert!(told[0].text().contains(&format!("#{id}")), "{}", told[0].text());
    let contact = wa_contact::Entity::find_by_id(KARTO.to_owned())
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the number is known");
    let karto = user_account::Entity::find_by_id(contact.user_id.unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(karto.name, "Mbah Karto");

    // Later news of the issue reaches the number too.
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    assert_eq!(
        assign(&secretariat, &id, &app.opd_id("DPUPR").await, "", "").await.0,
        303
    );
    graph(&app).wait_for(KARTO, 2).await;

    // And the number shows on no public surface.
    for path in [format!("/issues/{id}"), "/issues".to_owned(), "/issues.atom".to_owned()] {
        let (_, page) = app.get(&path).await;
        assert!(!page.contains("5555") && !page.contains("0813"), "{path}");
    }
    for path in [
        "/staff/follow-ups.csv",
        "/staff/e-planning.csv",
        "/staff/e-budgeting.csv",
    ] {
        let (status, body) = secretariat.get(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!body.contains("5555") && !body.contains("0813"), "no number in {path}");
    }
    app.cleanup().await;
}

on_both_databases!(a_flooding_number_goes_unread_and_what_was_sent_is_purged_after_30_days,);

async fn a_flooding_number_goes_unread_and_what_was_sent_is_purged_after_30_days(db: Db) {
    let limits = app::domain::limits::RateLimits {
        messages: 3,
        ..app::domain::limits::RateLimits::unlimited()
    };
    let app = TestApp::start_with_whatsapp_limits(db, limits).await;
    for _ in 0..5 {
        app.whatsapp_says(SITI, "bantuan").await;
    }
    assert_eq!(
        graph(&app).delivered_to(SITI).await.len(),
        3,
        "three messages an hour are read"
    );
    assert_eq!(
        wa_event::Entity::find()
            .filter(wa_event::Column::ProcessedAt.is_not_null())
            .count(&app.state.db)
            .await
            .unwrap(),
        5,
        "the rest are taken off the queue unread"
    );
    // Another number is read as before.
    app.whatsapp_says("6285700009999", "bantuan").await;
    assert_eq!(graph(&app).delivered_to("6285700009999").await.len(), 1);

    // The raw log is kept 30 days after processing.
    app.advance(chrono::TimeDelta::days(29));
    let purged = app::domain::whatsapp::inbound::purge(&app.state.db, app.state.clock.now())
        .await
        .unwrap();
    assert_eq!(purged, 0);
    app.advance(chrono::TimeDelta::days(2));
    let purged = app::domain::whatsapp::inbound::purge(&app.state.db, app.state.clock.now())
        .await
        .unwrap();
    assert_eq!(purged, 6);
    assert_eq!(wa_event::Entity::find().count(&app.state.db).await.unwrap(), 0);
    app.cleanup().await;
}

on_both_databases!(an_account_made_by_whatsapp_adds_an_email_it_confirms,);

async fn an_account_made_by_whatsapp_adds_an_email_it_confirms(db: Db) {
    let app = TestApp::start_with_whatsapp(db).await;
    forum::resident(&app, "Budi", "budi@warga.test").await;
    let path = forum::post_issue(&app, "Plengsengan kali Sambong ambles", "publik").await;
    let id = path.trim_start_matches("/issues/");
    app.whatsapp_says(SITI, &format!("ikuti {id}")).await;
    let replies = graph(&app).delivered_to(SITI).await.len();
    let siti = app.second_browser();
    siti.post_form(
        "/account/login/whatsapp",
        "/api/account/whatsapp/code",
        &[("phone", SITI)],
    )
    .await;
    let code = last_code(&app, SITI, replies + 1).await;
    assert_eq!(sign_in_with(&siti, &code).await.0, 303);

    let (_, page) = siti.get("/account/notifications").await;
    assert!(
        page.contains("Kirim tautan konfirmasi"),
        "an account without a mailbox may add one"
    );
    assert!(
        !page.contains("name=\"my_issues_channel\""),
        "one way to hear: nothing to choose"
    );
    let (status, _, page) = siti
        .post_form(
            "/account/notifications",
            "/api/account/email/add",
            &[("email", "budi@warga.test")],
        )
        .await;
    assert_eq!(status, 422, "an address another account has");
    assert!(page.contains("sudah terdaftar"));
    let (status, location, _) = siti
        .post_form(
            "/account/notifications",
            "/api/account/email/add",
            &[("email", "siti@warga.test")],
        )
        .await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/account/notifications?email_sent=1#email"))
    );
    let mail = app.smtp.wait_for("siti@warga.test", 1).await;
    let link = mail[0].link_containing("/account/verify?token=");
    let before = user_account::Entity::find_by_id(
        wa_contact::Entity::find_by_id(SITI.to_owned())
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
            .user_id
            .unwrap(),
    )
    .one(&app.state.db)
    .await
    .unwrap()
    .unwrap();
    assert!(
        before.email.ends_with("@whatsapp.invalid"),
        "nothing changes before the link is opened"
    );
    let (status, _) = siti.get(link.trim_start_matches(&app.base)).await;
    assert_eq!(status, 200);
    let after = user_account::Entity::find_by_id(before.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.email, "siti@warga.test");
    let (_, page) = siti.get("/account/notifications").await;
    assert!(
        page.contains("name=\"my_issues_channel\""),
        "a mailbox and a number: each topic chooses"
    );
    assert!(!page.contains("Kirim tautan konfirmasi"));
    app.cleanup().await;
}
