use leptos::prelude::*;

use crate::model::AppError;

/// Deletes one's own comment; a tombstone keeps its place.
#[server(prefix = "/api", endpoint = "comment/delete")]
pub async fn delete_comment(id: i32) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let deleted = commands::forum::delete_comment(&state, &user, id).await?;
            context::redirect(&format!("/issues/{}#comment-{id}", deleted.issue_id));
            Ok(())
        }
        .await,
    )
}
