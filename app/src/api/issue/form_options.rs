use leptos::prelude::*;

use crate::model::{AppError, issue::IssueFormOptions};

/// Categories and places for the posting form.
#[server(prefix = "/api", endpoint = "issue/form-options")]
pub async fn get_issue_form_options() -> Result<IssueFormOptions, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            views::issues::form_options(&state, context::locale()).await
        }
        .await,
    )
}
