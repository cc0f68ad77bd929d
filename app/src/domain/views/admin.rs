//! What the admin pages read: categories, OPDs, API keys, regions, holidays, the outbox,
//! accounts and the thresholds. Admin only.

use crate::{
    domain::{
        Config,
        entities::{api_key, category, holiday, issue, mail_suppression, opd, outbox, region, setting, user_account},
        error::OrInternal,
        queries::{
            holidays::coverage,
            settings::{defaults as settings_defaults, thresholds},
            time::{format_wib, wib_day},
        },
        rules::access::{check_admin, role_of},
    },
    i18n::Locale,
    model::{
        AppError,
        admin::{
            AdminAccount, AdminAccounts, AdminApiKey, AdminApiKeys, AdminCategories, AdminCategory, AdminHoliday,
            AdminHolidays, AdminKecamatan, AdminOpd, AdminOutbox, AdminRegion, OutboxRow, RegionKind,
            SuppressedAddress,
        },
        settings::{Setting, SettingRow},
    },
};
use chrono::{DateTime, Datelike, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Func},
};
use std::collections::HashMap;

pub async fn categories(db: &DatabaseConnection, user: &user_account::Model) -> Result<AdminCategories, AppError> {
    check_admin(user)?;
    let counts: HashMap<i32, i64> = issue::Entity::find()
        .select_only()
        .column(issue::Column::CategoryId)
        .column_as(issue::Column::Id.count(), "n")
        .group_by(issue::Column::CategoryId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await
        .or_internal("counting issues per category")?
        .into_iter()
        .collect();
    let categories = category::Entity::find()
        .order_by_asc(category::Column::NameId)
        .all(db)
        .await
        .or_internal("reading categories")?
        .into_iter()
        .map(|c| AdminCategory {
            issues: counts.get(&c.id).copied().unwrap_or_default() as u64,
            id: c.id,
            slug: c.slug,
            name_id: c.name_id,
            name_en: c.name_en,
            opd_id: c.opd_id,
            direct_to_opd: c.direct_to_opd,
        })
        .collect();
    Ok(AdminCategories {
        categories,
        opds: crate::domain::queries::opds::opd_choices(db).await?,
    })
}

/// Every OPD with its officers counted.
pub async fn opds(db: &DatabaseConnection, user: &user_account::Model) -> Result<Vec<AdminOpd>, AppError> {
    check_admin(user)?;
    let officers: HashMap<i32, i64> = user_account::Entity::find()
        .select_only()
        .column(user_account::Column::OpdId)
        .column_as(user_account::Column::Id.count(), "n")
        .filter(user_account::Column::OpdId.is_not_null())
        .group_by(user_account::Column::OpdId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await
        .or_internal("counting officers")?
        .into_iter()
        .collect();
    Ok(opd::Entity::find()
        .order_by_asc(opd::Column::ShortName)
        .all(db)
        .await
        .or_internal("reading OPDs")?
        .into_iter()
        .map(|o| AdminOpd {
            officers: officers.get(&o.id).copied().unwrap_or_default() as u64,
            code: o.code,
            name: o.name,
            short_name: o.short_name,
            email: o.email,
            head_name: o.head_name,
        })
        .collect())
}

/// The Open311 clients' keys, newest first; `issued` is a key just made (see
/// `issue_api_key`), to show once.
pub async fn api_keys(
    db: &DatabaseConnection,
    user: &user_account::Model,
    locale: Locale,
    issued: Option<String>,
) -> Result<AdminApiKeys, AppError> {
    check_admin(user)?;
    let keys = api_key::Entity::find()
        .order_by_desc(api_key::Column::Id)
        .all(db)
        .await
        .or_internal("reading API keys")?;
    let accounts: Vec<i32> = keys.iter().map(|k| k.user_id).collect();
    let posted: HashMap<i32, i64> = issue::Entity::find()
        .select_only()
        .column(issue::Column::AuthorId)
        .column_as(issue::Column::Id.count(), "n")
        .filter(issue::Column::AuthorId.is_in(accounts))
        .group_by(issue::Column::AuthorId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await
        .or_internal("counting a client's issues")?
        .into_iter()
        .collect();
    let wib = |at| format_wib(at, locale);
    Ok(AdminApiKeys {
        keys: keys
            .into_iter()
            .map(|k| AdminApiKey {
                id: k.id,
                issues: posted.get(&k.user_id).copied().unwrap_or_default() as u64,
                name: k.name,
                prefix: k.prefix,
                created_wib: wib(k.created_at),
                last_used_wib: k.last_used_at.map(wib),
                revoked_wib: k.revoked_at.map(wib),
            })
            .collect(),
        issued,
    })
}

pub async fn regions(db: &DatabaseConnection, user: &user_account::Model) -> Result<Vec<AdminKecamatan>, AppError> {
    check_admin(user)?;
    let all = region::Entity::find()
        .order_by_asc(region::Column::Code)
        .all(db)
        .await
        .or_internal("reading regions")?;
    let mut villages: HashMap<String, Vec<AdminRegion>> = HashMap::new();
    for r in all.iter().filter(|r| r.kind != RegionKind::Kecamatan) {
        villages
            .entry(r.parent_code.clone().unwrap_or_default())
            .or_default()
            .push(AdminRegion {
                code: r.code.clone(),
                kind: r.kind.as_str().to_owned(),
                name: r.name.clone(),
            });
    }
    Ok(all
        .into_iter()
        .filter(|r| r.kind == RegionKind::Kecamatan)
        .map(|k| AdminKecamatan {
            villages: villages.remove(&k.code).unwrap_or_default(),
            code: k.code,
            name: k.name,
        })
        .collect())
}

pub async fn holidays(
    db: &DatabaseConnection,
    user: &user_account::Model,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<AdminHolidays, AppError> {
    check_admin(user)?;
    let days = holiday::Entity::find()
        .order_by_asc(holiday::Column::Day)
        .all(db)
        .await
        .or_internal("reading holidays")?
        .into_iter()
        .map(|h| AdminHoliday {
            id: h.id,
            day: h.day.format("%Y-%m-%d").to_string(),
            kind: h.kind.as_str().to_owned(),
            description: h.description,
            provisional: h.provisional,
        })
        .collect();
    let (last_year, provisional_years) = coverage(db).await?;
    let next = wib_day(now).year() + 1;
    Ok(AdminHolidays {
        days,
        last_year,
        provisional_years,
        missing_year: last_year.is_none_or(|last| last < next).then_some(next),
        clashes: super::sessions::on_holidays(db, locale, now).await?,
    })
}

/// The outbox by status, failed messages first, then the latest 50.
pub async fn outbox(
    db: &DatabaseConnection,
    user: &user_account::Model,
    locale: crate::i18n::Locale,
) -> Result<AdminOutbox, AppError> {
    check_admin(user)?;
    let count = |status: outbox::OutboxStatus| {
        outbox::Entity::find()
            .filter(outbox::Column::Status.eq(status))
            .count(db)
    };
    let (pending, sent, failed) = (
        count(outbox::PENDING).await.or_internal("counting mail")?
            + count(outbox::SENDING).await.or_internal("counting mail")?,
        count(outbox::SENT).await.or_internal("counting mail")?,
        count(outbox::FAILED).await.or_internal("counting mail")?,
    );
    let failed_rows = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(outbox::FAILED))
        .order_by_desc(outbox::Column::Id)
        .limit(50)
        .all(db)
        .await
        .or_internal("reading failed mail")?;
    let latest = outbox::Entity::find()
        .filter(outbox::Column::Status.ne(outbox::FAILED))
        .order_by_desc(outbox::Column::Id)
        .limit(50)
        .all(db)
        .await
        .or_internal("reading mail")?;
    Ok(AdminOutbox {
        pending,
        sent,
        failed,
        rows: failed_rows
            .into_iter()
            .chain(latest)
            .map(|r| OutboxRow {
                id: r.id,
                // A push row's recipient is a device, not an address.
                to: match r.channel {
                    outbox::Channel::Push => format!("push #{}", r.recipient),
                    _ => r.recipient,
                },
                subject: r.subject,
                status: r.status.as_str().to_owned(),
                attempts: r.attempts,
                last_error: r.last_error,
                created_wib: crate::domain::queries::time::format_wib(r.created_at, locale),
            })
            .collect(),
        suppressed: mail_suppression::Entity::find()
            // Open311 clients' own accounts have no mailbox by design (see `issue_api_key`).
            .filter(mail_suppression::Column::Email.not_like("%@clients.invalid"))
            .filter(mail_suppression::Column::SuppressedAt.is_not_null())
            .order_by_desc(mail_suppression::Column::UpdatedAt)
            .all(db)
            .await
            .or_internal("reading suppressed addresses")?
            .into_iter()
            .map(|s| SuppressedAddress {
                since_wib: crate::domain::queries::time::format_wib(s.suppressed_at.unwrap_or(s.updated_at), locale),
                email: s.email,
                refusals: s.permanent_failures,
                last_error: s.last_error,
            })
            .collect(),
    })
}

/// Accounts, 50 at a time after `after`, optionally matching a name or email.
pub async fn accounts(
    db: &DatabaseConnection,
    user: &user_account::Model,
    q: &str,
    after: Option<i32>,
) -> Result<AdminAccounts, AppError> {
    check_admin(user)?;
    const PAGE: u64 = 50;
    let mut select = user_account::Entity::find().order_by_asc(user_account::Column::Id);
    let q = q.trim().to_lowercase();
    if !q.is_empty() {
        let pattern = format!("%{}%", q.replace(['%', '_'], ""));
        select = select.filter(
            Condition::any()
                .add(Expr::expr(Func::lower(Expr::col(user_account::Column::Name))).like(pattern.clone()))
                .add(user_account::Column::Email.like(pattern)),
        );
    }
    if let Some(after) = after {
        select = select.filter(user_account::Column::Id.gt(after));
    }
    let mut rows = select.limit(PAGE + 1).all(db).await.or_internal("reading accounts")?;
    let more = rows.len() as u64 > PAGE;
    rows.truncate(PAGE as usize);
    Ok(AdminAccounts {
        next: rows.last().filter(|_| more).map(|u| u.id),
        accounts: rows
            .into_iter()
            .map(|u| AdminAccount {
                role: role_of(&u),
                verified: u.email_verified_at.is_some(),
                disabled: u.disabled_at.is_some(),
                id: u.id,
                name: u.name,
                email: u.email,
                opd_id: u.opd_id,
            })
            .collect(),
        opds: crate::domain::queries::opds::opd_choices(db).await?,
    })
}

/// The thresholds, each with its default and who changed it last.
pub async fn settings(
    db: &DatabaseConnection,
    config: &Config,
    user: &user_account::Model,
    locale: Locale,
) -> Result<Vec<SettingRow>, AppError> {
    check_admin(user)?;
    let current = thresholds(db, config).await?;
    let defaults = settings_defaults(config);
    let rows = setting::Entity::find()
        .all(db)
        .await
        .or_internal("reading the settings")?;
    let names: HashMap<i32, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(rows.iter().filter_map(|r| r.changed_by)))
        .all(db)
        .await
        .or_internal("reading who changed the settings")?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    Ok(Setting::ALL
        .into_iter()
        .map(|setting| SettingRow {
            setting,
            value: current.get(setting),
            default: defaults.get(setting),
            changed: rows.iter().find(|r| r.key == setting.key()).map(|r| {
                let by = r.changed_by.and_then(|id| names.get(&id).cloned()).unwrap_or_default();
                (format_wib(r.changed_at, locale), by)
            }),
        })
        .collect())
}
