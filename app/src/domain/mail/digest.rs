//! Notices that wait: comments coalesced on one issue leave `COALESCE` after the first, the
//! daily digest after 07:00 WIB and the weekly one on Monday after 07:00 WIB. Each message
//! claims its notices in the transaction that queues it, so two instances never send the
//! same notice and a crash sends it later, once.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr};

use crate::domain::mail::{
    notify::{COALESCE, SOON, enqueue_signed},
    templates::{self, DigestLine},
};
use crate::{
    domain::{
        AppState,
        entities::{
            mail_digest_item::{self, Cadence},
            user_account,
        },
        error::{OrInternal, write_txn},
        queries::time::latest_morning,
    },
    model::{
        AppError,
        mail::{Delivery, MailStream},
    },
};

/// What one message gathers: one person's waiting notices of one cadence (and, for
/// coalesced comments, one group), created before `before`.
struct Batch {
    user_id: i32,
    cadence: Cadence,
    group: Option<String>,
    before: DateTime<Utc>,
    key: String,
}

/// Queues every message that is due now. Returns how many were queued.
pub async fn run_due(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let mut batches = Vec::new();
    let soon: Vec<(i32, String)> = waiting(SOON, now - COALESCE)
        .select_only()
        .column(mail_digest_item::Column::UserId)
        .column(mail_digest_item::Column::GroupKey)
        .distinct()
        .into_tuple()
        .all(&state.db)
        .await
        .or_internal("reading coalesced notices")?;
    for (user_id, group) in soon {
        batches.push(Batch {
            user_id,
            cadence: SOON,
            key: format!("soon:{user_id}:{group}:{}", now.timestamp()),
            group: Some(group),
            before: now,
        });
    }
    for cadence in [Delivery::Daily, Delivery::Weekly] {
        let before = latest_morning(now, cadence == Delivery::Weekly);
        let Some(stored) = Cadence::digest(cadence) else {
            continue;
        };
        let people: Vec<i32> = waiting(stored, before)
            .select_only()
            .column(mail_digest_item::Column::UserId)
            .distinct()
            .into_tuple()
            .all(&state.db)
            .await
            .or_internal("reading digest notices")?;
        for user_id in people {
            batches.push(Batch {
                user_id,
                cadence: stored,
                group: None,
                before,
                key: format!("digest:{}:{user_id}:{}", cadence.as_str(), before.timestamp()),
            });
        }
    }
    let mut queued = 0;
    for batch in batches {
        if send(state, batch, now).await? {
            queued += 1;
        }
    }
    if queued > 0 {
        state.mail_bell.notify_one();
    }
    Ok(queued)
}

fn waiting(cadence: Cadence, created_before: DateTime<Utc>) -> sea_orm::Select<mail_digest_item::Entity> {
    mail_digest_item::Entity::find()
        .filter(mail_digest_item::Column::Cadence.eq(cadence))
        .filter(mail_digest_item::Column::SentKey.is_null())
        .filter(mail_digest_item::Column::CreatedAt.lte(created_before))
}

/// Claims the batch's notices and queues their message, in one transaction. False when
/// another instance claimed them first.
async fn send(state: &AppState, batch: Batch, now: DateTime<Utc>) -> Result<bool, AppError> {
    let txn = write_txn(&state.db).await?;
    let mut query = mail_digest_item::Entity::find()
        .filter(mail_digest_item::Column::UserId.eq(batch.user_id))
        .filter(mail_digest_item::Column::Cadence.eq(batch.cadence))
        .filter(mail_digest_item::Column::SentKey.is_null())
        .filter(mail_digest_item::Column::CreatedAt.lte(batch.before));
    if let Some(group) = &batch.group {
        query = query.filter(mail_digest_item::Column::GroupKey.eq(group.as_str()));
    }
    let items = query
        .order_by_asc(mail_digest_item::Column::Id)
        .all(&txn)
        .await
        .or_internal("reading waiting notices")?;
    let ids: Vec<i32> = items.iter().map(|i| i.id).collect();
    let claimed = mail_digest_item::Entity::update_many()
        .col_expr(mail_digest_item::Column::SentKey, Expr::value(Some(batch.key.clone())))
        .filter(mail_digest_item::Column::Id.is_in(ids.clone()))
        .filter(mail_digest_item::Column::SentKey.is_null())
        .exec(&txn)
        .await
        .or_internal("claiming notices")?;
    if items.is_empty() || claimed.rows_affected != ids.len() as u64 {
        return Ok(false);
    }
    let Some(person) = user_account::Entity::find_by_id(batch.user_id)
        .one(&txn)
        .await
        .or_internal("reading an account")?
        .filter(|p| p.disabled_at.is_none())
    else {
        // Nobody to send to: the notices stay claimed and are not sent.
        txn.commit().await.or_internal("dropping notices")?;
        return Ok(false);
    };
    let locale = person.locale;
    let t = locale.texts();
    let lines: Vec<DigestLine<'_>> = items
        .iter()
        .map(|i| DigestLine {
            subject: &i.subject,
            summary: &i.summary,
            link: &i.link,
        })
        .collect();
    let home = state.config.base_url.clone();
    let (rendered, stream) = match (batch.cadence, items.as_slice()) {
        (SOON, [first, ..]) => {
            let topic = first.topic;
            let subject = if items.len() == 1 {
                first.subject.clone()
            } else {
                (t.mail_coalesced_subject)(items.len(), &first.subject)
            };
            let action = (t.mail_issue_action, first.link.as_str());
            (
                templates::digest(t, subject, &person.name, t.mail_coalesced_intro, &lines, action),
                MailStream::Topic(topic),
            )
        }
        (cadence, _) => {
            let cadence = if cadence == Cadence::Weekly {
                Delivery::Weekly
            } else {
                Delivery::Daily
            };
            (
                templates::digest(
                    t,
                    (t.mail_digest_subject)(cadence, items.len()),
                    &person.name,
                    (t.mail_digest_intro)(cadence),
                    &lines,
                    (t.mail_digest_action, &home),
                ),
                MailStream::Digest(cadence),
            )
        }
    };
    enqueue_signed(&txn, &state.config, now, &person, batch.key, stream, rendered, None).await?;
    txn.commit().await.or_internal("committing a digest")?;
    Ok(true)
}
