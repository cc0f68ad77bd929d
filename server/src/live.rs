//! The live hour's events and text: `GET /sessions/{id}/events` (Server-Sent Events for the
//! live page, the projector, the console's preview and the overlay) and
//! `GET /sessions/{id}/live.txt` (plain text for the radio announcer).
//!
//! One hub per instance. A viewer subscribes to a (session, language, panel) channel; when
//! the bell rings for a session (`AppState::live_bell`: a commit on this instance, or on
//! PostgreSQL a `NOTIFY` from any instance, heard by one `LISTEN` connection), the hub reads
//! the session once, renders each watched panel once and puts it in the channel. Channels
//! are `watch` channels: each keeps only the latest panel, so a slow viewer skips to the
//! newest state instead of queueing old ones, and nothing is buffered per viewer beyond
//! the socket. A viewer that connects or reconnects is sent the current state at once.
//! Viewers per instance are bounded (`LIVE_VIEWERS_MAX`): one more is answered 503 with
//! `Retry-After`, and comments every 15 s keep proxies from closing idle streams.

use std::{
    collections::{HashMap, HashSet, hash_map::Entry},
    convert::Infallible,
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{
        IntoResponse, Response,
        sse::{Event, KeepAlive, Sse},
    },
};
use futures_util::stream::{self, Stream};
use sea_orm::DbBackend;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, broadcast, watch};

use app::{
    api::context,
    domain::{AppState, commands::session::LIVE_CHANNEL, views},
    i18n::Locale,
    model::AppError,
    ui::live::{PanelKind, panel_html},
};

/// A comment this often keeps a proxy (nginx: 60 s by default) from closing a quiet stream.
const HEARTBEAT: Duration = Duration::from_secs(15);
/// How soon a browser reconnects after a dropped stream.
const RETRY: Duration = Duration::from_secs(3);
/// What a refused viewer is told to wait.
const FULL_RETRY_SECS: &str = "10";
/// The bell's id that means "every session" (after missed announcements).
const ALL: i32 = 0;

type Key = (i32, Locale, PanelKind);

/// One rendered panel and the change it shows.
#[derive(Debug)]
struct Frame {
    seq: i64,
    html: String,
}

pub struct LiveHub {
    state: AppState,
    channels: Mutex<HashMap<Key, watch::Sender<Option<Arc<Frame>>>>>,
    viewers: Arc<Semaphore>,
    started: std::sync::Once,
}

impl LiveHub {
    pub fn new(state: &AppState, max_viewers: usize) -> Arc<Self> {
        Arc::new(Self {
            state: state.clone(),
            channels: Mutex::default(),
            viewers: Arc::new(Semaphore::new(max_viewers)),
            started: std::sync::Once::new(),
        })
    }

    /// Viewers connected to this instance now.
    pub fn viewers(&self) -> usize {
        self.channels().values().map(watch::Sender::receiver_count).sum()
    }

    fn channels(&self) -> std::sync::MutexGuard<'_, HashMap<Key, watch::Sender<Option<Arc<Frame>>>>> {
        self.channels.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The first viewer starts the hub's listeners (most instances and tests never have one).
    fn start(self: &Arc<Self>) {
        self.started.call_once(|| {
            let bell = self.state.live_bell.subscribe();
            tokio::spawn(Arc::clone(self).serve(bell));
            if self.state.db.get_database_backend() == DbBackend::Postgres {
                tokio::spawn(listen(self.state.clone()));
            }
        });
    }

