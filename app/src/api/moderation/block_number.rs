use leptos::prelude::*;

use crate::model::AppError;

/// Blocks (`block=1`) or unblocks (`block=0`) the WhatsApp number that reported issue `id`.
#[server(prefix = "/api", endpoint = "moderation/block-number")]
pub async fn block_number(id: i32, block: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::phone::block_reporter(&state, &user, id, block == "1").await?;
            context::redirect(&format!("/issues/{id}"));
            Ok(())
        }
        .await,
    )
}
