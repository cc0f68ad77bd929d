//! Deadlines that move by themselves: a resolution the author did not answer within
//! the `confirm_days` setting's working days closes.

use crate::domain::commands::follow_up::record;
use crate::domain::queries::holidays::holiday_set;
use crate::{
    domain::{
        AppState,
        entities::{follow_up, issue},
        error::{OrInternal, write_txn},
        queries::time::wib_day,
        rules::issue_flow::{Move, transition},
    },
    model::{
        AppError,
        follow_up::{FollowUpStatus, UpdateKind, working_days_between},
        issue_flow::{IssueActor, IssueTransition},
    },
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

/// Closes follow-ups resolved `confirm_days` working days ago that nobody confirmed or
/// reopened. Returns how many it closed.
pub async fn close_unanswered(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let holidays = holiday_set(&txn).await?;
    let confirm_days = crate::domain::queries::settings::thresholds(&txn, &state.config)
        .await?
        .confirm_days;
    let today = wib_day(now);
    let resolved = follow_up::Entity::find()
        .filter(follow_up::Column::Status.eq(FollowUpStatus::Resolved))
        .all(&txn)
        .await
        .or_internal("reading resolved follow-ups")?;
    let mut closed = 0;
    for found in resolved {
        let Some(at) = found.resolved_at else { continue };
        if working_days_between(wib_day(at), today, &holidays) < i64::from(confirm_days) {
            continue;
        }
        // Compare-and-set: another instance running the same job at the same moment closes
        // it once; here the update then finds no resolved row and writes nothing more.
        let moved = follow_up::Entity::update_many()
            .col_expr(follow_up::Column::Status, Expr::value(FollowUpStatus::Closed.as_str()))
            .col_expr(follow_up::Column::ClosedAt, Expr::value(Some(now)))
            .col_expr(follow_up::Column::UpdatedAt, Expr::value(now))
            .filter(follow_up::Column::Id.eq(found.id))
            .filter(follow_up::Column::Status.eq(FollowUpStatus::Resolved))
            .exec(&txn)
            .await
            .or_internal("closing a follow-up")?;
        if moved.rows_affected != 1 {
            continue;
        }
        record(&txn, found.id, None, UpdateKind::Closed, "", now).await?;
        if found.lead
            && let Some(parent) = issue::Entity::find_by_id(found.issue_id)
                .one(&txn)
                .await
                .or_internal("reading an issue")?
            // An issue moderated away meanwhile keeps its final status.
            && IssueTransition::Close.allows(parent.status, IssueActor::System)
        {
            let how = Move {
                actor: IssueActor::System,
                by: None,
                note: None,
                at: now,
            };
            transition(&txn, &parent, IssueTransition::Close, how).await?;
        }
        closed += 1;
    }
    txn.commit().await.or_internal("committing closed follow-ups")?;
    Ok(closed)
}
