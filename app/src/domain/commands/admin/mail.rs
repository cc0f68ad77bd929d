//! The admin's hand on mail: allow an address that bounced, retry a failed message.

use crate::{
    domain::{
        AppState,
        entities::{mail_suppression, outbox, user_account},
        error::OrInternal,
        rules::access::check_admin,
    },
    model::AppError,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

/// Mails an address that was suppressed again (its owner fixed it, say).
pub async fn allow_address(state: &AppState, user: &user_account::Model, email: &str) -> Result<(), AppError> {
    check_admin(user)?;
    let removed = mail_suppression::Entity::delete_by_id(email.trim().to_lowercase())
        .exec(&state.db)
        .await
        .or_internal("allowing an address")?;
    if removed.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Sends a failed message again, from the first attempt.
pub async fn retry_mail(state: &AppState, user: &user_account::Model, id: i32) -> Result<(), AppError> {
    check_admin(user)?;
    let retried = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(outbox::PENDING))
        .col_expr(outbox::Column::Attempts, Expr::value(0))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(state.clock.now()))
        .col_expr(
            outbox::Column::ClaimedUntil,
            Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
        )
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::Status.eq(outbox::FAILED))
        .exec(&state.db)
        .await
        .or_internal("retrying mail")?;
    if retried.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    state.mail_bell.notify_one();
    Ok(())
}
