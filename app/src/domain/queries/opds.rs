//! The regency's OPDs as other services read them: the choices of a form (assignment,
//! accounts, the outcome of a session) and their names by id (lists, exports, the
//! scorecard, Open311). Writing them is the admin's (`admin`).

use crate::{
    domain::{entities::opd, error::OrInternal},
    model::{AppError, admin::OpdChoice},
};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};
use std::collections::HashMap;

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

/// Every OPD's short name by id (agendas and minutes name OPDs so).
pub async fn opd_short_names(conn: &impl ConnectionTrait) -> Result<HashMap<i32, String>, AppError> {
    Ok(opd::Entity::find()
        .all(conn)
        .await
        .or_internal("reading OPDs")?
        .into_iter()
        .map(|o| (o.id, o.short_name))
        .collect())
}
