//! OPD follow-up: the secretariat assigns, officers work their OPD's list, the author
//! confirms or reopens.
// The server functions mirror their forms field by field, as a plain HTML post sends them.
#![allow(
    clippy::too_many_arguments,
    reason = "one argument per form field or notice part; a struct would only rename them"
)]

use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::model::{AppError, follow_up::OpdQueue};

/// Assigns an issue to a lead OPD and supporting OPDs (secretariat only).
#[server(prefix = "/api", endpoint = "follow-up/assign")]
pub async fn assign_issue(
    issue: i32,
    lead: Option<String>,
    supporting: Option<String>,
    action: String,
    days: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::commands::{self, follow_up::AssignInput},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let input = AssignInput {
                lead: lead.as_deref().unwrap_or_default(),
                supporting: supporting.as_deref().unwrap_or_default(),
                action: &action,
                days: days.as_deref().unwrap_or_default(),
            };
            commands::follow_up::assign(&state, &user, issue, input).await?;
            context::redirect(&format!("/issues/{issue}#tindak-lanjut"));
            Ok(())
        }
        .await,
    )
}

/// One step of a follow-up: accept, decline, progress, resolve (its OPD's officers),
/// confirm or reopen (the issue's author).
#[server(prefix = "/api", endpoint = "follow-up/act")]
pub async fn act_on_follow_up(
    id: i32,
    action: String,
    body: Option<String>,
    percent: Option<String>,
    cost: Option<String>,
    internal: Option<String>,
    photos: Option<String>,
    needs_programme: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::commands::{self, follow_up::ActInput},
        model::{ErrorCode, follow_up::FollowUpAction},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let action =
                FollowUpAction::parse(&action).ok_or_else(|| AppError::field("action", ErrorCode::UnknownChoice))?;
            let input = ActInput {
                body: body.as_deref().unwrap_or_default(),
                percent: percent.as_deref().unwrap_or_default(),
                cost: cost.as_deref().unwrap_or_default(),
                internal: internal.is_some_and(|v| !v.is_empty()),
                photos: photos.as_deref().unwrap_or_default(),
                needs_programme: needs_programme.is_some_and(|v| !v.is_empty()),
            };
            let issue = commands::follow_up::act(&state, &user, id, action, input).await?;
            context::redirect(&format!("/issues/{issue}#tindak-lanjut"));
            Ok(())
        }
        .await,
    )
}

/// The signed-in officer's OPD work list.
#[server(prefix = "/api", endpoint = "follow-up/queue")]
pub async fn get_opd_queue() -> Result<OpdQueue, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            views::follow_ups::queue(&state.db, &user, context::locale(), state.clock.now()).await
        }
        .await,
    )
}

/// The public scorecard of the OPDs and kecamatan.
#[server(prefix = "/api", endpoint = "follow-up/scorecard", input = GetUrl)]
pub async fn get_scorecard() -> Result<crate::model::follow_up::Scorecard, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            views::scorecard::cached(&state).await
        }
        .await,
    )
}

/// One OPD's public page: its numbers, trend, open and resolved public issues.
#[server(prefix = "/api", endpoint = "follow-up/scorecard/opd", input = GetUrl)]
pub async fn get_opd_score(code: String) -> Result<crate::model::follow_up::OpdScore, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let thresholds = crate::domain::queries::settings::thresholds(&state.db, &state.config).await?;
            views::opd_page::opd_page(&state.db, &code, (context::locale(), state.clock.now()), &thresholds).await
        }
        .await,
    )
}
