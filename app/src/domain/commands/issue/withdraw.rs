//! Its author takes an issue back while nobody has acted on it yet (not on an agenda, not
//! given to an OPD): it leaves every list, search and feed, and the people who followed or
//! supported it are told.

use crate::{
    domain::{
        AppState,
        entities::user_account,
        error::{OrInternal, write_txn},
        notices,
        rules::{
            access::visible_issue,
            issue_flow::{Move, transition},
        },
    },
    model::{
        AppError,
        issue::IssueStatus,
        issue_flow::{IssueActor, IssueTransition},
    },
};

/// Withdraws `user`'s own issue `id`. Refused (403) to anyone but its author, and (409-like
/// `NotNow`) once the issue is on an agenda, with an OPD or settled.
pub async fn withdraw(state: &AppState, user: &user_account::Model, id: i32) -> Result<(), AppError> {
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let found = visible_issue(&txn, Some(user), id).await?;
    if found.author_id != user.id {
        return Err(AppError::Forbidden);
    }
    if found.status == IssueStatus::Withdrawn {
        // A repeated form post: already done, nobody is told twice.
        return Ok(());
    }
    let how = Move {
        actor: IssueActor::Author,
        by: Some(user.id),
        note: None,
        at: now,
    };
    transition(&txn, &found, IssueTransition::Withdraw, how).await?;
    notices::withdrawn(&txn, &state.config, now, &found).await?;
    txn.commit().await.or_internal("committing a withdrawal")?;
    state.mail_bell.notify_one();
    Ok(())
}
