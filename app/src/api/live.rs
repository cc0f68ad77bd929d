//! The Friday hour, live: what every viewer reads, and the secretariat's console (each step a
//! plain form that comes back to the console).

use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::model::{
    AppError,
    live::{ConsoleView, LiveView},
};

/// What every viewer sees of a session now.
#[server(prefix = "/api", endpoint = "live/get", input = GetUrl)]
pub async fn get_live(id: String) -> Result<LiveView, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let id = id.parse::<i32>().map_err(|_| AppError::NotFound)?;
            let viewer = context::viewer(&state).await?;
            views::live::live(&state.db, viewer.as_ref(), context::locale(), id, state.clock.now()).await
        }
        .await,
    )
}

/// The console (secretariat and admin).
#[server(prefix = "/api", endpoint = "live/console", input = GetUrl)]
pub async fn get_console(id: String) -> Result<ConsoleView, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let id = id.parse::<i32>().map_err(|_| AppError::NotFound)?;
            let user = context::signed_in(&state).await?;
            views::live::console(&state.db, &user, context::locale(), id, state.clock.now()).await
        }
        .await,
    )
}

/// `start`, `pause`, `resume`, `next` or `end`.
#[server(prefix = "/api", endpoint = "live/step")]
pub async fn live_step(session: i32, step: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::session::live_step(&state, &user, session, &step).await?;
            context::redirect(&console(session));
            Ok(())
        }
        .await,
    )
}

/// Takes up any item of the session.
#[server(prefix = "/api", endpoint = "live/take-up")]
pub async fn take_up_item(session: i32, item: i32) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::session::take_up(&state, &user, session, item).await?;
            context::redirect(&console(session));
            Ok(())
        }
        .await,
    )
}

/// Keeps the notes on an item for the minutes.
#[server(prefix = "/api", endpoint = "live/notes")]
pub async fn save_live_notes(item: i32, notes: Option<String>) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let session =
                commands::session::save_notes(&state, &user, item, notes.as_deref().unwrap_or_default()).await?;
            context::redirect(&format!("{}#notes", console(session)));
            Ok(())
        }
        .await,
    )
}

/// Queues a registrant (`registration`) or a name from the floor (`name`).
#[server(prefix = "/api", endpoint = "live/speaker/add")]
pub async fn add_speaker(session: i32, registration: Option<String>, name: Option<String>) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::session::add_speaker(
                &state,
                &user,
                session,
                registration.as_deref().unwrap_or_default(),
                name.as_deref().unwrap_or_default(),
            )
            .await?;
            context::redirect(&format!("{}#speakers", console(session)));
            Ok(())
        }
        .await,
    )
}

/// Calls the next speaker in the queue.
#[server(prefix = "/api", endpoint = "live/speaker/call")]
pub async fn call_speaker(session: i32) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::session::call_next_speaker(&state, &user, session).await?;
            context::redirect(&format!("{}#speakers", console(session)));
            Ok(())
        }
        .await,
    )
}

/// Marks a speaker as having spoken.
#[server(prefix = "/api", endpoint = "live/speaker/spoken")]
pub async fn speaker_spoken(speaker: i32) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let session = commands::session::mark_spoken(&state, &user, speaker).await?;
            context::redirect(&format!("{}#speakers", console(session)));
            Ok(())
        }
        .await,
    )
}

/// Opens a poll on the item on the floor; `choices` one per line.
#[server(prefix = "/api", endpoint = "live/poll/open")]
pub async fn open_poll(session: i32, question: String, choices: Option<String>) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::session::open_poll(
                &state,
                &user,
                session,
                &question,
                choices.as_deref().unwrap_or_default(),
            )
            .await?;
            context::redirect(&format!("{}#poll", console(session)));
            Ok(())
        }
        .await,
    )
}

/// Closes a poll: its counts stand.
#[server(prefix = "/api", endpoint = "live/poll/close")]
pub async fn close_poll(poll: i32) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let session = commands::session::close_poll(&state, &user, poll).await?;
            context::redirect(&format!("{}#poll", console(session)));
            Ok(())
        }
        .await,
    )
}

/// A resident's answer (the choice's index), or a changed one.
#[server(prefix = "/api", endpoint = "live/poll/answer")]
pub async fn answer_poll(poll: i32, choice: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let session = commands::session::answer_poll(&state, &user, poll, &choice).await?;
            context::redirect(&format!("{}#poll", console(session)));
            Ok(())
        }
        .await,
    )
}

/// The console's address, where every step comes back to.
pub fn console(session: i32) -> String {
    format!("/sessions/{session}/live")
}
