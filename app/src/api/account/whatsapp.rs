use leptos::prelude::*;

use crate::model::AppError;

/// Whether this site offers WhatsApp, and the number linked to the signed-in account.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WhatsAppLink {
    pub on: bool,
    pub number: Option<String>,
    /// Whether the account has a mailbox (one made by WhatsApp may add one).
    pub mailbox: bool,
}

/// The path back to a page with the number in its address (the code's form needs it).
#[cfg(feature = "ssr")]
fn with_phone(path: &str, phone: &str, next: Option<&str>) -> String {
    let mut to = format!("{path}?phone=%2B{phone}");
    if let Some(next) = next.filter(|n| n.starts_with('/') && !n.starts_with("//")) {
        to.push_str("&next=");
        to.push_str(&next.replace('%', "%25").replace('&', "%26").replace('#', "%23"));
    }
    to
}

/// Whether this site has the WhatsApp channel on (the sign-in page offers it only then).
#[server(prefix = "/api", endpoint = "account/whatsapp/on")]
pub async fn whatsapp_on() -> Result<bool, AppError> {
    use crate::api::context;
    context::respond(async { Ok(context::state()?.config.whatsapp.is_some()) }.await)
}

/// Sends a sign-in code to a WhatsApp number (if an account goes with it) and asks for it.
#[server(prefix = "/api", endpoint = "account/whatsapp/code")]
pub async fn send_whatsapp_code(phone: String, next: Option<String>) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let address = context::client_ip(&state);
            let phone = commands::phone::send_sign_in_code(&state, &phone, address).await?;
            context::redirect(&with_phone("/account/login/whatsapp", &phone, next.as_deref()));
            Ok(())
        }
        .await,
    )
}

/// Signs in with the code sent over WhatsApp and returns to `next` or the home page.
#[server(prefix = "/api", endpoint = "account/whatsapp/sign-in")]
pub async fn whatsapp_sign_in(phone: String, code: String, next: Option<String>) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let previous = context::cookie(context::SESSION_COOKIE);
            let address = context::client_ip(&state);
            let (user, token) =
                commands::phone::sign_in_with_code(&state, &phone, &code, address, previous.as_deref()).await?;
            context::enter(&state, &token, user.locale, next);
            Ok(())
        }
        .await,
    )
}

/// The WhatsApp part of the signed-in person's notification settings.
#[server(prefix = "/api", endpoint = "account/whatsapp")]
pub async fn get_whatsapp_link() -> Result<WhatsAppLink, AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            Ok(WhatsAppLink {
                on: state.config.whatsapp.is_some(),
                number: commands::phone::linked_number(&state, &user).await?,
                mailbox: crate::domain::mail::has_mailbox(&user.email),
            })
        }
        .await,
    )
}

/// Sends a code to the number the signed-in person wants to link.
#[server(prefix = "/api", endpoint = "account/whatsapp/link-code")]
pub async fn send_whatsapp_link_code(phone: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let address = context::client_ip(&state);
            let phone = commands::phone::send_link_code(&state, &user, &phone, address).await?;
            context::redirect(&format!(
                "{}#whatsapp",
                with_phone("/account/notifications", &phone, None)
            ));
            Ok(())
        }
        .await,
    )
}

/// Links the number with the code sent to it.
#[server(prefix = "/api", endpoint = "account/whatsapp/link")]
pub async fn link_whatsapp(phone: String, code: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::phone::link_with_code(&state, &user, &phone, &code).await?;
            context::redirect("/account/notifications?linked=1#whatsapp");
            Ok(())
        }
        .await,
    )
}

/// Adds an email to an account made by WhatsApp: a link to confirm it goes to that address.
#[server(prefix = "/api", endpoint = "account/email/add")]
pub async fn add_email(email: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::accounts::add_email(&state, &user, &email).await?;
            context::redirect("/account/notifications?email_sent=1#email");
            Ok(())
        }
        .await,
    )
}
