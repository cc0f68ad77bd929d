use leptos::prelude::*;

use crate::model::AppError;

/// Signs in and returns to `next` (a path on this site) or the home page.
#[server(prefix = "/api", endpoint = "account/login")]
pub async fn login(email: String, password: String, otp: Option<String>, next: Option<String>) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let previous = context::cookie(context::SESSION_COOKIE);
            let address = context::client_ip(&state);
            let otp = otp.unwrap_or_default();
            let (user, token) =
                commands::accounts::sign_in(&state, &email, &password, &otp, address, previous.as_deref()).await?;
            context::enter(&state, &token, user.locale, next);
            Ok(())
        }
        .await,
    )
}
