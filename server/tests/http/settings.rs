//! The admin's thresholds: only the admin changes them, a value out of bounds is refused
//! with nothing saved and the form kept, and each value changed changes what it names: the
//! default deadline of an assignment, the disposition deadline, the time to confirm, the
//! escalation list, the flags that hide a post and the minimum to be ranked.

use app::{
    domain::{
        entities::{audit_log, follow_up, issue, setting},
        jobs,
    },
    model::account::Role,
};
use chrono::{NaiveDate, TimeZone, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::{
    desks::post_in,
    follow_up::{act, assign, follow_ups, staff},
    forum::resident,
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(each_setting_changes_what_it_names_and_only_the_admin_changes_it);

const PAGE: &str = "/admin/settings";
const SAVE: &str = "/api/admin/settings/save";

/// The form with every value given; `changes` replaces some.
fn form<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("follow_up_days", "5"),
        ("disposition_days", "3"),
        ("confirm_days", "10"),
        ("escalate_after_days", "5"),
        ("flags_to_hide", "3"),
        ("score_min_resolved", "5"),
    ];
    for (name, value) in changes {
        if let Some(field) = fields.iter_mut().find(|(n, _)| n == name) {
            field.1 = value;
        }
    }
    fields
}

async fn saved(app: &TestApp) -> u64 {
    setting::Entity::find().count(&app.state.db).await.unwrap()
}

