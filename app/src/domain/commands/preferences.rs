//! Mail preferences: what a signed-in person chooses per topic, and the one-click
//! unsubscribe that works without signing in, by a signed link.

use crate::{
    domain::{
        AppState,
        commands::push::push_devices,
        entities::user_account,
        error::{OrInternal, write_txn},
        mail::{
            has_mailbox,
            notify::{
                channel_for, is_off, preference_of, read_unsubscribe_token, set_channel, set_delivery, set_push,
                turn_off,
            },
            whatsapp::reachable_number,
        },
        rules::access::role_of,
    },
    model::{
        AppError, ErrorCode,
        account::Role,
        error::Problems,
        mail::{Delivery, MailStream, NoticeChannel, Topic, TopicSetting, UnsubscribeInfo},
    },
};
use sea_orm::EntityTrait;

/// The topics `user` can receive: OPD work only for officers and the secretariat (who hear
/// of overdue follow-ups).
fn topics_for(user: &user_account::Model) -> impl Iterator<Item = Topic> {
    let role = role_of(user);
    let works = role == Role::OpdOfficer || role.moderates();
    Topic::ALL.into_iter().filter(move |t| works || *t != Topic::Opd)
}

/// Whether `user` chooses between email and WhatsApp: they have a mailbox and a number the
/// channel may write to.
async fn offers_channels(state: &AppState, user: &user_account::Model) -> Result<bool, AppError> {
    Ok(has_mailbox(&user.email) && reachable_number(&state.db, &state.config, user.id).await?.is_some())
}

pub async fn preferences(state: &AppState, user: &user_account::Model) -> Result<Vec<TopicSetting>, AppError> {
    let db = &state.db;
    let both = offers_channels(state, user).await?;
    let devices = push_devices(db, user.id).await? > 0;
    let mut settings = Vec::new();
    for topic in topics_for(user) {
        let chosen = preference_of(db, user.id, topic).await?;
        settings.push(TopicSetting {
            topic,
            delivery: chosen.delivery,
            channel: both.then(|| channel_for(user, chosen.channel, true)),
            push: devices.then_some(chosen.push),
        });
    }
    Ok(settings)
}

/// Saves the posted choices (`(topic, delivery)` as the form names them). A topic the form
/// did not send keeps its setting; a choice the topic does not offer is refused, and nothing
/// is saved. Push is a checkbox (`<topic>_push`, sent only when ticked): when the form
/// offered it (`push_shown`), every topic of the person's not ticked is turned off.
pub async fn save(
    state: &AppState,
    user: &user_account::Model,
    posted: &[(&str, Option<&str>)],
) -> Result<(), AppError> {
    let mut problems = Problems::default();
    let mut chosen = Vec::new();
    let mut channels = Vec::new();
    let both = offers_channels(state, user).await?;
    let push_shown = posted
        .iter()
        .any(|(name, value)| *name == "push_shown" && value.is_some());
    let mut pushes = Vec::new();
    if push_shown {
        for topic in topics_for(user) {
            let field = format!("{}_push", topic.as_str());
            let ticked = posted.iter().any(|(name, value)| *name == field && value.is_some());
            pushes.push((topic, ticked));
        }
    }
    for (name, value) in posted {
        if name.ends_with("_push") || *name == "push_shown" {
            continue;
        }
        if let (Some(topic), Some(value)) = (name.strip_suffix("_channel").and_then(Topic::parse), value) {
            match NoticeChannel::parse(value).filter(|_| both && topics_for(user).any(|t| t == topic)) {
                Some(channel) => channels.push((topic, channel)),
                None => problems.add(name, ErrorCode::UnknownChoice),
            }
            continue;
        }
        let (Some(topic), Some(value)) = (Topic::parse(name), value) else {
            continue;
        };
        if !topics_for(user).any(|t| t == topic) {
            // Not on this person's form: said at the top, as no field shows it.
            problems.add("", ErrorCode::UnknownChoice);
            continue;
        }
        match Delivery::parse(value).filter(|d| topic.choices().contains(d)) {
            Some(delivery) => chosen.push((topic, delivery)),
            None => problems.add(topic.as_str(), ErrorCode::UnknownChoice),
        }
    }
    problems.into_result()?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    for (topic, delivery) in chosen {
        set_delivery(&txn, user.id, topic, delivery, now).await?;
    }
    for (topic, channel) in channels {
        set_channel(&txn, user.id, topic, channel, now).await?;
    }
    for (topic, push) in pushes {
        set_push(&txn, user.id, topic, push, now).await?;
    }
    txn.commit().await.or_internal("committing mail preferences")?;
    Ok(())
}

/// The person and stream a link names; a forged or damaged link is refused.
async fn token_owner(state: &AppState, token: &str) -> Result<(user_account::Model, MailStream), AppError> {
    let invalid = || AppError::field("t", ErrorCode::TokenInvalid);
    let (user_id, stream) = read_unsubscribe_token(&state.config.signing_key, token).ok_or_else(invalid)?;
    let person = user_account::Entity::find_by_id(user_id)
        .one(&state.db)
        .await
        .or_internal("reading an account")?
        .ok_or_else(invalid)?;
    Ok((person, stream))
}

/// `si***@warga.test`: enough for a person to recognise their address, not more.
fn email_hint(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let shown: String = local.chars().take(2).collect();
            format!("{shown}***@{domain}")
        }
        None => "***".into(),
    }
}

/// What an unsubscribe link would turn off, for the confirmation page.
pub async fn unsubscribe_info(state: &AppState, token: &str) -> Result<UnsubscribeInfo, AppError> {
    let (person, stream) = token_owner(state, token).await?;
    Ok(UnsubscribeInfo {
        stream,
        email_hint: email_hint(&person.email),
        already_off: is_off(&state.db, person.id, stream).await?,
    })
}

/// Turns off what the link names (RFC 8058 one-click, or the confirmation page's button).
pub async fn unsubscribe(state: &AppState, token: &str) -> Result<UnsubscribeInfo, AppError> {
    let (person, stream) = token_owner(state, token).await?;
    let txn = write_txn(&state.db).await?;
    turn_off(&txn, person.id, stream, state.clock.now()).await?;
    txn.commit().await.or_internal("committing an unsubscribe")?;
    Ok(UnsubscribeInfo {
        stream,
        email_hint: email_hint(&person.email),
        already_off: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_hint_shows_two_letters_and_the_domain() {
        assert_eq!(email_hint("siti@warga.test"), "si***@warga.test");
        assert_eq!(email_hint("a@b.c"), "a***@b.c");
        assert_eq!(email_hint("tanpa-at"), "***");
    }
}
