//! A WhatsApp number as a way in: a one-time code sent to it over WhatsApp signs in the
//! account the number made (or was linked to), and links a number to the signed-in account.
//! A code has six digits, works once, for `CODE_MINUTES`, and `CODE_TRIES` wrong tries end
//! it; only its hash is kept. Asking for a code says the same whether or not the number has
//! an account, and is throttled per number and per network address like passwords.

use std::net::IpAddr;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait},
};

use crate::domain::{
    AppState,
    commands::accounts::open_session,
    entities::{
        user_account,
        wa_code::{self, CodePurpose},
        wa_contact,
    },
    error::{OrInternal, write_txn},
    mail::{
        enqueue_whatsapp,
        notify::{Notice, notify},
        templates, whatsapp,
    },
    secrets::{new_token, token_hash},
};
use crate::model::{AppError, ErrorCode, mail::Topic, whatsapp::e164};

/// How long a code works.
pub const CODE_MINUTES: i64 = 10;
/// Wrong tries after which a code is spent.
pub const CODE_TRIES: i32 = 5;

fn code_hash(phone: &str, code: &str) -> String {
    token_hash(&format!("wa-code:{phone}:{}", code.trim()))
}

/// Six random digits.
fn new_code() -> Result<String, AppError> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).or_internal("reading randomness")?;
    Ok(format!("{:06}", u64::from_le_bytes(bytes) % 1_000_000))
}

/// A number as typed in a form, or the field's error.
fn number(raw: &str) -> Result<String, AppError> {
    if raw.trim().is_empty() {
        return Err(AppError::field("phone", ErrorCode::Required));
    }
    e164(raw).ok_or_else(|| AppError::field("phone", ErrorCode::InvalidPhone))
}

fn channel_on(state: &AppState) -> Result<&crate::domain::WhatsAppSettings, AppError> {
    state
        .config
        .whatsapp
        .as_ref()
        .ok_or_else(|| AppError::field("", ErrorCode::WhatsAppOff))
}

/// Sends a sign-in code to `phone` if an account goes with it; answers alike either way.
/// Returns the number as stored (E.164), for the page that asks for the code.
pub async fn send_sign_in_code(state: &AppState, phone: &str, address: Option<IpAddr>) -> Result<String, AppError> {
    channel_on(state)?;
    let phone = number(phone)?;
    state.limiter.sign_in.check(&format!("wa:{phone}"), address).await?;
    // Counted like a wrong password: asking for codes is what guessing them starts with.
    state.limiter.sign_in.failed(&format!("wa:{phone}"), address).await?;
    let contact = wa_contact::Entity::find_by_id(phone.clone())
        .one(&state.db)
        .await
        .or_internal("reading a WhatsApp contact")?
        .filter(|c| c.user_id.is_some() && c.blocked_at.is_none());
    if let Some(contact) = contact {
        send_code(state, &phone, CodePurpose::SignIn, contact.user_id, contact.locale).await?;
    }
    Ok(phone)
}

/// Sends a code that links `phone` to `user`'s account.
pub async fn send_link_code(
    state: &AppState,
    user: &user_account::Model,
    phone: &str,
    address: Option<IpAddr>,
) -> Result<String, AppError> {
    channel_on(state)?;
    let phone = number(phone)?;
    state.limiter.sign_in.check(&format!("wa:{phone}"), address).await?;
    state.limiter.sign_in.failed(&format!("wa:{phone}"), address).await?;
    let owner = wa_contact::Entity::find_by_id(phone.clone())
        .one(&state.db)
        .await
        .or_internal("reading a WhatsApp contact")?
        .and_then(|c| c.user_id);
    if owner.is_some_and(|owner| owner != user.id) {
        return Err(AppError::field("phone", ErrorCode::PhoneTaken));
    }
    send_code(state, &phone, CodePurpose::Link, Some(user.id), user.locale).await?;
    Ok(phone)
}

