//! Notices: something happened that one account may want to hear about, on one topic. The
//! account's preference decides whether it leaves now (`instant`), waits for a digest
//! (`daily`, `weekly`), waits a few minutes to be coalesced with others of its group
//! (comments on one issue), or is dropped (`off`). Every such message carries a one-click
//! unsubscribe link (RFC 8058) signed with the site's key.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::OnConflict};

use crate::domain::mail::{
    Email, enqueue, has_mailbox,
    templates::{self, Rendered},
    whatsapp,
};
use crate::{
    domain::{
        Config,
        entities::{mail_digest_item, mail_preference, user_account},
        error::OrInternal,
        secrets::SigningKey,
    },
    i18n::Texts,
    model::{
        AppError,
        mail::{Delivery, MailStream, NoticeChannel, Topic},
    },
};

/// Comments on one issue within this window leave as one message.
pub const COALESCE: TimeDelta = TimeDelta::minutes(10);

/// `mail_digest_item.cadence` of a notice waiting to be coalesced.
pub const SOON: mail_digest_item::Cadence = mail_digest_item::Cadence::Soon;

/// One message about one event, rendered in the recipient's language.
pub struct Notice {
    /// Unique per event and recipient: the same event never reaches anyone twice.
    pub key: String,
    pub topic: Topic,
    pub rendered: Rendered,
    /// Where to read about it (for a digest line).
    pub link: String,
    /// One line for a digest.
    pub summary: String,
    pub ics: Option<String>,
    /// Notices of one group (`issue:7`) within `COALESCE` become one message.
    pub coalesce: Option<String>,
    /// A resolution the person is asked to confirm or reopen: on WhatsApp they answer
    /// "1" or "2" (the issue and its follow-up).
    pub asks_resolution: Option<(i32, i32)>,
}

impl Notice {
    /// A notice whose digest line is its subject, with no attachment, sent on its own.
    pub fn plain(key: String, topic: Topic, rendered: Rendered, link: String) -> Self {
        Self {
            key,
            topic,
            summary: rendered.subject.clone(),
            rendered,
            link,
            ics: None,
            coalesce: None,
            asks_resolution: None,
        }
    }
}

/// What one person chose for one topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preference {
    /// How often (or the topic's default).
    pub delivery: Delivery,
    /// By which way (`None`: not chosen).
    pub channel: Option<NoticeChannel>,
    /// Also pushed to their devices (on unless turned off).
    pub push: bool,
}

/// What `user_id` chose for `topic`. One read of their preference row.
pub async fn preference_of(conn: &impl ConnectionTrait, user_id: i32, topic: Topic) -> Result<Preference, AppError> {
    let chosen = mail_preference::Entity::find_by_id((user_id, topic))
        .one(conn)
        .await
        .or_internal("reading a mail preference")?;
    Ok(chosen.map_or(
        Preference {
            delivery: topic.default_delivery(),
            channel: None,
            push: true,
        },
        |p| Preference {
            delivery: p.delivery,
            channel: p.channel,
            push: p.push,
        },
    ))
}

/// How `user_id` wants `topic`: their choice, or the topic's default.
pub async fn delivery_of(conn: &impl ConnectionTrait, user_id: i32, topic: Topic) -> Result<Delivery, AppError> {
    Ok(preference_of(conn, user_id, topic).await?.delivery)
}

/// Where `user`'s notices go, from what they chose (if anything) and whether a number of
/// theirs can be written to.
pub fn channel_for(user: &user_account::Model, chosen: Option<NoticeChannel>, whatsapp: bool) -> NoticeChannel {
    let mailbox = has_mailbox(&user.email);
    chosen.map_or(NoticeChannel::default_for(mailbox, whatsapp), |c| {
        c.within(mailbox, whatsapp)
    })
}

/// Sets where `user_id`'s notices of `topic` go.
pub async fn set_channel(
    conn: &impl ConnectionTrait,
    user_id: i32,
    topic: Topic,
    channel: NoticeChannel,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = mail_preference::ActiveModel {
        channel: Set(Some(channel)),
        ..unchosen(user_id, topic, now)
    };
    save_choice(conn, row, mail_preference::Column::Channel, "saving a notice channel").await
}

/// Sets how `user_id` wants `topic`.
pub async fn set_delivery(
    conn: &impl ConnectionTrait,
    user_id: i32,
    topic: Topic,
    delivery: Delivery,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = mail_preference::ActiveModel {
        delivery: Set(delivery),
        ..unchosen(user_id, topic, now)
    };
    save_choice(conn, row, mail_preference::Column::Delivery, "saving a mail preference").await
}

