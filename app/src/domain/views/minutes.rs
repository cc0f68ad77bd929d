//! The minutes drafted when the live hour ends, for the secretariat to complete and publish.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    domain::{
        entities::{agenda_item, dialogue_session, follow_up, issue, live_speaker},
        error::OrInternal,
        queries::{
            self,
            agenda::{category_names, issues_of, items_of, order_of, place, places},
            opds::opd_short_names,
            time::{format_day, wib_day},
        },
    },
    i18n::Locale,
    model::{
        AppError,
        issue::Privacy,
        live::{MinutesItem, draft_minutes},
    },
};

/// The minutes drafted when the hour ends, in `locale` (the secretariat's language). A
/// `rahasia` item is named as the public reads it, with its outcome but no decision or notes:
/// the minutes are published.
pub(crate) async fn minutes_draft(
    conn: &impl ConnectionTrait,
    session: &dialogue_session::Model,
    locale: Locale,
) -> Result<String, AppError> {
    let t = locale.texts();
    let rows = items_of(conn, session.id).await?;
    let order = order_of(&rows);
    let issues = issues_of(conn, &rows).await?;
    let all: Vec<issue::Model> = issues.values().cloned().collect();
    let names = places(conn, &all).await?;
    let categories = category_names(conn, locale).await?;
    let opds = opd_short_names(conn).await?;
    let follow_ups = follow_up::Entity::find()
        .filter(follow_up::Column::AgendaItemId.is_in(rows.iter().map(|r| r.id)))
        .all(conn)
        .await
        .or_internal("reading follow-ups")?;
    let by_id: HashMap<i32, &agenda_item::Model> = rows.iter().map(|r| (r.id, r)).collect();
    let items: Vec<MinutesItem> = order
        .iter()
        .filter_map(|id| {
            let row = by_id.get(id)?;
            let issue = issues.get(&row.issue_id)?;
            let secret = issue.privacy == Privacy::Rahasia;
            let category = categories
                .get(&issue.category_id)
                .map(String::as_str)
                .unwrap_or_default();
            Some(MinutesItem {
                title: if secret {
                    (t.agenda_confidential)(category)
                } else {
                    issue.title.clone()
                },
                place: if secret { String::new() } else { place(&names, issue) },
                from_floor: row.from_floor,
                seconds: i64::from(row.spent_seconds),
                discussed: row.discussed,
                decision: row.decision_md.clone().filter(|_| !secret),
                opds: follow_ups
                    .iter()
                    .filter(|f| f.agenda_item_id == Some(row.id))
                    .filter_map(|f| opds.get(&f.opd_id).cloned())
                    .collect(),
                notes: row.notes_md.clone().filter(|_| !secret),
            })
        })
        .collect();
    let speakers: Vec<String> = live_speaker::Entity::find()
        .filter(live_speaker::Column::SessionId.eq(session.id))
        .filter(live_speaker::Column::CalledAt.is_not_null())
        .order_by_asc(live_speaker::Column::Position)
        .all(conn)
        .await
        .or_internal("reading speakers")?
        .into_iter()
        .map(|s| s.name)
        .collect();
    let heading = format!(
        "{} · {}",
        t.minutes_title,
        format_day(wib_day(session.starts_at), locale)
    );
    let polls = queries::polls::of_session(conn, session.id).await?;
    Ok(draft_minutes(&heading, &items, &polls, &speakers, &t.minutes_words))
}
