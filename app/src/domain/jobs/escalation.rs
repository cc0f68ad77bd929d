//! Escalation: a follow-up past its deadline is told to the OPD's head and the secretariat,
//! once a day, and summed up once a week.

use crate::domain::queries::holidays::holiday_set;
use crate::domain::views::follow_ups::escalated;
use crate::{
    domain::{
        AppState,
        entities::{follow_up, issue, opd, user_account},
        error::{OrInternal, write_txn},
        notices::{officers_of, tell_opd_office},
        queries::time::{format_day, wib_day},
        rules::access::role_of,
    },
    i18n::Locale,
    model::{
        AppError,
        account::Role,
        follow_up::{DUE_SOON_DAYS, FollowUpStatus, OverdueItem, working_days_between},
    },
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// The people deadlines concern: `opd_id`'s officers and, with `secretariat`, the
/// secretariat and the admin.
async fn deadline_audience(
    conn: &impl ConnectionTrait,
    opd_id: i32,
    secretariat: bool,
) -> Result<Vec<user_account::Model>, AppError> {
    let mut roles = vec![Role::OpdOfficer];
    if secretariat {
        roles.extend([Role::Secretariat, Role::Admin]);
    }
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Role.is_in(roles))
        .filter(user_account::Column::DisabledAt.is_null())
        .all(conn)
        .await
        .or_internal("reading staff")?
        .into_iter()
        .filter(|u| role_of(u) != Role::OpdOfficer || u.opd_id == Some(opd_id))
        .collect())
}

/// One working day before a deadline the OPD is reminded; once it has passed the OPD and
/// the secretariat are told. Each once per deadline (a reopened follow-up's new deadline
/// counts again). Returns how many notices it queued.
pub async fn escalate(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let holidays = holiday_set(&txn).await?;
    let today = wib_day(now);
    let open = follow_up::Entity::find()
        .filter(follow_up::Column::Status.is_in([FollowUpStatus::Assigned, FollowUpStatus::InProgress]))
        .all(&txn)
        .await
        .or_internal("reading open follow-ups")?;
    let mut due: Vec<(follow_up::Model, i64)> = Vec::new();
    for row in open {
        let days_left = working_days_between(today, row.due_on, &holidays);
        let step = if days_left < 0 { "overdue" } else { "soon" };
        // Each step once per deadline: a marker, so that later rounds skip the row at once.
        // "Soon" is anything within the warning window not yet told, so that a day without a
        // run does not skip it.
        if days_left <= DUE_SOON_DAYS
            && crate::domain::mail::claim_job(&txn, &format!("deadline:{step}:{}:{}", row.id, row.due_on), now).await?
        {
            due.push((row, days_left));
        }
    }
    let issues: HashMap<i32, issue::Model> = issue::Entity::find()
        .filter(issue::Column::Id.is_in(due.iter().map(|(r, _)| r.issue_id)))
        .all(&txn)
        .await
        .or_internal("reading issues")?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let opds: HashMap<i32, opd::Model> = opd::Entity::find()
        .all(&txn)
        .await
        .or_internal("reading OPDs")?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut queued = 0;
    for (row, days_left) in due {
        let overdue = days_left < 0;
        let Some(found) = issues.get(&row.issue_id) else {
            continue;
        };
        let office = opds.get(&row.opd_id);
        let opd_name = office.map(|o| o.name.clone()).unwrap_or_default();
        let link = format!("{}/issues/{}#tindak-lanjut", state.config.base_url, found.id);
        let step = if overdue { "overdue" } else { "soon" };
        if let Some(office) = office {
            let t = Locale::Id.texts();
            let due = format_day(row.due_on, Locale::Id);
            let (subject, body) = if overdue {
                (
                    (t.mail_overdue_subject)(found.id),
                    (t.mail_overdue_body)(&found.title, &opd_name, &due, -days_left),
                )
            } else {
                (
                    (t.mail_due_soon_subject)(found.id),
                    (t.mail_due_soon_body)(&found.title, &opd_name, &due),
                )
            };
            let rendered = crate::domain::mail::templates::paragraphs(
                t,
                subject,
                &office.name,
                std::slice::from_ref(&body),
                (t.mail_issue_action, &link),
            );
            let officers = officers_of(&txn, office.id).await?;
            let key = format!("deadline:{step}:{}:{}", row.id, row.due_on);
            tell_opd_office(&txn, now, office, &officers, &key, rendered).await?;
        }
        for person in deadline_audience(&txn, row.opd_id, overdue).await? {
            let locale = person.locale;
            let t = locale.texts();
            let due = format_day(row.due_on, locale);
            let (subject, body, step) = if overdue {
                (
                    (t.mail_overdue_subject)(found.id),
                    (t.mail_overdue_body)(&found.title, &opd_name, &due, -days_left),
                    "overdue",
                )
            } else {
                (
                    (t.mail_due_soon_subject)(found.id),
                    (t.mail_due_soon_body)(&found.title, &opd_name, &due),
                    "soon",
                )
            };
            let rendered = crate::domain::mail::templates::paragraphs(
                t,
                subject,
                &person.name,
                std::slice::from_ref(&body),
                (t.mail_issue_action, &link),
            );
            let key = format!("deadline:{step}:{}:{}:{}", row.id, row.due_on, person.id);
            let notice =
                crate::domain::mail::notify::Notice::plain(key, crate::model::mail::Topic::Opd, rendered, link.clone());
            crate::domain::mail::notify::notify(&txn, &state.config, now, &person, notice).await?;
            queued += 1;
        }
    }
    txn.commit().await.or_internal("committing deadline notices")?;
    if queued > 0 {
        state.mail_bell.notify_one();
    }
    Ok(queued)
}

