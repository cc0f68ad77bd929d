use leptos::prelude::*;

use crate::model::AppError;

/// Reports an issue (`kind=issue`) or a comment (`kind=comment`) with a reason.
#[server(prefix = "/api", endpoint = "moderation/flag")]
pub async fn flag_item(kind: String, id: i32, reason: String) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::{commands, limits::Action},
        model::moderation::TargetKind,
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let kind = TargetKind::parse(&kind).ok_or(AppError::NotFound)?;
            context::limit(&state, Action::Flag, &user).await?;
            let issue = commands::moderation::flag(&state, &user, kind, id, &reason).await?;
            let anchor = match kind {
                TargetKind::Issue => String::new(),
                TargetKind::Comment => format!("#comment-{id}"),
            };
            context::redirect(&format!("/issues/{issue}?reported=1{anchor}"));
            Ok(())
        }
        .await,
    )
}
