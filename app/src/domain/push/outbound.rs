//! Push notices leave from the outbox like mail: the same claims (several instances, one
//! sender per row), renewals, backoff and record (`mail::worker`). Each is encrypted at the
//! moment it is sent, to the device's keys as they are then, and POSTed to the device's push
//! service with a VAPID token (RFC 8030, 8291, 8292).

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr};

use crate::domain::{
    Clock,
    entities::{outbox, push_subscription},
    error::OrInternal,
    mail::{
        transport::SendError,
        worker::{WorkerConfig, claim_batch, record, renew, stopped},
    },
    push::{PushSettings, VapidKey, audience, crypto},
    state::OutboxBell,
};
use crate::model::AppError;

/// How long a push service keeps a notice for a device that is off (a day: after that, the
/// news is old).
const TTL_SECS: u32 = 86_400;

/// How long a VAPID token is good for (RFC 8292 allows at most a day).
const TOKEN_LIFE: TimeDelta = TimeDelta::hours(12);

/// The HTTP side: one client, the site's key and who it says it is.
#[derive(Clone)]
pub struct PushSender {
    http: reqwest::Client,
    key: VapidKey,
    settings: PushSettings,
}

impl PushSender {
    pub fn new(key: VapidKey, settings: PushSettings) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(10))
            // A push service answers; it never sends the server elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| format!("the push client: {err}"))?;
        Ok(Self { http, key, settings })
    }

    /// Sends `payload` to `device`. 201 (or any 2xx) is delivered; 404 and 410 mean the
    /// device is gone; 429 and 5xx are worth another try; anything else is permanent.
    pub async fn send(
        &self,
        device: &push_subscription::Model,
        payload: &str,
        now: DateTime<Utc>,
    ) -> Result<(), Refusal> {
        let permanent = |reason: String| Refusal::Other(SendError::Permanent(reason));
        if !self.settings.allows(&device.endpoint) {
            return Err(permanent("the push service is not one PUSH_SERVICE_HOSTS names".into()));
        }
        let (Some(ua_public), Some(auth)) = (crypto::unb64(&device.p256dh), crypto::unb64(&device.auth)) else {
            return Err(permanent("the device's keys are not base64url".into()));
        };
        let body = crypto::seal(&ua_public, &auth, payload.as_bytes()).map_err(permanent)?;
        let audience = audience(&device.endpoint).ok_or_else(|| permanent("an endpoint without an origin".into()))?;
        let authorization = self
            .key
            .authorization(&audience, (now + TOKEN_LIFE).timestamp(), &self.settings.subject)
            .map_err(permanent)?;
        let response = self
            .http
            .post(&device.endpoint)
            .header("authorization", authorization)
            .header("ttl", TTL_SECS.to_string())
            .header("urgency", "normal")
            .header("content-encoding", "aes128gcm")
            .header("content-type", "application/octet-stream")
            .body(body)
            .send()
            .await
            .map_err(|err| Refusal::Other(SendError::Transient(format!("push service unreachable: {err}"))))?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let text: String = response.text().await.unwrap_or_default().chars().take(200).collect();
        let reason = format!("push service {}: {}", status.as_u16(), text.trim());
        Err(match status.as_u16() {
            404 | 410 => Refusal::Gone(reason),
            429 | 500..=599 => Refusal::Other(SendError::Transient(reason)),
            _ => Refusal::Other(SendError::Permanent(reason)),
        })
    }
}

/// Why a push was not delivered.
#[derive(Debug)]
pub enum Refusal {
    /// The push service no longer knows the device (404, 410).
    Gone(String),
    Other(SendError),
}

/// Sends what is due, then waits for the bell or the poll interval, until `stop` turns true.
pub async fn run(
    db: DatabaseConnection,
    sender: PushSender,
    clock: Clock,
    bell: Arc<OutboxBell>,
    config: WorkerConfig,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    tracing::info!(worker = %config.id, "push sender started");
    while !*stop.borrow() {
        match deliver_due(&db, &sender, &clock, &config).await {
            Ok(n) if n as u64 >= config.batch => continue,
            Ok(_) => {}
            Err(err) => tracing::warn!(?err, "push delivery round failed"),
        }
        tokio::select! {
            () = bell.push.notified() => {}
            () = tokio::time::sleep(config.poll) => {}
            () = stopped(&mut stop) => {}
        }
    }
}

/// One round: claims the due push rows and sends them one by one. Returns how many were
/// claimed.
pub async fn deliver_due(
    db: &DatabaseConnection,
    sender: &PushSender,
    clock: &Clock,
    config: &WorkerConfig,
) -> Result<usize, AppError> {
    let claimed = claim_batch(db, clock.now(), config, outbox::Channel::Push).await?;
    let count = claimed.len();
    for row in claimed {
        if !renew(db, &row, clock.now(), config).await? {
            continue;
        }
        let now = clock.now();
        let device = match row.recipient.parse::<i32>() {
            Ok(id) => push_subscription::Entity::find_by_id(id)
                .one(db)
                .await
                .or_internal("reading a push device")?,
            Err(_) => None,
        };
        let outcome = match (&device, &row.payload) {
            (None, _) => Err(SendError::Permanent(
                "not sent: push was turned off for the device".into(),
            )),
            (Some(_), None) => Err(SendError::Permanent("a push row without a body".into())),
            (Some(device), Some(payload)) => match sender.send(device, payload, now).await {
                Ok(()) => {
                    push_subscription::Entity::update_many()
                        .col_expr(push_subscription::Column::LastSentAt, Expr::value(Some(now)))
                        .filter(push_subscription::Column::Id.eq(device.id))
                        .exec(db)
                        .await
                        .or_internal("noting a push sent")?;
                    Ok(None)
                }
                Err(Refusal::Gone(reason)) => {
                    tracing::info!(device = device.id, %reason, "push service forgot a device; removing it");
                    push_subscription::Entity::delete_by_id(device.id)
                        .exec(db)
                        .await
                        .or_internal("removing a gone push device")?;
                    Err(SendError::Permanent(format!("{reason}; the device was removed")))
                }
                Err(Refusal::Other(err)) => Err(err),
            },
        };
        record(db, &row, now, outcome, config).await?;
    }
    Ok(count)
}
