use leptos::prelude::*;

use crate::model::AppError;

/// Verifies the email of the link's account. Called by the page the link opens.
#[server(prefix = "/api", endpoint = "account/verify")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            commands::accounts::verify_email(&state.db, &state.clock, &token).await
        }
        .await,
    )
}