async fn each_setting_changes_what_it_names_and_only_the_admin_changes_it(db: Db) {
    let app = TestApp::start(db).await;
    let admin = staff(&app, "admin@staf.test", Role::Admin, None).await;
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    let dpupr = staff(&app, "petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR")).await;
    let operator = staff(&app, "operator@staf.test", Role::Operator, None).await;
    let wanted = form(&[
        ("follow_up_days", "7"),
        ("disposition_days", "1"),
        ("confirm_days", "2"),
        ("escalate_after_days", "1"),
        ("flags_to_hide", "1"),
        ("score_min_resolved", "1"),
    ]);

    // The page shows each value with its bounds and default.
    let (status, page) = admin.get(PAGE).await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"name="confirm_days""#) && page.contains(r#"max="30""#));
    assert!(page.contains("Bawaan: 10."), "the default is said");

    // Nobody else may change them; signed out, nobody at all.
    let signed_out = app.second_browser();
    assert_eq!(signed_out.post_form(PAGE, SAVE, &wanted).await.0, 401);
    resident(&app, "Warsih", "warsih@warga.test").await;
    for (who, browser) in [
        ("resident", &app),
        ("secretariat", &secretariat),
        ("officer", &dpupr),
        ("operator", &operator),
    ] {
        assert_eq!(browser.post_form(PAGE, SAVE, &wanted).await.0, 403, "{who}");
    }
    assert_eq!(saved(&app).await, 0);

    // Out of bounds: 422, nothing saved, every value typed comes back.
    for (bad, says) in [
        (("flags_to_hide", "0"), "Isi angka dari 1 sampai 50."),
        (("follow_up_days", "121"), "Isi angka dari 1 sampai 120."),
        (("confirm_days", "dua"), "Isi angka dari 1 sampai 30."),
    ] {
        let mut fields = wanted.clone();
        fields.retain(|(n, _)| *n != bad.0);
        fields.push(bad);
        let (status, _, page) = admin.post_form(PAGE, SAVE, &fields).await;
        assert_eq!(status, 422, "{bad:?}");
        assert!(page.contains(says), "{bad:?}: the message says the bounds");
        assert!(
            page.contains(&format!(r#"value="{}""#, bad.1)),
            "{bad:?}: the refused value stays"
        );
        assert!(
            page.contains(
                r#"name="disposition_days" type="number" inputmode="numeric" required min="1" max="30" value="1""#
            ),
            "{bad:?}: so do the others"
        );
        assert_eq!(saved(&app).await, 0, "{bad:?}: nothing saved");
    }
    let (status, location, _) = admin.post_form(PAGE, SAVE, &wanted).await;
    assert_eq!((status, location.as_deref()), (303, Some("/admin/settings?saved=1")));
    assert_eq!(saved(&app).await, 6);
    let (_, page) = admin.get(PAGE).await;
    assert!(
        page.contains("Diubah ") && page.contains("Admin"),
        "who changed it, and when"
    );
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("admin/settings/save"))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the change is in the audit log");
    assert!(logged.detail.contains("flags_to_hide=1"), "{}", logged.detail);

    // Monday 30 November: three issues from Warsih.
    let road = post_in(&app, "jalan-jembatan", "Jalan desa Kalisalak berlubang", "publik").await;
    let bridge = post_in(&app, "jalan-jembatan", "Jembatan gantung Kalisalak putus", "publik").await;
    let waiting = post_in(&app, "jalan-jembatan", "Saluran irigasi Kalisalak tersumbat", "publik").await;
    let advert = post_in(&app, "jalan-jembatan", "Jual pupuk murah hubungi kami segera", "publik").await;
    let dpupr_id = app.opd_id("DPUPR").await;

    // follow_up_days: the inbox offers seven, and an assignment without a deadline gets
    // seven working days (Wednesday 9 December), not five.
    let (_, inbox) = secretariat.get("/staff/inbox").await;
    assert!(inbox.contains(r#"value="7""#), "the inbox's default deadline");
    assert!(inbox.contains("Batas disposisi 1 hari kerja"));
    assert_eq!(assign(&secretariat, &road, &dpupr_id, "", "").await.0, 303);
    let road_fu = follow_ups(&app, &road).await[0].clone();
    assert_eq!(road_fu.due_on, NaiveDate::from_ymd_opt(2026, 12, 9).unwrap());
    assert_eq!(assign(&secretariat, &bridge, &dpupr_id, "", "1").await.0, 303);

    // flags_to_hide: one flag hides the issue.
    let budi = app.second_browser();
    resident(&budi, "Budi", "budi@warga.test").await;
    let flag = [("kind", "issue"), ("id", advert.as_str()), ("reason", "iklan")];
    assert_eq!(budi.post_form("/issues", "/api/moderation/flag", &flag).await.0, 303);
    let hidden = issue::Entity::find_by_id(advert.parse::<i32>().unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .hidden_at;
    assert!(hidden.is_some(), "hidden after one flag");
    let (_, queue) = secretariat.get("/staff/moderation").await;
    assert!(queue.contains("1 laporan dari orang berbeda"));

    // score_min_resolved: one resolved follow-up ranks DPUPR.
    assert_eq!(act(&dpupr, &road, road_fu.id, "accept", &[]).await.0, 303);
    let resolved = [("body", "Lubang sudah ditambal")];
    assert_eq!(act(&dpupr, &road, road_fu.id, "resolve", &resolved).await.0, 303);
    let (_, card) = app.get("/scorecard").await;
    assert!(card.contains("sedikitnya 1 aduan"), "the intro says the minimum");
    assert!(!card.contains("belum cukup data untuk diperingkat"), "DPUPR is ranked");

    // Wednesday 2 December, 09:00 WIB.
    app.state
        .clock
        .set(Utc.with_ymd_and_hms(2026, 12, 2, 2, 0, 0).single().unwrap());
    // confirm_days: two working days without an answer close the resolution.
    assert_eq!(jobs::deadlines::close_unanswered(&app.state).await.unwrap(), 1);
    assert_eq!(
        follow_up::Entity::find_by_id(road_fu.id)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
            .status
            .as_str(),
        "closed"
    );
    // disposition_days: the irrigation issue waited past one working day.
    assert!(jobs::disposition::tell_overdue(&app.state).await.unwrap() >= 1);
    let told = app::domain::entities::outbox::Entity::find()
        .filter(app::domain::entities::outbox::Column::IdempotencyKey.starts_with(format!("disposition:{waiting}:")))
        .filter(app::domain::entities::outbox::Column::Recipient.eq("sekretariat@staf.test"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(told, 1, "the secretariat is told of the irrigation issue");
    // escalate_after_days: the bridge, due Tuesday, is on the Bupati's list a day later.
    let (_, overview) = secretariat.get("/staff").await;
    assert!(overview.contains("Jembatan gantung Kalisalak putus"), "escalated");
    assert!(overview.contains("tenggat 1 hari kerja atau lebih"));
    app.cleanup().await;
}
