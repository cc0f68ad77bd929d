//! Accounts: register, verify the email, sign in and out, reset a forgotten password,
//! choose a language, and the sessions that keep people signed in (stored in the database,
//! so that a restart or a second instance keeps them).

use crate::domain::queries::accounts::SESSION_DAYS;
use crate::{
    domain::{
        AppState, Clock, Config, commands,
        entities::{
            auth_session,
            email_token::{self, TokenPurpose},
            opd, user_account,
        },
        error::{OrInternal, on_unique, write_txn},
        mail::{self, Email, templates},
        passwords::check_new_password,
        secrets::{hash_password, new_token, token_hash, verify_password},
    },
    i18n::Locale,
    model::{
        AppError, ErrorCode,
        account::{Role, parse_email, parse_name},
        error::Problems,
    },
};
use chrono::TimeDelta;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    sea_query::Expr,
};
use std::net::IpAddr;

const VERIFY_HOURS: i64 = 48;

const RESET_HOURS: i64 = 1;

const PURPOSE_VERIFY: TokenPurpose = TokenPurpose::Verify;

pub(crate) const PURPOSE_RESET: TokenPurpose = TokenPurpose::Reset;

/// A new resident account, unverified, with the verification email queued.
pub async fn register(
    state: &AppState,
    locale: Locale,
    name: &str,
    email: &str,
    password: &str,
) -> Result<user_account::Model, AppError> {
    let mut problems = Problems::default();
    let name = problems.check("name", parse_name(name));
    let email = problems.check("email", parse_email(email));
    problems.check("password", check_new_password(password));
    problems.into_result()?;
    let (Some(name), Some(email)) = (name, email) else {
        return Err(AppError::Internal);
    };

    let password_hash = hash_password(password.to_owned()).await?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let user = user_account::ActiveModel {
        email: Set(email),
        password_hash: Set(password_hash),
        name: Set(name),
        role: Set(Role::Resident),
        opd_id: Set(None),
        locale: Set(locale),
        email_verified_at: Set(None),
        disabled_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|err| on_unique(err, "email", ErrorCode::EmailTaken, "inserting an account"))?;
    send_token_mail(&txn, &state.clock, &state.config, &user, PURPOSE_VERIFY).await?;
    txn.commit().await.or_internal("committing a registration")?;
    state.mail_bell.notify_one();
    Ok(user)
}

/// Creates a one-time token for `user` and queues the email that carries it.
pub(crate) async fn send_token_mail(
    conn: &impl ConnectionTrait,
    clock: &Clock,
    config: &Config,
    user: &user_account::Model,
    purpose: TokenPurpose,
) -> Result<(), AppError> {
    send_token_to(conn, clock, config, user, purpose, None).await
}

/// `send_token_mail`, to `new_email` when the token is to confirm it (`AddEmail`).
async fn send_token_to(
    conn: &impl ConnectionTrait,
    clock: &Clock,
    config: &Config,
    user: &user_account::Model,
    purpose: TokenPurpose,
    new_email: Option<String>,
) -> Result<(), AppError> {
    let now = clock.now();
    let token = new_token()?;
    let (hours, path) = if purpose == PURPOSE_RESET {
        (RESET_HOURS, "/account/reset")
    } else {
        (VERIFY_HOURS, "/account/verify")
    };
    let row = email_token::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(user.id),
        purpose: Set(purpose),
        created_at: Set(now),
        expires_at: Set(now + TimeDelta::hours(hours)),
        used_at: Set(None),
        new_email: Set(new_email.clone()),
        ..Default::default()
    }
    .insert(conn)
    .await
    .or_internal("inserting an email token")?;
    let texts = user.locale.texts();
    let link = format!("{}{path}?token={token}", config.base_url);
    let rendered = if purpose == PURPOSE_RESET {
        templates::reset_password(texts, &user.name, &link)
    } else {
        templates::verify_email(texts, &user.name, &link)
    };
    let email = Email {
        key: format!("{}:{}", purpose.as_str(), row.id),
        to: new_email.unwrap_or_else(|| user.email.clone()),
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        ics: None,
        // Account security mail cannot be turned off.
        unsubscribe: None,
    };
    mail::enqueue(conn, now, email).await
}

/// Finds an unused, unexpired token of `purpose` and marks it used.
pub(crate) async fn consume_token(
    conn: &impl ConnectionTrait,
    clock: &Clock,
    token: &str,
    purpose: TokenPurpose,
) -> Result<user_account::Model, AppError> {
    let now = clock.now();
    let invalid = || AppError::field("token", ErrorCode::TokenInvalid);
    let row = email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(token_hash(token.trim())))
        .filter(email_token::Column::Purpose.eq(purpose))
        .one(conn)
        .await
        .or_internal("reading an email token")?
        .filter(|row| row.used_at.is_none() && row.expires_at > now)
        .ok_or_else(invalid)?;
    let user = user_account::Entity::find_by_id(row.user_id)
        .one(conn)
        .await
        .or_internal("reading an account")?
        .ok_or_else(invalid)?;
    // Conditional, so that two requests racing with one token cannot both use it.
    let used = email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(Some(now)))
        .filter(email_token::Column::Id.eq(row.id))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(conn)
        .await
        .or_internal("using an email token")?;
    if used.rows_affected != 1 {
        return Err(invalid());
    }
    Ok(user)
}

