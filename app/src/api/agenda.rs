//! A session's agenda and outcomes (secretariat only): add, order and time the items, lock
//! the agenda, mark the session held, record outcomes, publish the minutes.

use leptos::prelude::*;

use crate::model::AppError;

/// Puts an issue on the session's agenda.
#[server(prefix = "/api", endpoint = "agenda/add")]
pub async fn add_agenda_item(session: i32, issue: i32) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::agenda::add(&state, &user, session, issue).await?;
            context::redirect(&format!("/sessions/{session}#agenda"));
            Ok(())
        }
        .await,
    )
}

/// Moves an item `up` or `down`, or takes it off (`remove`).
#[server(prefix = "/api", endpoint = "agenda/arrange")]
pub async fn arrange_agenda_item(item: i32, action: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let session = commands::agenda::arrange(&state, &user, item, &action).await?;
            context::redirect(&format!("/sessions/{session}#agenda"));
            Ok(())
        }
        .await,
    )
}

/// Gives an item its time slot in minutes.
#[server(prefix = "/api", endpoint = "agenda/slot")]
pub async fn set_agenda_slot(item: i32, minutes: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let session = commands::agenda::set_slot(&state, &user, item, &minutes).await?;
            context::redirect(&format!("/sessions/{session}#agenda"));
            Ok(())
        }
        .await,
    )
}

/// `lock` the agenda (and tell residents), or mark the session `held`.
#[server(prefix = "/api", endpoint = "agenda/advance")]
pub async fn advance_session(session: i32, to: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            match to.as_str() {
                "lock" => commands::agenda::lock(&state, &user, session).await?,
                "held" => commands::agenda::mark_held(&state, &user, session).await?,
                _ => return Err(AppError::NotFound),
            }
            context::redirect(&format!("/sessions/{session}#agenda"));
            Ok(())
        }
        .await,
    )
}

/// Records one item's outcome. `opds` is a comma-separated list of OPD ids (a checkbox
/// group arrives so).
#[server(prefix = "/api", endpoint = "agenda/outcome")]
pub async fn record_outcome(
    item: i32,
    discussed: String,
    decision: Option<String>,
    opds: Option<String>,
    due: Option<String>,
    live: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::commands::{self, agenda::OutcomeInput},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let input = OutcomeInput {
                discussed: discussed == "yes",
                decision: decision.as_deref().unwrap_or_default(),
                opds: opds.as_deref().unwrap_or_default(),
                due: due.as_deref().unwrap_or_default(),
            };
            let session = commands::agenda::record_outcome(&state, &user, item, input).await?;
            context::redirect(&back(session, live.is_some(), &format!("item-{item}")));
            Ok(())
        }
        .await,
    )
}

/// Publishes the minutes with the attendance count.
#[server(prefix = "/api", endpoint = "agenda/minutes")]
pub async fn publish_minutes(session: i32, attendance: String, minutes: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::agenda::publish_minutes(&state, &user, session, &attendance, &minutes).await?;
            context::redirect(&format!("/sessions/{session}"));
            Ok(())
        }
        .await,
    )
}

/// Adds an item raised from the floor to a locked or held session, as a new issue.
#[server(prefix = "/api", endpoint = "agenda/floor")]
pub async fn add_floor_item(
    session: i32,
    title: String,
    body: String,
    category: String,
    desa: String,
    speaker: Option<String>,
    live: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::commands::{self, agenda::FloorInput},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let input = FloorInput {
                title: &title,
                body: &body,
                category: &category,
                desa: &desa,
                speaker: speaker.as_deref().unwrap_or_default(),
            };
            let item = commands::agenda::add_from_floor(&state, &user, session, input).await?;
            context::redirect(&back(session, live.is_some(), &format!("item-{item}")));
            Ok(())
        }
        .await,
    )
}

/// Where an outcome or a floor item posted from session `session`'s page or its live console
/// (`live`) goes back to.
pub fn back(session: i32, live: bool, fragment: &str) -> String {
    if live {
        crate::api::live::console(session)
    } else {
        format!("/sessions/{session}#{fragment}")
    }
}
