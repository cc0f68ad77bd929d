//! The periodic jobs with two servers on one database, as behind a load balancer: each
//! runs every job at the same moment, and each history entry and each mail exists once.

use app::{
    domain::{
        entities::{follow_up_update, issue_history, outbox},
        jobs,
    },
    model::{account::Role, follow_up::UpdateKind, issue::IssueStatus},
};
use chrono::TimeDelta;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::{
    desks::post_in,
    follow_up::{act, follow_ups, issue_status, staff},
    forum::resident,
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(two_servers_run_each_job_once);

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
        .filter(outbox::Column::ToEmail.eq("petugas@dinsos.test"))
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
