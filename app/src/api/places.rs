//! Places: the desa suggested for a point on the issue form (`/app.js` asks after "Lokasi
//! saya", or when both coordinates are typed).

use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::model::{AppError, issue::PlaceSuggestion};

/// The desa whose centre is nearest the point, if one is near; no sign-in needed.
#[server(prefix = "/api", endpoint = "places/nearest", input = GetUrl)]
pub async fn nearest_place(latitude: String, longitude: String) -> Result<Option<PlaceSuggestion>, AppError> {
    use crate::{api::context, domain::queries};
    context::respond(
        async {
            let state = context::state()?;
            queries::places::suggestion(&state, &latitude, &longitude).await
        }
        .await,
    )
}
