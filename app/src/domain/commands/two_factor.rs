//! The second factor of staff and admin accounts: a six-digit code from an authenticator
//! app (TOTP, RFC 6238, computed by the `totp-rs` crate), asked at sign-in once turned on.
//! A code is accepted once (the step it matched is kept), one step early or late allowed
//! for clocks that drift.

use crate::{
    domain::{
        AppState,
        entities::{two_factor, user_account},
        error::{OrInternal, write_txn},
        rules::access::check_staff,
    },
    model::{AppError, ErrorCode, account::TwoFactorSetup},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr,
};
use totp_rs::{Builder, Secret, Totp};

const ISSUER: &str = "Minggon Jatinan";

fn totp(secret: &str, account: &str) -> Result<Totp, ErrorCode> {
    let secret = Secret::try_from_base32(secret).map_err(|_| ErrorCode::TotpInvalid)?;
    Builder::new()
        .with_secret(secret)
        .with_account_name(account)
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(|_| ErrorCode::TotpInvalid)
}

fn seconds(at: DateTime<Utc>) -> u64 {
    u64::try_from(at.timestamp()).unwrap_or_default()
}

/// The code an authenticator app shows for `secret` at `at` (for tests and support).
pub fn code_at(secret: &str, at: DateTime<Utc>) -> Option<String> {
    totp(secret, "x").ok().map(|t| t.generate(seconds(at)).to_string())
}

/// The step `code` matches for `secret` at `at`, if any.
fn matching_step(secret: &str, code: &str, at: DateTime<Utc>) -> Option<i64> {
    let code: String = code.chars().filter(char::is_ascii_digit).collect();
    let step = totp(secret, "x").ok()?.check(&code, seconds(at))?;
    i64::try_from(step).ok()
}

/// What the settings page shows: whether it is on, else a new secret to add to an app.
pub async fn setup(state: &AppState, user: &user_account::Model) -> Result<TwoFactorSetup, AppError> {
    check_staff(user)?;
    if two_factor::Entity::find_by_id(user.id)
        .one(&state.db)
        .await
        .or_internal("reading a second factor")?
        .is_some()
    {
        return Ok(TwoFactorSetup {
            enabled: true,
            secret: String::new(),
            url: String::new(),
        });
    }
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).or_internal("reading randomness")?;
    let secret = Secret::from(bytes).to_base32();
    // A secret just made cannot be refused; if it were, the setup page would show an empty
    // code to scan, so it is an internal error instead.
    let url = totp(&secret, &user.email)
        .ok()
        .and_then(|t| t.to_url().ok())
        .ok_or(AppError::Internal)
        .inspect_err(|_| tracing::error!("a new two-factor secret gave no otpauth address"))?;
    Ok(TwoFactorSetup {
        enabled: false,
        secret,
        url,
    })
}

/// Turns the second factor on with `secret`, once the app's first `code` proves it was
/// added.
pub async fn enable(state: &AppState, user: &user_account::Model, secret: &str, code: &str) -> Result<(), AppError> {
    check_staff(user)?;
    let secret = secret.trim().to_uppercase();
    let now = state.clock.now();
    let step = matching_step(&secret, code, now).ok_or_else(|| AppError::field("otp", ErrorCode::TotpInvalid))?;
    let txn = write_txn(&state.db).await?;
    if two_factor::Entity::find_by_id(user.id)
        .one(&txn)
        .await
        .or_internal("reading a second factor")?
        .is_some()
    {
        return Err(AppError::field("otp", ErrorCode::NotNow));
    }
    two_factor::ActiveModel {
        user_id: Set(user.id),
        secret: Set(secret),
        enabled_at: Set(now),
        last_step: Set(step),
    }
    .insert(&txn)
    .await
    .or_internal("saving a second factor")?;
    txn.commit().await.or_internal("committing a second factor")
}

/// Turns the second factor off; a current code is asked, so that a session left open is
/// not enough.
pub async fn disable(state: &AppState, user: &user_account::Model, code: &str) -> Result<(), AppError> {
    check_staff(user)?;
    let txn = write_txn(&state.db).await?;
    accept(&txn, user.id, code, state.clock.now()).await?;
    two_factor::Entity::delete_by_id(user.id)
        .exec(&txn)
        .await
        .or_internal("removing a second factor")?;
    txn.commit()
        .await
        .or_internal("committing the removal of a second factor")
}

/// Whether `user_id` must give a code at sign-in.
pub async fn required(conn: &impl ConnectionTrait, user_id: i32) -> Result<bool, AppError> {
    Ok(two_factor::Entity::find_by_id(user_id)
        .one(conn)
        .await
        .or_internal("reading a second factor")?
        .is_some())
}

/// Accepts `code` for `user_id` once: the step it matched must be later than the last one
/// accepted (checked and recorded in one statement, so two requests cannot both use it).
pub async fn accept(conn: &impl ConnectionTrait, user_id: i32, code: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let invalid = || AppError::field("otp", ErrorCode::TotpInvalid);
    let row = two_factor::Entity::find_by_id(user_id)
        .one(conn)
        .await
        .or_internal("reading a second factor")?
        .ok_or_else(invalid)?;
    let step = matching_step(&row.secret, code, now).ok_or_else(invalid)?;
    let used = two_factor::Entity::update_many()
        .col_expr(two_factor::Column::LastStep, Expr::value(step))
        .filter(two_factor::Column::UserId.eq(user_id))
        .filter(two_factor::Column::LastStep.lt(step))
        .exec(conn)
        .await
        .or_internal("using a code")?;
    if used.rows_affected != 1 {
        return Err(invalid());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_rfc_6238() {
        // RFC 6238 appendix B, SHA-1, the secret "12345678901234567890", 6 digits.
        let secret = Secret::from(b"12345678901234567890".to_vec()).to_base32();
        let at = |s: i64| DateTime::from_timestamp(s, 0).unwrap_or_default();
        assert_eq!(code_at(&secret, at(59)).as_deref(), Some("287082"));
        assert_eq!(code_at(&secret, at(1_111_111_109)).as_deref(), Some("081804"));
        assert_eq!(
            matching_step(&secret, "081 804", at(1_111_111_109 + 30)),
            Some(37_037_036)
        );
        assert_eq!(matching_step(&secret, "081804", at(1_111_111_109 + 90)), None);
        assert_eq!(matching_step("bukan base32!", "081804", at(59)), None);
    }
}
