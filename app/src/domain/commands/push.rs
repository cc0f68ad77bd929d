//! Push notices for a resident's devices: turning them on for a browser (its subscription),
//! listing and removing them. Which topics are pushed is chosen beside the mail preferences
//! (`preferences::save`).

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};

use crate::domain::{
    AppState,
    entities::{outbox, push_subscription, user_account},
    error::{OrInternal, write_txn},
    push::{
        DEVICES_MAX,
        crypto::{AUTH_BYTES, unb64, usable_public_key},
    },
    queries::time::format_wib,
};
use crate::model::{
    AppError, ErrorCode,
    error::Problems,
    mail::{PushDevice, PushDevices},
};

/// The longest device name kept.
pub const LABEL_MAX: usize = 120;

/// How many devices `user_id` has push on for.
pub async fn push_devices(conn: &impl ConnectionTrait, user_id: i32) -> Result<u64, AppError> {
    push_subscription::Entity::find()
        .filter(push_subscription::Column::UserId.eq(user_id))
        .count(conn)
        .await
        .or_internal("counting push devices")
}

/// The signed-in person's devices, newest first, and the key to subscribe with.
pub async fn devices(state: &AppState, user: &user_account::Model) -> Result<PushDevices, AppError> {
    let rows = push_subscription::Entity::find()
        .filter(push_subscription::Column::UserId.eq(user.id))
        .order_by_desc(push_subscription::Column::Id)
        .all(&state.db)
        .await
        .or_internal("reading push devices")?;
    Ok(PushDevices {
        key: state.config.vapid.public(),
        devices: rows
            .into_iter()
            .map(|row| PushDevice {
                id: row.id,
                label: row.label,
                added: format_wib(row.created_at, user.locale),
                last_sent: row.last_sent_at.map(|at| format_wib(at, user.locale)),
            })
            .collect(),
    })
}

/// What a browser's subscription is, once checked.
pub struct Subscription {
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
    pub label: String,
}

/// A device's name as the person will read it: one line of plain text, shortened.
fn label_of(raw: &str) -> String {
    let line: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    line.chars().take(LABEL_MAX).collect()
}

/// Checks what the browser sent: an endpoint of a push service the site sends to, a P-256
/// key and a 16-byte secret. The form's fields are hidden (the browser fills them), so each
/// refusal is said of the whole form.
pub fn check(
    state: &AppState,
    endpoint: &str,
    p256dh: &str,
    auth: &str,
    label: &str,
) -> Result<Subscription, AppError> {
    let mut problems = Problems::default();
    let endpoint = endpoint.trim();
    if endpoint.is_empty() {
        problems.add("", ErrorCode::Required);
    } else if !state.config.push.allows(endpoint) {
        problems.add("", ErrorCode::PushServiceRefused);
    }
    let key_ok = unb64(p256dh).is_some_and(|key| usable_public_key(&key));
    let auth_ok = unb64(auth).is_some_and(|secret| secret.len() == AUTH_BYTES);
    if !key_ok || !auth_ok {
        problems.add("", ErrorCode::PushKeysInvalid);
    }
    problems.into_result()?;
    let label = label_of(label);
    Ok(Subscription {
        endpoint: endpoint.to_owned(),
        p256dh: p256dh.trim().trim_end_matches('=').to_owned(),
        auth: auth.trim().trim_end_matches('=').to_owned(),
        label: if label.is_empty() { "?".into() } else { label },
    })
}

/// Turns push on for the browser that sent `subscription`. A browser already known (the
/// same endpoint) is updated, and becomes this account's: the phone is shared, and whoever
/// turned push on last hears on it.
pub async fn subscribe(
    state: &AppState,
    user: &user_account::Model,
    subscription: Subscription,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let known = push_subscription::Entity::find()
        .filter(push_subscription::Column::Endpoint.eq(subscription.endpoint.as_str()))
        .one(&txn)
        .await
        .or_internal("reading a push device")?;
    match known {
        Some(known) => {
            push_subscription::Entity::update_many()
                .col_expr(push_subscription::Column::UserId, Expr::value(user.id))
                .col_expr(push_subscription::Column::P256dh, Expr::value(subscription.p256dh))
                .col_expr(push_subscription::Column::Auth, Expr::value(subscription.auth))
                .col_expr(push_subscription::Column::Label, Expr::value(subscription.label))
                .filter(push_subscription::Column::Id.eq(known.id))
                .exec(&txn)
                .await
                .or_internal("updating a push device")?;
        }
        None => {
            if push_devices(&txn, user.id).await? >= DEVICES_MAX as u64 {
                return Err(AppError::field("", ErrorCode::TooManyDevices { max: DEVICES_MAX }));
            }
            push_subscription::Entity::insert(push_subscription::ActiveModel {
                user_id: Set(user.id),
                endpoint: Set(subscription.endpoint),
                p256dh: Set(subscription.p256dh),
                auth: Set(subscription.auth),
                label: Set(subscription.label),
                created_at: Set(now),
                last_sent_at: Set(None),
                ..Default::default()
            })
            .exec_without_returning(&txn)
            .await
            .or_internal("adding a push device")?;
        }
    }
    txn.commit().await.or_internal("committing a push device")?;
    Ok(())
}

/// Turns push off for one of the signed-in person's devices; another's is not found.
pub async fn remove(state: &AppState, user: &user_account::Model, id: i32) -> Result<(), AppError> {
    let txn = write_txn(&state.db).await?;
    let removed = push_subscription::Entity::delete_many()
        .filter(push_subscription::Column::Id.eq(id))
        .filter(push_subscription::Column::UserId.eq(user.id))
        .exec(&txn)
        .await
        .or_internal("removing a push device")?;
    if removed.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    forget_waiting(&txn, &[id]).await?;
    txn.commit().await.or_internal("committing a push device's removal")?;
    Ok(())
}

/// Removes every device of `user_id` and what waits for them (account erasure).
pub async fn remove_all(conn: &impl ConnectionTrait, user_id: i32) -> Result<(), AppError> {
    let ids: Vec<i32> = push_subscription::Entity::find()
        .filter(push_subscription::Column::UserId.eq(user_id))
        .all(conn)
        .await
        .or_internal("reading push devices")?
        .into_iter()
        .map(|row| row.id)
        .collect();
    push_subscription::Entity::delete_many()
        .filter(push_subscription::Column::UserId.eq(user_id))
        .exec(conn)
        .await
        .or_internal("removing push devices")?;
    forget_waiting(conn, &ids).await
}

/// The outbox's push rows for these devices, sent or waiting: they said what the person heard.
async fn forget_waiting(conn: &impl ConnectionTrait, ids: &[i32]) -> Result<(), AppError> {
    if ids.is_empty() {
        return Ok(());
    }
    outbox::Entity::delete_many()
        .filter(outbox::Column::Channel.eq(outbox::Channel::Push))
        .filter(outbox::Column::Recipient.is_in(ids.iter().map(i32::to_string)))
        .exec(conn)
        .await
        .or_internal("forgetting push notices")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_name_is_one_short_line_of_text() {
        assert_eq!(label_of("Chrome di\nAndroid\t 14"), "Chrome di Android 14");
        assert_eq!(label_of(&"x".repeat(500)).len(), LABEL_MAX);
        assert_eq!(label_of("  "), "");
    }
}
