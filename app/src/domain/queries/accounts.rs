//! Who is asking: the account behind a session cookie, and the viewer as pages see it;
//! and who decides for the regency (the secretariat and the admin), who are told of what
//! waits for them.

use crate::{
    domain::{
        Clock,
        entities::{auth_session, user_account},
        error::OrInternal,
        secrets::token_hash,
    },
    model::{
        AppError,
        account::{Role, Viewer},
    },
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

/// How long a sign-in lasts.
pub const SESSION_DAYS: i64 = 30;

pub fn viewer_dto(user: &user_account::Model) -> Viewer {
    Viewer {
        id: user.id,
        name: user.name.clone(),
        email: user.email.clone(),
        role: crate::domain::rules::access::role_of(user),
        email_verified: user.email_verified_at.is_some(),
        inbox_waiting: None,
    }
}

/// The account behind a session cookie, unless the session expired or the account is
/// disabled.
pub async fn session_user(
    db: &DatabaseConnection,
    clock: &Clock,
    token: &str,
) -> Result<Option<user_account::Model>, AppError> {
    let session = auth_session::Entity::find()
        .filter(auth_session::Column::TokenHash.eq(token_hash(token)))
        .filter(auth_session::Column::ExpiresAt.gt(clock.now()))
        .one(db)
        .await
        .or_internal("reading a session")?;
    let Some(session) = session else {
        return Ok(None);
    };
    let user = user_account::Entity::find_by_id(session.user_id)
        .one(db)
        .await
        .or_internal("reading an account")?;
    Ok(user.filter(|u| u.disabled_at.is_none()))
}

/// The enabled accounts of the secretariat and the admin, oldest first: they are told
/// when an OPD declines, when a deadline or a disposition deadline passes.
pub async fn deciders(conn: &impl ConnectionTrait) -> Result<Vec<user_account::Model>, AppError> {
    user_account::Entity::find()
        .filter(user_account::Column::Role.is_in([Role::Secretariat, Role::Admin]))
        .filter(user_account::Column::DisabledAt.is_null())
        .order_by_asc(user_account::Column::Id)
        .all(conn)
        .await
        .or_internal("reading the secretariat")
}
