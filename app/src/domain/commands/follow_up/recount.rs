//! Deadlines counted again: when the holidays change, every open follow-up's deadline
//! moves to match them (the admin's holiday commands call it in their transaction).

use crate::domain::queries::holidays::holiday_set;
use crate::{
    domain::{entities::follow_up, error::OrInternal},
    model::{
        AppError,
        follow_up::{FollowUpStatus, add_working_days},
    },
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};

/// Moves the deadline of every open follow-up to match the holidays as they are now.
pub async fn recompute_deadlines(conn: &impl ConnectionTrait) -> Result<(), AppError> {
    let holidays = holiday_set(conn).await?;
    let open = follow_up::Entity::find()
        .filter(follow_up::Column::Status.is_in([FollowUpStatus::Assigned, FollowUpStatus::InProgress]))
        .filter(follow_up::Column::SlaDays.gt(0))
        .all(conn)
        .await
        .or_internal("reading open follow-ups")?;
    for found in open {
        let due = add_working_days(found.assigned_on, found.sla_days, &holidays);
        if due != found.due_on {
            follow_up::Entity::update_many()
                .col_expr(follow_up::Column::DueOn, Expr::value(due))
                .filter(follow_up::Column::Id.eq(found.id))
                .exec(conn)
                .await
                .or_internal("moving a deadline")?;
        }
    }
    Ok(())
}
