use leptos::prelude::*;

use crate::model::AppError;

/// Comments on issue `issue`, or replies to comment `parent` there; `client_key` names this
/// sending, as on the issue form.
#[server(prefix = "/api", endpoint = "comment/create")]
pub async fn create_comment(
    issue: i32,
    parent: Option<i32>,
    body: String,
    client_key: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::{commands, limits::Action},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let (state, user) = (&state, &user);
            let location = commands::submission::once(state, user, client_key.as_deref(), |key| async move {
                context::limit(state, Action::Comment, user).await?;
                let created = commands::forum::create_comment(state, user, issue, parent, &body, key.as_ref()).await?;
                Ok(format!("/issues/{issue}#comment-{}", created.id))
            })
            .await?;
            context::redirect(&location);
            Ok(())
        }
        .await,
    )
}
