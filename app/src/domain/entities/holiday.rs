//! The `holiday` table.

use sea_orm::entity::prelude::*;

use crate::model::admin::HolidayKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "holiday")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub day: Date,
    /// `libur_nasional` or `cuti_bersama`.
    pub kind: HolidayKind,
    pub description: String,
    /// Published ahead with estimated dates; an import of its year replaces it.
    pub provisional: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
