//! What the desks of issue 20 keep: a category whose issues go straight to its default OPD
//! (seeded for e-Sakti death benefits, which Dinas Sosial handles), an agenda item raised
//! from the floor on the day, and a registrant's village and attendance.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [(&str, &str); 4] = [
    ("category", "direct_to_opd"),
    ("agenda_item", "from_floor"),
    ("session_registration", "desa_id"),
    ("session_registration", "attended"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in COLUMNS {
            let definition = if column == "desa_id" {
                integer_null(column)
            } else {
                boolean(column).default(false).to_owned()
            };
            m.alter_table(Table::alter().table(table).add_column(definition).to_owned())
                .await?;
        }
        // A database seeded before this migration gets the routing the seed now writes.
        m.exec_stmt(
            Query::update()
                .table("category")
                .value("direct_to_opd", true)
                .and_where(Expr::col("slug").eq("santunan-kematian"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in COLUMNS.iter().rev() {
            m.alter_table(Table::alter().table(*table).drop_column(*column).to_owned())
                .await?;
        }
        Ok(())
    }
}
