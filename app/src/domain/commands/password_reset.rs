//! A forgotten password: a reset link by mail (valid for `RESET_HOURS`), then a new
//! password, which signs the account out everywhere.

use super::accounts::{PURPOSE_RESET, consume_token, send_token_mail};

use crate::{
    domain::{
        AppState, Clock,
        entities::{auth_session, user_account},
        error::{OrInternal, write_txn},
        passwords::check_new_password,
        secrets::hash_password,
    },
    model::{AppError, account::parse_email},
};

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// Queues a reset link when the address belongs to an active account. Answers the same
/// either way, so that nobody learns which addresses are registered.
pub async fn request_reset(state: &AppState, email: &str) -> Result<(), AppError> {
    let email = parse_email(email).map_err(|code| AppError::field("email", code))?;
    let user = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(&state.db)
        .await
        .or_internal("reading an account")?;
    if let Some(user) = user.filter(|u| u.disabled_at.is_none()) {
        let txn = write_txn(&state.db).await?;
        send_token_mail(&txn, &state.clock, &state.config, &user, PURPOSE_RESET).await?;
        txn.commit().await.or_internal("committing a reset request")?;
        state.mail_bell.notify_one();
    }
    Ok(())
}

/// Sets a new password from a reset link, proves the email, and signs out every session.
pub async fn reset_password(
    db: &DatabaseConnection,
    clock: &Clock,
    token: &str,
    password: &str,
) -> Result<(), AppError> {
    check_new_password(password).map_err(|code| AppError::field("password", code))?;
    let hash = hash_password(password.to_owned()).await?;
    let txn = write_txn(db).await?;
    let user = consume_token(&txn, clock, token, PURPOSE_RESET).await?;
    let user_id = user.id;
    let verified = user.email_verified_at.unwrap_or_else(|| clock.now());
    let mut user: user_account::ActiveModel = user.into();
    user.password_hash = Set(hash);
    user.email_verified_at = Set(Some(verified));
    user.update(&txn).await.or_internal("saving a password")?;
    auth_session::Entity::delete_many()
        .filter(auth_session::Column::UserId.eq(user_id))
        .exec(&txn)
        .await
        .or_internal("closing sessions")?;
    txn.commit().await.or_internal("committing a password reset")
}
