//! A request to a server function that lacks an argument, or has nothing at all, is the
//! caller's mistake: a 4xx with the reason in the reader's language, never a 5xx. Every
//! registered server function is tried, signed out (nothing can run), its arguments found
//! one by one from the answers ("missing field `x`"), then sent with each one left out.

use crate::{
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(every_server_function_answers_a_missing_argument_with_a_4xx);

/// Sends `fields` to the server function at `path` as its own client does (JSON answer):
/// POST form-urlencoded, or GET with a query string. Returns the status and the body.
async fn call(app: &TestApp, path: &str, get: bool, fields: &[(String, String)]) -> (u16, String) {
    let encoded = serde_urlencoded::to_string(fields).expect("form");
    let request = if get {
        app.client.get(app.url(&format!("{path}?{encoded}")))
    } else {
        app.client
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(encoded)
    };
    let res = request
        .header("origin", app.base.as_str())
        .header("accept", "application/json")
        .send()
        .await
        .expect("a call");
    (res.status().as_u16(), res.text().await.unwrap_or_default())
}

/// The field a refusal names as missing, if it does.
fn missing(body: &str) -> Option<String> {
    let start = body.find("missing field `")? + "missing field `".len();
    let end = body[start..].find('`')?;
    Some(body[start..start + end].to_owned())
}

async fn every_server_function_answers_a_missing_argument_with_a_4xx(db: Db) {
    let app = TestApp::start(db).await;
    let mut paths: Vec<(String, bool)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path.to_owned(), method == axum::http::Method::GET))
        .collect();
    paths.sort();
    assert!(paths.len() > 60, "the server functions are registered: {}", paths.len());
    let mut tried = 0;
    for (path, get) in &paths {
        // Find the arguments: each answer names the next one missing.
        let mut fields: Vec<(String, String)> = Vec::new();
        loop {
            let (status, body) = call(&app, path, *get, &fields).await;
            assert!(status < 500, "{path} with {fields:?}: {status} {body}");
            match missing(&body) {
                Some(name) if !fields.iter().any(|(k, _)| *k == name) => fields.push((name, "1".to_owned())),
                _ => break,
            }
        }
        // Then each one left out.
        for n in 0..fields.len() {
            let mut fewer = fields.clone();
            let left_out = fewer.remove(n);
            let (status, body) = call(&app, path, *get, &fewer).await;
            assert!(
                (400..500).contains(&status),
                "{path} without {}: {status} {body}",
                left_out.0
            );
            tried += 1;
        }
    }
    assert!(tried > 100, "arguments found and left out: {tried}");
    // A plain form that lacks a field gets its page back with a 400, in Bahasa Indonesia,
    // and what was typed kept.
    crate::forum::resident(&app, "Penguji Formulir", "penguji@warga.test").await;
    let (status, _, page) = app
        .post_form(
            "/issues/new",
            "/api/issue/create",
            &[("title", "Judul tanpa isian lain")],
        )
        .await;
    assert_eq!(status, 400, "{page}");
    assert!(
        page.contains("Permintaan tidak dapat dibaca") && page.contains("Judul tanpa isian lain"),
        "{page}"
    );
    app.cleanup().await;
}
