//! Changing an issue: its author (or the secretariat) edits the text while it waits for a
//! decision; every edit keeps the previous version as a revision.

use super::create::NewIssueInput;
use super::create::validate;
use crate::{
    domain::{
        AppState,
        entities::{issue, issue_revision, user_account},
        error::{OrInternal, write_txn},
        rules::{self},
        sanitize::markdown_to_html,
    },
    model::{AppError, issue::IssueDraft},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection};

/// The issue as its author may edit it; refused to anyone else and once it is on an agenda.
async fn editable_issue(
    db: &DatabaseConnection,
    user: &user_account::Model,
    id: i32,
) -> Result<issue::Model, AppError> {
    let found = rules::access::visible_issue(db, Some(user), id).await?;
    if found.author_id != user.id {
        return Err(AppError::Forbidden);
    }
    if !found.status.editable() {
        return Err(AppError::Forbidden);
    }
    Ok(found)
}

/// The form's starting values for editing an issue.
pub async fn draft(db: &DatabaseConnection, user: &user_account::Model, id: i32) -> Result<IssueDraft, AppError> {
    let found = editable_issue(db, user, id).await?;
    Ok(IssueDraft {
        id: found.id,
        title: found.title,
        body: found.body_md,
        category: found.category_id,
        kecamatan: found.kecamatan_id,
        desa: found.desa_id,
        address: found.address.unwrap_or_default(),
        latitude: found.latitude.map(|v| v.to_string()).unwrap_or_default(),
        longitude: found.longitude.map(|v| v.to_string()).unwrap_or_default(),
    })
}

/// Changes an issue on behalf of its author until it is put on an agenda. What it said
/// before is kept as a revision in the same transaction. Its privacy stays as chosen.
pub async fn update(
    state: &AppState,
    user: &user_account::Model,
    id: i32,
    input: NewIssueInput<'_>,
) -> Result<issue::Model, AppError> {
    let found = editable_issue(&state.db, user, id).await?;
    let valid = validate(&state.db, &input).await?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    issue_revision::ActiveModel {
        issue_id: Set(found.id),
        title: Set(found.title.clone()),
        body_md: Set(found.body_md.clone()),
        category_id: Set(found.category_id),
        kecamatan_id: Set(found.kecamatan_id),
        desa_id: Set(found.desa_id),
        edited_by: Set(user.id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .or_internal("keeping a revision")?;
    let mut row: issue::ActiveModel = found.into();
    row.body_html = Set(markdown_to_html(&valid.body));
    row.title = Set(valid.title);
    row.body_md = Set(valid.body);
    row.category_id = Set(valid.category_id);
    row.kecamatan_id = Set(valid.kecamatan_id);
    row.desa_id = Set(valid.desa_id);
    row.address = Set(valid.address);
    row.latitude = Set(valid.point.map(|p| p.0));
    row.longitude = Set(valid.point.map(|p| p.1));
    row.updated_at = Set(now);
    let updated = row.update(&txn).await.or_internal("updating an issue")?;
    txn.commit().await.or_internal("committing an edit")?;
    Ok(updated)
}
