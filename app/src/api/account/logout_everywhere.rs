use leptos::prelude::*;

use crate::model::AppError;

/// Ends every session of the signed-in account, on every device, and this one too.
#[server(prefix = "/api", endpoint = "account/logout-everywhere")]
pub async fn logout_everywhere() -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::accounts::sign_out_everywhere(&state.db, &user).await?;
            context::set_cookie(&state, context::SESSION_COOKIE, "", 0);
            context::redirect("/account/login?notice=signed_out_all");
            Ok(())
        }
        .await,
    )
}
