// The server function mirrors the form field by field, as a plain HTML post sends it.
#![allow(
    clippy::too_many_arguments,
    reason = "one argument per form field or notice part; a struct would only rename them"
)]

use leptos::prelude::*;

use crate::model::AppError;

/// Posts an issue as the signed-in, verified resident and opens its page. `photos` names
/// photos already stored (the plain form's upload stores them first: see the server's
/// `forms` module); `confirm_new` posts even though similar issues exist; `client_key` names this sending
/// (a draft sent again after a lost answer opens the issue it made the first time).
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
    address: Option<String>,
    latitude: Option<String>,
    longitude: Option<String>,
    photos: Option<String>,
    confirm_new: Option<String>,
    client_key: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::{
            commands::{self, issue::NewIssueInput},
            limits::Action,
        },
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
                address: address.as_deref(),
                latitude: latitude.as_deref(),
                longitude: longitude.as_deref(),
                photos: photos.as_deref(),
                confirm_new: confirm_new.is_some_and(|v| !v.is_empty()),
            };
            let (state, author) = (&state, &author);
            let location = commands::submission::once(state, author, client_key.as_deref(), |key| async move {
                context::limit(state, Action::Post, author).await?;
                let created = commands::issue::create(state, author, input, key.as_ref()).await?;
                Ok(format!("/issues/{}", created.id))
            })
            .await?;
            context::redirect(&location);
            Ok(())
        }
        .await,
    )
}
