// The server function mirrors the form field by field, as a plain HTML post sends it.
#![allow(
    clippy::too_many_arguments,
    reason = "one argument per form field or notice part; a struct would only rename them"
)]

use leptos::prelude::*;

use crate::model::AppError;

/// Changes one's own issue until it is put on an agenda; the earlier version is kept.
#[server(prefix = "/api", endpoint = "issue/update")]
pub async fn update_issue(
    id: i32,
    title: String,
    body: String,
    category: String,
    kecamatan: String,
    desa: String,
    address: Option<String>,
    latitude: Option<String>,
    longitude: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::commands::{self, issue::NewIssueInput},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let input = NewIssueInput {
                title: &title,
                body: &body,
                category: &category,
                kecamatan: &kecamatan,
                desa: &desa,
                privacy: None,
                on_behalf_name: None,
                on_behalf_phone: None,
                address: address.as_deref(),
                latitude: latitude.as_deref(),
                longitude: longitude.as_deref(),
                photos: None,
                confirm_new: true,
            };
            commands::issue::update(&state, &user, id, input).await?;
            context::redirect(&format!("/issues/{id}"));
            Ok(())
        }
        .await,
    )
}
