//! The `issue_photo` table: which stored photo (by content hash) belongs to which issue.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "issue_photo")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub issue_id: i32,
    pub position: i16,
    /// SHA-256 of the re-encoded JPEG, in hex: its file name under `DATA_DIR/photos`.
    pub hash: String,
    pub width: i32,
    pub height: i32,
    pub created_at: DateTimeUtc,
    /// Evidence of an OPD's progress: the follow-up update it belongs to. `None` for the
    /// photos the resident posted with the issue.
    pub follow_up_update_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
