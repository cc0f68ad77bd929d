//! The staff room's overview: how many issues stand where, whether mail is leaving, and how
//! many accounts exist. Refused to residents.

use crate::{
    domain::{
        AppState,
        entities::{outbox, user_account},
        error::OrInternal,
        mail::OutboxCounts,
        rules::access::{check_staff, role_of},
        views::issues::count_by_status,
    },
    model::{AppError, account::Role, staff::StaffOverview},
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

pub async fn overview(
    state: &AppState,
    viewer: &user_account::Model,
    locale: crate::i18n::Locale,
) -> Result<StaffOverview, AppError> {
    check_staff(viewer)?;
    let db = &state.db;
    let outbox = OutboxCounts::read(db).await?;
    let thresholds = crate::domain::queries::settings::thresholds(db, &state.config).await?;
    Ok(StaffOverview {
        escalate_after_days: thresholds.escalate_after_days,
        issues_by_status: count_by_status(db).await?,
        mail_pending: outbox.of(outbox::PENDING) + outbox.of(outbox::SENDING),
        mail_sent: outbox.of(outbox::SENT),
        mail_failed: outbox.of(outbox::FAILED),
        accounts: user_account::Entity::find()
            .count(db)
            .await
            .or_internal("counting accounts")?,
        unverified: user_account::Entity::find()
            .filter(user_account::Column::EmailVerifiedAt.is_null())
            .count(db)
            .await
            .or_internal("counting accounts")?,
        sees_escalation: role_of(viewer).moderates(),
        can_export: role_of(viewer).moderates() || role_of(viewer) == Role::OpdOfficer,
        export_opds: if role_of(viewer).moderates() {
            crate::domain::queries::opds::opd_choices(db).await?
        } else {
            Vec::new()
        },
        escalated: if role_of(viewer).moderates() {
            crate::domain::views::follow_ups::escalated(db, locale, state.clock.now(), &thresholds).await?
        } else {
            Vec::new()
        },
    })
}
