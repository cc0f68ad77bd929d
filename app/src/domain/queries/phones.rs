//! A person's WhatsApp number, as the pages that may show anything of it read it.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::domain::{
    entities::{user_account, wa_contact},
    error::OrInternal,
    rules::access::role_of,
};
use crate::model::{AppError, whatsapp::masked};

/// How staff who moderate see an issue's WhatsApp reporter: the number's last four digits,
/// and whether it is blocked. `None` for anyone else, and for an issue not from WhatsApp.
pub async fn reporter_number(
    conn: &impl ConnectionTrait,
    viewer: Option<&user_account::Model>,
    author_id: i32,
) -> Result<Option<(String, bool)>, AppError> {
    if !viewer.is_some_and(|v| role_of(v).moderates()) {
        return Ok(None);
    }
    Ok(wa_contact::Entity::find()
        .filter(wa_contact::Column::UserId.eq(author_id))
        .one(conn)
        .await
        .or_internal("reading a WhatsApp contact")?
        .map(|c| (masked(&c.phone), c.blocked_at.is_some())))
}
