//! A resident deletes their account (UU 27/2022 PDP, the right to erasure). What they
//! posted stays, because others supported, discussed and acted on it, but it no longer
//! names them: the account becomes "Warga" with no address, their sessions end, and
//! everything that is only theirs (follows, registrations, mail settings and queued mail,
//! second factor, tokens) is deleted, in one transaction.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, sea_query::Expr,
};

use crate::{
    domain::{
        AppState,
        commands::session::free_place,
        entities::{
            auth_session, dialogue_session, email_token, issue, issue_follow, mail_digest_item, mail_preference,
            mail_suppression, outbox, session_registration, two_factor, user_account,
        },
        error::{OrInternal, write_txn},
        rules::access::role_of,
        secrets::verify_password,
    },
    model::{AppError, ErrorCode, account::Role, me::ERASED_NAME},
};

/// The address an erased account keeps: unique, and never deliverable (`.invalid`).
pub fn erased_email(id: i32) -> String {
    format!("dihapus-{id}@akun.invalid")
}

/// Deletes `user`'s account once `password` confirms it is them.
pub async fn erase(state: &AppState, user: &user_account::Model, password: &str) -> Result<(), AppError> {
    if role_of(user) != Role::Resident {
        return Err(AppError::field("", ErrorCode::StaffCannotDeleteSelf));
    }
    if password.is_empty() {
        return Err(AppError::field("password", ErrorCode::Required));
    }
    state.limiter.sign_in.check(&user.email, None).await?;
    if !verify_password(password.to_owned(), Some(user.password_hash.clone())).await? {
        state.limiter.sign_in.failed(&user.email, None).await?;
        return Err(AppError::field("password", ErrorCode::WrongPassword));
    }
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    // A place in a coming session goes to the next on its waitlist.
    let registrations = session_registration::Entity::find()
        .filter(session_registration::Column::UserId.eq(user.id))
        .all(&txn)
        .await
        .or_internal("reading registrations")?;
    for mine in &registrations {
        let session = dialogue_session::Entity::find_by_id(mine.session_id)
            .one(&txn)
            .await
            .or_internal("reading a session")?;
        match session {
            Some(session) if session.starts_at > now => free_place(&txn, state, &session, mine, now).await?,
            _ => {
                session_registration::Entity::delete_by_id(mine.id)
                    .exec(&txn)
                    .await
                    .or_internal("deleting a registration")?;
            }
        }
    }
    let id = user.id;
    auth_session::Entity::delete_many()
        .filter(auth_session::Column::UserId.eq(id))
        .exec(&txn)
        .await
        .or_internal("ending sessions")?;
    email_token::Entity::delete_many()
        .filter(email_token::Column::UserId.eq(id))
        .exec(&txn)
        .await
        .or_internal("deleting tokens")?;
    two_factor::Entity::delete_many()
        .filter(two_factor::Column::UserId.eq(id))
        .exec(&txn)
        .await
        .or_internal("deleting a second factor")?;
    mail_preference::Entity::delete_many()
        .filter(mail_preference::Column::UserId.eq(id))
        .exec(&txn)
        .await
        .or_internal("deleting mail settings")?;
    mail_digest_item::Entity::delete_many()
        .filter(mail_digest_item::Column::UserId.eq(id))
        .exec(&txn)
        .await
        .or_internal("deleting digest items")?;
    issue_follow::Entity::delete_many()
        .filter(issue_follow::Column::UserId.eq(id))
        .exec(&txn)
        .await
        .or_internal("deleting follows")?;
    // Mail to the address, sent or waiting: the log of what was sent is theirs too.
    outbox::Entity::delete_many()
        .filter(outbox::Column::Recipient.eq(user.email.as_str()))
        .exec(&txn)
        .await
        .or_internal("deleting mail")?;
    super::push::remove_all(&txn, id).await?;
    mail_suppression::Entity::delete_many()
        .filter(mail_suppression::Column::Email.eq(user.email.as_str()))
        .exec(&txn)
        .await
        .or_internal("deleting a suppression")?;
    issue::Entity::update_many()
        .col_expr(issue::Column::OnBehalfName, Expr::value(Option::<String>::None))
        .col_expr(issue::Column::OnBehalfPhone, Expr::value(Option::<String>::None))
        .filter(issue::Column::AuthorId.eq(id))
        .exec(&txn)
        .await
        .or_internal("erasing contacts on issues")?;
    let mut account = user.clone().into_active_model();
    account.name = Set(ERASED_NAME.to_owned());
    account.email = Set(erased_email(id));
    // No password hashes to this: nobody can sign in to it again.
    account.password_hash = Set(String::new());
    account.opd_id = Set(None);
    account.email_verified_at = Set(None);
    account.disabled_at = Set(Some(now));
    account.update(&txn).await.or_internal("erasing an account")?;
    txn.commit().await.or_internal("committing an erasure")?;
    state.mail_bell.notify_one();
    Ok(())
}
