//! The `opd` table: the regency's departments (Organisasi Perangkat Daerah).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "opd")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub short_name: String,
    /// The OPD's official address, shown with its follow-ups.
    pub email: Option<String>,
    /// The name of the OPD's head (kepala dinas).
    pub head_name: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
