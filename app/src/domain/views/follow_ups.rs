//! Follow-ups as pages read them: an issue's follow-ups (internal notes only for staff of
//! the OPD), an OPD's queue and the overdue list.

use crate::domain::queries::holidays::holiday_set;
use crate::domain::rules::access::is_officer_of;
use crate::domain::rules::access::sees_internal;
use crate::{
    domain::{
        entities::{follow_up, follow_up_update, issue, opd, user_account},
        error::OrInternal,
        queries::{
            opds::opd_names,
            time::{format_day, wib_day},
        },
        rules::access::role_of,
    },
    i18n::Locale,
    model::{
        AppError,
        account::Role,
        follow_up::{
            DUE_SOON_DAYS, FollowUpStatus, FollowUpView, OpdItem, OpdQueue, OverdueItem, working_days_between,
        },
        settings::Thresholds,
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The follow-ups of `found` as `viewer` may see them, with what they may do.
pub async fn views(
    db: &DatabaseConnection,
    found: &issue::Model,
    viewer: Option<&user_account::Model>,
    (locale, now): (Locale, DateTime<Utc>),
    thresholds: &Thresholds,
) -> Result<Vec<FollowUpView>, AppError> {
    let rows = follow_up::Entity::find()
        .filter(follow_up::Column::IssueId.eq(found.id))
        .order_by_desc(follow_up::Column::Lead)
        .order_by_asc(follow_up::Column::Id)
        .all(db)
        .await
        .or_internal("reading follow-ups")?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // The latest percent each reported, from its public updates.
    let mut percent: HashMap<i32, i32> = HashMap::new();
    for u in follow_up_update::Entity::find()
        .filter(follow_up_update::Column::FollowUpId.is_in(rows.iter().map(|r| r.id)))
        .filter(follow_up_update::Column::Percent.is_not_null())
        .filter(follow_up_update::Column::Internal.eq(false))
        .order_by_asc(follow_up_update::Column::Id)
        .all(db)
        .await
        .or_internal("reading follow-up progress")?
    {
        if let Some(p) = u.percent {
            percent.insert(u.follow_up_id, p);
        }
    }
    let opds: HashMap<i32, opd::Model> = opd::Entity::find()
        .filter(opd::Column::Id.is_in(rows.iter().map(|r| r.opd_id)))
        .all(db)
        .await
        .or_internal("reading OPDs")?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let holidays = holiday_set(db).await?;
    let today = wib_day(now);
    Ok(rows
        .iter()
        .map(|row| {
            let opd = opds.get(&row.opd_id);
            let status = row.status;
            let confirm_days_left = row
                .resolved_at
                .filter(|_| status == FollowUpStatus::Resolved)
                .map(|at| i64::from(thresholds.confirm_days) - working_days_between(wib_day(at), today, &holidays));
            FollowUpView {
                id: row.id,
                opd_name: opd.map(|o| o.name.clone()).unwrap_or_default(),
                opd_head: opd.and_then(|o| o.head_name.clone()),
                opd_email: opd.and_then(|o| o.email.clone()),
                lead: row.lead,
                status,
                action_html: row.action_html.clone(),
                due_day: format_day(row.due_on, locale),
                days_left: status
                    .is_open()
                    .then(|| working_days_between(today, row.due_on, &holidays)),
                percent: percent.get(&row.id).copied(),
                needs_programme: row.needs_programme,
                can_work: viewer.is_some_and(|v| is_officer_of(v, row.opd_id)) && status.is_open(),
                can_confirm: viewer.is_some_and(|v| v.id == found.author_id)
                    && confirm_days_left.is_some_and(|d| d > 0),
                confirm_days_left,
            }
        })
        .collect())
}

/// Who may read a follow-up's internal notes.
pub(crate) fn reads_internal(viewer: Option<&user_account::Model>, opd_id: i32) -> bool {
    sees_internal(viewer, opd_id)
}

fn opd_item(row: &follow_up::Model, titles: &HashMap<i32, String>, locale: Locale, days_left: i64) -> OpdItem {
    OpdItem {
        follow_up_id: row.id,
        issue_id: row.issue_id,
        issue_title: titles.get(&row.issue_id).cloned().unwrap_or_default(),
        lead: row.lead,
        status: row.status,
        due_day: format_day(row.due_on, locale),
        days_left,
    }
}

/// An officer's list: their OPD's open follow-ups, new, in progress, due soon and overdue.
pub async fn queue(
    db: &DatabaseConnection,
    user: &user_account::Model,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<OpdQueue, AppError> {
    let Some(opd_id) = user.opd_id.filter(|_| role_of(user) == Role::OpdOfficer) else {
        return Err(AppError::Forbidden);
    };
    let opd_name = opd::Entity::find_by_id(opd_id)
        .one(db)
        .await
        .or_internal("reading an OPD")?
        .map(|o| o.name)
        .unwrap_or_default();
    let rows = follow_up::Entity::find()
        .filter(follow_up::Column::OpdId.eq(opd_id))
        .filter(follow_up::Column::Status.is_in([FollowUpStatus::Assigned, FollowUpStatus::InProgress]))
        .order_by_asc(follow_up::Column::DueOn)
        .all(db)
        .await
        .or_internal("reading the OPD's follow-ups")?;
    let titles: HashMap<i32, String> = issue::Entity::find()
        .filter(issue::Column::Id.is_in(rows.iter().map(|r| r.issue_id)))
        .all(db)
        .await
        .or_internal("reading issues")?
        .into_iter()
        .map(|i| (i.id, i.title))
        .collect();
    let holidays = holiday_set(db).await?;
    let today = wib_day(now);
    let mut queue = OpdQueue {
        opd_name,
        new: Vec::new(),
        in_progress: Vec::new(),
        due_soon: Vec::new(),
        overdue: Vec::new(),
    };
    for row in rows {
        let days_left = working_days_between(today, row.due_on, &holidays);
        let item = opd_item(&row, &titles, locale, days_left);
        let list = if days_left < 0 {
            &mut queue.overdue
        } else if days_left <= DUE_SOON_DAYS {
            &mut queue.due_soon
        } else if item.status == FollowUpStatus::Assigned {
            &mut queue.new
        } else {
            &mut queue.in_progress
        };
        list.push(item);
    }
    Ok(queue)
}

/// Follow-ups overdue by the `escalate_after_days` setting's working days or more, most
/// overdue first.
pub async fn escalated(
    conn: &impl ConnectionTrait,
    locale: Locale,
    now: DateTime<Utc>,
    thresholds: &Thresholds,
) -> Result<Vec<OverdueItem>, AppError> {
    let holidays = holiday_set(conn).await?;
    let today = wib_day(now);
    let open = follow_up::Entity::find()
        .filter(follow_up::Column::Status.is_in([FollowUpStatus::Assigned, FollowUpStatus::InProgress]))
        .filter(follow_up::Column::DueOn.lt(today))
        .all(conn)
        .await
        .or_internal("reading overdue follow-ups")?;
    let late: Vec<(follow_up::Model, i64)> = open
        .into_iter()
        .map(|r| {
            let days = working_days_between(today, r.due_on, &holidays);
            (r, days)
        })
        .filter(|(_, days)| *days <= -i64::from(thresholds.escalate_after_days))
        .collect();
    let titles: HashMap<i32, String> = issue::Entity::find()
        .filter(issue::Column::Id.is_in(late.iter().map(|(r, _)| r.issue_id)))
        .all(conn)
        .await
        .or_internal("reading issues")?
        .into_iter()
        .map(|i| (i.id, i.title))
        .collect();
    let opds = opd_names(conn).await?;
    let mut items: Vec<OverdueItem> = late
        .into_iter()
        .map(|(row, days_left)| OverdueItem {
            opd_name: opds.get(&row.opd_id).cloned().unwrap_or_default(),
            item: opd_item(&row, &titles, locale, days_left),
        })
        .collect();
    items.sort_by_key(|i| i.item.days_left);
    Ok(items)
}
