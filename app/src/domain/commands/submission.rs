//! Each sending once: a phone names a form's sending with a client key (`ClientKey`), and
//! the command that writes records the key and where it led in its own transaction. The
//! same key sent again (the answer was lost on a weak signal, a draft that waited offline
//! went out twice) is answered with that place and writes nothing (issue 25).

use std::future::Future;

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::{
    domain::{
        AppState,
        entities::{form_submission, user_account},
        error::OrInternal,
    },
    model::{AppError, form::ClientKey},
};

/// Where the first sending under `key` by `account` led, if there was one.
pub async fn earlier(
    conn: &impl ConnectionTrait,
    account: &user_account::Model,
    key: &ClientKey,
) -> Result<Option<String>, AppError> {
    Ok(
        form_submission::Entity::find_by_id((account.id, key.as_str().to_owned()))
            .one(conn)
            .await
            .or_internal("reading a form submission")?
            .map(|found| found.location),
    )
}

/// Records, in the transaction that wrote it, that the sending under `key` led to
/// `location`. Two sendings at once under one key: the second one's transaction fails here
/// on the primary key and writes nothing.
pub async fn record(
    txn: &impl ConnectionTrait,
    state: &AppState,
    account: &user_account::Model,
    key: Option<&ClientKey>,
    location: &str,
) -> Result<(), AppError> {
    let Some(key) = key else { return Ok(()) };
    form_submission::ActiveModel {
        account_id: Set(account.id),
        client_key: Set(key.as_str().to_owned()),
        location: Set(location.to_owned()),
        created_at: Set(state.clock.now()),
    }
    .insert(txn)
    .await
    .or_internal("recording a form submission")?;
    Ok(())
}

/// Runs `send` (which writes and calls `record`) unless `raw_key` was sent before; either
/// way answers where the sending led. When `send` fails because the same key committed
/// first, that sending's place is the answer.
pub async fn once<Fut>(
    state: &AppState,
    account: &user_account::Model,
    raw_key: Option<&str>,
    send: impl FnOnce(Option<ClientKey>) -> Fut,
) -> Result<String, AppError>
where
    Fut: Future<Output = Result<String, AppError>>,
{
    let key = ClientKey::parse(raw_key)?;
    if let Some(key) = &key
        && let Some(location) = earlier(&state.db, account, key).await?
    {
        return Ok(location);
    }
    let watched = key.clone();
    match send(key).await {
        Ok(location) => Ok(location),
        Err(error) => match &watched {
            Some(key) => earlier(&state.db, account, key).await?.ok_or(error),
            None => Err(error),
        },
    }
}
