//! `GET /healthz`: the process answers. `GET /readyz`: the database answers too.

use axum::{extract::State, http::StatusCode};
use sea_orm::ConnectionTrait;

use app::domain::AppState;

#[utoipa::path(
    get,
    path = "/healthz",
    tag = "Operations",
    summary = "Liveness: the process answers",
    responses((status = 200, description = "Alive", body = String, content_type = "text/plain", example = "ok"))
)]
pub async fn healthz() -> &'static str {
    "ok"
}

#[utoipa::path(
    get,
    path = "/readyz",
    tag = "Operations",
    summary = "Readiness: the database answers too",
    responses(
        (status = 200, description = "Ready", body = String, content_type = "text/plain", example = "ready"),
        (status = 503, description = "The database does not answer", body = String, content_type = "text/plain")
    )
)]
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.db.execute_unprepared("SELECT 1").await {
        Ok(_) => (StatusCode::OK, "ready"),
        Err(err) => {
            tracing::warn!(%err, "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
