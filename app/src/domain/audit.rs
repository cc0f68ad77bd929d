//! The audit log of staff and admin actions: who (account and role at the time), what (the
//! action and what it named), when, and from which address. Written by the server for every
//! state-changing request such an account makes (`jatinan_server::audit`); read by admins.
//! Append-only: nothing here updates or deletes, and database triggers refuse it anyway.

use crate::{
    domain::{
        Clock,
        entities::{audit_log, user_account},
        error::OrInternal,
        rules::access::role_of,
    },
    model::{AppError, form::is_secret_field},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use std::net::IpAddr;

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
