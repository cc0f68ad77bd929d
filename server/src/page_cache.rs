//! Pages as a signed-out reader sees them, kept for a few seconds (`PAGE_CACHE_SECS`).
//!
//! On a Friday most requests are residents reading the list and the issues without signing
//! in, and each of them would render the same page again. A page is kept when it depends
//! on nothing but its address and the reader's language: a GET with no cookie but `lang`,
//! answered 200 with HTML, no `Set-Cookie` and nothing that forbids keeping it. Files
//! (paths with a dot in their last segment) are not kept; the file handler serves them.
//!
//! A kept page is never older than the data it shows, as far as this process knows: every
//! statement that is not a read moves a generation on (`AppState::writes`), once more when
//! the request that wrote has finished (and its transaction committed), and a page of an
//! older generation is not served. What this process cannot see (another instance, a
//! command writing to the same database) and what changes with the time of day (deadlines
//! passing) shows within the time a page is kept, read from the app's clock so that tests
//! moving a fixed clock see it.
//!
//! While a page is rendered, other readers of it wait for that rendering rather than
//! render it too: when a busy page goes out of date, every reader of that moment would.
//!
//! The page's inline scripts carry the CSP nonce of the response that rendered it; each
//! answer from the cache carries its own response's nonce in their place.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
};