/// On Monday after 07:00 WIB: the escalated follow-ups to the secretariat and the admin,
/// once a week. Returns how many messages it queued.
pub async fn weekly_escalation(state: &AppState) -> Result<usize, AppError> {
    use crate::domain::{
        mail::{
            claim_job,
            notify::{Notice, notify},
            templates::{self, DigestLine},
        },
        queries::time::latest_morning,
    };
    let now = state.clock.now();
    let week = latest_morning(now, true);
    let txn = write_txn(&state.db).await?;
    if !claim_job(&txn, &format!("escalation:{}", week.timestamp()), now).await? {
        return Ok(0);
    }
    let people = crate::domain::queries::accounts::deciders(&txn).await?;
    let thresholds = crate::domain::queries::settings::thresholds(&txn, &state.config).await?;
    // The list once per language, not once per person.
    let mut lists: HashMap<Locale, Vec<OverdueItem>> = HashMap::new();
    let mut queued = 0;
    for person in people {
        let locale = person.locale;
        if let std::collections::hash_map::Entry::Vacant(slot) = lists.entry(locale) {
            slot.insert(escalated(&txn, locale, now, &thresholds).await?);
        }
        let items = lists.get(&locale).cloned().unwrap_or_default();
        if items.is_empty() {
            break;
        }
        let t = locale.texts();
        let links: Vec<String> = items
            .iter()
            .map(|i| format!("{}/issues/{}#tindak-lanjut", state.config.base_url, i.item.issue_id))
            .collect();
        let subjects: Vec<String> = items
            .iter()
            .map(|i| format!("#{} {}", i.item.issue_id, i.item.issue_title))
            .collect();
        let summaries: Vec<String> = items
            .iter()
            .map(|i| {
                format!(
                    "{} · {} · {}",
                    i.opd_name,
                    (t.fu_due)(&i.item.due_day),
                    (t.fu_days_left)(i.item.days_left)
                )
            })
            .collect();
        let lines: Vec<DigestLine<'_>> = (0..items.len())
            .map(|n| DigestLine {
                subject: &subjects[n],
                summary: &summaries[n],
                link: &links[n],
            })
            .collect();
        let staff_room = format!("{}/staff", state.config.base_url);
        let rendered = templates::digest(
            t,
            (t.mail_escalation_subject)(items.len()),
            &person.name,
            &(t.mail_escalation_intro)(thresholds.escalate_after_days),
            &lines,
            (t.nav_staff, &staff_room),
        );
        let key = format!("escalation:{}:{}", week.timestamp(), person.id);
        let notice = Notice::plain(key, crate::model::mail::Topic::Opd, rendered, staff_room.clone());
        notify(&txn, &state.config, now, &person, notice).await?;
        queued += 1;
    }
    txn.commit().await.or_internal("committing the escalation summary")?;
    if queued > 0 {
        state.mail_bell.notify_one();
    }
    Ok(queued)
}