/// Sends a link that confirms `email` as the address of `user`, an account without a
/// mailbox (made by WhatsApp); the address is the account's only once the link is opened.
pub async fn add_email(state: &AppState, user: &user_account::Model, email: &str) -> Result<(), AppError> {
    if crate::domain::mail::has_mailbox(&user.email) {
        return Err(AppError::Forbidden);
    }
    let email = parse_email(email).map_err(|code| AppError::field("email", code))?;
    let taken = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .one(&state.db)
        .await
        .or_internal("reading an account")?
        .is_some();
    if taken {
        return Err(AppError::field("email", ErrorCode::EmailTaken));
    }
    let txn = write_txn(&state.db).await?;
    send_token_to(
        &txn,
        &state.clock,
        &state.config,
        user,
        TokenPurpose::AddEmail,
        Some(email),
    )
    .await?;
    txn.commit().await.or_internal("committing an added email")?;
    state.mail_bell.notify_one();
    Ok(())
}

/// Marks the email of the token's account verified (or, for an added address, makes it the
/// account's). Opening the link again (people do, and mail scanners open links first) still
/// says it is verified rather than failing.
pub async fn verify_email(db: &DatabaseConnection, clock: &Clock, token: &str) -> Result<(), AppError> {
    let txn = write_txn(db).await?;
    if let Ok((user, address)) = consume_added(&txn, clock, token).await {
        let mut user: user_account::ActiveModel = user.into();
        user.email = Set(address);
        user.email_verified_at = Set(Some(clock.now()));
        user.update(&txn)
            .await
            .map_err(|err| on_unique(err, "token", ErrorCode::EmailTaken, "adding an email"))?;
        return txn.commit().await.or_internal("committing an added email");
    }
    let user = match consume_token(&txn, clock, token, PURPOSE_VERIFY).await {
        Ok(user) => user,
        Err(err) => {
            return if already_verified_by(&txn, token).await? {
                Ok(())
            } else {
                Err(err)
            };
        }
    };
    if user.email_verified_at.is_none() {
        let mut user: user_account::ActiveModel = user.into();
        user.email_verified_at = Set(Some(clock.now()));
        user.update(&txn).await.or_internal("verifying an email")?;
    }
    txn.commit().await.or_internal("committing a verification")
}

/// The account and address of an unused `AddEmail` token, marked used.
async fn consume_added(
    conn: &impl ConnectionTrait,
    clock: &Clock,
    token: &str,
) -> Result<(user_account::Model, String), AppError> {
    let address = email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(token_hash(token.trim())))
        .filter(email_token::Column::Purpose.eq(TokenPurpose::AddEmail))
        .one(conn)
        .await
        .or_internal("reading an email token")?
        .and_then(|row| row.new_email)
        .ok_or_else(|| AppError::field("token", ErrorCode::TokenInvalid))?;
    let user = consume_token(conn, clock, token, TokenPurpose::AddEmail).await?;
    Ok((user, address))
}

/// Whether `token` is a used verification link of an account that is verified.
async fn already_verified_by(conn: &impl ConnectionTrait, token: &str) -> Result<bool, AppError> {
    let Some(row) = email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(token_hash(token.trim())))
        .filter(email_token::Column::Purpose.eq(PURPOSE_VERIFY))
        .one(conn)
        .await
        .or_internal("reading an email token")?
    else {
        return Ok(false);
    };
    let user = user_account::Entity::find_by_id(row.user_id)
        .one(conn)
        .await
        .or_internal("reading an account")?;
    Ok(row.used_at.is_some() && user.is_some_and(|u| u.email_verified_at.is_some()))
}

