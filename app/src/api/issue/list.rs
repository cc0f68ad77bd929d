use leptos::prelude::*;

use crate::model::{AppError, issue::IssuePage};

/// A page of the public list, newest first, ending before issue `before`.
#[server(prefix = "/api", endpoint = "issue/list")]
pub async fn list_issues(before: Option<i32>, limit: Option<u64>) -> Result<IssuePage, AppError> {
    use crate::{
        model::issue::PAGE_SIZE,
        server::{context, services::issues},
    };
    context::respond(
        async {
            let state = context::state()?;
            let limit = limit.unwrap_or(PAGE_SIZE).clamp(1, PAGE_SIZE);
            issues::list(&state.db, context::locale(), before, limit).await
        }
        .await,
    )
}
