use leptos::prelude::*;

use crate::model::AppError;

/// Mails a reset link if the address belongs to an account; answers the same either way.
#[server(prefix = "/api", endpoint = "account/forgot")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            commands::password_reset::request_reset(&state, &email).await?;
            context::redirect("/account/forgot?sent=1");
            Ok(())
        }
        .await,
    )
}
