//! The Friday dialogue sessions: the public schedule, registration to attend, and the
//! secretariat's scheduling.

// The session form's server functions mirror the form field by field.
#![allow(
    clippy::too_many_arguments,
    reason = "one argument per form field or notice part; a struct would only rename them"
)]

use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::model::{
    AppError,
    session::{PlanPreview, SessionList, SessionView, WhatsNext},
};

/// The next Friday session and the first a new issue can still reach.
#[server(prefix = "/api", endpoint = "session/next", input = GetUrl)]
pub async fn get_whats_next() -> Result<WhatsNext, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            views::sessions::whats_next(&state.db, context::locale(), state.clock.now()).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "session/list", input = GetUrl)]
pub async fn list_sessions() -> Result<SessionList, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let viewer = context::viewer(&state).await?;
            views::sessions::list(&state.db, viewer.as_ref(), context::locale(), state.clock.now()).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "session/get", input = GetUrl)]
pub async fn get_session(id: String) -> Result<SessionView, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let id = id.parse::<i32>().map_err(|_| AppError::NotFound)?;
            let viewer = context::viewer(&state).await?;
            views::sessions::get(&state.db, viewer.as_ref(), context::locale(), id, state.clock.now()).await
        }
        .await,
    )
}

/// Schedules one session (secretariat).
#[server(prefix = "/api", endpoint = "session/create")]
pub async fn create_session(
    date: String,
    time: String,
    duration: String,
    venue: String,
    kecamatan: Option<String>,
    desa: Option<String>,
    host: Option<String>,
    capacity: String,
    livestream: Option<String>,
    cutoff_date: Option<String>,
    cutoff_time: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::commands::{self, session::SessionInput},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let input = SessionInput {
                date: &date,
                time: &time,
                duration: &duration,
                venue: &venue,
                kecamatan: kecamatan.as_deref().unwrap_or_default(),
                desa: desa.as_deref().unwrap_or_default(),
                host: host.as_deref().unwrap_or_default(),
                capacity: &capacity,
                livestream: livestream.as_deref().unwrap_or_default(),
                cutoff_date: cutoff_date.as_deref().unwrap_or_default(),
                cutoff_time: cutoff_time.as_deref().unwrap_or_default(),
            };
            let created = commands::session::create(&state, &user, input).await?;
            context::redirect(&format!("/sessions/{}", created.id));
            Ok(())
        }
        .await,
    )
}

/// Changes or reschedules a session before it is held (secretariat); a new time needs a
/// reason, which registered people are sent.
#[server(prefix = "/api", endpoint = "session/update")]
pub async fn update_session(
    id: i32,
    date: String,
    time: String,
    duration: String,
    venue: String,
    kecamatan: Option<String>,
    desa: Option<String>,
    host: Option<String>,
    capacity: String,
    livestream: Option<String>,
    cutoff_date: Option<String>,
    cutoff_time: Option<String>,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::commands::{self, session::SessionInput},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let input = SessionInput {
                date: &date,
                time: &time,
                duration: &duration,
                venue: &venue,
                kecamatan: kecamatan.as_deref().unwrap_or_default(),
                desa: desa.as_deref().unwrap_or_default(),
                host: host.as_deref().unwrap_or_default(),
                capacity: &capacity,
                livestream: livestream.as_deref().unwrap_or_default(),
                cutoff_date: cutoff_date.as_deref().unwrap_or_default(),
                cutoff_time: cutoff_time.as_deref().unwrap_or_default(),
            };
            commands::session::update(&state, &user, id, input, reason.as_deref().unwrap_or_default()).await?;
            context::redirect(&format!("/sessions/{id}"));
            Ok(())
        }
        .await,
    )
}

/// Cancels a session before it is held (secretariat), with a reason.
#[server(prefix = "/api", endpoint = "session/cancel")]
pub async fn cancel_session(id: i32, reason: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::session::cancel(&state, &user, id, &reason).await?;
            context::redirect(&format!("/sessions/{id}"));
            Ok(())
        }
        .await,
    )
}

/// Registers to attend (`attend=true`) or withdraws.
#[server(prefix = "/api", endpoint = "session/register")]
pub async fn register_session(id: i32, attend: bool, desa: Option<String>) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            if attend {
                commands::session::register(&state, &user, id, desa.as_deref().unwrap_or_default()).await?;
            } else {
                commands::session::unregister(&state, &user, id).await?;
            }
            context::redirect(&format!("/sessions/{id}"));
            Ok(())
        }
        .await,
    )
}

/// The weeks a recurrence rule gives, in words (secretariat). `hosts` is a comma-separated
/// list of kecamatan ids in rotation order.
#[server(prefix = "/api", endpoint = "session/plan", input = GetUrl)]
pub async fn preview_plan(
    from: String,
    count: String,
    time: String,
    duration: String,
    capacity: String,
    policy: String,
    hosts: String,
) -> Result<PlanPreview, AppError> {
    use crate::{
        api::context,
        domain::commands::{self, session::PlanInput},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let hosts = host_ids(&hosts);
            let input = PlanInput {
                from: &from,
                count: &count,
                time: &time,
                duration: &duration,
                capacity: &capacity,
                policy: &policy,
                hosts: &hosts,
            };
            commands::session::preview(&state.db, &user, context::locale(), input).await
        }
        .await,
    )
}

/// Creates the sessions of a recurrence rule (secretariat).
#[server(prefix = "/api", endpoint = "session/generate")]
pub async fn generate_sessions(
    from: String,
    count: String,
    time: String,
    duration: String,
    capacity: String,
    policy: String,
    hosts: String,
) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::commands::{self, session::PlanInput},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let hosts = host_ids(&hosts);
            let input = PlanInput {
                from: &from,
                count: &count,
                time: &time,
                duration: &duration,
                capacity: &capacity,
                policy: &policy,
                hosts: &hosts,
            };
            let created = commands::session::generate(&state, &user, input).await?;
            context::redirect(&format!("/sessions?created={created}"));
            Ok(())
        }
        .await,
    )
}

/// Kecamatan ids from `"3,1,2"`, in order; anything else is dropped.
pub fn host_ids(raw: &str) -> Vec<i32> {
    raw.split([',', ' ']).filter_map(|id| id.trim().parse().ok()).collect()
}

/// Who registered for session `id` and who waits (secretariat).
#[server(prefix = "/api", endpoint = "session/registrants", input = GetUrl)]
pub async fn get_registrants(id: String) -> Result<crate::model::session::Registrants, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let id = id.parse::<i32>().map_err(|_| AppError::NotFound)?;
            views::registrants::registrants(&state.db, &user, id, context::locale(), state.clock.now()).await
        }
        .await,
    )
}

/// Marks present exactly the ticked registrations (`attended`, repeated) of `session`.
#[server(prefix = "/api", endpoint = "session/attendance")]
pub async fn mark_attendance(session: i32, attended: Option<String>) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::session::mark_attendance(&state, &user, session, attended.as_deref().unwrap_or_default()).await?;
            context::redirect(&format!("/sessions/{session}/registrants?saved=1"));
            Ok(())
        }
        .await,
    )
}
