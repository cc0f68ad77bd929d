use leptos::prelude::*;

use crate::model::{AppError, moderation::ModerationQueue};

/// Flagged and hidden items with the latest moderation actions; secretariat and admin only.
#[server(prefix = "/api", endpoint = "moderation/queue")]
pub async fn get_moderation_queue() -> Result<ModerationQueue, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let flags = crate::domain::queries::settings::thresholds(&state.db, &state.config)
                .await?
                .flags_to_hide;
            views::moderation::queue(&state.db, &user, context::locale(), flags).await
        }
        .await,
    )
}
