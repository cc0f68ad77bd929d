//! A session's registrants for the secretariat (`/sessions/{id}/registrants`): name,
//! village and kecamatan of each person confirmed or waiting, and on the day, who came.

use crate::{
    domain::{
        entities::{region, session_registration, user_account},
        error::OrInternal,
        queries::{
            sessions::{find, region_names},
            time::wib_day,
        },
        rules::access::check_secretariat,
        views::sessions::summary,
    },
    i18n::Locale,
    model::{
        AppError,
        session::{RegistrantRow, Registrants, RegistrationStatus, SessionStatus},
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Whether attendance may be marked: on the session's day or later, unless cancelled.
pub(crate) fn day_has_come(starts_at: DateTime<Utc>, status: SessionStatus, now: DateTime<Utc>) -> bool {
    status != SessionStatus::Cancelled && wib_day(now) >= wib_day(starts_at)
}

/// The registrants of session `id`, confirmed first. Secretariat (and admin) only.
pub async fn registrants(
    db: &DatabaseConnection,
    user: &user_account::Model,
    id: i32,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Registrants, AppError> {
    check_secretariat(user)?;
    let session = find(db, id).await?;
    let names = region_names(db, std::slice::from_ref(&session)).await?;
    let registrations = session_registration::Entity::find()
        .filter(session_registration::Column::SessionId.eq(id))
        .order_by_asc(session_registration::Column::Id)
        .all(db)
        .await
        .or_internal("reading registrations")?;
    let people: HashMap<i32, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(registrations.iter().map(|r| r.user_id)))
        .all(db)
        .await
        .or_internal("reading registrants")?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let villages = region::Entity::find()
        .filter(region::Column::Id.is_in(registrations.iter().filter_map(|r| r.desa_id)))
        .all(db)
        .await
        .or_internal("reading villages")?;
    let parents: HashMap<String, String> = region::Entity::find()
        .filter(region::Column::Code.is_in(villages.iter().filter_map(|v| v.parent_code.clone())))
        .all(db)
        .await
        .or_internal("reading kecamatan")?
        .into_iter()
        .map(|k| (k.code, k.name))
        .collect();
    let place: HashMap<i32, (String, String)> = villages
        .into_iter()
        .map(|v| {
            let kecamatan = v
                .parent_code
                .as_ref()
                .and_then(|c| parents.get(c).cloned())
                .unwrap_or_default();
            (v.id, (v.name, kecamatan))
        })
        .collect();
    let mut rows: Vec<RegistrantRow> = registrations
        .into_iter()
        .map(|r| {
            let (desa, kecamatan) = r.desa_id.and_then(|d| place.get(&d).cloned()).unwrap_or_default();
            RegistrantRow {
                id: r.id,
                name: people.get(&r.user_id).cloned().unwrap_or_default(),
                desa,
                kecamatan,
                status: r.status,
                attended: r.attended,
            }
        })
        .collect();
    // Stable: each group keeps the order of registration.
    rows.sort_by_key(|r| r.status != RegistrationStatus::Confirmed);
    Ok(Registrants {
        summary: summary(&session, &names, locale),
        present: rows.iter().filter(|r| r.attended).count(),
        may_mark: day_has_come(session.starts_at, session.status, now),
        rows,
    })
}
