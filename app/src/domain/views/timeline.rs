//! An issue's one history, oldest first: posted, status changes (on the agenda, discussed,
//! assigned, rejected, merged…), moderation (hidden, restored), and every step of every
//! OPD's follow-up. Who did it is named, except an anonymous author, who reads "Pelapor" to
//! anyone who may not know them; internal notes only reach their own OPD and the secretariat.

use crate::{
    domain::{
        entities::{follow_up, follow_up_update, issue, issue_history, issue_photo, moderation_action, user_account},
        error::OrInternal,
        queries::{
            opds::opd_names,
            time::{format_wib, machine},
        },
        rules::access::role_of,
        sanitize::markdown_to_html,
        views::follow_ups::reads_internal,
    },
    i18n::Locale,
    model::{
        AppError,
        follow_up::{TimelineEntry, TimelineEvent},
        issue::{PhotoView, Privacy},
        moderation::{ModerationAction, TargetKind},
    },
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

pub async fn timeline(
    db: &DatabaseConnection,
    found: &issue::Model,
    viewer: Option<&user_account::Model>,
    locale: Locale,
) -> Result<Vec<TimelineEntry>, AppError> {
    let history = issue_history::Entity::find()
        .filter(issue_history::Column::IssueId.eq(found.id))
        .order_by_asc(issue_history::Column::Id)
        .all(db)
        .await
        .or_internal("reading issue history")?;
    let moderation = moderation_action::Entity::find()
        .filter(moderation_action::Column::TargetKind.eq(TargetKind::Issue))
        .filter(moderation_action::Column::TargetId.eq(found.id))
        .filter(moderation_action::Column::Action.is_in([
            ModerationAction::AutoHide,
            ModerationAction::Hide,
            ModerationAction::Restore,
        ]))
        .all(db)
        .await
        .or_internal("reading moderation")?;
    let follow_ups: HashMap<i32, follow_up::Model> = follow_up::Entity::find()
        .filter(follow_up::Column::IssueId.eq(found.id))
        .all(db)
        .await
        .or_internal("reading follow-ups")?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    let steps = follow_up_update::Entity::find()
        .filter(follow_up_update::Column::FollowUpId.is_in(follow_ups.keys().copied()))
        .all(db)
        .await
        .or_internal("reading follow-up history")?;
    let mut evidence: HashMap<i32, Vec<PhotoView>> = HashMap::new();
    for p in issue_photo::Entity::find()
        .filter(issue_photo::Column::IssueId.eq(found.id))
        .filter(issue_photo::Column::FollowUpUpdateId.is_not_null())
        .order_by_asc(issue_photo::Column::Id)
        .all(db)
        .await
        .or_internal("reading evidence")?
    {
        if let Some(step) = p.follow_up_update_id {
            evidence.entry(step).or_default().push(PhotoView {
                hash: p.hash,
                width: p.width as u32,
                height: p.height as u32,
            });
        }
    }
    let mut people: Vec<i32> = history
        .iter()
        .filter_map(|h| h.actor_id)
        .chain(moderation.iter().filter_map(|m| m.actor_id))
        .chain(steps.iter().filter_map(|s| s.author_id))
        .collect();
    people.sort_unstable();
    people.dedup();
    let names: HashMap<i32, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(people))
        .all(db)
        .await
        .or_internal("reading names")?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let opds = opd_names(db).await?;
    let knows_author =
        found.privacy == Privacy::Publik || viewer.is_some_and(|v| v.id == found.author_id || role_of(v).moderates());
    let t = locale.texts();
    let who = |id: Option<i32>| match id {
        Some(id) if id == found.author_id && !knows_author => Some(t.issue_author_badge.to_owned()),
        Some(id) => names.get(&id).cloned(),
        None => None,
    };
    let note_html = |note: &str| {
        if note.trim().is_empty() {
            String::new()
        } else {
            markdown_to_html(note)
        }
    };
    let mut entries: Vec<(chrono::DateTime<chrono::Utc>, TimelineEntry)> = Vec::new();
    let entry = |event, who, at, body_html| TimelineEntry {
        event,
        who,
        opd: None,
        when_wib: format_wib(at, locale),
        when: machine(at),
        body_html,
        percent: None,
        cost_rupiah: None,
        internal: false,
        photos: Vec::new(),
    };
    for h in &history {
        let event = match h.from_status {
            None => TimelineEvent::Posted,
            Some(_) => TimelineEvent::Status(h.to_status),
        };
        let body = note_html(h.note.as_deref().unwrap_or_default());
        entries.push((h.created_at, entry(event, who(h.actor_id), h.created_at, body)));
    }
    for m in &moderation {
        let action = m.action;
        let body = note_html(&m.reason);
        entries.push((
            m.created_at,
            entry(TimelineEvent::Moderation(action), who(m.actor_id), m.created_at, body),
        ));
    }
    for s in &steps {
        let Some(parent) = follow_ups.get(&s.follow_up_id) else {
            continue;
        };
        if s.internal && !reads_internal(viewer, parent.opd_id) {
            continue;
        }
        let kind = s.kind;
        let mut e = entry(
            TimelineEvent::FollowUp(kind),
            who(s.author_id),
            s.created_at,
            s.body_html.clone(),
        );
        e.opd = opds.get(&parent.opd_id).cloned();
        e.percent = s.percent;
        e.cost_rupiah = s.cost_rupiah;
        e.internal = s.internal;
        e.photos = evidence.remove(&s.id).unwrap_or_default();
        entries.push((s.created_at, e));
    }
    // Oldest first. At the same instant a follow-up step comes before the status change it
    // caused (an OPD accepts, so the issue is in progress), after the issue was posted.
    let rank = |e: &TimelineEntry| match e.event {
        TimelineEvent::Posted => 0,
        TimelineEvent::FollowUp(_) => 1,
        TimelineEvent::Status(_) | TimelineEvent::Moderation(_) => 2,
    };
    entries.sort_by_key(|(at, e)| (*at, rank(e)));
    Ok(entries.into_iter().map(|(_, e)| e).collect())
}
