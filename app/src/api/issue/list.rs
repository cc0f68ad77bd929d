use leptos::prelude::*;

use crate::model::{
    AppError,
    issue::{IssuePage, IssueQuery},
};

/// A page of the public list, filtered and sorted as `query` says.
#[server(prefix = "/api", endpoint = "issue/list")]
pub async fn list_issues(query: IssueQuery, limit: Option<u64>) -> Result<IssuePage, AppError> {
    use crate::{api::context, domain::views, model::issue::PAGE_SIZE};
    context::respond(
        async {
            let state = context::state()?;
            let limit = limit.unwrap_or(PAGE_SIZE).clamp(1, PAGE_SIZE);
            views::issues::list(&state, context::locale(), &query, limit).await
        }
        .await,
    )
}
