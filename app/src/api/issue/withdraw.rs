use leptos::prelude::*;

use crate::model::AppError;

/// Its author withdraws the issue while nobody has acted on it yet; back to `/account`.
#[server(prefix = "/api", endpoint = "issue/withdraw")]
pub async fn withdraw_issue(id: i32) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::issue::withdraw(&state, &user, id).await?;
            context::redirect("/account?withdrawn=1");
            Ok(())
        }
        .await,
    )
}