/// Checks the credentials and opens a session; returns the account and the cookie token.
///
/// Wrong passwords are counted per email and per address (`limits::SignInGuard`); an
/// unknown email costs the same time and gets the same answer as a wrong password, also
/// once throttled, so nobody learns which addresses have accounts. The session the browser
/// had before (`previous`) is closed: every sign-in gets a new session id. An account with
/// a second factor also needs the current `code` of its authenticator app.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    code: &str,
    address: Option<IpAddr>,
    previous: Option<&str>,
) -> Result<(user_account::Model, String), AppError> {
    let mut problems = Problems::default();
    let email = problems.check("email", parse_email(email));
    if password.is_empty() {
        problems.add("password", ErrorCode::Required);
    }
    problems.into_result()?;
    let email = email.unwrap_or_default();
    state.limiter.sign_in.check(&email, address).await?;
    let user = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .one(&state.db)
        .await
        .or_internal("reading an account")?;
    let verified = verify_password(password.to_owned(), user.as_ref().map(|u| u.password_hash.clone())).await?;
    let user = match user {
        Some(user) if verified => user,
        _ => {
            state.limiter.sign_in.failed(&email, address).await?;
            return Err(AppError::field("", ErrorCode::WrongCredentials));
        }
    };
    if user.disabled_at.is_some() {
        return Err(AppError::field("", ErrorCode::AccountDisabled));
    }
    let token = new_token()?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    // A staff account with a second factor: the password alone is not enough.
    if commands::two_factor::required(&txn, user.id).await? {
        if code.trim().is_empty() {
            return Err(AppError::field("otp", ErrorCode::TotpRequired));
        }
        if let Err(err) = commands::two_factor::accept(&txn, user.id, code, now).await {
            state.limiter.sign_in.failed(&email, address).await?;
            return Err(err);
        }
    }
    open_session(&txn, user.id, &token, previous, now).await?;
    txn.commit().await.or_internal("committing a sign-in")?;
    Ok((user, token))
}

/// Opens a session for `user_id` with the cookie `token`, closing the one the browser had
/// before (`previous`): every sign-in gets a new session id.
pub(crate) async fn open_session(
    txn: &impl sea_orm::ConnectionTrait,
    user_id: i32,
    token: &str,
    previous: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    if let Some(previous) = previous {
        auth_session::Entity::delete_many()
            .filter(auth_session::Column::TokenHash.eq(token_hash(previous)))
            .exec(txn)
            .await
            .or_internal("closing the previous session")?;
    }
    auth_session::ActiveModel {
        token_hash: Set(token_hash(token)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + TimeDelta::days(SESSION_DAYS)),
        ..Default::default()
    }
    .insert(txn)
    .await
    .or_internal("opening a session")?;
    Ok(())
}

/// Ends every session of `user`: a lost phone, a shared computer.
pub async fn sign_out_everywhere(db: &DatabaseConnection, user: &user_account::Model) -> Result<(), AppError> {
    auth_session::Entity::delete_many()
        .filter(auth_session::Column::UserId.eq(user.id))
        .exec(db)
        .await
        .or_internal("closing every session")?;
    Ok(())
}

/// Ends the session of `token` (other devices stay signed in).
pub async fn sign_out(db: &DatabaseConnection, token: &str) -> Result<(), AppError> {
    auth_session::Entity::delete_many()
        .filter(auth_session::Column::TokenHash.eq(token_hash(token)))
        .exec(db)
        .await
        .or_internal("closing a session")?;
    Ok(())
}

/// Remembers the language for the account's email.
pub async fn set_locale(db: &DatabaseConnection, user: user_account::Model, locale: Locale) -> Result<(), AppError> {
    let mut user: user_account::ActiveModel = user.into();
    user.locale = Set(locale);
    user.update(db).await.or_internal("saving a language")?;
    Ok(())
}

/// What `jatinan user create` asks for.
pub struct NewAccount {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub opd_code: Option<String>,
    pub password: String,
}

/// Creates an account from the command line (or the demo seed): verified at once, bound to
/// an OPD when the role is `opd_officer`.
pub async fn create_account(
    db: &DatabaseConnection,
    clock: &Clock,
    new: NewAccount,
) -> Result<user_account::Model, AppError> {
    let mut problems = Problems::default();
    let email = problems.check("email", parse_email(&new.email));
    let name = problems.check("name", parse_name(&new.name));
    problems.check("password", check_new_password(&new.password));
    let opd_id = match (&new.opd_code, new.role) {
        (Some(code), _) => {
            let found = opd::Entity::find()
                .filter(opd::Column::Code.eq(code.as_str()))
                .one(db)
                .await
                .or_internal("reading an OPD")?;
            if found.is_none() {
                problems.add("opd", ErrorCode::UnknownOpd);
            }
            found.map(|o| o.id)
        }
        (None, Role::OpdOfficer) => {
            problems.add("opd", ErrorCode::Required);
            None
        }
        (None, _) => None,
    };
    problems.into_result()?;
    let (Some(email), Some(name)) = (email, name) else {
        return Err(AppError::Internal);
    };
    let now = clock.now();
    user_account::ActiveModel {
        email: Set(email),
        password_hash: Set(hash_password(new.password).await?),
        name: Set(name),
        role: Set(new.role),
        opd_id: Set(opd_id),
        locale: Set(Locale::Id),
        email_verified_at: Set(Some(now)),
        disabled_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|err| on_unique(err, "email", ErrorCode::EmailTaken, "inserting an account"))
}
