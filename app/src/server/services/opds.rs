//! The regency's OPDs as other services read them: the choices of a form (assignment,
//! accounts, the outcome of a session) and their names by id (lists, exports, the
//! scorecard, Open311). Writing them is the admin's (`admin`).

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::{
    model::{AppError, admin::OpdChoice},
    server::{entities::opd, error::OrInternal},
};

/// Every OPD as a form offers it, by short name.
pub async fn opd_choices(db: &impl ConnectionTrait) -> Result<Vec<OpdChoice>, AppError> {
    Ok(opd::Entity::find()
        .order_by_asc(opd::Column::ShortName)
        .all(db)
        .await
        .or_internal("reading OPDs")?
        .into_iter()
        .map(|o| OpdChoice {
            id: o.id,
            code: o.code,
            short_name: o.short_name,
        })
        .collect())
}

/// Every OPD's full name by id.
pub async fn opd_names(conn: &impl ConnectionTrait) -> Result<HashMap<i32, String>, AppError> {
    Ok(opd::Entity::find()
        .all(conn)
        .await
        .or_internal("reading OPDs")?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}
