use leptos::prelude::*;

use crate::model::{AppError, account::Viewer};

/// The signed-in account, or `None`; for those who read the secretariat's inbox, with how
/// many issues wait in it.
#[server(prefix = "/api", endpoint = "account/viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    use crate::{
        api::context,
        domain::{queries, views},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::viewer(&state).await?;
            context::mark_offline_copy(user.as_ref());
            let Some(user) = user else {
                return Ok(None);
            };
            let mut viewer = queries::accounts::viewer_dto(&user);
            if viewer.role.reads_inbox() {
                viewer.inbox_waiting = Some(views::inbox::waiting_count(&state).await?);
            }
            Ok(Some(viewer))
        }
        .await,
    )
}
