use leptos::prelude::*;

use crate::model::AppError;

/// Sets a new password from a reset link.
#[server(prefix = "/api", endpoint = "account/reset")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            commands::password_reset::reset_password(&state.db, &state.clock, &token, &password).await?;
            context::redirect("/account/login?notice=reset");
            Ok(())
        }
        .await,
    )
}
