//! The audit log of staff and admin actions: who (account and role at the time), what (the
//! action and what it named), when, and from which address. Written by the server for every
//! state-changing request such an account makes (`jatinan_server::audit`); read by admins.
//! Append-only: nothing here updates or deletes, and database triggers refuse it anyway.

use std::{collections::HashMap, net::IpAddr};

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use super::super::{
    Clock,
    authz::{check_admin, role_of},
    entities::{audit_log, user_account},
    error::OrInternal,
    time::format_wib,
};
use crate::{
    i18n::Locale,
    model::{
        AppError,
        admin::{AuditPage, AuditRow},
        form::is_secret_field,
    },
};

/// Rows on one page of the log.
pub const PAGE: u64 = 50;
/// Each value kept in the log is cut to this many characters.
const VALUE_MAX: usize = 120;
/// Fields never written to the log besides `is_secret_field`'s: unsubscribe tokens, API
/// keys, TOTP keys, and a form's internal switches.
const SECRET_FIELDS: [&str; 4] = ["confirm_new", "t", "api_key", "secret"];
/// Fields that name what an action is about; they make the `target` column.
const TARGET_FIELDS: [&str; 9] = [
    "id",
    "issue_id",
    "session_id",
    "item_id",
    "follow_up_id",
    "comment_id",
    "target_id",
    "into",
    "email",
];

/// One action, as the server saw it.
pub struct Entry<'a> {
    pub actor: &'a user_account::Model,
    pub action: &'a str,
    /// The form's fields (secrets are left out here).
    pub fields: &'a [(String, String)],
    pub address: Option<IpAddr>,
}

fn cut(value: &str) -> String {
    let value = value.trim();
    match value.char_indices().nth(VALUE_MAX) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_owned(),
    }
}

/// The target and the detail of a form: `id=12`, and `decision=hide; reason=…`.
pub fn describe(fields: &[(String, String)]) -> (String, String) {
    let kept = fields.iter().filter(|(name, _)| {
        !name.starts_with('_') && !is_secret_field(name) && !SECRET_FIELDS.contains(&name.as_str())
    });
    let (target, detail): (Vec<_>, Vec<_>) = kept.partition(|(name, _)| TARGET_FIELDS.contains(&name.as_str()));
    let join = |pairs: Vec<&(String, String)>| {
        pairs
            .into_iter()
            .map(|(name, value)| format!("{name}={}", cut(value)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    (cut(&join(target)), join(detail))
}

/// Appends one action to the log.
pub async fn record(db: &impl ConnectionTrait, clock: &Clock, entry: Entry<'_>) -> Result<(), AppError> {
    let (target, detail) = describe(entry.fields);
    audit_log::ActiveModel {
        at: Set(clock.now()),
        actor_id: Set(entry.actor.id),
        actor_role: Set(role_of(entry.actor)),
        action: Set(cut(entry.action)),
        target: Set(target),
        detail: Set(detail),
        address: Set(entry.address.map(|a| a.to_string())),
        ..Default::default()
    }
    .insert(db)
    .await
    .or_internal("writing the audit log")?;
    Ok(())
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_form_is_told_as_its_target_and_the_rest_without_secrets() {
        let (target, detail) = describe(&fields(&[
            ("id", "12"),
            ("decision", "hide"),
            ("reason", "Menyinggung"),
            ("password", "rahasia sekali"),
            ("t", "token-berhenti-langganan"),
            ("_action", "/api/moderation/decide"),
        ]));
        assert_eq!(target, "id=12");
        assert_eq!(detail, "decision=hide; reason=Menyinggung");
    }

    #[test]
    fn long_values_are_cut() {
        let long = "a".repeat(500);
        let (_, detail) = describe(&fields(&[("body", &long)]));
        assert_eq!(detail.chars().count(), "body=".len() + VALUE_MAX + 1);
    }
}
