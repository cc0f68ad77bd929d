//! Who may do what and see what. Every command asks here before it writes and every view
//! before it shows; pages only hide buttons.

use crate::{
    domain::{
        entities::{issue, user_account},
        error::OrInternal,
    },
    model::{
        AppError,
        account::Role,
        issue::{IssueStatus, Privacy},
    },
};
use sea_orm::{ConnectionTrait, EntityTrait};

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

pub(crate) fn is_officer_of(user: &user_account::Model, opd_id: i32) -> bool {
    role_of(user) == Role::OpdOfficer && user.opd_id == Some(opd_id)
}

/// Who sees a follow-up's internal notes: the secretariat, the admin and its own OPD.
pub(crate) fn sees_internal(user: Option<&user_account::Model>, opd_id: i32) -> bool {
    user.is_some_and(|u| role_of(u).moderates() || is_officer_of(u, opd_id))
}

/// The secretariat's inbox: the secretariat, the admin and operators.
pub(crate) fn check_inbox_reader(user: &user_account::Model) -> Result<(), AppError> {
    if role_of(user).reads_inbox() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub(crate) fn check_secretariat(user: &user_account::Model) -> Result<(), AppError> {
    if role_of(user).moderates() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub(crate) fn check_moderator(user: &user_account::Model) -> Result<(), AppError> {
    if role_of(user).moderates() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Loads an issue that `user` may see; anything else does not exist for them.
pub async fn visible_issue(
    conn: &impl ConnectionTrait,
    user: Option<&user_account::Model>,
    id: i32,
) -> Result<issue::Model, AppError> {
    let found = issue::Entity::find_by_id(id)
        .one(conn)
        .await
        .or_internal("reading an issue")?
        .ok_or(AppError::NotFound)?;
    let is_author = user.is_some_and(|u| u.id == found.author_id);
    let staff = user.is_some_and(|u| role_of(u).is_staff());
    let confidential = found.privacy == Privacy::Rahasia;
    // A merged issue stays readable: it points to the issue it duplicated. One its author
    // withdrew is theirs again.
    let withdrawn = matches!(
        found.status,
        IssueStatus::Submitted | IssueStatus::Rejected | IssueStatus::Withdrawn
    );
    let hidden = found.hidden_at.is_some();
    if (confidential || withdrawn || hidden) && !is_author && !staff {
        return Err(AppError::NotFound);
    }
    Ok(found)
}
