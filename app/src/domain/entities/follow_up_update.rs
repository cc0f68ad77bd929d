//! The `follow_up_update` table: the append-only history of one follow-up: accepted,
//! declined, progress, internal notes (staff only), resolved, confirmed, reopened, closed.

use sea_orm::entity::prelude::*;

use crate::model::follow_up::UpdateKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follow_up_update")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub follow_up_id: i32,
    /// Who wrote it; `None` for the system (closed after the resident's silence).
    pub author_id: Option<i32>,
    pub kind: UpdateKind,
    #[sea_orm(column_type = "Text")]
    pub body_md: String,
    #[sea_orm(column_type = "Text")]
    pub body_html: String,
    pub percent: Option<i32>,
    pub cost_rupiah: Option<i64>,
    /// Visible to the secretariat, the admin and the follow-up's own OPD only.
    pub internal: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
