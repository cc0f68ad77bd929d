//! Who may do what. Every service asks here before it writes; pages only hide buttons.

use super::entities::user_account;
use crate::model::{AppError, account::Role};

pub fn role_of(user: &user_account::Model) -> Role {
    user.role
}

/// Posting needs a verified email (operators and staff are verified when created).
pub fn check_can_post(user: &user_account::Model) -> Result<(), AppError> {
    if user.email_verified_at.is_none() {
        return Err(AppError::EmailNotVerified);
    }
    Ok(())
}

/// The admin pages: admins only.
pub fn check_admin(user: &user_account::Model) -> Result<(), AppError> {
    if role_of(user) == Role::Admin {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The staff room: everyone but residents.
pub fn check_staff(user: &user_account::Model) -> Result<(), AppError> {
    if role_of(user).is_staff() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
