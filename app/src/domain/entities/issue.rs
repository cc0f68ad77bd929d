//! The `issue` table.

use sea_orm::entity::prelude::*;

use crate::model::issue::{IssueStatus, Privacy};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "issue")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body_md: String,
    /// `body_md` rendered and cleaned by the one ammonia policy when written.
    #[sea_orm(column_type = "Text")]
    pub body_html: String,
    pub category_id: i32,
    pub kecamatan_id: i32,
    pub desa_id: i32,
    pub author_id: i32,
    pub status: IssueStatus,
    pub privacy: Privacy,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Kept equal to the rows of `issue_support` by the service that writes both.
    pub support_count: i32,
    /// Comments that are not deleted.
    pub comment_count: i32,
    /// For assisted intake: the resident an operator posted for (staff only).
    pub on_behalf_name: Option<String>,
    pub on_behalf_phone: Option<String>,
    /// Where it is, in words and optionally as WGS84 coordinates.
    pub address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Set while moderation hides the issue (three flags, or the secretariat).
    pub hidden_at: Option<DateTimeUtc>,
    /// Flags not yet resolved by the secretariat.
    pub flag_count: i32,
    /// For status `merged`: the issue this one duplicated.
    pub merged_into_id: Option<i32>,
    /// For status `rejected`: why, as the secretariat wrote it (the author sees it).
    #[sea_orm(column_type = "Text", nullable)]
    pub decision_reason: Option<String>,
    /// A link to media sent by an Open311 client (`media_url`), shown as a link, never
    /// embedded.
    pub media_url: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