async fn send_code(
    state: &AppState,
    phone: &str,
    purpose: CodePurpose,
    user_id: Option<i32>,
    locale: crate::i18n::Locale,
) -> Result<(), AppError> {
    let settings = channel_on(state)?;
    let code = new_code()?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let row = wa_code::ActiveModel {
        phone: Set(phone.to_owned()),
        purpose: Set(purpose),
        user_id: Set(user_id),
        code_hash: Set(code_hash(phone, &code)),
        attempts: Set(0),
        created_at: Set(now),
        expires_at: Set(now + TimeDelta::minutes(CODE_MINUTES)),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .or_internal("keeping a code")?;
    let language = settings.template_language(locale);
    let payload = whatsapp::code_template(phone, &settings.code_template, language, &code);
    let key = format!("wa-code:{}", row.id);
    enqueue_whatsapp(&txn, now, whatsapp::message(key, phone, payload)).await?;
    txn.commit().await.or_internal("committing a code")?;
    state.whatsapp_out_bell.notify_one();
    Ok(())
}

/// Takes the newest live code of `purpose` for `phone` if `code` is it: marked used (once:
/// a compare-and-set), else counted as a wrong try.
async fn redeem(
    conn: &impl ConnectionTrait,
    phone: &str,
    purpose: CodePurpose,
    code: &str,
    now: DateTime<Utc>,
) -> Result<wa_code::Model, AppError> {
    let invalid = || AppError::field("code", ErrorCode::CodeInvalid);
    let live = wa_code::Entity::find()
        .filter(wa_code::Column::Phone.eq(phone))
        .filter(wa_code::Column::Purpose.eq(purpose))
        .filter(wa_code::Column::UsedAt.is_null())
        .filter(wa_code::Column::ExpiresAt.gt(now))
        .filter(wa_code::Column::Attempts.lt(CODE_TRIES))
        .order_by_desc(wa_code::Column::Id)
        .one(conn)
        .await
        .or_internal("reading a code")?
        .ok_or_else(invalid)?;
    if live.code_hash != code_hash(phone, code) {
        wa_code::Entity::update_many()
            .col_expr(wa_code::Column::Attempts, Expr::col(wa_code::Column::Attempts).add(1))
            .filter(wa_code::Column::Id.eq(live.id))
            .exec(conn)
            .await
            .or_internal("counting a wrong code")?;
        return Err(invalid());
    }
    let taken = wa_code::Entity::update_many()
        .col_expr(wa_code::Column::UsedAt, Expr::value(Some(now)))
        .filter(wa_code::Column::Id.eq(live.id))
        .filter(wa_code::Column::UsedAt.is_null())
        .exec(conn)
        .await
        .or_internal("using a code")?;
    if taken.rows_affected != 1 {
        return Err(invalid());
    }
    Ok(live)
}

/// Signs in with a code sent to `phone`: returns the account and the new session's token.
pub async fn sign_in_with_code(
    state: &AppState,
    phone: &str,
    code: &str,
    address: Option<IpAddr>,
    previous: Option<&str>,
) -> Result<(user_account::Model, String), AppError> {
    channel_on(state)?;
    let phone = number(phone)?;
    if code.trim().is_empty() {
        return Err(AppError::field("code", ErrorCode::Required));
    }
    state.limiter.sign_in.check(&format!("wa:{phone}"), address).await?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let redeemed = match redeem(&txn, &phone, CodePurpose::SignIn, code, now).await {
        Ok(redeemed) => redeemed,
        Err(err) => {
            // The wrong try is kept (it counts towards the code's limit).
            txn.commit().await.or_internal("counting a wrong code")?;
            state.limiter.sign_in.failed(&format!("wa:{phone}"), address).await?;
            return Err(err);
        }
    };
    let user = match redeemed.user_id {
        Some(id) => user_account::Entity::find_by_id(id)
            .one(&txn)
            .await
            .or_internal("reading an account")?,
        None => None,
    }
    .ok_or_else(|| AppError::field("code", ErrorCode::CodeInvalid))?;
    if user.disabled_at.is_some() {
        return Err(AppError::field("", ErrorCode::AccountDisabled));
    }
    let token = new_token()?;
    open_session(&txn, user.id, &token, previous, now).await?;
    txn.commit().await.or_internal("committing a sign-in")?;
    Ok((user, token))
}

/// Links `phone` to `user` with the code sent to it: notices may then go by WhatsApp too.
pub async fn link_with_code(
    state: &AppState,
    user: &user_account::Model,
    phone: &str,
    code: &str,
) -> Result<(), AppError> {
    channel_on(state)?;
    let phone = number(phone)?;
    if code.trim().is_empty() {
        return Err(AppError::field("code", ErrorCode::Required));
    }
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let redeemed = match redeem(&txn, &phone, CodePurpose::Link, code, now).await {
        Ok(redeemed) if redeemed.user_id == Some(user.id) => redeemed,
        Ok(_) => return Err(AppError::field("code", ErrorCode::CodeInvalid)),
        Err(err) => {
            txn.commit().await.or_internal("counting a wrong code")?;
            return Err(err);
        }
    };
    let contact = wa_contact::Entity::find_by_id(redeemed.phone.clone())
        .one(&txn)
        .await
        .or_internal("reading a WhatsApp contact")?;
    match contact {
        Some(c) if c.user_id.is_some_and(|owner| owner != user.id) => {
            return Err(AppError::field("phone", ErrorCode::PhoneTaken));
        }
        Some(_) => {
            wa_contact::Entity::update_many()
                .col_expr(wa_contact::Column::UserId, Expr::value(Some(user.id)))
                .filter(wa_contact::Column::Phone.eq(phone.as_str()))
                .exec(&txn)
                .await
                .or_internal("linking a number")?;
        }
        None => {
            wa_contact::fresh(phone.clone(), Some(user.id), user.name.clone(), user.locale, None, now)
                .insert(&txn)
                .await
                .or_internal("linking a number")?;
        }
    }
    txn.commit().await.or_internal("committing a linked number")?;
    Ok(())
}

/// The number linked to `user`, as they see it on their own page (all digits: it is theirs).
pub async fn linked_number(state: &AppState, user: &user_account::Model) -> Result<Option<String>, AppError> {
    Ok(wa_contact::Entity::find()
        .filter(wa_contact::Column::UserId.eq(user.id))
        .one(&state.db)
        .await
        .or_internal("reading a WhatsApp contact")?
        .map(|c| format!("+{}", c.phone)))
}

/// Blocks (or unblocks) the WhatsApp number that reported issue `issue_id`: its messages are
/// then dropped unread and nothing is sent to it. The secretariat and the admin only; the
/// server's audit log keeps who did it.
pub async fn block_reporter(
    state: &AppState,
    staff: &user_account::Model,
    issue_id: i32,
    block: bool,
) -> Result<(), AppError> {
    crate::domain::rules::access::check_moderator(staff)?;
    let found = crate::domain::entities::issue::Entity::find_by_id(issue_id)
        .one(&state.db)
        .await
        .or_internal("reading an issue")?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let mut update = wa_contact::Entity::update_many()
        .col_expr(wa_contact::Column::BlockedAt, Expr::value(block.then_some(now)))
        .col_expr(wa_contact::Column::BlockedBy, Expr::value(block.then_some(staff.id)));
    if block {
        update = update
            .col_expr(wa_contact::Column::Step, Expr::value(Option::<String>::None))
            .col_expr(wa_contact::Column::Draft, Expr::value(Option::<String>::None));
    }
    let changed = update
        .filter(wa_contact::Column::UserId.eq(found.author_id))
        .exec(&state.db)
        .await
        .or_internal("blocking a number")?;
    if changed.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// A new account for a WhatsApp number: a resident keyed by the number, verified by it,
/// with no mailbox and no password (an address under `.invalid` that names nothing of the
/// number). The caller links it to the number's contact.
pub async fn number_account(
    conn: &impl ConnectionTrait,
    state: &AppState,
    phone: &str,
    name: String,
    locale: crate::i18n::Locale,
) -> Result<user_account::Model, AppError> {
    let now = state.clock.now();
    let hidden = token_hash(&state.config.signing_key.sign(&format!("whatsapp:{phone}")));
    user_account::ActiveModel {
        email: Set(format!("wa-{}@whatsapp.invalid", &hidden[..20])),
        password_hash: Set("!".into()),
        name: Set(name),
        role: Set(crate::model::account::Role::Resident),
        opd_id: Set(None),
        locale: Set(locale),
        email_verified_at: Set(Some(now)),
        disabled_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
    .or_internal("making a WhatsApp resident's account")
}

/// An operator posted `found` for a resident who gave a phone: when it is a WhatsApp number
/// (and the channel is on), the resident follows the issue under that number's account
/// (made if need be, as a report by WhatsApp makes one) and is told it arrived, so every
/// later notice reaches them on WhatsApp. A number that said "berhenti" or is blocked gets
/// nothing (`notify` asks).
pub async fn follow_by_phone(
    txn: &impl ConnectionTrait,
    state: &AppState,
    found: &crate::domain::entities::issue::Model,
    name: &str,
    phone: &str,
) -> Result<(), AppError> {
    if state.config.whatsapp.is_none() {
        return Ok(());
    }
    let Some(phone) = e164(phone) else {
        return Ok(());
    };
    let now = state.clock.now();
    let contact = wa_contact::Entity::find_by_id(phone.clone())
        .one(txn)
        .await
        .or_internal("reading a WhatsApp contact")?;
    let owner = match contact.as_ref().and_then(|c| c.user_id) {
        Some(id) => user_account::Entity::find_by_id(id)
            .one(txn)
            .await
            .or_internal("reading an account")?,
        None => None,
    };
    let person = match owner {
        Some(person) => person,
        None => {
            let locale = crate::i18n::Locale::Id;
            let person = number_account(txn, state, &phone, name.to_owned(), locale).await?;
            match contact {
                Some(_) => {
                    wa_contact::Entity::update_many()
                        .col_expr(wa_contact::Column::UserId, Expr::value(Some(person.id)))
                        .filter(wa_contact::Column::Phone.eq(phone.as_str()))
                        .exec(txn)
                        .await
                        .or_internal("linking a number")?;
                }
                None => {
                    wa_contact::fresh(phone.clone(), Some(person.id), name.to_owned(), locale, None, now)
                        .insert(txn)
                        .await
                        .or_internal("adding a WhatsApp contact")?;
                }
            }
            person
        }
    };
    crate::domain::commands::forum::follow_in(txn, person.id, found.id, now).await?;
    let t = person.locale.texts();
    let link = format!("{}/issues/{}", state.config.base_url, found.id);
    let rendered = templates::issue_received(t, &person.name, found.id, &found.title, &link);
    let notice = Notice::plain(
        format!("issue-received:{}:{}", found.id, person.id),
        Topic::Followed,
        rendered,
        link,
    );
    notify(txn, &state.config, now, &person, notice).await
}
