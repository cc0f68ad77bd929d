//! `/metrics` in the Prometheus text format (version 0.0.4): requests by route, method and
//! status, a latency histogram per route, the outbox by state, suppressed addresses and
//! the database pool. Routes are labelled by their pattern (`/issues/{id}`), never by the
//! address asked for, so no id, search or name ever becomes a label.

use std::{
    collections::BTreeMap,
    fmt::Write,
    sync::{Arc, Mutex},
    time::Instant,
};

use axum::{
    body::Body,
    extract::{MatchedPath, State},
    http::{HeaderValue, Request, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use sea_orm::{ColumnTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter};

use app::domain::{
    AppState,
    entities::{mail_suppression, outbox},
    mail::OutboxCounts,
};

use crate::{calendar, page_cache::PageCache};

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

#[derive(Default)]
struct Latency {
    /// Requests at or under each bound of `BUCKETS`.
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
struct Counts {
    /// By (route, method, status).
    requests: BTreeMap<(String, String, u16), u64>,
    latency: BTreeMap<String, Latency>,
}

/// What one server has answered since it started.
#[derive(Clone, Default)]
pub struct Metrics(Arc<Mutex<Counts>>);

impl Metrics {
    fn record(&self, route: String, method: String, status: u16, seconds: f64) {
        let Ok(mut counts) = self.0.lock() else { return };
        *counts.requests.entry((route.clone(), method, status)).or_default() += 1;
        let latency = counts.latency.entry(route).or_default();
        latency.count += 1;
        latency.sum += seconds;
        for (n, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                latency.buckets[n] += 1;
            }
        }
    }
}

/// The label of a request's route: the pattern it matched, or for a session's calendar
/// file (answered on the session page's route, see `calendar`) and static files, their
/// fixed names.
pub fn route_label(path: &str, matched: Option<&str>) -> String {
    if calendar::session_file(path).is_some() {
        return "/sessions/{id}.ics".into();
    }
    if let Some(pattern) = matched {
        return pattern.into();
    }
    if path.starts_with("/pkg/") {
        "/pkg/{file}".into()
    } else {
        "other".into()
    }
}

/// Middleware: counts and times every request.
pub async fn track(State(metrics): State<Metrics>, req: Request<Body>, next: Next) -> Response {
    let started = Instant::now();
    let route = route_label(
        req.uri().path(),
        req.extensions().get::<MatchedPath>().map(MatchedPath::as_str),
    );
    let method = req.method().as_str().to_owned();
    let response = next.run(req).await;
    metrics.record(
        route,
        method,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

fn escape_label(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[utoipa::path(
    get,
    path = "/metrics",
    tag = "Operations",
    summary = "Prometheus metrics: requests, latency, outbox, database pool",
    responses((status = 200, description = "The Prometheus text format 0.0.4", body = String, content_type = "text/plain"))
)]
pub async fn metrics(state: &AppState, metrics: &Metrics, page_cache: &PageCache) -> Response {
    let mut out = String::new();
    if let Ok(counts) = metrics.0.lock() {
        out.push_str(
            "# HELP jatinan_http_requests_total HTTP requests answered, by route pattern, method and status.\n",
        );
        out.push_str("# TYPE jatinan_http_requests_total counter\n");
        for ((route, method, status), n) in &counts.requests {
            let _ = writeln!(
                out,
                "jatinan_http_requests_total{{route=\"{}\",method=\"{method}\",status=\"{status}\"}} {n}",
                escape_label(route)
            );
        }
        out.push_str("# HELP jatinan_http_request_duration_seconds Time to answer a request, by route pattern.\n");
        out.push_str("# TYPE jatinan_http_request_duration_seconds histogram\n");
        for (route, latency) in &counts.latency {
            let route = escape_label(route);
            for (bound, n) in BUCKETS.iter().zip(latency.buckets) {
                let _ = writeln!(
                    out,
                    "jatinan_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "jatinan_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                latency.count
            );
            let _ = writeln!(
                out,
                "jatinan_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                latency.sum
            );
            let _ = writeln!(
                out,
                "jatinan_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                latency.count
            );
        }
    }
    let db = &state.db;
    let by_status = OutboxCounts::read(db).await.ok();
    out.push_str(
        "# HELP jatinan_outbox_messages Messages in the outbox, by state (pending and sending make the queue).\n",
    );
    out.push_str("# TYPE jatinan_outbox_messages gauge\n");
    for status in [outbox::PENDING, outbox::SENDING, outbox::SENT, outbox::FAILED] {
        let n = by_status.as_ref().map_or(0, |counts| counts.of(status));
        let _ = writeln!(out, "jatinan_outbox_messages{{state=\"{}\"}} {n}", status.as_str());
    }
    let suppressed = mail_suppression::Entity::find()
        .filter(mail_suppression::Column::SuppressedAt.is_not_null())
        .filter(mail_suppression::Column::Email.not_like("%@clients.invalid"))
        .count(db)
        .await
        .unwrap_or_default();
    out.push_str("# HELP jatinan_mail_suppressed_addresses Addresses that get no mail after repeated refusals.\n");
    out.push_str("# TYPE jatinan_mail_suppressed_addresses gauge\n");
    let _ = writeln!(out, "jatinan_mail_suppressed_addresses {suppressed}");
    let (size, idle, max) = match db.get_database_backend() {
        DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (
                pool.size(),
                pool.num_idle() as u32,
                pool.options().get_max_connections(),
            )
        }
        DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (
                pool.size(),
                pool.num_idle() as u32,
                pool.options().get_max_connections(),
            )
        }
        _ => (0, 0, 0),
    };
    out.push_str("# HELP jatinan_db_statements_total SQL statements run by this process.\n");
    out.push_str("# TYPE jatinan_db_statements_total counter\n");
    let _ = writeln!(
        out,
        "jatinan_db_statements_total {}",
        crate::db::STATEMENTS.load(std::sync::atomic::Ordering::Relaxed)
    );
    let (hits, misses) = page_cache.counts();
    out.push_str(
        "# HELP jatinan_page_cache_total Signed-out readers' pages answered from the cache, and rendered and kept.\n",
    );
    out.push_str("# TYPE jatinan_page_cache_total counter\n");
    let _ = writeln!(out, "jatinan_page_cache_total{{outcome=\"hit\"}} {hits}");
    let _ = writeln!(out, "jatinan_page_cache_total{{outcome=\"miss\"}} {misses}");
    out.push_str("# HELP jatinan_db_pool_connections Database connections, by state.\n");
    out.push_str("# TYPE jatinan_db_pool_connections gauge\n");
    let _ = writeln!(
        out,
        "jatinan_db_pool_connections{{state=\"in_use\"}} {}",
        size.saturating_sub(idle)
    );
    let _ = writeln!(out, "jatinan_db_pool_connections{{state=\"idle\"}} {idle}");
    out.push_str("# HELP jatinan_db_pool_max_connections The most connections the pool opens.\n");
    out.push_str("# TYPE jatinan_db_pool_max_connections gauge\n");
    let _ = writeln!(out, "jatinan_db_pool_max_connections {max}");
    let mut response = out.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_patterns_never_addresses() {
        assert_eq!(route_label("/issues/12", Some("/issues/{id}")), "/issues/{id}");
        assert_eq!(
            route_label("/sessions/3.ics", Some("/sessions/{id}")),
            "/sessions/{id}.ics"
        );
        assert_eq!(route_label("/pkg/jatinan.wasm", None), "/pkg/{file}");
        assert_eq!(route_label("/no/such/page?q=nama", None), "other");
    }

    #[test]
    fn the_histogram_is_cumulative() {
        let metrics = Metrics::default();
        metrics.record("/".into(), "GET".into(), 200, 0.003);
        metrics.record("/".into(), "GET".into(), 200, 0.3);
        let counts = metrics.0.lock().map(|c| c.latency["/"].buckets).unwrap_or_default();
        assert_eq!(counts, [0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2]);
    }
}
