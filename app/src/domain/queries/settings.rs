//! The admin's thresholds as every job and page reads them: one small table read each time,
//! so that a change on any instance counts at once everywhere.

use crate::{
    domain::{Config, entities::setting, error::OrInternal},
    model::{
        AppError,
        settings::{Setting, Thresholds},
    },
};
use sea_orm::{ConnectionTrait, EntityTrait};

/// The defaults before the admin changes anything: the start-up settings give the two
/// deadlines LAPOR! fixes (`FOLLOW_UP_DAYS`, `DISPOSITION_DAYS`).
pub fn defaults(config: &Config) -> Thresholds {
    let mut thresholds = Thresholds::DEFAULT;
    thresholds.set(Setting::FollowUpDays, config.follow_up_days);
    thresholds.set(Setting::DispositionDays, config.disposition_days);
    thresholds
}

/// Every threshold: the admin's value where one is saved, the default elsewhere.
pub async fn thresholds(conn: &impl ConnectionTrait, config: &Config) -> Result<Thresholds, AppError> {
    let mut thresholds = defaults(config);
    for row in setting::Entity::find()
        .all(conn)
        .await
        .or_internal("reading the settings")?
    {
        if let Some(setting) = Setting::from_key(&row.key) {
            thresholds.set(setting, row.value);
        }
    }
    Ok(thresholds)
}
