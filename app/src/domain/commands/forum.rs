//! Taking part in an issue: supporting it ("Dukung"), following it, and discussing it in
//! comments with one level of replies. Counters on the issue change in the same transaction
//! as the rows they count, by an atomic `count = count ± 1`, so they stay exact when many
//! people press the button at once.

use crate::domain::rules::access::visible_issue;
use crate::{
    domain::{
        AppState,
        entities::{comment, issue, issue_follow, issue_support, user_account},
        error::{OrInternal, write_txn},
        rules::access::check_can_post,
        sanitize::markdown_to_html,
    },
    model::{
        AppError, ErrorCode,
        form::ClientKey,
        issue::{COMMENT_EDIT_MINUTES, parse_comment},
    },
};
use chrono::TimeDelta;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, OnConflict},
};

/// An issue that `user` may take part in: visible, not settled, and `user` verified.
async fn open_issue(
    conn: &impl ConnectionTrait,
    user: &user_account::Model,
    id: i32,
) -> Result<issue::Model, AppError> {
    check_can_post(user)?;
    let found = visible_issue(conn, Some(user), id).await?;
    if found.status.is_final() {
        return Err(AppError::Forbidden);
    }
    Ok(found)
}

/// Adds `delta` to one of the issue's counters, in the database's own arithmetic.
pub(crate) async fn bump(
    conn: &impl ConnectionTrait,
    issue_id: i32,
    column: issue::Column,
    delta: i32,
) -> Result<(), AppError> {
    issue::Entity::update_many()
        .col_expr(column, Expr::col(column).add(delta))
        .filter(issue::Column::Id.eq(issue_id))
        .exec(conn)
        .await
        .or_internal("counting")?;
    Ok(())
}

