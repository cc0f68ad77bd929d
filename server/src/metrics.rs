//! `/metrics` in the Prometheus text format (version 0.0.4), written by the `prometheus`
//! crate: requests by route, method and status, a latency histogram per route, the outbox
//! by state, suppressed addresses, statements run, the page cache and the database pool.
//! Routes are labelled by their pattern (`/issues/{id}`), never by the address asked for,
//! so no id, search or name ever becomes a label.
//!
//! Requests are counted as they are answered; everything else is read at each scrape into
//! a registry of its own, so a value that could not be read is left out (and logged)
//! rather than shown as 0.

use std::{sync::Arc, time::Instant};

use axum::{
    body::Body,
    extract::{MatchedPath, State},
    http::{HeaderValue, Request, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry,
    TextEncoder, core::Collector,
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

struct Http {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
}

/// What one server has answered since it started.
#[derive(Clone)]
pub struct Metrics(Arc<Http>);

impl Metrics {
    pub fn new() -> prometheus::Result<Self> {
        let requests = IntCounterVec::new(
            Opts::new(
                "jatinan_http_requests_total",
                "HTTP requests answered, by route pattern, method and status.",
            ),
            &["route", "method", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "jatinan_http_request_duration_seconds",
                "Time to answer a request, by route pattern.",
            )
            .buckets(BUCKETS.to_vec()),
            &["route"],
        )?;
        let registry = Registry::new();
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        Ok(Self(Arc::new(Http {
            registry,
            requests,
            latency,
        })))
    }

    fn record(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.0
            .requests
            .with_label_values(&[route, method, &status.to_string()])
            .inc();
        self.0.latency.with_label_values(&[route]).observe(seconds);
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
        &route,
        &method,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// A gauge or counter read at scrape time, with its labels' values.
fn scraped<C: Collector + Clone + 'static>(registry: &Registry, metric: prometheus::Result<C>) -> Option<C> {
    let metric = metric
        .inspect_err(|error| tracing::error!(%error, "a metric could not be made"))
        .ok()?;
    registry
        .register(Box::new(metric.clone()))
        .inspect_err(|error| tracing::error!(%error, "a metric could not be registered"))
        .ok()?;
    Some(metric)
}

/// Reads what the database and the page cache hold now, into `registry`.
async fn read_now(registry: &Registry, state: &AppState, page_cache: &PageCache) {
    let db = &state.db;
    match OutboxCounts::read(db).await {
        Ok(counts) => {
            if let Some(gauge) = scraped(
                registry,
                IntGaugeVec::new(
                    Opts::new(
                        "jatinan_outbox_messages",
                        "Messages in the outbox, by state (pending and sending make the queue).",
                    ),
                    &["state"],
                ),
            ) {
                for status in [outbox::PENDING, outbox::SENDING, outbox::SENT, outbox::FAILED] {
                    gauge.with_label_values(&[status.as_str()]).set(counts.of(status));
                }
            }
        }
        Err(error) => tracing::warn!(%error, "/metrics could not read the outbox"),
    }
    let suppressed = mail_suppression::Entity::find()
        .filter(mail_suppression::Column::SuppressedAt.is_not_null())
        .filter(mail_suppression::Column::Email.not_like("%@clients.invalid"))
        .count(db)
        .await;
    match suppressed {
        Ok(n) => {
            if let Some(gauge) = scraped(
                registry,
                IntGauge::new(
                    "jatinan_mail_suppressed_addresses",
                    "Addresses that get no mail after repeated refusals.",
                ),
            ) {
                gauge.set(n as i64);
            }
        }
        Err(error) => tracing::warn!(%error, "/metrics could not read the suppressed addresses"),
    }
    if let Some(counter) = scraped(
        registry,
        IntCounter::new("jatinan_db_statements_total", "SQL statements run by this process."),
    ) {
        counter.inc_by(crate::db::STATEMENTS.load(std::sync::atomic::Ordering::Relaxed));
    }
    if let Some(counter) = scraped(
        registry,
        IntCounterVec::new(
            Opts::new(
                "jatinan_page_cache_total",
                "Signed-out readers' pages answered from the cache, and rendered and kept.",
            ),
            &["outcome"],
        ),
    ) {
        let (hits, misses) = page_cache.counts();
        counter.with_label_values(&["hit"]).inc_by(hits);
        counter.with_label_values(&["miss"]).inc_by(misses);
    }
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
        _ => return,
    };
    if let Some(gauge) = scraped(
        registry,
        IntGaugeVec::new(
            Opts::new("jatinan_db_pool_connections", "Database connections, by state."),
            &["state"],
        ),
    ) {
        gauge
            .with_label_values(&["in_use"])
            .set(i64::from(size.saturating_sub(idle)));
        gauge.with_label_values(&["idle"]).set(i64::from(idle));
    }
    if let Some(gauge) = scraped(
        registry,
        IntGauge::new(
            "jatinan_db_pool_max_connections",
            "The most connections the pool opens.",
        ),
    ) {
        gauge.set(i64::from(max));
    }
}

#[utoipa::path(
    get,
    path = "/metrics",
    tag = "Operations",
    summary = "Prometheus metrics: requests, latency, outbox, database pool",
    responses((status = 200, description = "The Prometheus text format 0.0.4", body = String, content_type = "text/plain"))
)]
pub async fn metrics(state: &AppState, metrics: &Metrics, page_cache: &PageCache) -> Response {
    let now = Registry::new();
    read_now(&now, state, page_cache).await;
    let mut families = metrics.0.registry.gather();
    families.extend(now.gather());
    let encoder = TextEncoder::new();
    let mut out = Vec::new();
    if let Err(error) = encoder.encode(&families, &mut out) {
        tracing::error!(%error, "/metrics could not be written");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
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
        let Ok(metrics) = Metrics::new() else {
            panic!("the request metrics are made");
        };
        metrics.record("/", "GET", 200, 0.003);
        metrics.record("/", "GET", 200, 0.3);
        let histogram = metrics.0.latency.with_label_values(&["/"]).collect();
        let counts: Vec<u64> = histogram[0].get_metric()[0]
            .get_histogram()
            .get_bucket()
            .iter()
            .map(|b| b.cumulative_count())
            .collect();
        assert_eq!(counts, [0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2]);
    }
}
