//! One OPD in public (`/scorecard/{code}`): its numbers and monthly trend as on the
//! scorecard, the public issues it holds now (overdue first) and those it resolved, each
//! with the resident's word. A `rahasia` issue is counted, never listed.

use super::scorecard::{Tally, resolved_at, trend};
use crate::{
    domain::{
        entities::{follow_up, follow_up_update, issue, opd},
        error::OrInternal,
        queries::{
            holidays::holiday_set,
            time::{format_day, wib_day},
        },
    },
    i18n::Locale,
    model::{
        AppError,
        follow_up::{OpdPageItem, OpdScore, UpdateKind},
        issue::Privacy,
        settings::Thresholds,
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// How many resolved items the page lists.
const RESOLVED_SHOWN: usize = 30;

pub async fn opd_page(
    db: &DatabaseConnection,
    code: &str,
    (locale, now): (Locale, DateTime<Utc>),
    thresholds: &Thresholds,
) -> Result<OpdScore, AppError> {
    let found = opd::Entity::find()
        .all(db)
        .await
        .or_internal("reading OPDs")?
        .into_iter()
        .find(|o| o.code.eq_ignore_ascii_case(code))
        .ok_or(AppError::NotFound)?;
    let rows = follow_up::Entity::find()
        .filter(follow_up::Column::Lead.eq(true))
        .filter(follow_up::Column::OpdId.eq(found.id))
        .all(db)
        .await
        .or_internal("reading follow-ups")?;
    let holidays = holiday_set(db).await?;
    let today = wib_day(now);
    let mut tally = Tally::default();
    for row in &rows {
        tally.add(row, &holidays, today);
    }
    let issues: HashMap<i32, issue::Model> = issue::Entity::find()
        .filter(issue::Column::Id.is_in(rows.iter().map(|r| r.issue_id)))
        .all(db)
        .await
        .or_internal("reading issues")?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let public = |row: &follow_up::Model| {
        issues
            .get(&row.issue_id)
            .filter(|i| i.privacy != Privacy::Rahasia && i.hidden_at.is_none() && !i.status.is_hidden())
    };
    let mut open: Vec<(bool, follow_up::Model)> = rows
        .iter()
        .filter(|r| r.status.is_open() && public(r).is_some())
        .map(|r| (r.due_on < today, r.clone()))
        .collect();
    open.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.due_on.cmp(&b.1.due_on)));
    let open_confidential = rows
        .iter()
        .filter(|r| r.status.is_open())
        .filter(|r| issues.get(&r.issue_id).is_some_and(|i| i.privacy == Privacy::Rahasia))
        .count() as u64;
    let mut resolved: Vec<(DateTime<Utc>, follow_up::Model)> = rows
        .iter()
        .filter(|r| public(r).is_some())
        .filter_map(|r| resolved_at(r).map(|at| (at, r.clone())))
        .collect();
    resolved.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    resolved.truncate(RESOLVED_SHOWN);
    // The resident's word: the latest confirmation of each resolved follow-up.
    let words: HashMap<i32, String> = follow_up_update::Entity::find()
        .filter(follow_up_update::Column::FollowUpId.is_in(resolved.iter().map(|(_, r)| r.id)))
        .filter(follow_up_update::Column::Kind.eq(UpdateKind::Confirmed))
        .filter(follow_up_update::Column::Internal.eq(false))
        .order_by_asc(follow_up_update::Column::Id)
        .all(db)
        .await
        .or_internal("reading confirmations")?
        .into_iter()
        .map(|u| (u.follow_up_id, u.body_html))
        .collect();
    let title = |row: &follow_up::Model| public(row).map(|i| i.title.clone()).unwrap_or_default();
    Ok(OpdScore {
        code: found.code.to_lowercase(),
        name: found.name.clone(),
        head_name: found.head_name.clone(),
        numbers: tally.row(
            found.name,
            None,
            u64::try_from(thresholds.score_min_resolved).unwrap_or_default(),
        ),
        trend: trend(&rows, today),
        open: open
            .into_iter()
            .map(|(late, r)| OpdPageItem {
                issue_id: r.issue_id,
                title: title(&r),
                status: r.status,
                day: format_day(r.due_on, locale),
                late,
                confirmed: false,
                word_html: None,
            })
            .collect(),
        open_confidential,
        resolved: resolved
            .into_iter()
            .map(|(at, r)| OpdPageItem {
                issue_id: r.issue_id,
                title: title(&r),
                status: r.status,
                day: format_day(wib_day(at), locale),
                late: wib_day(at) > r.due_on,
                confirmed: words.contains_key(&r.id),
                word_html: words.get(&r.id).filter(|w| !w.is_empty()).cloned(),
            })
            .collect(),
    })
}
