//! The periodic jobs with two servers on one database, as behind a load balancer: each
//! runs every job at the same moment, and each history entry and each mail exists once
//! (auto-close and deadline notices; reminders, digests, the disposition deadline, the
//! weekly summary and the weekly escalation).

use app::{
    domain::{
        entities::{follow_up_update, issue_history, outbox},
        jobs,
        mail::digest,
        queries::time::latest_morning,
    },
    model::{account::Role, follow_up::UpdateKind, issue::IssueStatus},
};
use chrono::{TimeDelta, TimeZone, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::{
    agenda::session,
    desks::post_in,
    follow_up::{act, assign, follow_ups, issue_status, staff},
    forum::resident,
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(two_servers_run_each_job_once, two_servers_queue_each_notice_once);

async fn two_servers_run_each_job_once(db: Db) {
    let app = TestApp::start(db).await;
    let dinsos = staff(&app, "petugas@dinsos.test", Role::OpdOfficer, Some("DINSOS")).await;
    resident(&app, "Warsih", "warsih@warga.test").await;
    let silent = post_in(
        &app,
        "santunan-kematian",
        "Santunan kematian paman belum cair",
        "publik",
    )
    .await;
    let late = post_in(
        &app,
        "santunan-kematian",
        "Santunan kematian bibi belum diverifikasi",
        "publik",
    )
    .await;
    let lead = follow_ups(&app, &silent).await[0].id;
    assert_eq!(act(&dinsos, &silent, lead, "accept", &[]).await.0, 303);
    assert_eq!(
        act(&dinsos, &silent, lead, "resolve", &[("body", "Sudah ditransfer")])
            .await
            .0,
        303
    );
    let other = app.another_instance().await;

    // Three weeks on: one resolution unanswered past ten working days, one deadline passed.
    app.advance(TimeDelta::days(21));
    other.state.clock.set(app.state.clock.now());
    let (a, b) = tokio::join!(
        jobs::deadlines::close_unanswered(&app.state),
        jobs::deadlines::close_unanswered(&other.state)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1, "closed by one of them");
    assert_eq!(issue_status(&app, &silent).await, "closed");
    let closed = follow_up_update::Entity::find()
        .filter(follow_up_update::Column::FollowUpId.eq(lead))
        .filter(follow_up_update::Column::Kind.eq(UpdateKind::Closed))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(closed, 1, "one history entry on the follow-up");
    let history = issue_history::Entity::find()
        .filter(issue_history::Column::IssueId.eq(silent.parse::<i32>().unwrap()))
        .filter(issue_history::Column::ToStatus.eq(IssueStatus::Closed))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(history, 1, "one history entry on the issue");

    let (a, b) = tokio::join!(
        jobs::escalation::escalate(&app.state),
        jobs::escalation::escalate(&other.state)
    );
    assert!(a.unwrap() + b.unwrap() >= 1);
    let overdue = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq("petugas@dinsos.test"))
        .filter(outbox::Column::Subject.contains(format!("#{late}")))
        .filter(outbox::Column::Subject.contains("lewat"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(overdue, 1, "one overdue mail for the officer");
    let (a, b) = tokio::join!(
        jobs::escalation::escalate(&app.state),
        jobs::escalation::escalate(&other.state)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 0, "nothing twice");
    drop(other);
    app.cleanup().await;
}

/// The messages queued to `to` under idempotency keys starting with `prefix`.
async fn queued(app: &TestApp, prefix: &str, to: &str) -> u64 {
    outbox::Entity::find()
        .filter(outbox::Column::IdempotencyKey.starts_with(prefix))
        .filter(outbox::Column::Recipient.eq(to))
        .count(&app.state.db)
        .await
        .unwrap()
}

async fn two_servers_queue_each_notice_once(db: Db) {
    let app = TestApp::start(db).await;
    let secretariat = staff(&app, "sekretariat@staf.test", Role::Secretariat, None).await;
    // Friday 4 December, with Warsih registered; her issue waits for a decision; Budi follows
    // it and gets her comments in his daily digest; another issue goes to DPUPR for one day.
    let path = session(&secretariat, "2026-12-04").await;
    let id = path.trim_start_matches("/sessions/").to_owned();
    resident(&app, "Warsih", "warsih@warga.test").await;
    assert_eq!(
        app.post_form(&path, "/api/session/register", &[("id", &id), ("attend", "true")])
            .await
            .0,
        303
    );
    let waiting = post_in(&app, "jalan-jembatan", "Jembatan gantung Kalisalak putus", "publik").await;
    let assigned = post_in(&app, "jalan-jembatan", "Jalan desa Kalisalak berlubang", "publik").await;
    let budi = app.second_browser();
    resident(&budi, "Budi", "budi@warga.test").await;
    let issue = format!("/issues/{waiting}");
    let follow = [("id", waiting.as_str()), ("follow", "true")];
    assert_eq!(budi.post_form(&issue, "/api/issue/follow", &follow).await.0, 303);
    let words = [
        ("issue", waiting.as_str()),
        ("body", "Tali jembatannya sudah putus dua"),
    ];
    assert_eq!(app.post_form(&issue, "/api/comment/create", &words).await.0, 303);
    let dpupr = app.opd_id("DPUPR").await;
    assert_eq!(assign(&secretariat, &assigned, &dpupr, "", "1").await.0, 303);
    let other = app.another_instance().await;
    let both_at = |at| {
        app.state.clock.set(at);
        other.state.clock.set(at);
    };

    // Thursday 3 December, 09:00 WIB: the session is tomorrow, and the digest is due.
    both_at(Utc.with_ymd_and_hms(2026, 12, 3, 2, 0, 0).single().unwrap());
    let (a, b) = tokio::join!(
        jobs::reminders::queue_reminders(&app.state),
        jobs::reminders::queue_reminders(&other.state)
    );
    assert!(a.unwrap() + b.unwrap() >= 1);
    assert_eq!(queued(&app, "reminder:", "warsih@warga.test").await, 1, "one reminder");
    let (a, b) = tokio::join!(digest::run_due(&app.state), digest::run_due(&other.state));
    assert_eq!(a.unwrap() + b.unwrap(), 1, "one digest, by one of them");
    assert_eq!(queued(&app, "digest:daily:", "budi@warga.test").await, 1);

    // Monday 7 December, 07:01 WIB: the week's summary, and Warsih's issue waited past its
    // three working days.
    both_at(latest_morning(app.state.clock.now() + TimeDelta::days(4), true) + TimeDelta::minutes(1));
    let (a, b) = tokio::join!(
        jobs::summaries::weekly_summaries(&app.state),
        jobs::summaries::weekly_summaries(&other.state)
    );
    assert!(a.unwrap() + b.unwrap() >= 3);
    for person in ["warsih@warga.test", "budi@warga.test", "sekretariat@staf.test"] {
        assert_eq!(queued(&app, "weekly-summary:", person).await, 1, "{person}");
    }
    let (a, b) = tokio::join!(
        jobs::disposition::tell_overdue(&app.state),
        jobs::disposition::tell_overdue(&other.state)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1, "the secretariat, told once");
    assert_eq!(
        queued(&app, &format!("disposition:{waiting}:"), "sekretariat@staf.test").await,
        1
    );

    // Monday 14 December: DPUPR's deadline of Tuesday 1 December is nine working days past.
    both_at(app.state.clock.now() + TimeDelta::days(7));
    let (a, b) = tokio::join!(
        jobs::escalation::weekly_escalation(&app.state),
        jobs::escalation::weekly_escalation(&other.state)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1, "one summary for the secretariat");
    assert_eq!(queued(&app, "escalation:", "sekretariat@staf.test").await, 1);
    // Run again, each: nothing more.
    let (a, b) = tokio::join!(
        jobs::summaries::weekly_summaries(&app.state),
        jobs::disposition::tell_overdue(&other.state)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 0);
    drop(other);
    app.cleanup().await;
}
