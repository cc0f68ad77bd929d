// The save function mirrors the form field by field, as a plain HTML post sends it.
#![allow(
    clippy::too_many_arguments,
    reason = "one argument per form field; a server function's arguments are its form"
)]

use leptos::prelude::*;

use crate::model::{
    AppError,
    mail::{TopicSetting, UnsubscribeInfo},
};

/// The signed-in person's mail preferences, one line per topic they can receive.
#[server(prefix = "/api", endpoint = "account/notifications")]
pub async fn get_mail_preferences() -> Result<Vec<TopicSetting>, AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::preferences::preferences(&state, &user).await
        }
        .await,
    )
}

/// Saves the preferences form: one field per topic, named by the topic, for a person with
/// a mailbox and a WhatsApp number one more per topic (`<topic>_channel`), and once push is
/// on for a device a checkbox per topic (`<topic>_push`, with `push_shown` saying the form
/// had them).
#[server(prefix = "/api", endpoint = "account/notifications/save")]
pub async fn save_mail_preferences(
    my_issues: Option<String>,
    followed: Option<String>,
    comments: Option<String>,
    sessions: Option<String>,
    opd: Option<String>,
    weekly_summary: Option<String>,
    my_issues_channel: Option<String>,
    followed_channel: Option<String>,
    comments_channel: Option<String>,
    sessions_channel: Option<String>,
    opd_channel: Option<String>,
    weekly_summary_channel: Option<String>,
    my_issues_push: Option<String>,
    followed_push: Option<String>,
    comments_push: Option<String>,
    sessions_push: Option<String>,
    opd_push: Option<String>,
    weekly_summary_push: Option<String>,
    push_shown: Option<String>,
) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let posted = [
                ("my_issues", my_issues.as_deref()),
                ("followed", followed.as_deref()),
                ("comments", comments.as_deref()),
                ("sessions", sessions.as_deref()),
                ("opd", opd.as_deref()),
                ("weekly_summary", weekly_summary.as_deref()),
                ("my_issues_channel", my_issues_channel.as_deref()),
                ("followed_channel", followed_channel.as_deref()),
                ("comments_channel", comments_channel.as_deref()),
                ("sessions_channel", sessions_channel.as_deref()),
                ("opd_channel", opd_channel.as_deref()),
                ("weekly_summary_channel", weekly_summary_channel.as_deref()),
                ("my_issues_push", my_issues_push.as_deref()),
                ("followed_push", followed_push.as_deref()),
                ("comments_push", comments_push.as_deref()),
                ("sessions_push", sessions_push.as_deref()),
                ("opd_push", opd_push.as_deref()),
                ("weekly_summary_push", weekly_summary_push.as_deref()),
                ("push_shown", push_shown.as_deref()),
            ];
            commands::preferences::save(&state, &user, &posted).await?;
            context::redirect("/account/notifications?saved=1");
            Ok(())
        }
        .await,
    )
}

/// What the unsubscribe link `t` would turn off; no sign-in needed.
#[server(prefix = "/api", endpoint = "account/unsubscribe/info")]
pub async fn get_unsubscribe(t: String) -> Result<UnsubscribeInfo, AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            commands::preferences::unsubscribe_info(&state, &t).await
        }
        .await,
    )
}

/// Turns off what the unsubscribe link `t` names (the confirmation page's button).
#[server(prefix = "/api", endpoint = "account/unsubscribe")]
pub async fn unsubscribe(t: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            commands::preferences::unsubscribe(&state, &t).await?;
            context::redirect(&format!(
                "/unsubscribe?t={}&done=1",
                t.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || "._-".contains(*c))
                    .collect::<String>()
            ));
            Ok(())
        }
        .await,
    )
}
