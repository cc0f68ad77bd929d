//! The audit log as the admin reads it, page by page.

use crate::{
    domain::{
        entities::{audit_log, user_account},
        error::OrInternal,
        queries::time::format_wib,
        rules::access::check_admin,
    },
    i18n::Locale,
    model::{
        AppError,
        admin::{AuditPage, AuditRow},
    },
};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// Rows on one page of the log.
pub const PAGE: u64 = 50;

/// A page of the log for the admin, newest first, optionally only rows whose account,
/// action or target contains `q`, and only rows older than `before`.
pub async fn page(
    db: &DatabaseConnection,
    viewer: &user_account::Model,
    q: &str,
    before: Option<i32>,
    locale: Locale,
) -> Result<AuditPage, AppError> {
    check_admin(viewer)?;
    let mut select = audit_log::Entity::find().order_by_desc(audit_log::Column::Id);
    if let Some(before) = before {
        select = select.filter(audit_log::Column::Id.lt(before));
    }
    let q = q.trim();
    if !q.is_empty() {
        let like = format!("%{}%", q.to_lowercase());
        let accounts: Vec<i32> = user_account::Entity::find()
            .select_only()
            .column(user_account::Column::Id)
            .filter(
                Condition::any()
                    .add(user_account::Column::Email.like(like.clone()))
                    .add(user_account::Column::Name.like(format!("%{q}%"))),
            )
            .into_tuple()
            .all(db)
            .await
            .or_internal("finding accounts for the audit log")?;
        select = select.filter(
            Condition::any()
                .add(audit_log::Column::ActorId.is_in(accounts))
                .add(audit_log::Column::Action.like(like.clone()))
                .add(audit_log::Column::Target.like(like)),
        );
    }
    let mut rows = select
        .limit(PAGE + 1)
        .all(db)
        .await
        .or_internal("reading the audit log")?;
    let more = rows.len() as u64 > PAGE;
    rows.truncate(PAGE as usize);
    let ids: Vec<i32> = rows.iter().map(|r| r.actor_id).collect();
    let actors: HashMap<i32, (String, String)> = user_account::Entity::find()
        .select_only()
        .columns([
            user_account::Column::Id,
            user_account::Column::Name,
            user_account::Column::Email,
        ])
        .filter(user_account::Column::Id.is_in(ids))
        .into_tuple::<(i32, String, String)>()
        .all(db)
        .await
        .or_internal("reading the audit log's accounts")?
        .into_iter()
        .map(|(id, name, email)| (id, (name, email)))
        .collect();
    let older = rows.last().filter(|_| more).map(|r| r.id);
    Ok(AuditPage {
        rows: rows
            .into_iter()
            .map(|r| {
                let (name, email) = actors.get(&r.actor_id).cloned().unwrap_or_default();
                AuditRow {
                    id: r.id,
                    at_wib: format_wib(r.at, locale),
                    actor: name,
                    actor_email: email,
                    role: r.actor_role.as_str().to_owned(),
                    action: r.action,
                    target: r.target,
                    detail: r.detail,
                    address: r.address.unwrap_or_default(),
                }
            })
            .collect(),
        older,
    })
}