/// Sets whether `user_id`'s notices of `topic` are also pushed to their devices.
pub async fn set_push(
    conn: &impl ConnectionTrait,
    user_id: i32,
    topic: Topic,
    push: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = mail_preference::ActiveModel {
        push: Set(push),
        ..unchosen(user_id, topic, now)
    };
    save_choice(conn, row, mail_preference::Column::Push, "saving a push choice").await
}

/// A preference row as it is before anything is chosen (the columns not set keep their
/// defaults).
fn unchosen(user_id: i32, topic: Topic, now: DateTime<Utc>) -> mail_preference::ActiveModel {
    mail_preference::ActiveModel {
        user_id: Set(user_id),
        topic: Set(topic),
        delivery: Set(topic.default_delivery()),
        updated_at: Set(now),
        channel: sea_orm::ActiveValue::NotSet,
        push: sea_orm::ActiveValue::NotSet,
    }
}

/// Writes `row`, or on an existing row of the person and topic only its `column`.
async fn save_choice(
    conn: &impl ConnectionTrait,
    row: mail_preference::ActiveModel,
    column: mail_preference::Column,
    what: &'static str,
) -> Result<(), AppError> {
    mail_preference::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([mail_preference::Column::UserId, mail_preference::Column::Topic])
                .update_columns([column, mail_preference::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await
        .or_internal(what)?;
    Ok(())
}

fn token_message(user_id: i32, stream: MailStream) -> String {
    format!("unsubscribe:{user_id}:{}", stream.as_str())
}

/// The one-click link that turns `stream` off for `user_id`, valid without signing in.
pub fn unsubscribe_url(config: &Config, user_id: i32, stream: MailStream) -> String {
    let signature = config.signing_key.sign(&token_message(user_id, stream));
    format!(
        "{}/unsubscribe?t={user_id}.{}.{signature}",
        config.base_url,
        stream.as_str()
    )
}

/// Who and what a token names, if the site signed it.
pub fn read_unsubscribe_token(key: &SigningKey, token: &str) -> Option<(i32, MailStream)> {
    let mut parts = token.trim().splitn(3, '.');
    let user_id: i32 = parts.next()?.parse().ok()?;
    let stream = MailStream::parse(parts.next()?)?;
    let signature = parts.next()?;
    key.verify(&token_message(user_id, stream), signature)
        .then_some((user_id, stream))
}

/// Queues `rendered` for `to` with the footer of `stream` (why it came, one-click
/// unsubscribe, preferences) and its `List-Unsubscribe` link.
#[allow(
    clippy::too_many_arguments,
    reason = "one argument per form field or notice part; a struct would only rename them"
)]
pub async fn enqueue_signed(
    conn: &impl ConnectionTrait,
    config: &Config,
    now: DateTime<Utc>,
    to: &user_account::Model,
    key: String,
    stream: MailStream,
    rendered: Rendered,
    ics: Option<String>,
) -> Result<(), AppError> {
    let t: &Texts = to.locale.texts();
    let url = unsubscribe_url(config, to.id, stream);
    let preferences = format!("{}/account/notifications", config.base_url);
    let why = (t.mail_footer_why)(t.stream_label(stream));
    let rendered = templates::with_footer(t, rendered, &why, &url, &preferences);
    let email = Email {
        key,
        to: to.email.clone(),
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        ics,
        unsubscribe: Some(url),
    };
    enqueue(conn, now, email).await
}

