//! The `mail_suppression` table: permanent refusals (SMTP 5xx) per address. After
//! `mail::worker::SUPPRESS_AFTER` of them the address gets no more mail until an admin
//! allows it again.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_suppression")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub email: String,
    pub permanent_failures: i32,
    #[sea_orm(column_type = "Text")]
    pub last_error: String,
    pub updated_at: DateTimeUtc,
    pub suppressed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
