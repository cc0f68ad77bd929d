use leptos::prelude::*;

use crate::model::AppError;

/// Creates a resident account and mails the verification link.
#[server(prefix = "/api", endpoint = "account/register")]
pub async fn register(name: String, email: String, password: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            commands::accounts::register(&state, context::locale(), &name, &email, &password).await?;
            context::redirect("/account/login?notice=registered");
            Ok(())
        }
        .await,
    )
}
