//! Every page as the HTML standard has it (the browser tests check each page they visit with
//! the Nu HTML Checker), and no heavier than it needs to be.
//!
//! Leptos renders for hydration whatever the page: it writes a comment `<!>` between
//! neighbouring texts and after every list (hundreds on a list page, each a "bogus comment"
//! to the standard), its resource scripts after `</html>`, and the page's CSP nonce into the
//! `crossorigin` attribute of the wasm's preload links. In islands mode only an island is
//! hydrated, so outside one the markers are dropped; inside, each becomes the empty comment
//! `<!---->`, the same node in the browser's tree. The resource scripts move into the body
//! of a page with an island and are dropped from every other page (nothing reads them).
//! A `<noscript>` holding a `<meta>` (the live page's reload without JavaScript) moves into
//! the head, the one place the standard allows it: leptos_meta cannot write one there.

use axum::{
    body::{Body, to_bytes},
    http::{Request, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::StatusCode;

use crate::security::CspNonce;

const MARKER: &str = "<!>";
const ISLAND_OPEN: &str = "<leptos-island";
const ISLAND_CLOSE: &str = "</leptos-island>";

/// The middleware: tidies every HTML answer of the app (pages and their error pages).
pub async fn tidy(req: Request<Body>, next: Next) -> Response {
    let nonce = req.extensions().get::<CspNonce>().map(|nonce| nonce.0.clone());
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if !html || res.headers().contains_key(header::CONTENT_ENCODING) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    // Pages render completely before they are sent (`SsrMode::Async`): nothing waits here.
    let body = match to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(error) => {
            tracing::warn!(%error, "reading a rendered page");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let Ok(text) = std::str::from_utf8(&body) else {
        return Response::from_parts(parts, Body::from(body));
    };
    let tidied = page(text, nonce.as_deref());
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(tidied))
}

/// The page `html` tidied; `nonce` is this answer's CSP nonce.
pub fn page(html: &str, nonce: Option<&str>) -> String {
    let (document, after) = match html.find("</html>") {
        Some(end) => html.split_at(end + "</html>".len()),
        None => (html, ""),
    };
    let mut out = String::with_capacity(document.len());
    let islands = markers(document, &mut out);
    hoist_noscript_meta(&mut out);
    if let Some(nonce) = nonce.filter(|nonce| !nonce.is_empty()) {
        out = out.replace(&format!(" crossorigin=\"{nonce}\""), " crossorigin");
    }
    if islands {
        let scripts = scripts(after);
        if let Some(at) = out.rfind("</body>") {
            out.insert_str(at, &scripts);
        }
    }
    out
}

/// Copies `html` into `out` with each marker dropped outside an island and written as an
/// empty comment inside one, leaving scripts as they are. Tells whether it met an island.
fn markers(html: &str, out: &mut String) -> bool {
    let mut depth = 0_usize;
    let mut met = false;
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix(MARKER) {
            if depth > 0 {
                out.push_str("<!---->");
            }
            rest = after;
        } else if rest.starts_with(ISLAND_OPEN) {
            depth += 1;
            met = true;
            out.push('<');
            rest = &rest[1..];
        } else if let Some(after) = rest.strip_prefix(ISLAND_CLOSE) {
            depth = depth.saturating_sub(1);
            out.push_str(ISLAND_CLOSE);
            rest = after;
        } else if rest.starts_with("<script") {
            // A script's text is not markup: copied whole.
            let end = rest.find("</script>").map_or(rest.len(), |end| end + "</script>".len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else {
            out.push('<');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    met
}

/// Moves each `<noscript><meta …></noscript>` of the body to the end of the head.
fn hoist_noscript_meta(html: &mut String) {
    const OPEN: &str = "<noscript><meta ";
    const CLOSE: &str = "</noscript>";
    let Some(body) = html.find("<body") else { return };
    let mut moved = String::new();
    while let Some(at) = html[body..].find(OPEN).map(|at| body + at) {
        let Some(end) = html[at..].find(CLOSE).map(|end| at + end + CLOSE.len()) else {
            break;
        };
        moved.extend(html.drain(at..end));
    }
    if let Some(head_end) = html.find("</head>") {
        html.insert_str(head_end, &moved);
    }
}

/// The `<script>` elements of `html`, one after the other.
fn scripts(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(end) = rest[start..].find("</script>") else {
            break;
        };
        let end = start + end + "</script>".len();
        out.push_str(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAIL: &str =
        r#"<!><script nonce="N">__RESOLVED_RESOURCES=[];</script><script nonce="N">__INCOMPLETE_CHUNKS=[];</script>"#;

    #[test]
    fn a_page_without_an_island_loses_its_markers_and_resource_scripts() {
        let html =
            format!("<!DOCTYPE html><html><body><p>Aduan <!>12<!></p><ul><li>a</li><!></ul><!></body><!></html>{TAIL}");
        assert_eq!(
            page(&html, Some("N")),
            "<!DOCTYPE html><html><body><p>Aduan 12</p><ul><li>a</li></ul></body></html>"
        );
    }

    #[test]
    fn markers_in_an_island_stay_as_empty_comments_and_the_scripts_move_into_the_body() {
        let html = format!(
            r#"<html><head><link rel="modulepreload" href="/pkg/jatinan.js" crossorigin="N"></head><body><p>x<!></p><leptos-island data-component="Form"><span>a<!>b</span><leptos-children><b>c<!>d</b></leptos-children></leptos-island><p>y<!></p></body></html>{TAIL}"#
        );
        assert_eq!(
            page(&html, Some("N")),
            r#"<html><head><link rel="modulepreload" href="/pkg/jatinan.js" crossorigin></head><body><p>x</p><leptos-island data-component="Form"><span>a<!---->b</span><leptos-children><b>c<!---->d</b></leptos-children></leptos-island><p>y</p><script nonce="N">__RESOLVED_RESOURCES=[];</script><script nonce="N">__INCOMPLETE_CHUNKS=[];</script></body></html>"#
        );
    }

    #[test]
    fn a_reload_without_javascript_moves_into_the_head() {
        let html = r#"<html><head><title>t</title></head><body><noscript><meta http-equiv="refresh" content="20"></noscript><noscript><p>x</p></noscript></body></html>"#;
        assert_eq!(
            page(html, None),
            r#"<html><head><title>t</title><noscript><meta http-equiv="refresh" content="20"></noscript></head><body><noscript><p>x</p></noscript></body></html>"#
        );
    }

    #[test]
    fn a_script_and_text_that_only_look_like_markers_are_kept() {
        let html = r#"<html><body><p>a &lt;!&gt; b</p><script nonce="N">let s = "<!>";</script></body></html>"#;
        assert_eq!(page(html, Some("N")), html);
    }
}
