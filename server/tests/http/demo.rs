//! `make run` on an empty database: the demo is a regency in motion, played through the
//! real commands, so that every page a newcomer opens has something real on it.

use app::{
    domain::entities::{dialogue_session, follow_up},
    model::{follow_up::FollowUpStatus, session::SessionStatus},
};
use sea_orm::EntityTrait;

use crate::{
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(the_demo_fills_every_page_a_newcomer_opens);

async fn the_demo_fills_every_page_a_newcomer_opens(db: Db) {
    let app = TestApp::start(db).await;
    jatinan_server::seed::demo(&app.state.db, &app.state.clock)
        .await
        .unwrap();
    jatinan_server::demo::story(&app.state).await.unwrap();
    // Played once: a second start changes nothing.
    jatinan_server::demo::story(&app.state).await.unwrap();

    let sessions = dialogue_session::Entity::find().all(&app.state.db).await.unwrap();
    let statuses: Vec<SessionStatus> = sessions.iter().map(|s| s.status).collect();
    assert_eq!(statuses, [SessionStatus::MinutesPublished, SessionStatus::AgendaOpen]);
    let today = app.state.clock.now().date_naive();
    let follow_ups = follow_up::Entity::find().all(&app.state.db).await.unwrap();
    let states: Vec<FollowUpStatus> = follow_ups.iter().map(|f| f.status).collect();
    for wanted in [
        FollowUpStatus::Closed,
        FollowUpStatus::InProgress,
        FollowUpStatus::Declined,
        FollowUpStatus::Assigned,
    ] {
        assert!(states.contains(&wanted), "{wanted:?} in {states:?}");
    }
    assert!(
        follow_ups
            .iter()
            .any(|f| f.status == FollowUpStatus::Assigned && f.due_on < today),
        "one is overdue"
    );
    assert!(
        follow_ups.iter().any(|f| f.reopened > 0),
        "one was reopened by its author"
    );

    let past = format!("/sessions/{}", sessions[0].id);
    let coming = format!("/sessions/{}", sessions[1].id);
    for (page, texts) in [
        ("/", vec!["Dialog Jumat berikutnya", "Aula Kecamatan Warungasem"]),
        (
            "/sessions",
            vec!["Pendopo Kecamatan Subah", "Aula Kecamatan Warungasem"],
        ),
        (
            past.as_str(),
            vec![
                "dihadiri 124 warga",
                "Jembatan penghubung Dukuh Krajan",
                "Dari forum",
                "Talud saluran irigasi",
            ],
        ),
        (coming.as_str(), vec!["Aula Kecamatan Warungasem"]),
        ("/scorecard", vec!["Dinas Pekerjaan Umum dan Penataan Ruang"]),
        ("/issues", vec!["Jalan Desa Kaliboyo rusak berat", "pendukung"]),
    ] {
        let (status, body) = app.get(page).await;
        assert_eq!(status, 200, "{page}");
        for text in texts {
            assert!(body.contains(text), "{text} on {page}");
        }
    }
    app.cleanup().await;
}