    /// Renders the sessions the bell names for their viewers, coalescing a burst of rings.
    async fn serve(self: Arc<Self>, mut bell: broadcast::Receiver<i32>) {
        loop {
            let mut due = HashSet::new();
            match bell.recv().await {
                Ok(id) => {
                    due.insert(id);
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    due.insert(ALL);
                }
                Err(broadcast::error::RecvError::Closed) => return,
            }
            loop {
                match bell.try_recv() {
                    Ok(id) => {
                        due.insert(id);
                    }
                    Err(broadcast::error::TryRecvError::Lagged(_)) => {
                        due.insert(ALL);
                    }
                    Err(_) => break,
                }
            }
            let keys: Vec<Key> = {
                let mut channels = self.channels();
                channels.retain(|_, tx| tx.receiver_count() > 0);
                channels
                    .keys()
                    .filter(|(id, _, _)| due.contains(&ALL) || due.contains(id))
                    .copied()
                    .collect()
            };
            let mut views = HashMap::new();
            for key in keys {
                let (id, locale, kind) = key;
                if let Entry::Vacant(slot) = views.entry((id, locale)) {
                    slot.insert(views::live::live(&self.state.db, None, locale, id, self.state.clock.now()).await);
                }
                let Some(Ok(view)) = views.get(&(id, locale)) else {
                    continue;
                };
                let frame = Arc::new(Frame {
                    seq: view.seq,
                    html: panel_html(view.clone(), locale, kind),
                });
                if let Some(tx) = self.channels().get(&key) {
                    tx.send_if_modified(|held| {
                        let newer = held.as_ref().is_none_or(|h| h.seq < frame.seq);
                        if newer {
                            *held = Some(Arc::clone(&frame));
                        }
                        newer
                    });
                }
            }
        }
    }

    /// A viewer of `key`: its place (or `None` when the instance is full), the current panel
    /// and the channel that brings the next ones.
    async fn subscribe(
        self: &Arc<Self>,
        key: Key,
    ) -> Result<Option<(OwnedSemaphorePermit, Arc<Frame>, watch::Receiver<Option<Arc<Frame>>>)>, AppError> {
        let Ok(permit) = Arc::clone(&self.viewers).try_acquire_owned() else {
            return Ok(None);
        };
        self.start();
        let (id, locale, kind) = key;
        let view = views::live::live(&self.state.db, None, locale, id, self.state.clock.now()).await?;
        let frame = Arc::new(Frame {
            seq: view.seq,
            html: panel_html(view, locale, kind),
        });
        let rx = {
            let mut channels = self.channels();
            let tx = channels.entry(key).or_insert_with(|| watch::channel(None).0);
            tx.send_if_modified(|held| {
                let newer = held.as_ref().is_none_or(|h| h.seq < frame.seq);
                if newer {
                    *held = Some(Arc::clone(&frame));
                }
                newer
            });
            tx.subscribe()
        };
        Ok(Some((permit, frame, rx)))
    }
}

#[utoipa::path(
    get,
    path = "/sessions/{id}/events",
    tag = "Live",
    summary = "A session's live hour as Server-Sent Events",
    description = "Each `state` event carries the rendered panel (HTML) of the live page (`view=panel`) or of the broadcast overlay (`view=overlay`), with the change's number as its id. The current state comes first, at once, also on a reconnect; a comment every 15 s keeps the stream open.",
    params(
        ("id" = i32, Path, description = "The session's id", example = 1),
        ("view" = Option<String>, Query, description = "`panel` (default) or `overlay`"),
    ),
    responses(
        (status = 200, description = "The stream", body = String, content_type = "text/event-stream"),
        (status = 404, description = "No such session", body = String, content_type = "text/plain"),
        (status = 503, description = "This instance serves as many viewers as it may; try again after Retry-After", body = String, content_type = "text/plain")
    )
)]
pub async fn events(
    State(hub): State<Arc<LiveHub>>,
    Path(id): Path<i32>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let locale = context::locale_in(&headers);
    let kind = PanelKind::parse(query.get("view").map(String::as_str).unwrap_or_default());
    let (permit, first, rx) = match hub.subscribe((id, locale, kind)).await {
        Ok(Some(subscribed)) => subscribed,
        Ok(None) => return full(locale),
        Err(error) => {
            return (
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::NOT_FOUND),
                locale.texts().error_message(&error),
            )
                .into_response();
        }
    };
    let mut res = Sse::new(stream_of(permit, first, rx))
        .keep_alive(KeepAlive::new().interval(HEARTBEAT))
        .into_response();
    // No proxy may hold the stream back to buffer it (nginx's `X-Accel-Buffering`).
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res.headers_mut().insert(
        header::HeaderName::from_static("x-accel-buffering"),
        HeaderValue::from_static("no"),
    );
    res
}