/// Sends, queues for a digest, or drops `notice` for `to`, as `to` chose. Runs inside the
/// caller's transaction.
pub async fn notify(
    conn: &impl ConnectionTrait,
    config: &Config,
    now: DateTime<Utc>,
    to: &user_account::Model,
    notice: Notice,
) -> Result<(), AppError> {
    if to.disabled_at.is_some() {
        return Ok(());
    }
    let Preference {
        delivery,
        channel: chosen,
        push,
    } = preference_of(conn, to.id, notice.topic).await?;
    if delivery == Delivery::Off {
        return Ok(());
    }
    if push {
        // At once, whatever the mail's cadence: a push is a tap on the shoulder.
        crate::domain::push::notice(conn, config, now, to, &notice).await?;
    }
    let number = whatsapp::reachable_number(conn, config, to.id).await?;
    let channel = channel_for(to, chosen, number.is_some());
    if channel.whatsapp()
        && let Some(contact) = number
    {
        let subject = &notice.rendered.subject;
        let parts = (subject.as_str(), notice.link.as_str());
        whatsapp::notice(
            conn,
            config,
            now,
            to,
            contact,
            &notice.key,
            parts,
            notice.asks_resolution,
        )
        .await?;
    }
    if !channel.email() || !has_mailbox(&to.email) {
        return Ok(());
    }
    let cadence = match (delivery, &notice.coalesce) {
        (Delivery::Off, _) => return Ok(()),
        (Delivery::Instant, None) => {
            let stream = MailStream::Topic(notice.topic);
            return enqueue_signed(conn, config, now, to, notice.key, stream, notice.rendered, notice.ics).await;
        }
        (Delivery::Instant, Some(_)) => SOON,
        (Delivery::Daily, _) => mail_digest_item::Cadence::Daily,
        (Delivery::Weekly, _) => mail_digest_item::Cadence::Weekly,
    };
    mail_digest_item::Entity::insert(mail_digest_item::ActiveModel {
        notice_key: Set(notice.key),
        user_id: Set(to.id),
        topic: Set(notice.topic),
        cadence: Set(cadence),
        group_key: Set(notice.coalesce.unwrap_or_default()),
        subject: Set(notice.rendered.subject),
        summary: Set(notice.summary),
        link: Set(notice.link),
        created_at: Set(now),
        sent_key: Set(None),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(mail_digest_item::Column::NoticeKey)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await
    .or_internal("queueing a notice for a digest")?;
    Ok(())
}

/// Turns `stream` off for `user_id`: a topic, or every topic that arrives in that digest.
pub async fn turn_off(
    conn: &impl ConnectionTrait,
    user_id: i32,
    stream: MailStream,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let topics: Vec<Topic> = match stream {
        MailStream::Topic(topic) => vec![topic],
        MailStream::Digest(cadence) => {
            let mut topics = Vec::new();
            for topic in Topic::ALL {
                if delivery_of(conn, user_id, topic).await? == cadence {
                    topics.push(topic);
                }
            }
            topics
        }
    };
    for topic in topics {
        set_delivery(conn, user_id, topic, Delivery::Off, now).await?;
    }
    Ok(())
}

/// Whether `stream` is already off for `user_id`.
pub async fn is_off(conn: &impl ConnectionTrait, user_id: i32, stream: MailStream) -> Result<bool, AppError> {
    match stream {
        MailStream::Topic(topic) => Ok(delivery_of(conn, user_id, topic).await? == Delivery::Off),
        MailStream::Digest(cadence) => {
            for topic in Topic::ALL {
                if delivery_of(conn, user_id, topic).await? == cadence {
                    return Ok(false);
                }
            }
            Ok(true)
        }
    }
}

/// Notices still waiting for `user_id` (used by tests and the preferences page).
pub async fn waiting(conn: &impl ConnectionTrait, user_id: i32) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    mail_digest_item::Entity::find()
        .filter(mail_digest_item::Column::UserId.eq(user_id))
        .filter(mail_digest_item::Column::SentKey.is_null())
        .count(conn)
        .await
        .or_internal("counting waiting notices")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unsubscribe_token_names_its_person_and_stream_and_cannot_be_forged() {
        let key = SigningKey::new(b"kunci situs");
        let config = Config {
            base_url: "https://jatinan.test".into(),
            mail_from: String::new(),
            secure_cookies: true,
            reply_to: None,
            photo_dir: ".".into(),
            trust_proxy: false,
            follow_up_days: 5,
            disposition_days: 3,
            signing_key: key.clone(),
            page_cache_secs: 0,
            live_viewers_max: 1,
            whatsapp: None,
            push: crate::domain::push::PushSettings::new("", "noreply@jatinan.test"),
            vapid: crate::domain::push::VapidKey::generate().unwrap_or_else(|err| panic!("{err}")),
        };
        let url = unsubscribe_url(&config, 7, MailStream::Topic(Topic::Comments));
        let token = url
            .strip_prefix("https://jatinan.test/unsubscribe?t=")
            .unwrap_or_default();
        assert_eq!(
            read_unsubscribe_token(&key, token),
            Some((7, MailStream::Topic(Topic::Comments)))
        );
        let (_, signature) = token.rsplit_once('.').unwrap_or_default();
        for forged in [
            format!("8.comments.{signature}"),
            format!("7.sessions.{signature}"),
            "7.comments.AAAAAAAAAAAAAAAAAAAAAA".to_owned(),
            "7.comments".to_owned(),
            String::new(),
        ] {
            assert_eq!(read_unsubscribe_token(&key, &forged), None, "{forged}");
        }
        assert_eq!(read_unsubscribe_token(&SigningKey::new(b"lain"), token), None);
    }
}
