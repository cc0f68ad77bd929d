//! WhatsApp messages for the outbox: their bodies (the Graph API's JSON: plain text inside
//! the 24-hour window after a resident's last message, an interactive list where WhatsApp's
//! limits allow, an approved template outside the window), and a notice sent that way.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};

use crate::domain::{
    Config,
    entities::{user_account, wa_contact},
    error::OrInternal,
    mail::{WhatsAppMessage, enqueue_whatsapp},
};
use crate::model::{
    AppError,
    whatsapp::{Draft, Step},
};

/// How long after a resident's last message WhatsApp lets a business write freely.
pub const WINDOW: TimeDelta = TimeDelta::hours(24);

/// The key prefix of the one message sent after "berhenti": it confirms the stop.
pub const STOP_KEY: &str = "wa-stop:";

/// The body of `/messages` for one message of `kind` to `to`, its content under `kind`.
fn envelope(to: &str, kind: &str, content: Value) -> Value {
    let mut message = json!({
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": kind,
    });
    message[kind] = content;
    message
}

/// A text message; WhatsApp's limit is 4,096 characters.
pub fn text(to: &str, body: &str) -> Value {
    let body: String = body.chars().take(4096).collect();
    envelope(to, "text", json!({"preview_url": false, "body": body}))
}

/// A template with its components (an approved template's name and language).
fn template_of(to: &str, name: &str, language: &str, components: Value) -> Value {
    envelope(
        to,
        "template",
        json!({"name": name, "language": {"code": language}, "components": components}),
    )
}

/// Interactive lists hold at most ten rows of 24 characters each.
pub const LIST_ROWS_MAX: usize = 10;
pub const LIST_TITLE_MAX: usize = 24;

/// A list to choose from (`interactive.list`): each row's id is `n:<its number>`, so a
/// choice reads like the number typed. `None` when the rows do not fit WhatsApp's limits
/// (then the numbered text is sent instead).
pub fn list(to: &str, body: &str, button: &str, rows: &[String]) -> Option<Value> {
    if rows.is_empty() || rows.len() > LIST_ROWS_MAX || rows.iter().any(|r| r.chars().count() > LIST_TITLE_MAX) {
        return None;
    }
    let rows: Vec<Value> = rows
        .iter()
        .enumerate()
        .map(|(i, title)| json!({"id": format!("n:{}", i + 1), "title": title}))
        .collect();
    Some(envelope(
        to,
        "interactive",
        json!({
            "type": "list",
            "body": {"text": body.chars().take(1024).collect::<String>()},
            "action": {"button": button, "sections": [{"title": button, "rows": rows}]},
        }),
    ))
}

/// An approved template with its body's parameters, for a notice outside the window.
pub fn template(to: &str, name: &str, language: &str, parameters: &[&str]) -> Value {
    let parameters: Vec<Value> = parameters
        .iter()
        .map(|p| json!({"type": "text", "text": p.chars().take(1024).collect::<String>()}))
        .collect();
    template_of(to, name, language, json!([{"type": "body", "parameters": parameters}]))
}

/// An approved authentication template carrying a one-time code (in its body and in its
/// copy-code button, as Meta's authentication templates take it).
pub fn code_template(to: &str, name: &str, language: &str, code: &str) -> Value {
    let parameter = json!([{"type": "text", "text": code}]);
    template_of(
        to,
        name,
        language,
        json!([
            {"type": "body", "parameters": parameter},
            {"type": "button", "sub_type": "url", "index": "0", "parameters": parameter},
        ]),
    )
}

/// A message for the outbox; its summary (on the admin's outbox page) is the start of its text.
pub fn message(key: String, to: &str, payload: Value) -> WhatsAppMessage {
    let text = payload["text"]["body"]
        .as_str()
        .or_else(|| payload["interactive"]["body"]["text"].as_str())
        .or_else(|| payload["template"]["name"].as_str())
        .unwrap_or_default();
    WhatsAppMessage {
        key,
        to: to.to_owned(),
        summary: format!("WhatsApp: {}", text.chars().take(80).collect::<String>()),
        payload,
    }
}

