//! The `wa_contact` table: a number that wrote to the regency's WhatsApp number, the
//! account it became (if it reported, supported or followed), whether it may be written to,
//! and the conversation it is in.

use sea_orm::entity::prelude::*;

use crate::i18n::Locale;
use crate::model::whatsapp::Step;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wa_contact")]
pub struct Model {
    /// E.164 digits without the plus.
    #[sea_orm(primary_key, auto_increment = false)]
    pub phone: String,
    #[sea_orm(unique)]
    pub user_id: Option<i32>,
    /// The name of the number's WhatsApp profile.
    pub name: String,
    pub locale: Locale,
    /// The resident's last message: plain text may be sent for 24 hours after it.
    pub last_inbound_at: Option<DateTimeUtc>,
    /// "berhenti": nothing more is sent until "mulai".
    pub stopped_at: Option<DateTimeUtc>,
    /// Blocked by staff: its messages are dropped unread.
    pub blocked_at: Option<DateTimeUtc>,
    pub blocked_by: Option<i32>,
    /// The question the conversation waits on; `None` when idle.
    pub step: Option<Step>,
    /// What was given so far (`model::whatsapp::Draft` as JSON).
    #[sea_orm(column_type = "Text", nullable)]
    pub draft: Option<String>,
    /// When the conversation last moved (it expires a day later).
    pub step_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// A number seen for the first time: idle, not stopped, not blocked.
pub fn fresh(
    phone: String,
    user_id: Option<i32>,
    name: String,
    locale: Locale,
    last_inbound_at: Option<DateTimeUtc>,
    now: DateTimeUtc,
) -> ActiveModel {
    use sea_orm::ActiveValue::Set;
    ActiveModel {
        phone: Set(phone),
        user_id: Set(user_id),
        name: Set(name),
        locale: Set(locale),
        last_inbound_at: Set(last_inbound_at),
        stopped_at: Set(None),
        blocked_at: Set(None),
        blocked_by: Set(None),
        step: Set(None),
        draft: Set(None),
        step_at: Set(None),
        created_at: Set(now),
    }
}
