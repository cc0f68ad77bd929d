//! The `outbox` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// One message per cause: enqueueing the same key twice sends once.
    #[sea_orm(unique)]
    pub idempotency_key: String,
    /// An email address, or for a WhatsApp message the number (E.164 digits).
    pub recipient: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body_text: String,
    #[sea_orm(column_type = "Text")]
    pub body_html: String,
    /// `pending`, `sending`, `sent` or `failed`.
    pub status: OutboxStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub claimed_until: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// An iCalendar file sent along (`invite.ics`).
    #[sea_orm(column_type = "Text", nullable)]
    pub attachment_ics: Option<String>,
    /// The one-click unsubscribe link (RFC 8058) of a message that may be turned off.
    pub unsubscribe_url: Option<String>,
    /// The worker that holds the row while `sending` (for the logs and the admin page).
    pub claimed_by: Option<String>,
    /// How the message leaves: by email, or through WhatsApp's Graph API.
    pub channel: Channel,
    /// A WhatsApp message's body for the Graph API (JSON); `None` for mail.
    #[sea_orm(column_type = "Text", nullable)]
    pub payload: Option<String>,
    /// The id the Graph API gave a WhatsApp message (its `wamid`).
    pub external_id: Option<String>,
    /// The last status Meta reported of a WhatsApp message.
    pub delivery_status: Option<WaStatus>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// Where a message is: waiting (or waiting again after a failure), claimed by a worker,
/// delivered, or given up on. The `status` column's type, so no other value is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum OutboxStatus {
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "sending")]
    Sending,
    #[sea_orm(string_value = "sent")]
    Sent,
    #[sea_orm(string_value = "failed")]
    Failed,
}

impl OutboxStatus {
    /// The stored name, also the `state` label of `/metrics`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }
}

pub const PENDING: OutboxStatus = OutboxStatus::Pending;
pub const SENDING: OutboxStatus = OutboxStatus::Sending;
pub const SENT: OutboxStatus = OutboxStatus::Sent;
pub const FAILED: OutboxStatus = OutboxStatus::Failed;

/// How a message of the outbox leaves. Each channel has its own worker; all claim, retry
/// and record through the same code (`mail::worker`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Channel {
    #[sea_orm(string_value = "email")]
    Email,
    #[sea_orm(string_value = "whatsapp")]
    WhatsApp,
    /// A web push notice; `recipient` is the `push_subscription` id, `payload` its JSON.
    #[sea_orm(string_value = "push")]
    Push,
}

/// What Meta's webhook last said of a WhatsApp message sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum WaStatus {
    #[sea_orm(string_value = "sent")]
    Sent,
    #[sea_orm(string_value = "delivered")]
    Delivered,
    #[sea_orm(string_value = "read")]
    Read,
    #[sea_orm(string_value = "failed")]
    Failed,
}

impl WaStatus {
    /// The webhook's name of a status (`statuses[].status`).
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "sent" => Some(Self::Sent),
            "delivered" => Some(Self::Delivered),
            "read" => Some(Self::Read),
            "failed" => Some(Self::Failed),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sent => "sent",
            Self::Delivered => "delivered",
            Self::Read => "read",
            Self::Failed => "failed",
        }
    }

    /// Statuses arrive out of order: a later one never gives way to an earlier one.
    pub fn rank(self) -> u8 {
        match self {
            Self::Sent => 1,
            Self::Delivered => 2,
            Self::Read => 3,
            Self::Failed => 4,
        }
    }
}
