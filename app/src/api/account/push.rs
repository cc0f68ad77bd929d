use leptos::prelude::*;

use crate::model::{AppError, mail::PushDevices};

/// The signed-in person's devices with push on, and the key a browser subscribes with.
#[server(prefix = "/api", endpoint = "account/push")]
pub async fn get_push_devices() -> Result<PushDevices, AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::push::devices(&state, &user).await
        }
        .await,
    )
}

/// Turns push on for the browser that sends its subscription (`/app.js` posts what
/// `PushManager.subscribe` gave, as a form).
#[server(prefix = "/api", endpoint = "account/push/subscribe")]
pub async fn subscribe_push(
    endpoint: String,
    p256dh: String,
    auth: String,
    label: Option<String>,
) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let subscription =
                commands::push::check(&state, &endpoint, &p256dh, &auth, label.as_deref().unwrap_or_default())?;
            commands::push::subscribe(&state, &user, subscription).await?;
            context::redirect("/account/notifications?push=on#push");
            Ok(())
        }
        .await,
    )
}

/// Turns push off for one of the signed-in person's devices.
#[server(prefix = "/api", endpoint = "account/push/remove")]
pub async fn remove_push(id: i32) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::push::remove(&state, &user, id).await?;
            context::redirect("/account/notifications?push=off#push");
            Ok(())
        }
        .await,
    )
}
