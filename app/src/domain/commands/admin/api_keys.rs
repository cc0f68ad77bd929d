//! API keys for Open311 clients: issued once (only a hash is kept) and revoked.

use crate::{
    domain::{
        AppState,
        entities::{api_key, mail_suppression, user_account},
        error::{OrInternal, write_txn},
        rules::access::check_admin,
        secrets::{new_token, token_hash},
    },
    model::{AppError, account::Role, admin::parse_label},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

/// The prefix every key starts with, so that a leaked one is easy to recognise.
pub const API_KEY_PREFIX: &str = "mj_";

/// Issues a key to the client `name` and returns it; only its hash is kept. The client
/// gets an account of its own to post as, which has no mailbox (its address is
/// suppressed), so no mail is ever sent to it.
pub async fn issue_api_key(state: &AppState, user: &user_account::Model, name: &str) -> Result<String, AppError> {
    check_admin(user)?;
    let name = parse_label(name).map_err(|code| AppError::field("name", code))?;
    let key = format!("{API_KEY_PREFIX}{}", new_token()?);
    let hash = token_hash(&key);
    let now = state.clock.now();
    let mailbox = format!("open311-{}@clients.invalid", &hash[..16]);
    let txn = write_txn(&state.db).await?;
    let account = user_account::ActiveModel {
        email: Set(mailbox.clone()),
        password_hash: Set("!".into()),
        name: Set(name.clone()),
        role: Set(Role::Resident),
        opd_id: Set(None),
        locale: Set(crate::i18n::Locale::Id),
        email_verified_at: Set(Some(now)),
        disabled_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .or_internal("making a client account")?;
    mail_suppression::ActiveModel {
        email: Set(mailbox),
        permanent_failures: Set(0),
        last_error: Set("Open311 client: no mailbox".into()),
        updated_at: Set(now),
        suppressed_at: Set(Some(now)),
    }
    .insert(&txn)
    .await
    .or_internal("suppressing a client's mail")?;
    api_key::ActiveModel {
        name: Set(name),
        prefix: Set(key.chars().take(API_KEY_PREFIX.len() + 6).collect()),
        key_hash: Set(hash),
        user_id: Set(account.id),
        created_by: Set(Some(user.id)),
        created_at: Set(now),
        revoked_at: Set(None),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .or_internal("saving an API key")?;
    txn.commit().await.or_internal("committing an API key")?;
    Ok(key)
}

/// Revokes a key at once: the next request with it is refused.
pub async fn revoke_api_key(state: &AppState, user: &user_account::Model, id: i32) -> Result<(), AppError> {
    check_admin(user)?;
    let found = api_key::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .or_internal("reading an API key")?
        .ok_or(AppError::NotFound)?;
    if found.revoked_at.is_some() {
        return Ok(());
    }
    let mut revoked: api_key::ActiveModel = found.into();
    revoked.revoked_at = Set(Some(state.clock.now()));
    revoked.update(&state.db).await.or_internal("revoking an API key")?;
    Ok(())
}
