//! The weekly summary mail: what happened to what each person follows.

use crate::domain::notices::issue_link;
use crate::{
    domain::{
        AppState,
        entities::{dialogue_session, issue, issue_history, user_account},
        error::{OrInternal, write_txn},
        mail::{
            self,
            notify::{delivery_of, enqueue_signed},
            templates::{self, DigestLine},
        },
        queries::time::{latest_morning, when_wib},
    },
    model::{
        AppError,
        issue::{IssueStatus, Privacy},
        mail::{Delivery, MailStream, Topic},
        session::SessionStatus,
    },
};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

/// On Monday after 07:00 WIB: the week's summary to everyone who wants it (once per week,
/// whichever instance gets there first). Returns how many were queued.
pub async fn weekly_summaries(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let week_start = latest_morning(now, true);
    let since = week_start - Duration::days(7);
    let txn = write_txn(&state.db).await?;
    if !mail::claim_job(&txn, &format!("weekly-summary:{}", week_start.timestamp()), now).await? {
        return Ok(0);
    }
    let public = || {
        issue::Entity::find()
            .filter(issue::Column::Privacy.ne(Privacy::Rahasia))
            .filter(issue::Column::HiddenAt.is_null())
            .filter(issue::Column::Status.is_not_in(IssueStatus::all_where(IssueStatus::is_hidden)))
            .filter(issue::Column::CreatedAt.gte(since))
            .filter(issue::Column::CreatedAt.lt(week_start))
    };
    let new = public().count(&txn).await.or_internal("counting new issues")?;
    let top = public()
        .order_by_desc(issue::Column::SupportCount)
        .order_by_asc(issue::Column::Id)
        .limit(5)
        .all(&txn)
        .await
        .or_internal("reading the week's issues")?;
    let resolved = issue_history::Entity::find()
        .filter(issue_history::Column::ToStatus.eq(IssueStatus::Resolved))
        .filter(issue_history::Column::CreatedAt.gte(since))
        .filter(issue_history::Column::CreatedAt.lt(week_start))
        .count(&txn)
        .await
        .or_internal("counting resolved issues")?;
    let next = dialogue_session::Entity::find()
        .filter(dialogue_session::Column::StartsAt.gt(now))
        .filter(dialogue_session::Column::Status.ne(SessionStatus::Cancelled))
        .order_by_asc(dialogue_session::Column::StartsAt)
        .one(&txn)
        .await
        .or_internal("reading the next session")?;
    if new == 0 && next.is_none() {
        txn.commit().await.or_internal("committing the weekly summary")?;
        return Ok(0);
    }
    let people = user_account::Entity::find()
        .filter(user_account::Column::EmailVerifiedAt.is_not_null())
        .filter(user_account::Column::DisabledAt.is_null())
        .order_by_asc(user_account::Column::Id)
        .all(&txn)
        .await
        .or_internal("reading accounts")?;
    let links: Vec<String> = top.iter().map(|i| issue_link(&state.config, i.id)).collect();
    let mut queued = 0;
    for person in people {
        if delivery_of(&txn, person.id, Topic::WeeklySummary).await? == Delivery::Off {
            continue;
        }
        let locale = person.locale;
        let t = locale.texts();
        let supports: Vec<String> = top.iter().map(|i| (t.supporters)(i.support_count)).collect();
        let lines: Vec<DigestLine<'_>> = top
            .iter()
            .zip(&links)
            .zip(&supports)
            .map(|((i, link), supports)| DigestLine {
                subject: &i.title,
                summary: supports,
                link,
            })
            .collect();
        let next_line = next
            .as_ref()
            .map(|s| (t.mail_weekly_next)(&when_wib(s.starts_at, s.duration_minutes, locale), &s.venue));
        let rendered = templates::weekly_summary(
            t,
            &person.name,
            &(t.mail_weekly_counts)(new, resolved),
            &lines,
            next_line.as_deref(),
            &format!("{}/issues", state.config.base_url),
        );
        let key = format!("weekly-summary:{}:{}", week_start.timestamp(), person.id);
        let stream = MailStream::Topic(Topic::WeeklySummary);
        enqueue_signed(&txn, &state.config, now, &person, key, stream, rendered, None).await?;
        queued += 1;
    }
    txn.commit().await.or_internal("committing the weekly summary")?;
    if queued > 0 {
        state.mail_bell.notify_one();
    }
    Ok(queued)
}
