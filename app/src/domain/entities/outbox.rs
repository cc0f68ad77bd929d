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
    pub to_email: String,
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
