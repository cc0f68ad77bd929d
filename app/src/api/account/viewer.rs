use leptos::prelude::*;

use crate::model::{AppError, account::Viewer};

/// The signed-in account, or `None`.
#[server(prefix = "/api", endpoint = "account/viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    use crate::{api::context, domain::queries};
    context::respond(
        async {
            let state = context::state()?;
            Ok(context::viewer(&state)
                .await?
                .as_ref()
                .map(queries::accounts::viewer_dto))
        }
        .await,
    )
}
