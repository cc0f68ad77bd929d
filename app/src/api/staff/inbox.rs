use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::model::{AppError, staff::Inbox};

/// The secretariat's inbox at `tab` (`waiting` when absent or unknown).
#[server(prefix = "/api", endpoint = "staff/inbox", input = GetUrl)]
pub async fn get_inbox(tab: Option<String>, q: Option<String>) -> Result<Inbox, AppError> {
    use crate::{api::context, domain::views, model::staff::InboxTab};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let tab = tab.as_deref().and_then(InboxTab::parse).unwrap_or_default();
            let query = q.as_deref().unwrap_or_default();
            views::inbox::inbox(&state, &user, tab, query, context::locale()).await
        }
        .await,
    )
}