use axum::{
    body::{Body, Bytes},
    extract::State,
    http::{HeaderMap, Method, Request, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use chrono::{DateTime, TimeDelta, Utc};
use tokio::sync::watch;

use app::{
    api::context,
    domain::{AppState, state::Clock},
    i18n::Locale,
};

use crate::security::CspNonce;

/// The most the kept pages may take together, and the largest page kept.
const MAX_BYTES: usize = 32 << 20;
const MAX_PAGE: usize = 1 << 20;

pub struct PageCache {
    keep: TimeDelta,
    clock: Clock,
    writes: Arc<AtomicU64>,
    pages: Mutex<Pages>,
    /// Pages answered from the cache, and pages rendered and kept, for `/metrics`.
    hits: AtomicU64,
    misses: AtomicU64,
}

#[derive(Default)]
struct Pages {
    by_key: HashMap<String, Arc<Page>>,
    /// Pages being rendered now: a ticket naming that rendering, and a receiver that wakes
    /// when it ends.
    rendering: HashMap<String, (u64, watch::Receiver<()>)>,
    tickets: u64,
    bytes: usize,
}

/// What a request for a page that may be kept does.
enum Lookup {
    Hit(Arc<Page>),
    /// Another request is rendering the page: wait for it rather than render it again
    /// (when a page is out of date, every reader at that moment would).
    Wait(watch::Receiver<()>),
    /// Render it; those waiting wake when this is dropped.
    Render(Rendering),
}

struct Rendering {
    cache: Arc<PageCache>,
    key: String,
    ticket: u64,
    _done: watch::Sender<()>,
}

impl Drop for Rendering {
    fn drop(&mut self) {
        let mut pages = self.cache.pages();
        if pages
            .rendering
            .get(&self.key)
            .is_some_and(|(ticket, _)| *ticket == self.ticket)
        {
            pages.rendering.remove(&self.key);
        }
    }
}

struct Page {
    generation: u64,
    stored_at: DateTime<Utc>,
    headers: HeaderMap,
    /// The body, cut where the rendering response's nonce stood.
    pieces: Vec<Bytes>,
    len: usize,
}

impl PageCache {
    /// The cache of `state`'s pages, kept as long as its configuration says.
    pub fn new(state: &AppState) -> Arc<Self> {
        Self::keeping(state.config.page_cache_secs, state.clock.clone(), state.writes.clone())
    }

    /// A cache keeping pages for `keep_secs` seconds of `clock` (0: keeps nothing) while
    /// `writes` stays the same.
    fn keeping(keep_secs: u64, clock: Clock, writes: Arc<AtomicU64>) -> Arc<Self> {
        Arc::new(Self {
            keep: TimeDelta::seconds(i64::try_from(keep_secs.min(86_400)).unwrap_or(86_400)),
            clock,
            writes,
            pages: Mutex::default(),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        })
    }

    /// Pages answered from the cache, and pages rendered and kept.
    pub fn counts(&self) -> (u64, u64) {
        (self.hits.load(Ordering::Relaxed), self.misses.load(Ordering::Relaxed))
    }

    fn pages(&self) -> std::sync::MutexGuard<'_, Pages> {
        self.pages.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The page kept under `key` if it is of `generation` and young enough; else whether
    /// to wait for another request rendering it (if `may_wait`) or to render it.
    fn lookup(self: &Arc<Self>, key: &str, generation: u64, may_wait: bool) -> Lookup {
        let now = self.clock.now();
        let mut pages = self.pages();
        if let Some(page) = pages.by_key.get(key) {
            let age = now.signed_duration_since(page.stored_at);
            if page.generation == generation && age >= TimeDelta::zero() && age < self.keep {
                return Lookup::Hit(page.clone());
            }
            let len = page.len;
            pages.by_key.remove(key);
            pages.bytes -= len;
        }
        if may_wait && let Some((_, done)) = pages.rendering.get(key) {
            return Lookup::Wait(done.clone());
        }
        pages.tickets += 1;
        let ticket = pages.tickets;
        let (done, waiting) = watch::channel(());
        pages.rendering.insert(key.to_owned(), (ticket, waiting));
        Lookup::Render(Rendering {
            cache: self.clone(),
            key: key.to_owned(),
            ticket,
            _done: done,
        })
    }

    fn put(&self, key: String, page: Page) {
        let mut pages = self.pages();
        if let Some(old) = pages.by_key.remove(&key) {
            pages.bytes -= old.len;
        }
        // Full: start again rather than keep track of use (the pages are seconds old).
        if pages.bytes + page.len > MAX_BYTES {
            pages.by_key.clear();
            pages.bytes = 0;
        }
        pages.bytes += page.len;
        pages.by_key.insert(key, Arc::new(page));
    }
}

/// The middleware: answers a signed-out reader's page from the cache, or renders and keeps it.
pub async fn serve(State(cache): State<Arc<PageCache>>, req: Request<Body>, next: Next) -> Response {
    if req.method() != Method::GET {
        let before = cache.writes.load(Ordering::Acquire);
        let res = next.run(req).await;
        // A page rendered between a write and its commit showed the data before it: what
        // was written meanwhile has been committed by now, so move on once more.
        if cache.writes.load(Ordering::Acquire) != before {
            cache.writes.fetch_add(1, Ordering::AcqRel);
        }
        return res;
    }
    let Some(key) = key(&req).filter(|_| cache.keep > TimeDelta::zero()) else {
        return next.run(req).await;
    };
    let nonce = req
        .extensions()
        .get::<CspNonce>()
        .map(|nonce| nonce.0.clone())
        .unwrap_or_default();
    let mut may_wait = true;
    let (rendering, generation) = loop {
        // Read before rendering: a write meanwhile leaves the page already out of date.
        let generation = cache.writes.load(Ordering::Acquire);
        match cache.lookup(&key, generation, may_wait) {
            Lookup::Hit(page) => {
                cache.hits.fetch_add(1, Ordering::Relaxed);
                return page.answer(&nonce);
            }
            // Ends when that rendering ends, kept or not (or its request was dropped);
            // then look once more, and render if there is still nothing to answer with.
            Lookup::Wait(mut done) => {
                // An error means the rendering's side was dropped: it ended just the same.
                done.changed().await.ok();
                may_wait = false;
            }
            Lookup::Render(rendering) => break (rendering, generation),
        }
    };
    let res = next.run(req).await;
    if nonce.is_empty() || !keepable(&res) {
        return res;
    }
    let (parts, body) = res.into_parts();
    // Pages render completely before they are sent (`SsrMode::Async`): nothing waits here.
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(error) => {
            tracing::warn!(%error, "reading a rendered page");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    // Not kept when something was written meanwhile: it would never be served.
    if body.len() <= MAX_PAGE
        && cache.writes.load(Ordering::Acquire) == generation
        && let Some(pieces) = cut(&body, &nonce)
    {
        let page = Page {
            generation,
            stored_at: cache.clock.now(),
            headers: parts.headers.clone(),
            pieces,
            len: body.len(),
        };
        cache.put(key, page);
        cache.misses.fetch_add(1, Ordering::Relaxed);
    }
    drop(rendering);
    Response::from_parts(parts, Body::from(body))
}

/// The body cut where `nonce` stands (None: not text).
fn cut(body: &Bytes, nonce: &str) -> Option<Vec<Bytes>> {
    let text = std::str::from_utf8(body).ok()?;
    let mut pieces = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices(nonce) {
        pieces.push(body.slice(start..at));
        start = at + nonce.len();
    }
    pieces.push(body.slice(start..));
    Some(pieces)
}

impl Page {
    fn answer(&self, nonce: &str) -> Response {
        let body = match self.pieces.as_slice() {
            [whole] => Body::from(whole.clone()),
            pieces => {
                let mut out = Vec::with_capacity(self.len + nonce.len() * pieces.len());
                for (n, piece) in pieces.iter().enumerate() {
                    if n > 0 {
                        out.extend_from_slice(nonce.as_bytes());
                    }
                    out.extend_from_slice(piece);
                }
                Body::from(out)
            }
        };
        let mut res = Response::new(body);
        *res.headers_mut() = self.headers.clone();
        res
    }
}

/// The cache key of a request whose page may be kept: its language and address.
fn key(req: &Request<Body>) -> Option<String> {
    let uri = req.uri();
    let last = uri.path().rsplit('/').next().unwrap_or_default();
    // A file, or a live session's event stream (never kept, and never waited on).
    if last.contains('.') || last == "events" {
        return None;
    }
    let mut locale = Locale::default();
    for pair in req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
    {
        let (name, value) = pair.trim().split_once('=')?;
        if name != context::LANG_COOKIE {
            return None;
        }
        locale = Locale::parse(value).unwrap_or_default();
    }
    let target = uri.path_and_query().map_or(uri.path(), |pq| pq.as_str());
    Some(format!("{} {target}", locale.tag()))
}

/// Whether a rendered answer depends on nothing but the request's address and language.
fn keepable(res: &Response) -> bool {
    let headers = res.headers();
    let value = |name| {
        headers
            .get(name)
            .and_then(|v: &header::HeaderValue| v.to_str().ok())
            .unwrap_or_default()
    };
    res.status() == StatusCode::OK
        && !headers.contains_key(header::SET_COOKIE)
        && value(header::CONTENT_TYPE).starts_with("text/html")
        && !value(header::CACHE_CONTROL).contains("no-store")
        && !value(header::CACHE_CONTROL).contains("private")
        && !headers.contains_key(header::CONTENT_ENCODING)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(uri: &'static str, cookie: Option<&'static str>) -> Request<Body> {
        let mut req = Request::new(Body::empty());
        *req.uri_mut() = axum::http::Uri::from_static(uri);
        if let Some(cookie) = cookie {
            req.headers_mut()
                .insert(header::COOKIE, header::HeaderValue::from_static(cookie));
        }
        req
    }

    #[test]
    fn only_a_signed_out_readers_pages_are_kept_by_address_and_language() {
        assert_eq!(
            key(&request("/issues?sort=new", None)).as_deref(),
            Some("id /issues?sort=new")
        );
        assert_eq!(key(&request("/", Some("lang=en"))).as_deref(), Some("en /"));
        assert_eq!(key(&request("/", Some("lang=xx"))).as_deref(), Some("id /"));
        assert_eq!(key(&request("/issues", Some("jatinan_session=abc"))), None);
        assert_eq!(key(&request("/issues", Some("lang=en; jatinan_session=abc"))), None);
        assert_eq!(key(&request("/issues", Some("other"))), None);
        assert_eq!(key(&request("/pkg/jatinan.css", None)), None);
        assert_eq!(key(&request("/bench-static.html", None)), None);
    }

    fn page(generation: u64, stored_at: DateTime<Utc>, body: &'static str) -> Page {
        Page {
            generation,
            stored_at,
            headers: HeaderMap::new(),
            pieces: vec![Bytes::from_static(body.as_bytes())],
            len: body.len(),
        }
    }

    fn hit(cache: &Arc<PageCache>, key: &str, generation: u64) -> bool {
        matches!(cache.lookup(key, generation, false), Lookup::Hit(_))
    }

    #[test]
    fn a_page_is_served_while_young_and_of_the_current_generation() {
        let start = Utc::now();
        let clock = Clock::fixed(start);
        let cache = PageCache::keeping(5, clock.clone(), Arc::default());
        cache.put("id /".into(), page(7, start, "<p>a</p>"));
        assert!(hit(&cache, "id /", 7));
        assert!(!hit(&cache, "en /", 7));
        clock.set(start + TimeDelta::seconds(4));
        assert!(hit(&cache, "id /", 7));
        // A write since it was rendered.
        assert!(!hit(&cache, "id /", 8));
        assert!(!hit(&cache, "id /", 7), "the stale page is dropped");
        cache.put("id /".into(), page(8, clock.now(), "<p>b</p>"));
        clock.set(start + TimeDelta::seconds(9));
        assert!(!hit(&cache, "id /", 8), "too old");
        // A clock moved back (a test) does not make a page young.
        cache.put("id /".into(), page(8, clock.now(), "<p>c</p>"));
        clock.set(start);
        assert!(!hit(&cache, "id /", 8));
        assert_eq!(cache.pages().bytes, 0);
        assert!(cache.pages().rendering.is_empty());
    }

    #[tokio::test]
    async fn readers_wait_for_the_one_rendering_a_page() {
        let now = Utc::now();
        let cache = PageCache::keeping(5, Clock::fixed(now), Arc::default());
        let Lookup::Render(rendering) = cache.lookup("id /issues", 1, true) else {
            panic!("the first reader renders")
        };
        let Lookup::Wait(mut done) = cache.lookup("id /issues", 1, true) else {
            panic!("the second waits")
        };
        let waiter = tokio::spawn(async move {
            done.changed().await.ok();
        });
        cache.put("id /issues".into(), page(1, now, "<p>list</p>"));
        assert!(!waiter.is_finished());
        drop(rendering);
        waiter.await.unwrap_or_default();
        assert!(hit(&cache, "id /issues", 1), "then finds the page");
        // A rendering that ends without a page (dropped, or not to be kept) wakes them too.
        let Lookup::Render(rendering) = cache.lookup("id /other", 1, true) else {
            panic!("renders")
        };
        let Lookup::Wait(mut done) = cache.lookup("id /other", 1, true) else {
            panic!("waits")
        };
        drop(rendering);
        assert!(done.changed().await.is_err(), "woken");
        assert!(matches!(cache.lookup("id /other", 1, true), Lookup::Render(_)));
    }

    #[test]
    fn a_full_cache_starts_again() {
        let now = Utc::now();
        let cache = PageCache::keeping(5, Clock::fixed(now), Arc::default());
        let big = "x".repeat(MAX_PAGE);
        let leaked: &'static str = Box::leak(big.into_boxed_str());
        for n in 0..40 {
            cache.put(format!("id /issues/{n}"), page(1, now, leaked));
        }
        let pages = cache.pages();
        assert!(pages.bytes <= MAX_BYTES);
        assert_eq!(pages.bytes, pages.by_key.len() * MAX_PAGE);
        assert!(pages.by_key.contains_key("id /issues/39"));
    }

    #[tokio::test]
    async fn each_answer_carries_its_own_nonce() {
        let body = Bytes::from_static(b"<script nonce=\"N1\">a</script><script nonce=\"N1\">b</script>");
        let Some(pieces) = cut(&body, "N1") else {
            panic!("the body is text")
        };
        assert_eq!(pieces.len(), 3);
        let page = Page {
            generation: 0,
            stored_at: Utc::now(),
            headers: HeaderMap::new(),
            pieces,
            len: body.len(),
        };
        let Ok(answer) = axum::body::to_bytes(page.answer("N2").into_body(), usize::MAX).await else {
            panic!("a body")
        };
        assert_eq!(
            &answer[..],
            b"<script nonce=\"N2\">a</script><script nonce=\"N2\">b</script>"
        );
        let plain = Bytes::from_static(b"<p>no scripts</p>");
        assert_eq!(cut(&plain, "N1"), Some(vec![plain.clone()]));
        assert!(cut(&Bytes::from_static(b"\xff\xfe"), "N1").is_none());
    }
}
