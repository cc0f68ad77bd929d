//! Marking who came, on the day: the secretariat ticks the registrants present on the
//! printed list's screen twin; the ticks replace the session's earlier marks.

use crate::{
    domain::{
        AppState,
        entities::{session_registration, user_account},
        error::{OrInternal, write_txn},
        queries::sessions::find,
        rules::access::check_secretariat,
        views::registrants::day_has_come,
    },
    model::{AppError, ErrorCode},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

/// Marks present exactly the registrations in `attended` (ids, comma-separated, as the
/// repeated checkboxes post them) among session `id`'s. Returns how many are present.
pub async fn mark_attendance(
    state: &AppState,
    user: &user_account::Model,
    id: i32,
    attended: &str,
) -> Result<u64, AppError> {
    check_secretariat(user)?;
    let present: Vec<i32> = attended
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.parse::<i32>()
                .map_err(|_| AppError::field("attended", ErrorCode::UnknownChoice))
        })
        .collect::<Result<_, _>>()?;
    let txn = write_txn(&state.db).await?;
    let session = find(&txn, id).await?;
    if !day_has_come(session.starts_at, session.status, state.clock.now()) {
        return Err(AppError::field("", ErrorCode::NotNow));
    }
    let set = |value: bool| {
        session_registration::Entity::update_many()
            .col_expr(session_registration::Column::Attended, Expr::value(value))
            .filter(session_registration::Column::SessionId.eq(id))
    };
    set(false).exec(&txn).await.or_internal("clearing attendance")?;
    let marked = set(true)
        .filter(session_registration::Column::Id.is_in(present))
        .exec(&txn)
        .await
        .or_internal("marking attendance")?;
    txn.commit().await.or_internal("committing attendance")?;
    Ok(marked.rows_affected)
}
