//! What every response carries for the browser's protection, and the check that refuses a
//! state-changing request another site made a browser send (cross-site request forgery).
//!
//! The Content-Security-Policy allows scripts from this site and the inline scripts Leptos
//! writes for hydration, which carry this response's nonce; an injected inline script has
//! none and does not run. The nonce is made here and handed to Leptos through the request
//! (`CspNonce`, read by `router::provide_server_context`).
//!
//! Cross-site checks follow the browser's own word: `Sec-Fetch-Site` where it is sent (every
//! current browser), else the `Origin` header, compared with this site. Requests with
//! neither come from programs, not browsers, and carry no ambient cookies of a victim.
//! Session cookies are `SameSite=Lax` as well.

use axum::{
    body::Body,
    extract::State,
    http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};

use app::{
    api::context,
    domain::{AppState, secrets::new_token},
    i18n::Locale,
    model::live::YOUTUBE_EMBED,
};

/// This response's CSP nonce, put into the request for the page renderer.
#[derive(Clone)]
pub struct CspNonce(pub String);

/// The policy for a response whose inline scripts carry `nonce`.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'; frame-src {YOUTUBE_EMBED}/"
    )
}

/// Adds the security headers to every response (a page sets none of its own).
pub async fn headers(State(state): State<AppState>, mut req: Request<Body>, next: Next) -> Response {
    // Without randomness there is no nonce, and a page without one would run no script or,
    // worse, share one: refuse rather than answer with a weaker policy.
    let Ok(nonce) = new_token() else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    if let Ok(policy) = HeaderValue::from_str(&content_security_policy(&nonce)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if state.config.base_url.starts_with("https://") {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

/// Refuses (403) a state-changing request that a page of another site made the browser send.
pub async fn same_origin(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    if is_cross_site(req.method(), req.uri().path(), req.headers(), &state.config.base_url) {
        tracing::info!(path = req.uri().path(), "refused a cross-site request");
        return refusal(context::locale_in(req.headers()));
    }
    next.run(req).await
}

/// Paths that other sites may post to on purpose: Open311 clients (with an API key, no
/// cookies), RFC 8058 one-click unsubscribes (with a signed token) and Meta's WhatsApp
/// webhook (each body signed with the app secret).
fn open_to_other_sites(path: &str) -> bool {
    path.starts_with("/open311/") || path == "/unsubscribe" || path.starts_with("/channels/")
}

fn is_cross_site(method: &Method, path: &str, headers: &HeaderMap, base_url: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE) || open_to_other_sites(path) {
        return false;
    }
    let value = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    if let Some(site) = value(header::HeaderName::from_static("sec-fetch-site")) {
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = value(header::ORIGIN) else {
        return false;
    };
    let this_site = base_url.trim_end_matches('/');
    let by_host = value(header::HOST).is_some_and(|host| {
        origin
            .split_once("://")
            .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host))
    });
    !(origin.eq_ignore_ascii_case(this_site) || by_host)
}

fn refusal(locale: Locale) -> Response {
    let t = locale.texts();
    let page = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/jatinan.css\"></head>\
         <body><main id=\"main\" class=\"page narrow\"><h1>{title}</h1><p>{body}</p>\
         <p><a href=\"/\">{home}</a></p></main></body></html>",
        lang = locale.tag(),
        title = t.cross_site_title,
        body = t.cross_site_body,
        home = t.site_name,
    );
    (StatusCode::FORBIDDEN, Html(page)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    const SITE: &str = "https://jatinan.batangkab.go.id";

    #[test]
    fn a_browser_says_whether_a_post_is_from_this_site() {
        let post = Method::POST;
        let same = headers(&[("sec-fetch-site", "same-origin"), ("origin", SITE)]);
        assert!(!is_cross_site(&post, "/account/login", &same, SITE));
        let typed = headers(&[("sec-fetch-site", "none")]);
        assert!(!is_cross_site(&post, "/account/login", &typed, SITE));
        for other in ["cross-site", "same-site"] {
            let map = headers(&[("sec-fetch-site", other), ("origin", SITE)]);
            assert!(is_cross_site(&post, "/api/issue/support", &map, SITE), "{other}");
        }
    }

    #[test]
    fn without_fetch_metadata_the_origin_decides() {
        let post = Method::POST;
        let evil = headers(&[("origin", "https://evil.example")]);
        assert!(is_cross_site(&post, "/account/login", &evil, SITE));
        let null = headers(&[("origin", "null")]);
        assert!(is_cross_site(&post, "/account/login", &null, SITE));
        let ours = headers(&[("origin", "https://jatinan.batangkab.go.id")]);
        assert!(!is_cross_site(&post, "/account/login", &ours, SITE));
        // Behind a proxy that keeps the Host header, the browser's host counts as ours.
        let proxied = headers(&[("origin", "http://10.0.0.5:3000"), ("host", "10.0.0.5:3000")]);
        assert!(!is_cross_site(&post, "/account/login", &proxied, SITE));
        // A program (curl, an app) sends neither header and carries no victim's cookies.
        assert!(!is_cross_site(&post, "/account/login", &HeaderMap::new(), SITE));
    }

    #[test]
    fn reading_and_open_paths_are_never_refused() {
        let evil = headers(&[("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")]);
        assert!(!is_cross_site(&Method::GET, "/issues", &evil, SITE));
        assert!(!is_cross_site(&Method::POST, "/open311/v2/requests.json", &evil, SITE));
        assert!(!is_cross_site(&Method::POST, "/unsubscribe", &evil, SITE));
    }

    #[test]
    fn the_policy_allows_no_inline_script_without_the_nonce() {
        let policy = content_security_policy("abc");
        assert!(policy.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval';"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
        // The live page frames YouTube's privacy-enhanced player and nothing else.
        assert!(policy.ends_with("; frame-src https://www.youtube-nocookie.com/embed/"));
    }
}
