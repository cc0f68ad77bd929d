//! The `email_token` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_token")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub user_id: i32,
    pub purpose: TokenPurpose,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    /// The address an `AddEmail` token confirms (it becomes the account's when opened).
    pub new_email: Option<String>,
}

/// What a one-time token in an email is for (stored as `verify`, `reset` or `add_email`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum TokenPurpose {
    /// Confirms the email address of a new account.
    #[sea_orm(string_value = "verify")]
    Verify,
    /// Sets a new password.
    #[sea_orm(string_value = "reset")]
    Reset,
    /// Gives an account without a mailbox (made by WhatsApp) the address it confirms.
    #[sea_orm(string_value = "add_email")]
    AddEmail,
}

impl TokenPurpose {
    /// The stored name, also the prefix of the mail's outbox key.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Verify => "verify",
            Self::Reset => "reset",
            Self::AddEmail => "add_email",
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
