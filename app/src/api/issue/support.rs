use leptos::prelude::*;

use crate::model::AppError;

/// Supports the issue ("Dukung"), or withdraws the support with `support=false`.
#[server(prefix = "/api", endpoint = "issue/support")]
pub async fn support_issue(id: i32, support: bool) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::{commands, limits::Action},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            context::limit(&state, Action::Support, &user).await?;
            commands::forum::set_support(&state, &user, id, support).await?;
            context::redirect(&format!("/issues/{id}"));
            Ok(())
        }
        .await,
    )
}