/// The events of one viewer: the current panel, then each newer one. The permit is held
/// for as long as the stream lives.
fn stream_of(
    permit: OwnedSemaphorePermit,
    first: Arc<Frame>,
    rx: watch::Receiver<Option<Arc<Frame>>>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let sent = first.seq;
    stream::unfold(
        (Some(first), rx, sent, permit),
        |(pending, mut rx, sent, permit)| async move {
            if let Some(frame) = pending {
                return Some((Ok(event(&frame)), (None, rx, frame.seq, permit)));
            }
            loop {
                // The hub went away (the server stops): the stream ends and the browser reconnects.
                rx.changed().await.ok()?;
                let frame = rx.borrow_and_update().clone();
                if let Some(frame) = frame.filter(|f| f.seq > sent) {
                    return Some((Ok(event(&frame)), (None, rx, frame.seq, permit)));
                }
            }
        },
    )
}

fn event(frame: &Frame) -> Event {
    Event::default()
        .event("state")
        .id(frame.seq.to_string())
        .retry(RETRY)
        .data(&frame.html)
}

fn full(locale: Locale) -> Response {
    let mut res = (StatusCode::SERVICE_UNAVAILABLE, locale.texts().live_full).into_response();
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static(FULL_RETRY_SECS));
    res
}

#[utoipa::path(
    get,
    path = "/sessions/{id}/live.txt",
    tag = "Live",
    summary = "A session's live hour in plain text, for the radio announcer",
    params(("id" = i32, Path, description = "The session's id", example = 1)),
    responses(
        (status = 200, description = "The state, the item on the floor, what is next, the outcomes so far", body = String, content_type = "text/plain"),
        (status = 404, description = "No such session", body = String, content_type = "text/plain")
    )
)]
pub async fn live_text(State(state): State<AppState>, Path(id): Path<i32>, headers: HeaderMap) -> Response {
    let locale = context::locale_in(&headers);
    match views::live::text(&state.db, locale, id, state.clock.now()).await {
        Ok(text) => (
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            text,
        )
            .into_response(),
        Err(error) => (
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::NOT_FOUND),
            locale.texts().error_message(&error),
        )
            .into_response(),
    }
}

/// On PostgreSQL: hears every instance's `NOTIFY` and rings this instance's bell. After a
/// lost connection (notifications may have been missed meanwhile) every session is read
/// again.
async fn listen(state: AppState) {
    use sea_orm::sqlx::postgres::PgListener;
    loop {
        let pool = state.db.get_postgres_connection_pool();
        match PgListener::connect_with(pool).await {
            Ok(mut listener) => match listener.listen(LIVE_CHANNEL).await {
                Ok(()) => {
                    state.live_bell.send(ALL).ok();
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(note)) => {
                                if let Ok(id) = note.payload().parse::<i32>() {
                                    // No viewer on this instance: nothing to ring.
                                    state.live_bell.send(id).ok();
                                }
                            }
                            // The connection was lost; the next call reconnects.
                            Ok(None) => {
                                state.live_bell.send(ALL).ok();
                            }
                            Err(error) => {
                                tracing::warn!(%error, "live events: the LISTEN connection failed");
                                break;
                            }
                        }
                    }
                }
                Err(error) => tracing::warn!(%error, "live events: LISTEN failed"),
            },
            Err(error) => tracing::warn!(%error, "live events: cannot connect to listen"),
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}
