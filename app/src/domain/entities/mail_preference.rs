//! The `mail_preference` table: how one account wants one topic of mail. No row means the
//! topic's default (`mail::Topic::default_delivery`).

use sea_orm::entity::prelude::*;

use crate::model::mail::{Delivery, NoticeChannel, Topic};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_preference")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub topic: Topic,
    /// `instant`, `daily`, `weekly` or `off`.
    pub delivery: Delivery,
    pub updated_at: DateTimeUtc,
    /// Email, WhatsApp or both; `None` until the person chooses (then every way they can be
    /// reached: `NoticeChannel::default_for`).
    pub channel: Option<NoticeChannel>,
    /// Also a push notice, at once, to each device the person turned push on for.
    pub push: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
