//! RFC 8058 one-click unsubscribe: a mail client POSTs `List-Unsubscribe=One-Click` to the
//! link of a message's `List-Unsubscribe` header. The link's signed token says who and what;
//! no sign-in, no page. (People who open the link in a browser get the confirmation page,
//! `app::ui::notifications::UnsubscribePage`, whose button posts a plain form instead.)

use axum::{
    body::{Body, Bytes},
    extract::State,
    http::{Request, StatusCode, Uri, header},
    response::{IntoResponse, Response},
};

use crate::forms;
use app::{
    domain::{AppState, commands},
    model::AppError,
};

/// The body a one-click POST carries (RFC 8058 section 3.1).
const ONE_CLICK: &str = "List-Unsubscribe=One-Click";

/// Small: the one-click body is 26 bytes, a confirmation form a few hundred.
const BODY_LIMIT: usize = 16 * 1024;

/// `POST /unsubscribe`: a mail client's one-click request, or the confirmation page's
/// button posted as a plain form (which names its server function in `_action`).
pub async fn post(State(state): State<AppState>, req: Request<Body>) -> Response {
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "too large").into_response();
    };
    if is_one_click(&bytes) {
        return one_click(&state, &parts.uri).await;
    }
    let req = Request::from_parts(parts, Body::from(bytes));
    if forms::is_plain_form_post(&req) {
        forms::plain_form_post(state, req).await
    } else {
        StatusCode::METHOD_NOT_ALLOWED.into_response()
    }
}

fn pairs(bytes: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes(bytes).unwrap_or_default()
}

fn is_one_click(body: &Bytes) -> bool {
    let fields = pairs(body);
    !fields.iter().any(|(k, _)| k == "_action") && fields.iter().any(|(k, v)| format!("{k}={v}") == ONE_CLICK)
}

#[utoipa::path(
    post,
    path = "/unsubscribe",
    tag = "Mail",
    summary = "RFC 8058 one-click unsubscribe, as mail clients send it",
    params(("t" = String, Query, description = "The signed token of the message's List-Unsubscribe link", example = "1.comments.0")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "`List-Unsubscribe=One-Click`"),
    responses(
        (status = 200, description = "That stream of mail is turned off", body = String, content_type = "text/plain"),
        (status = 400, description = "The token is forged or damaged; nothing changes", body = String, content_type = "text/plain")
    )
)]
async fn one_click(state: &AppState, uri: &Uri) -> Response {
    let token = pairs(uri.query().unwrap_or_default().as_bytes())
        .into_iter()
        .find(|(k, _)| k == "t")
        .map(|(_, v)| v)
        .unwrap_or_default();
    let answer = match commands::preferences::unsubscribe(state, &token).await {
        Ok(_) => (StatusCode::OK, "Berhenti berlangganan. / Unsubscribed.\n"),
        Err(AppError::Internal) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "Coba lagi nanti. / Please try again later.\n",
        ),
        Err(_) => (StatusCode::BAD_REQUEST, "Tautan tidak sah. / This link is not valid.\n"),
    };
    let mut response = answer.into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_rfc_8058_body_is_a_one_click_request() {
        assert!(is_one_click(&Bytes::from_static(b"List-Unsubscribe=One-Click")));
        assert!(!is_one_click(&Bytes::from_static(
            b"_action=%2Fapi%2Faccount%2Funsubscribe&t=1.x.y"
        )));
        assert!(!is_one_click(&Bytes::from_static(b"")));
    }
}
