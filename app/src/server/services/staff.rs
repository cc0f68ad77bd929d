//! The staff room's overview: how many issues stand where, whether mail is leaving, and how
//! many accounts exist. Refused to residents.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};

use super::{
    super::{
        AppState,
        authz::{check_staff, role_of},
        entities::{outbox, user_account},
        error::OrInternal,
    },
    issues::count_by_status,
};
use crate::model::{AppError, account::Role, staff::StaffOverview};

pub async fn overview(
    state: &AppState,
    viewer: &user_account::Model,
    locale: crate::i18n::Locale,
) -> Result<StaffOverview, AppError> {
    check_staff(viewer)?;
    let db = &state.db;
    let outbox_rows: Vec<(String, i64)> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Status)
        .column_as(outbox::Column::Id.count(), "n")
        .group_by(outbox::Column::Status)
        .into_tuple()
        .all(db)
        .await
        .or_internal("counting mail")?;
    let outbox_count = |status: &str| {
        outbox_rows
            .iter()
            .filter(|(s, _)| s == status)
            .map(|(_, n)| *n)
            .sum::<i64>()
    };
    Ok(StaffOverview {
        issues_by_status: count_by_status(db).await?,
        mail_pending: outbox_count(outbox::PENDING) + outbox_count(outbox::SENDING),
        mail_sent: outbox_count(outbox::SENT),
        mail_failed: outbox_count(outbox::FAILED),
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
            super::admin::opd_choices(db).await?
        } else {
            Vec::new()
        },
        escalated: if role_of(viewer).moderates() {
            super::followups::escalated(db, locale, state.clock.now()).await?
        } else {
            Vec::new()
        },
    })
}
