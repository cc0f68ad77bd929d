use leptos::prelude::*;

use crate::model::AppError;

/// Comments on issue `issue`, or replies to comment `parent` there.
#[server(prefix = "/api", endpoint = "comment/create")]
pub async fn create_comment(issue: i32, parent: Option<i32>, body: String) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::{commands, limits::Action},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            context::limit(&state, Action::Comment, &user)?;
            let created = commands::forum::create_comment(&state, &user, issue, parent, &body).await?;
            context::redirect(&format!("/issues/{issue}#comment-{}", created.id));
            Ok(())
        }
        .await,
    )
}
