use leptos::prelude::*;

use crate::model::AppError;

/// Follows the issue, or unfollows it with `follow=false`. Back to the issue, or to
/// `/account` when the form came from there (`from=account`).
#[server(prefix = "/api", endpoint = "issue/follow")]
pub async fn follow_issue(id: i32, follow: bool, from: Option<String>) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::forum::set_follow(&state, &user, id, follow).await?;
            if from.as_deref() == Some("account") {
                context::redirect("/account");
            } else {
                context::redirect(&format!("/issues/{id}"));
            }
            Ok(())
        }
        .await,
    )
}
