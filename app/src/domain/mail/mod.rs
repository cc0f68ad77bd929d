//! Mail, the durable way: a change writes its messages into the `outbox` table in its own
//! transaction (`enqueue`), and a worker (`worker`) delivers them through one `Mailer`
//! (SMTP, or .eml files when no SMTP server is configured) with retry and backoff.

pub mod digest;
pub mod notify;
pub mod templates;
pub mod transport;
pub mod whatsapp;
pub mod worker;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QuerySelect, sea_query::OnConflict};

use crate::domain::{
    entities::{job_run, outbox},
    error::OrInternal,
};
use crate::model::AppError;

pub use transport::Mailer;

/// Messages in the outbox by status (`outbox::PENDING` and the others).
pub struct OutboxCounts(Vec<(outbox::OutboxStatus, i64)>);

impl OutboxCounts {
    pub async fn read(conn: &impl ConnectionTrait) -> Result<Self, AppError> {
        Ok(Self(
            outbox::Entity::find()
                .select_only()
                .column(outbox::Column::Status)
                .column_as(outbox::Column::Id.count(), "n")
                .group_by(outbox::Column::Status)
                .into_tuple()
                .all(conn)
                .await
                .or_internal("counting mail")?,
        ))
    }

    pub fn of(&self, status: outbox::OutboxStatus) -> i64 {
        self.0.iter().filter(|(s, _)| *s == status).map(|(_, n)| *n).sum()
    }
}

/// One message, rendered, waiting to be written to the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// Unique per cause (for example `verify:<token id>`): a retry of the same change never
    /// queues a second copy.
    pub key: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// An iCalendar file to attach (an invitation to a session).
    pub ics: Option<String>,
    /// The one-click unsubscribe link; `None` only for account security mail.
    pub unsubscribe: Option<String>,
}

/// Whether mail to `address` can arrive: accounts without a mailbox (an Open311 client's,
/// an account made by WhatsApp, an erased one) have an address under the reserved `.invalid`
/// domain (RFC 2606), to which nothing is ever sent.
pub fn has_mailbox(address: &str) -> bool {
    !address.trim().to_ascii_lowercase().ends_with(".invalid")
}

/// Writes `email` to the outbox inside the caller's transaction. Ring `AppState::mail_bell`
/// after the commit so that the worker sends it at once. Mail to an address with no mailbox
/// (`has_mailbox`) is not written.
pub async fn enqueue(conn: &impl ConnectionTrait, now: DateTime<Utc>, email: Email) -> Result<(), AppError> {
    if !has_mailbox(&email.to) {
        return Ok(());
    }
    let row = outbox::ActiveModel {
        body_text: Set(email.text),
        body_html: Set(email.html),
        attachment_ics: Set(email.ics),
        unsubscribe_url: Set(email.unsubscribe),
        ..waiting(email.key, email.to, email.subject, outbox::Channel::Email, now)
    };
    insert_once(conn, row).await
}

/// A WhatsApp message waiting in the outbox: to a number, with the Graph API's JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatsAppMessage {
    /// Unique per cause, as an email's key.
    pub key: String,
    /// E.164 digits without the plus.
    pub to: String,
    /// A line for the admin's outbox page (the start of the text, or the template's name).
    pub summary: String,
    /// The body of `POST /{phone-number-id}/messages`.
    pub payload: serde_json::Value,
}

/// Writes a WhatsApp message to the outbox inside the caller's transaction; ring
/// `AppState::whatsapp_out_bell` after the commit.
pub async fn enqueue_whatsapp(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    message: WhatsAppMessage,
) -> Result<(), AppError> {
    let channel = outbox::Channel::WhatsApp;
    enqueue_payload(
        conn,
        now,
        channel,
        message.key,
        message.to,
        message.summary,
        &message.payload,
    )
    .await
}

/// Writes a message whose body is JSON (a WhatsApp message, a push notice) to the outbox,
/// once per key, inside the caller's transaction.
pub async fn enqueue_payload(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    channel: outbox::Channel,
    key: String,
    to: String,
    summary: String,
    payload: &serde_json::Value,
) -> Result<(), AppError> {
    let row = outbox::ActiveModel {
        payload: Set(Some(payload.to_string())),
        ..waiting(key, to, summary, channel, now)
    };
    insert_once(conn, row).await
}

/// A row of `channel` waiting to be sent now, with no body yet.
fn waiting(
    key: String,
    to: String,
    subject: String,
    channel: outbox::Channel,
    now: DateTime<Utc>,
) -> outbox::ActiveModel {
    outbox::ActiveModel {
        idempotency_key: Set(key),
        recipient: Set(to),
        subject: Set(subject),
        body_text: Set(String::new()),
        body_html: Set(String::new()),
        status: Set(outbox::PENDING),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        attachment_ics: Set(None),
        unsubscribe_url: Set(None),
        claimed_by: Set(None),
        channel: Set(channel),
        payload: Set(None),
        external_id: Set(None),
        delivery_status: Set(None),
        ..Default::default()
    }
}

/// Inserts an outbox row unless one with its key is there already.
async fn insert_once(conn: &impl ConnectionTrait, row: outbox::ActiveModel) -> Result<(), AppError> {
    outbox::Entity::insert(row)
        .on_conflict(
            OnConflict::column(outbox::Column::IdempotencyKey)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await
        .or_internal("writing to the outbox")?;
    Ok(())
}

/// Marks the periodic job `name` (a weekly summary, say) as done inside the caller's
/// transaction. True for the one caller that gets there first; every later caller, on any
/// instance, gets false and does nothing.
pub async fn claim_job(conn: &impl ConnectionTrait, name: &str, now: DateTime<Utc>) -> Result<bool, AppError> {
    let inserted = job_run::Entity::insert(job_run::ActiveModel {
        name: Set(name.to_owned()),
        ran_at: Set(now),
    })
    .on_conflict(OnConflict::column(job_run::Column::Name).do_nothing().to_owned())
    .exec_without_returning(conn)
    .await
    .or_internal("claiming a job")?;
    Ok(inserted == 1)
}
