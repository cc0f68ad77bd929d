//! Accounts as the admin changes them: role, OPD, disabled.

use super::catalogue::parse_opd;
use crate::{
    domain::{
        AppState,
        entities::{auth_session, user_account},
        error::{OrInternal, write_txn},
        rules::access::check_admin,
    },
    model::{AppError, ErrorCode, account::Role},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

/// Changes an account's role, OPD and whether it is disabled. Disabling it or changing
/// its role or OPD signs it out everywhere. The admin cannot change their own account (no locking oneself out).
pub async fn update_account(
    state: &AppState,
    user: &user_account::Model,
    id: i32,
    role: &str,
    opd: &str,
    disabled: bool,
) -> Result<(), AppError> {
    check_admin(user)?;
    if id == user.id {
        return Err(AppError::field("role", ErrorCode::CannotChangeOwnAccount));
    }
    let txn = write_txn(&state.db).await?;
    let found = user_account::Entity::find_by_id(id)
        .one(&txn)
        .await
        .or_internal("reading an account")?
        .ok_or(AppError::NotFound)?;
    let role = Role::parse(role).ok_or_else(|| AppError::field("role", ErrorCode::Required))?;
    let opd_id = parse_opd(&txn, opd)
        .await
        .map_err(|code| AppError::field("opd", code))?;
    let opd_id = match (role, opd_id) {
        (Role::OpdOfficer, None) => return Err(AppError::field("opd", ErrorCode::OpdRequired)),
        (Role::OpdOfficer, some) => some,
        _ => None,
    };
    let now = state.clock.now();
    let was_disabled = found.disabled_at.is_some();
    // A new role or OPD takes effect at the next sign-in, with a new session id.
    let privileges_changed = found.role != role || found.opd_id != opd_id;
    let mut row: user_account::ActiveModel = found.into();
    row.role = Set(role);
    row.opd_id = Set(opd_id);
    if disabled != was_disabled {
        row.disabled_at = Set(disabled.then_some(now));
    }
    row.update(&txn).await.or_internal("updating an account")?;
    if disabled || privileges_changed {
        auth_session::Entity::delete_many()
            .filter(auth_session::Column::UserId.eq(id))
            .exec(&txn)
            .await
            .or_internal("signing a changed account out")?;
    }
    txn.commit().await.or_internal("committing an account change")
}
