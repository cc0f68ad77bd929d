//! The router: Leptos pages, server functions (with the JavaScript-free form path of
//! `forms`), health checks, static files, and the layers every response passes through.

use axum::{
    Router,
    body::Body,
    extract::State,
    http::Request,
    middleware::{self, Next},
    response::Response,
    routing::{get, post},
};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;

use app::{
    api::context,
    domain::AppState,
    ui::{App, shell},
};

use crate::{
    account_data, audit, calendar, exports, feed, forms, health, live,
    metrics::{self, Metrics},
    open311, openapi, page_cache, photos, security, tidy, unsubscribe, whatsapp,
};

/// Puts what server functions and pages need into the Leptos context of one request.
pub fn provide_server_context(state: &AppState) {
    provide_context(state.clone());
    let parts = leptos::prelude::use_context::<http::request::Parts>();
    let locale = parts
        .as_ref()
        .map(|parts| context::locale_in(&parts.headers))
        .unwrap_or_default();
    provide_context(locale);
    // The inline scripts Leptos writes carry the nonce of this response's CSP header.
    if let Some(nonce) = parts
        .as_ref()
        .and_then(|parts| parts.extensions.get::<security::CspNonce>())
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0.as_str()));
    }
}

/// The app's routes, made once per process. Making them sets a process-wide flag in
/// leptos_server that leaves any resource first polled meanwhile pending for ever
/// (leptos-rs/leptos#4773): with several instances in one process (the integration
/// tests start dozens), a page of one would hang while another starts.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn build(state: AppState) -> prometheus::Result<Router> {
    let routes = route_list();
    let page_context = {
        let state = state.clone();
        move || provide_server_context(&state)
    };
    let fallback_context = page_context.clone();
    let counts = Metrics::new()?;
    let page_cache = page_cache::PageCache::new(&state);
    let metrics_page = {
        let counts = counts.clone();
        let page_cache = page_cache.clone();
        move |State(state): State<AppState>| async move { metrics::metrics(&state, &counts, &page_cache).await }
    };
    let live_hub = live::LiveHub::new(&state, state.config.live_viewers_max);
    Ok(Router::new()
        .route("/healthz", get(health::healthz))
        .route("/sessions/{id}/events", get(live::events).with_state(live_hub))
        .route("/sessions/{id}/live.txt", get(live::live_text))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics_page))
        .route("/openapi.json", get(openapi::openapi_json))
        .route("/photos/{file}", get(photos::photo))
        .route("/open311/v2/{file}", get(open311::get_root).post(open311::post_root))
        .route("/open311/v2/services/{file}", get(open311::get_service))
        .route("/open311/v2/requests/{file}", get(open311::get_request))
        .route("/issues.atom", get(feed::issues_atom))
        .route("/sessions.ics", get(calendar::sessions_ics))
        .route("/scorecard.csv", get(exports::scorecard_csv))
        .route("/staff/follow-ups.csv", get(exports::follow_ups_csv))
        .route("/staff/e-planning.csv", get(exports::planning_csv))
        .route("/staff/e-budgeting.csv", get(exports::budgeting_csv))
        .route("/unsubscribe", post(unsubscribe::post))
        .route(
            "/channels/whatsapp/webhook",
            get(whatsapp::verify).post(whatsapp::receive),
        )
        .route("/account/data.json", get(account_data::download))
        .leptos_routes_with_context(&state, routes, page_context, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            fallback_context,
            shell,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), plain_forms))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            calendar::session_file_layer,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), security::same_origin))
        .layer(middleware::from_fn(tidy::tidy))
        .layer(middleware::from_fn_with_state(page_cache, page_cache::serve))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(state.clone(), security::headers))
        .layer(middleware::from_fn_with_state(counts, metrics::track))
        .with_state(state))
}

/// Plain HTML form posts (to a page, naming a server function, or straight to one) take
/// the JavaScript-free path of `forms`;
/// everything else goes on to the router (server functions called by the hydrated app
/// are registered by `leptos_routes_with_context`).
async fn plain_forms(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    // Open311 clients post forms too, and answer in JSON or XML whatever they accept; a
    // mail client's one-click unsubscribe is a form post too (`unsubscribe::post` tells);
    // Meta's webhook posts JSON.
    let path = req.uri().path();
    if path.starts_with("/open311/") || path == "/unsubscribe" || path.starts_with("/channels/") {
        return next.run(req).await;
    }
    if forms::is_plain_form_post(&req) {
        return forms::plain_form_post(state, req).await;
    }
    let api = path.starts_with("/api/");
    let response = audit::server_function_call(&state, req, next).await;
    if api {
        forms::bad_arguments_are_400(response).await
    } else {
        response
    }
}
