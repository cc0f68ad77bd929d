use leptos::prelude::*;

use crate::model::AppError;

/// Changes one's own comment (within 15 minutes of posting).
#[server(prefix = "/api", endpoint = "comment/update")]
pub async fn update_comment(id: i32, body: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let updated = commands::forum::update_comment(&state, &user, id, &body).await?;
            context::redirect(&format!("/issues/{}#comment-{id}", updated.issue_id));
            Ok(())
        }
        .await,
    )
}
