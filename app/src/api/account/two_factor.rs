use leptos::prelude::*;

use crate::model::{AppError, account::TwoFactorSetup};

/// Whether the signed-in staff account has a second factor, else a new secret to add.
#[server(prefix = "/api", endpoint = "account/two-factor")]
pub async fn get_two_factor_setup() -> Result<TwoFactorSetup, AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::two_factor::setup(&state, &user).await
        }
        .await,
    )
}

/// Turns the second factor on with the secret shown, proven by the app's first code.
#[server(prefix = "/api", endpoint = "account/two-factor/enable")]
pub async fn enable_two_factor(secret: String, otp: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::two_factor::enable(&state, &user, &secret, &otp).await?;
            context::redirect("/account/two-factor?saved=1");
            Ok(())
        }
        .await,
    )
}

/// Turns the second factor off, with a current code.
#[server(prefix = "/api", endpoint = "account/two-factor/disable")]
pub async fn disable_two_factor(otp: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::two_factor::disable(&state, &user, &otp).await?;
            context::redirect("/account/two-factor?saved=1");
            Ok(())
        }
        .await,
    )
}
