//! The `two_factor` table: the TOTP secret of an account that turned on the second factor.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "two_factor")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    /// Base32, as authenticator apps take it.
    pub secret: String,
    pub enabled_at: DateTimeUtc,
    /// The last 30-second step whose code was accepted; a code is good once.
    pub last_step: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
