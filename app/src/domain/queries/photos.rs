//! An issue's own photos (not a follow-up step's evidence), in the order they were sent.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    domain::{entities::issue_photo, error::OrInternal},
    model::{AppError, photo::PhotoView},
};

pub async fn of_issue(conn: &impl ConnectionTrait, issue_id: i32) -> Result<Vec<PhotoView>, AppError> {
    Ok(issue_photo::Entity::find()
        .filter(issue_photo::Column::IssueId.eq(issue_id))
        .filter(issue_photo::Column::FollowUpUpdateId.is_null())
        .order_by_asc(issue_photo::Column::Position)
        .all(conn)
        .await
        .or_internal("reading photos")?
        .into_iter()
        .map(|p| PhotoView {
            hash: p.hash,
            width: p.width as u32,
            height: p.height as u32,
        })
        .collect())
}
