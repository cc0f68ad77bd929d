//! The `push_subscription` table: a browser a resident turned push notices on for. The
//! endpoint is the push service's address for that browser; `p256dh` and `auth` (base64url,
//! as the browser gives them) are what each message is encrypted to (RFC 8291).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "push_subscription")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    #[sea_orm(column_type = "Text", unique)]
    pub endpoint: String,
    /// The browser's P-256 public key, uncompressed (65 bytes), base64url.
    pub p256dh: String,
    /// The browser's 16-byte authentication secret, base64url.
    pub auth: String,
    /// What the person sees in their list of devices (the browser and system it named).
    pub label: String,
    pub created_at: DateTimeUtc,
    pub last_sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
