//! The one writer of an issue's status. `model::issue_flow` holds the table of legal
//! transitions; this applies one: it checks the move against the table, writes the new
//! status only if the issue still has the status the caller read (compare-and-set, so that
//! of two requests racing on PostgreSQL exactly one wins), and appends the history row in
//! the same transaction. Notices stay with the caller, which knows what to say.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr,
};

use crate::domain::{
    entities::{issue, issue_history},
    error::OrInternal,
};
use crate::model::{
    AppError, ErrorCode,
    issue::IssueStatus,
    issue_flow::{IssueActor, IssueTransition},
};

/// Who moves the issue, and why: the person (None for a job) and the note for the history.
pub struct Move {
    pub actor: IssueActor,
    pub by: Option<i32>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

/// Applies `step` to `found` (as the caller read it). Returns the status it now has.
///
/// - Already at the target: nothing is written (a repeated form post is harmless).
/// - Not legal from its status for this actor: `NotNow`, nothing written.
/// - Changed by someone else since it was read: `NotNow`, nothing written.
pub async fn transition(
    conn: &impl ConnectionTrait,
    found: &issue::Model,
    step: IssueTransition,
    how: Move,
) -> Result<IssueStatus, AppError> {
    let from = found.status;
    let to = step.target();
    if from == to {
        return Ok(to);
    }
    if !step.allows(from, how.actor) {
        return Err(AppError::field("", ErrorCode::NotNow));
    }
    let moved = issue::Entity::update_many()
        .col_expr(issue::Column::Status, Expr::value(to))
        .col_expr(issue::Column::UpdatedAt, Expr::value(how.at))
        .filter(issue::Column::Id.eq(found.id))
        .filter(issue::Column::Status.eq(from))
        .exec(conn)
        .await
        .or_internal("moving an issue")?;
    if moved.rows_affected != 1 {
        return Err(AppError::field("", ErrorCode::NotNow));
    }
    issue_history::ActiveModel {
        issue_id: Set(found.id),
        from_status: Set(Some(from)),
        to_status: Set(to),
        actor_id: Set(how.by),
        note: Set(how.note),
        created_at: Set(how.at),
        ..Default::default()
    }
    .insert(conn)
    .await
    .or_internal("recording issue history")?;
    Ok(to)
}
