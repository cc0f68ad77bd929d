use leptos::prelude::*;

use crate::model::{AppError, staff::StaffOverview};

/// Counts for the staff room; staff only.
#[server(prefix = "/api", endpoint = "staff/overview")]
pub async fn get_staff_overview() -> Result<StaffOverview, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let viewer = context::signed_in(&state).await?;
            views::staff::overview(&state, &viewer, context::locale()).await
        }
        .await,
    )
}