/// Whether plain text may go to a number whose last message came at `last_inbound`.
pub fn in_window(last_inbound: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last_inbound.is_some_and(|at| now - at < WINDOW)
}

/// The WhatsApp number `user_id` may be written to: linked to the account, not stopped by
/// the resident nor blocked by staff, and only while the channel is on.
pub async fn reachable_number(
    conn: &impl ConnectionTrait,
    config: &Config,
    user_id: i32,
) -> Result<Option<wa_contact::Model>, AppError> {
    if config.whatsapp.is_none() {
        return Ok(None);
    }
    Ok(wa_contact::Entity::find()
        .filter(wa_contact::Column::UserId.eq(user_id))
        .one(conn)
        .await
        .or_internal("reading a WhatsApp contact")?
        .filter(|c| c.stopped_at.is_none() && c.blocked_at.is_none()))
}

/// A notice (keyed `key`) on WhatsApp: its subject and link as text inside the 24-hour window, else the
/// approved notice template with the same two parameters. A resolution asks for "1" or
/// "2", which the conversation then waits for (unless the resident is in the middle of a
/// report).
#[allow(
    clippy::too_many_arguments,
    reason = "one argument per notice part; a struct would only rename them"
)]
pub async fn notice(
    conn: &impl ConnectionTrait,
    config: &Config,
    now: DateTime<Utc>,
    to: &user_account::Model,
    contact: wa_contact::Model,
    key: &str,
    (subject, link): (&str, &str),
    asks_resolution: Option<(i32, i32)>,
) -> Result<(), AppError> {
    let Some(settings) = &config.whatsapp else {
        return Ok(());
    };
    let t = to.locale.texts();
    let ask = asks_resolution.filter(|_| contact.step.is_none());
    let payload = if in_window(contact.last_inbound_at, now) {
        let mut body = format!("*{subject}*\n{link}");
        if ask.is_some() {
            body = format!("{body}\n\n{}", t.wa.resolution_prompt);
        }
        text(&contact.phone, &body)
    } else {
        template(
            &contact.phone,
            &settings.notice_template,
            settings.template_language(to.locale),
            &[subject, link],
        )
    };
    let key = format!("wa:{key}");
    enqueue_whatsapp(conn, now, message(key, &contact.phone, payload)).await?;
    if let Some((issue_id, follow_up_id)) = ask {
        let draft = Draft {
            issue_id: Some(issue_id),
            follow_up_id: Some(follow_up_id),
            ..Draft::default()
        };
        wa_contact::Entity::update_many()
            .col_expr(wa_contact::Column::Step, Expr::value(Some(Step::Resolution)))
            .col_expr(
                wa_contact::Column::Draft,
                Expr::value(Some(serde_json::to_string(&draft).unwrap_or_default())),
            )
            .col_expr(wa_contact::Column::StepAt, Expr::value(Some(now)))
            .filter(wa_contact::Column::Phone.eq(contact.phone.as_str()))
            .filter(wa_contact::Column::Step.is_null())
            .exec(conn)
            .await
            .or_internal("asking for a resolution's answer")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_used_only_within_whatsapps_limits() {
        let short: Vec<String> = (1..=10).map(|i| format!("Pilihan {i}")).collect();
        let built = list("62812", "Pilih", "Pilih", &short).unwrap_or_default();
        assert_eq!(built["interactive"]["action"]["sections"][0]["rows"][9]["id"], "n:10");
        let eleven: Vec<String> = (1..=11).map(|i| format!("Pilihan {i}")).collect();
        assert!(list("62812", "Pilih", "Pilih", &eleven).is_none());
        assert!(
            list(
                "62812",
                "Pilih",
                "Pilih",
                &["Nama yang jauh lebih panjang dari batas".into()]
            )
            .is_none()
        );
    }

    #[test]
    fn the_window_is_24_hours_after_the_last_message() {
        let now = Utc::now();
        assert!(in_window(Some(now - TimeDelta::hours(23)), now));
        assert!(!in_window(Some(now - TimeDelta::hours(25)), now));
        assert!(!in_window(None, now));
    }
}
