// The server function mirrors the form field by field, as a plain HTML post sends it.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::model::AppError;

/// Posts an issue as the signed-in, verified resident and opens its page.
#[server(prefix = "/api", endpoint = "issue/create")]
pub async fn create_issue(
    title: String,
    body: String,
    category: String,
    kecamatan: String,
    desa: String,
    privacy: Option<String>,
    on_behalf_name: Option<String>,
    on_behalf_phone: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{
        context,
        services::issues::{self, NewIssueInput},
    };
    context::respond(
        async {
            let state = context::state()?;
            let author = context::signed_in(&state).await?;
            let input = NewIssueInput {
                title: &title,
                body: &body,
                category: &category,
                kecamatan: &kecamatan,
                desa: &desa,
                privacy: privacy.as_deref(),
                on_behalf_name: on_behalf_name.as_deref(),
                on_behalf_phone: on_behalf_phone.as_deref(),
            };
            let created = issues::create(&state, &author, input).await?;
            context::redirect(&format!("/issues/{}", created.id));
            Ok(())
        }
        .await,
    )
}
