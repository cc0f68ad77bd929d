//! A session's agenda page and the ranked suggestions (published, public, not yet
//! discussed, posted before the cutoff).

use crate::domain::queries::agenda::{category_names, issues_of, items_of, place, places};
use crate::domain::queries::opds::opd_short_names;
use crate::{
    domain::{
        entities::{agenda_item, dialogue_session, follow_up, issue},
        error::OrInternal,
        queries::time::format_day,
    },
    i18n::Locale,
    model::{
        AppError,
        issue::{IssueStatus, Privacy},
        session::{AgendaItemView, SessionStatus, Suggestion},
    },
};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Asia::Jakarta;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};

/// The agenda in order, each with its slot in WIB counted from the session's start. A
/// `rahasia` item shows readers who are not `staff` only "aduan rahasia" and its category:
/// no title, place, decision or link.
pub async fn agenda(
    db: &DatabaseConnection,
    session: &dialogue_session::Model,
    locale: Locale,
    staff: bool,
) -> Result<Vec<AgendaItemView>, AppError> {
    let items = items_of(db, session.id).await?;
    let issues = issues_of(db, &items).await?;
    let all: Vec<issue::Model> = issues.values().cloned().collect();
    let names = places(db, &all).await?;
    let opds = opd_short_names(db).await?;
    let follow_ups = follow_up::Entity::find()
        .filter(follow_up::Column::AgendaItemId.is_in(items.iter().map(|i| i.id)))
        .all(db)
        .await
        .or_internal("reading follow-ups")?;
    let categories: HashMap<i32, String> = if all.iter().any(|i| i.privacy == Privacy::Rahasia) {
        category_names(db, locale).await?
    } else {
        HashMap::new()
    };
    let t = locale.texts();
    let sep = if locale == Locale::Id { "%H.%M" } else { "%H:%M" };
    let mut at = session.starts_at;
    Ok(items
        .into_iter()
        .filter_map(|item| {
            let issue = issues.get(&item.issue_id)?;
            let end = at + Duration::minutes(i64::from(item.slot_minutes));
            let slot_wib = format!(
                "{}–{} WIB",
                at.with_timezone(&Jakarta).format(sep),
                end.with_timezone(&Jakarta).format(sep)
            );
            at = end;
            let masked = issue.privacy == Privacy::Rahasia && !staff;
            let (title, place) = if masked {
                let category = categories
                    .get(&issue.category_id)
                    .map(String::as_str)
                    .unwrap_or_default();
                ((t.agenda_confidential)(category), String::new())
            } else {
                (issue.title.clone(), place(&names, issue))
            };
            Some(AgendaItemView {
                id: item.id,
                issue_id: if masked { 0 } else { issue.id },
                title,
                place,
                confidential: issue.privacy == Privacy::Rahasia,
                from_floor: item.from_floor,
                support_count: issue.support_count,
                slot_minutes: item.slot_minutes,
                slot_wib,
                discussed: item.discussed,
                decision_html: item.decision_html.clone().filter(|_| !masked),
                decision_md: item.decision_md.clone().filter(|_| !masked),
                follow_ups: follow_ups
                    .iter()
                    .filter(|f| f.agenda_item_id == Some(item.id))
                    .map(|f| {
                        (
                            opds.get(&f.opd_id).cloned().unwrap_or_default(),
                            format_day(f.due_on, locale),
                        )
                    })
                    .collect(),
            })
        })
        .collect())
}

/// Issues already on an agenda (not cancelled) that were not left unreached.
pub(crate) async fn taken_issues(conn: &impl ConnectionTrait) -> Result<HashSet<i32>, AppError> {
    let cancelled: Vec<i32> = dialogue_session::Entity::find()
        .select_only()
        .column(dialogue_session::Column::Id)
        .filter(dialogue_session::Column::Status.eq(SessionStatus::Cancelled))
        .into_tuple()
        .all(conn)
        .await
        .or_internal("reading cancelled sessions")?;
    let rows: Vec<(i32, Option<bool>)> = agenda_item::Entity::find()
        .select_only()
        .column(agenda_item::Column::IssueId)
        .column(agenda_item::Column::Discussed)
        .filter(agenda_item::Column::SessionId.is_not_in(cancelled))
        .into_tuple()
        .all(conn)
        .await
        .or_internal("reading agenda items")?;
    Ok(rows
        .into_iter()
        .filter(|(_, d)| *d != Some(false))
        .map(|(id, _)| id)
        .collect())
}

/// Issues to put on this session's agenda, best first, each with its reasons: supports
/// count most, then how long it has waited, then whether it is in the host kecamatan.
pub async fn suggestions(
    db: &DatabaseConnection,
    session: &dialogue_session::Model,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Vec<Suggestion>, AppError> {
    let t = locale.texts();
    let taken = taken_issues(db).await?;
    let candidates = issue::Entity::find()
        .filter(issue::Column::Status.is_in([IssueStatus::Published, IssueStatus::Reopened]))
        .filter(issue::Column::Privacy.ne(Privacy::Rahasia))
        .filter(issue::Column::HiddenAt.is_null())
        .filter(issue::Column::CreatedAt.lte(session.cutoff_at))
        .order_by_desc(issue::Column::SupportCount)
        .limit(300)
        .all(db)
        .await
        .or_internal("reading candidate issues")?;
    let candidates: Vec<issue::Model> = candidates.into_iter().filter(|i| !taken.contains(&i.id)).collect();
    let names = places(db, &candidates).await?;
    let mut ranked: Vec<Suggestion> = candidates
        .iter()
        .map(|i| {
            let weeks = ((now - i.created_at).num_days() / 7).clamp(0, 8) as i32;
            let host = session.host_kecamatan_id == Some(i.kecamatan_id);
            let mut reasons = vec![(t.reason_supports)(i.support_count)];
            if weeks > 0 {
                reasons.push((t.reason_waiting)(weeks));
            }
            if host {
                reasons.push(t.reason_host.to_owned());
            }
            Suggestion {
                issue_id: i.id,
                title: i.title.clone(),
                place: place(&names, i),
                score: i.support_count * 3 + weeks * 2 + if host { 10 } else { 0 },
                reasons,
            }
        })
        .collect();
    ranked.sort_by(|a, b| b.score.cmp(&a.score).then(a.issue_id.cmp(&b.issue_id)));
    ranked.truncate(20);
    Ok(ranked)
}