/// Records that `user` follows the issue (idempotent).
pub async fn follow_in(
    conn: &impl ConnectionTrait,
    user_id: i32,
    issue_id: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    issue_follow::Entity::insert(issue_follow::ActiveModel {
        issue_id: Set(issue_id),
        user_id: Set(user_id),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([issue_follow::Column::IssueId, issue_follow::Column::UserId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await
    .or_internal("following")?;
    Ok(())
}

/// Records that `user_id` supports the issue; false when they already did. The caller
/// keeps the issue's counter.
pub async fn support_in(
    conn: &impl ConnectionTrait,
    user_id: i32,
    issue_id: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, AppError> {
    let added = issue_support::Entity::insert(issue_support::ActiveModel {
        issue_id: Set(issue_id),
        user_id: Set(user_id),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([issue_support::Column::IssueId, issue_support::Column::UserId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await
    .or_internal("supporting")?;
    Ok(added == 1)
}

/// Supports an open issue `user` may see, inside the caller's transaction (pressing twice
/// changes nothing); the supporter follows it. Returns the issue.
pub async fn support_within(
    conn: &impl ConnectionTrait,
    user: &user_account::Model,
    issue_id: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<issue::Model, AppError> {
    let found = open_issue(conn, user, issue_id).await?;
    if support_in(conn, user.id, issue_id, now).await? {
        bump(conn, issue_id, issue::Column::SupportCount, 1).await?;
    }
    follow_in(conn, user.id, issue_id, now).await?;
    Ok(found)
}

/// Supports (or, with `support == false`, withdraws the support of) `user` for an issue.
/// Pressing twice changes nothing. Supporters follow the issue.
pub async fn set_support(
    state: &AppState,
    user: &user_account::Model,
    issue_id: i32,
    support: bool,
) -> Result<(), AppError> {
    let txn = write_txn(&state.db).await?;
    let now = state.clock.now();
    if support {
        support_within(&txn, user, issue_id, now).await?;
    } else {
        open_issue(&txn, user, issue_id).await?;
        let removed = issue_support::Entity::delete_many()
            .filter(issue_support::Column::IssueId.eq(issue_id))
            .filter(issue_support::Column::UserId.eq(user.id))
            .exec(&txn)
            .await
            .or_internal("withdrawing support")?;
        if removed.rows_affected == 1 {
            bump(&txn, issue_id, issue::Column::SupportCount, -1).await?;
        }
    }
    txn.commit().await.or_internal("committing a support")
}

/// Follows or unfollows an issue the user may see.
pub async fn set_follow(
    state: &AppState,
    user: &user_account::Model,
    issue_id: i32,
    follow: bool,
) -> Result<(), AppError> {
    visible_issue(&state.db, Some(user), issue_id).await?;
    if follow {
        follow_in(&state.db, user.id, issue_id, state.clock.now()).await
    } else {
        issue_follow::Entity::delete_many()
            .filter(issue_follow::Column::IssueId.eq(issue_id))
            .filter(issue_follow::Column::UserId.eq(user.id))
            .exec(&state.db)
            .await
            .or_internal("unfollowing")?;
        Ok(())
    }
}

/// Posts a comment, or a reply when `parent` names a comment of the same issue (a reply to
/// a reply joins its thread: there is one level). The commenter follows the issue.
pub async fn create_comment(
    state: &AppState,
    user: &user_account::Model,
    issue_id: i32,
    parent: Option<i32>,
    body: &str,
    key: Option<&ClientKey>,
) -> Result<comment::Model, AppError> {
    let txn = write_txn(&state.db).await?;
    let found = open_issue(&txn, user, issue_id).await?;
    let body = parse_comment(body).map_err(|code| AppError::field("body", code))?;
    let parent_id = match parent {
        None => None,
        Some(id) => {
            let parent = comment::Entity::find_by_id(id)
                .one(&txn)
                .await
                .or_internal("reading a comment")?
                .filter(|c| c.issue_id == issue_id)
                .ok_or(AppError::NotFound)?;
            Some(parent.parent_id.unwrap_or(parent.id))
        }
    };
    let now = state.clock.now();
    let created = comment::ActiveModel {
        issue_id: Set(issue_id),
        author_id: Set(user.id),
        parent_id: Set(parent_id),
        body_html: Set(markdown_to_html(&body)),
        body_md: Set(body),
        created_at: Set(now),
        edited_at: Set(None),
        deleted_at: Set(None),
        hidden_at: Set(None),
        flag_count: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .or_internal("inserting a comment")?;
    bump(&txn, issue_id, issue::Column::CommentCount, 1).await?;
    crate::domain::notices::comment_posted(&txn, &state.config, now, &found, &created, user).await?;
    follow_in(&txn, user.id, issue_id, now).await?;
    let location = format!("/issues/{issue_id}#comment-{}", created.id);
    crate::domain::commands::submission::record(&txn, state, user, key, &location).await?;
    txn.commit().await.or_internal("committing a comment")?;
    state.mail_bell.notify_one();
    Ok(created)
}

/// A comment that `user` wrote and has not deleted.
async fn own_comment(
    conn: &impl ConnectionTrait,
    user: &user_account::Model,
    id: i32,
) -> Result<comment::Model, AppError> {
    let found = comment::Entity::find_by_id(id)
        .one(conn)
        .await
        .or_internal("reading a comment")?
        .ok_or(AppError::NotFound)?;
    visible_issue(conn, Some(user), found.issue_id).await?;
    if found.author_id != user.id {
        return Err(AppError::Forbidden);
    }
    if found.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    Ok(found)
}

/// Whether the author may still change a comment written at `created_at`.
pub fn within_edit_window(created_at: chrono::DateTime<chrono::Utc>, now: chrono::DateTime<chrono::Utc>) -> bool {
    now - created_at <= TimeDelta::minutes(COMMENT_EDIT_MINUTES)
}

/// Changes the text of one's own comment within 15 minutes of posting; it shows "diedit".
pub async fn update_comment(
    state: &AppState,
    user: &user_account::Model,
    id: i32,
    body: &str,
) -> Result<comment::Model, AppError> {
    let found = own_comment(&state.db, user, id).await?;
    let now = state.clock.now();
    if !within_edit_window(found.created_at, now) {
        return Err(AppError::field("body", ErrorCode::EditWindowClosed));
    }
    let body = parse_comment(body).map_err(|code| AppError::field("body", code))?;
    let mut row: comment::ActiveModel = found.into();
    row.body_html = Set(markdown_to_html(&body));
    row.body_md = Set(body);
    row.edited_at = Set(Some(now));
    row.update(&state.db).await.or_internal("updating a comment")
}

/// Deletes one's own comment, leaving a tombstone in its place.
pub async fn delete_comment(state: &AppState, user: &user_account::Model, id: i32) -> Result<comment::Model, AppError> {
    let txn = write_txn(&state.db).await?;
    let found = own_comment(&txn, user, id).await?;
    let issue_id = found.issue_id;
    let mut row: comment::ActiveModel = found.into();
    row.body_md = Set(String::new());
    row.body_html = Set(String::new());
    row.deleted_at = Set(Some(state.clock.now()));
    let deleted = row.update(&txn).await.or_internal("deleting a comment")?;
    bump(&txn, issue_id, issue::Column::CommentCount, -1).await?;
    txn.commit().await.or_internal("committing a deletion")?;
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn comments_can_be_changed_for_fifteen_minutes() {
        let posted = Utc.with_ymd_and_hms(2026, 11, 27, 1, 0, 0).single().unwrap_or_default();
        assert!(within_edit_window(posted, posted + TimeDelta::minutes(15)));
        assert!(!within_edit_window(
            posted,
            posted + TimeDelta::minutes(15) + TimeDelta::seconds(1)
        ));
    }
}
