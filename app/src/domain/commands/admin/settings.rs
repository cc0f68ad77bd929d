//! The admin's thresholds: every value checked against its bounds, then the changed ones
//! saved in one transaction with who changed them (the audit log keeps the request too).

use crate::{
    domain::{
        AppState,
        entities::{setting, user_account},
        error::{OrInternal, write_txn},
        queries::settings::thresholds,
        rules::access::check_admin,
    },
    model::{AppError, error::Problems, settings::Setting},
};
use sea_orm::{ActiveValue::Set, EntityTrait, sea_query::OnConflict};

/// Saves the settings form (`(Setting, typed value)` for each of `Setting::ALL`): all of
/// it, or nothing with a message per refused value. Returns how many values changed.
pub async fn save_settings(
    state: &AppState,
    user: &user_account::Model,
    values: &[(Setting, &str)],
) -> Result<usize, AppError> {
    check_admin(user)?;
    let mut problems = Problems::default();
    let parsed: Vec<(Setting, i32)> = values
        .iter()
        .filter_map(|(setting, raw)| problems.check(setting.key(), setting.parse(raw)).map(|v| (*setting, v)))
        .collect();
    problems.into_result()?;
    let txn = write_txn(&state.db).await?;
    let current = thresholds(&txn, &state.config).await?;
    let changed: Vec<_> = parsed.into_iter().filter(|(s, v)| current.get(*s) != *v).collect();
    let now = state.clock.now();
    for (setting, value) in &changed {
        setting::Entity::insert(setting::ActiveModel {
            key: Set(setting.key().to_owned()),
            value: Set(*value),
            changed_at: Set(now),
            changed_by: Set(Some(user.id)),
        })
        .on_conflict(
            OnConflict::column(setting::Column::Key)
                .update_columns([
                    setting::Column::Value,
                    setting::Column::ChangedAt,
                    setting::Column::ChangedBy,
                ])
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await
        .or_internal("saving a setting")?;
    }
    txn.commit().await.or_internal("committing the settings")?;
    // The scorecard this instance keeps ranks by the old minimum: computed again on the
    // next read.
    if changed.iter().any(|(s, _)| *s == Setting::ScoreMinResolved) {
        state.scorecard.lock().await.card = None;
    }
    Ok(changed.len())
}
