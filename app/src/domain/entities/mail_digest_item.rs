//! The `mail_digest_item` table: a notice waiting to go out inside a digest (daily or
//! weekly) or inside one coalesced message (`soon`: comments on one issue within minutes).

use sea_orm::entity::prelude::*;

use crate::model::mail::{Delivery, Topic};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_digest_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The notice's key: queueing the same notice twice keeps one.
    #[sea_orm(unique)]
    pub notice_key: String,
    pub user_id: i32,
    pub topic: Topic,
    pub cadence: Cadence,
    /// Notices of one group (one issue) share a coalesced message.
    pub group_key: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    pub link: String,
    pub created_at: DateTimeUtc,
    /// The outbox key of the message that carried it; `None` while it waits.
    pub sent_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// When a waiting notice goes out: coalesced with others of its group within minutes, or
/// in the daily or weekly digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Cadence {
    #[sea_orm(string_value = "soon")]
    Soon,
    #[sea_orm(string_value = "daily")]
    Daily,
    #[sea_orm(string_value = "weekly")]
    Weekly,
}

impl Cadence {
    /// The digest a delivery choice waits for (`None` for instant and off).
    pub fn digest(delivery: Delivery) -> Option<Self> {
        match delivery {
            Delivery::Daily => Some(Self::Daily),
            Delivery::Weekly => Some(Self::Weekly),
            Delivery::Instant | Delivery::Off => None,
        }
    }
}
