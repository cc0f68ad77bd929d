//! The issue state machine against a real database: of two transitions racing from the
//! same status, exactly one is written (compare-and-set), with exactly one history row.

use std::sync::Arc;

use app::{
    domain::{
        entities::{issue, issue_history},
        error::write_txn,
        rules::issue_flow::{Move, transition},
    },
    model::{
        AppError,
        account::Role,
        issue::IssueStatus,
        issue_flow::{IssueActor, IssueTransition},
    },
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::{
    issues::Choices,
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(of_two_conflicting_transitions_at_once_exactly_one_wins);

/// Posts an issue as a resident; returns it as stored (published).
async fn published_issue(app: &TestApp) -> issue::Model {
    app.create_account("penulis@warga.test", Role::Resident, None).await;
    app.sign_in("penulis@warga.test", "kata sandi staf").await;
    let choices = Choices::load(app).await;
    let mut form = choices
        .form(
            "Jembatan gantung Desa Kalimanggis putus",
            "Warga menyeberang sungai dengan rakit sejak kemarin.",
        )
        .to_vec();
    form.push(("confirm_new", "1"));
    let (status, location, body) = app.post_form("/issues/new", "/api/issue/create", &form).await;
    assert_eq!(status, 303, "{body}");
    let id: i32 = location.unwrap().trim_start_matches("/issues/").parse().unwrap();
    issue::Entity::find_by_id(id).one(&app.state.db).await.unwrap().unwrap()
}

async fn of_two_conflicting_transitions_at_once_exactly_one_wins(db: Db) {
    let app = TestApp::start(db).await;
    let found = published_issue(&app).await;
    assert_eq!(found.status, IssueStatus::Published);
    let staff = app.account("penulis@warga.test").await.id;

    // Both read the issue as published, then each rejects or assigns it in a transaction
    // of its own, held open a moment so that the two overlap on PostgreSQL.
    let barrier = Arc::new(tokio::sync::Barrier::new(2));
    let race = |step: IssueTransition| {
        let (db, found, barrier) = (app.state.db.clone(), found.clone(), barrier.clone());
        let at = app.state.clock.now();
        tokio::spawn(async move {
            barrier.wait().await;
            let txn = write_txn(&db).await?;
            let how = Move {
                actor: IssueActor::Secretariat,
                by: Some(staff),
                note: Some(format!("{step:?}")),
                at,
            };
            let moved = transition(&txn, &found, step, how).await?;
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            txn.commit().await.map_err(|_| AppError::Internal)?;
            Ok::<_, AppError>(moved)
        })
    };
    let (reject, assign) = tokio::join!(race(IssueTransition::Reject), race(IssueTransition::Assign));
    let outcomes = [reject.unwrap(), assign.unwrap()];
    let won: Vec<IssueStatus> = outcomes.iter().filter_map(|o| o.as_ref().ok().copied()).collect();
    assert_eq!(won.len(), 1, "exactly one wins: {outcomes:?}");
    let lost = outcomes.iter().find_map(|o| o.as_ref().err()).unwrap();
    assert!(
        matches!(lost, AppError::Invalid(_)),
        "the loser is told it is too late: {lost:?}"
    );

    let now = issue::Entity::find_by_id(found.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.status, won[0]);
    let moves = issue_history::Entity::find()
        .filter(issue_history::Column::IssueId.eq(found.id))
        .filter(issue_history::Column::FromStatus.eq(IssueStatus::Published))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(moves, 1, "one history row, the winner's");

    // A third request with the same stale copy is refused too, and writes nothing.
    let txn = write_txn(&app.state.db).await.unwrap();
    let how = Move {
        actor: IssueActor::Secretariat,
        by: Some(staff),
        note: None,
        at: app.state.clock.now(),
    };
    assert!(transition(&txn, &found, IssueTransition::Merge, how).await.is_err());
    drop(txn);
    let after = issue::Entity::find_by_id(found.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.status, won[0]);
    app.cleanup().await;
}
