use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::model::{AppError, staff::CostTotal};

/// Reported costs per fiscal year, OPD and category: the secretariat and the admin see every
/// OPD, an officer their own.
#[server(prefix = "/api", endpoint = "staff/costs", input = GetUrl)]
pub async fn get_cost_totals() -> Result<Vec<CostTotal>, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            views::exports::cost_totals(&state.db, &user).await
        }
        .await,
    )
}
