use leptos::prelude::*;

use crate::model::{AppError, me::MyAccount};

/// The signed-in person's own page: `/account`, or every issue of theirs with `all`.
#[server(prefix = "/api", endpoint = "account/me")]
pub async fn get_my_account(all: bool) -> Result<MyAccount, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            views::me::my_account(&state, &user, context::locale(), all).await
        }
        .await,
    )
}

/// Deletes the signed-in resident's account once their password confirms it, signs this
/// browser out, and says so on the sign-in page.
#[server(prefix = "/api", endpoint = "account/delete")]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::account_erasure::erase(&state, &user, &password).await?;
            context::set_cookie(&state, context::SESSION_COOKIE, "", 0);
            context::redirect("/account/login?notice=deleted");
            Ok(())
        }
        .await,
    )
}
