use leptos::prelude::*;

use crate::model::AppError;

/// Switches the language (a cookie, and the account's setting for email) and returns to
/// the page the switch was pressed on.
#[server(prefix = "/api", endpoint = "account/language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands, i18n::Locale, model::ErrorCode};
    context::respond(
        async {
            let state = context::state()?;
            let locale = Locale::parse(&lang).ok_or_else(|| AppError::field("lang", ErrorCode::UnknownLanguage))?;
            context::set_cookie(&state, context::LANG_COOKIE, locale.tag(), 365 * 86_400);
            if let Some(user) = context::viewer(&state).await? {
                commands::accounts::set_locale(&state.db, user, locale).await?;
            }
            Ok(())
        }
        .await,
    )
}
