use leptos::prelude::*;

use crate::model::{AppError, issue::IssueView};

/// One issue, as the reader may see it.
#[server(prefix = "/api", endpoint = "issue/get")]
pub async fn get_issue(id: String) -> Result<IssueView, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let viewer = context::viewer(&state).await?;
            let id = id.parse::<i32>().map_err(|_| AppError::NotFound)?;
            views::issues::get(&state, viewer.as_ref(), context::locale(), id, state.clock.now()).await
        }
        .await,
    )
}
