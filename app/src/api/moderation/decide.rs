use leptos::prelude::*;

use crate::model::AppError;

/// The secretariat hides, restores, rejects or merges an item, with a reason. `into` is
/// the original issue of a merge.
#[server(prefix = "/api", endpoint = "moderation/decide")]
pub async fn moderate_item(
    kind: String,
    id: i32,
    action: String,
    reason: String,
    into: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::commands::{self, moderation::Decision},
        model::{
            ErrorCode,
            moderation::{ModerationAction, TargetKind},
        },
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let kind = TargetKind::parse(&kind).ok_or(AppError::NotFound)?;
            let action = ModerationAction::parse(&action).ok_or(AppError::Forbidden)?;
            let into = match into.as_deref().map(|s| s.trim().trim_start_matches('#')) {
                None | Some("") => None,
                Some(number) => Some(
                    number
                        .parse::<i32>()
                        .map_err(|_| AppError::field("into", ErrorCode::UnknownIssue))?,
                ),
            };
            let decision = Decision {
                kind,
                id,
                action,
                reason: &reason,
                into,
            };
            let shown = commands::moderation::decide(&state, &user, decision).await?;
            if action == ModerationAction::Merge {
                context::redirect(&format!("/issues/{shown}"));
            }
            Ok(())
        }
        .await,
    )
}
