//! The `wa_code` table: a one-time code sent to a WhatsApp number, to sign in with it or to
//! link it to the signed-in account. Only its hash is kept; it works once, for a few
//! minutes, and a few wrong tries end it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wa_code")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub phone: String,
    pub purpose: CodePurpose,
    /// The account that asked to link the number (`Link` only).
    pub user_id: Option<i32>,
    pub code_hash: String,
    pub attempts: i32,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// What a code is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum CodePurpose {
    #[sea_orm(string_value = "sign_in")]
    SignIn,
    #[sea_orm(string_value = "link")]
    Link,
}
