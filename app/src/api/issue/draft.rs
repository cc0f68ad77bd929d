use leptos::prelude::*;

use crate::model::{AppError, issue::IssueDraft};

/// The author's issue as the edit form starts from it.
#[server(prefix = "/api", endpoint = "issue/draft")]
pub async fn get_issue_draft(id: String) -> Result<IssueDraft, AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let id = id.parse::<i32>().map_err(|_| AppError::NotFound)?;
            commands::issue::draft(&state.db, &user, id).await
        }
        .await,
    )
}
