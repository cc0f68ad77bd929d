use leptos::prelude::*;

use crate::model::AppError;

/// Ends this device's session.
#[server(prefix = "/api", endpoint = "account/logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            if let Some(token) = context::cookie(context::SESSION_COOKIE) {
                commands::accounts::sign_out(&state.db, &token).await?;
            }
            context::set_cookie(&state, context::SESSION_COOKIE, "", 0);
            context::redirect("/");
            Ok(())
        }
        .await,
    )
}
