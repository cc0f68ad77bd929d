use leptos::prelude::*;

use crate::model::{AppError, staff::StaffOverview};

/// Counts for the staff room; staff only.
#[server(prefix = "/api", endpoint = "staff/overview")]
pub async fn get_staff_overview() -> Result<StaffOverview, AppError> {
    use crate::server::{context, services::staff};
    context::respond(
        async {
            let state = context::state()?;
            let viewer = context::signed_in(&state).await?;
            staff::overview(&state, &viewer, context::locale()).await
        }
        .await,
    )
}
