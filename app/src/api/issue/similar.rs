use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::model::{AppError, issue::IssueSummary};

/// Open public issues with a title like `title`, offered while a resident types a new one.
#[server(prefix = "/api", endpoint = "issue/similar", input = GetUrl)]
pub async fn similar_issues(title: String) -> Result<Vec<IssueSummary>, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            views::issues::similar_summaries(&state, context::locale(), &title).await
        }
        .await,
    )
}
