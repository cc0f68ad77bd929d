//! The `category` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "category")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub name_id: String,
    pub name_en: String,
    /// The OPD that usually acts on issues of this category.
    pub opd_id: Option<i32>,
    /// Its issues go straight to that OPD on publication, past the secretariat's inbox.
    pub direct_to_opd: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
