//! The moderation queue: what was flagged or hidden, and what was done, by whom and why.

use crate::domain::rules::access::check_moderator;
use crate::{
    domain::{
        entities::{comment, flag, issue, moderation_action, user_account},
        error::OrInternal,
        queries::time::format_wib,
    },
    i18n::Locale,
    model::{
        AppError,
        issue::IssueStatus,
        moderation::{ActionRecord, ModerationQueue, QueueItem, TargetKind},
    },
};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// Flagged or hidden items, and the latest actions, for the secretariat.
pub async fn queue(
    db: &DatabaseConnection,
    user: &user_account::Model,
    locale: Locale,
    flags_to_hide: i32,
) -> Result<ModerationQueue, AppError> {
    check_moderator(user)?;
    let issues = issue::Entity::find()
        .filter(
            Condition::any()
                .add(issue::Column::FlagCount.gt(0))
                .add(issue::Column::HiddenAt.is_not_null()),
        )
        .filter(issue::Column::Status.is_not_in(IssueStatus::all_where(IssueStatus::is_final)))
        .order_by_desc(issue::Column::FlagCount)
        .limit(100)
        .all(db)
        .await
        .or_internal("reading flagged issues")?;
    let comments = comment::Entity::find()
        .filter(
            Condition::any()
                .add(comment::Column::FlagCount.gt(0))
                .add(comment::Column::HiddenAt.is_not_null()),
        )
        .filter(comment::Column::DeletedAt.is_null())
        .order_by_desc(comment::Column::FlagCount)
        .limit(100)
        .all(db)
        .await
        .or_internal("reading flagged comments")?;
    let parent_ids: Vec<i32> = comments.iter().map(|c| c.issue_id).collect();
    let titles: HashMap<i32, String> = issue::Entity::find()
        .filter(issue::Column::Id.is_in(parent_ids))
        .all(db)
        .await
        .or_internal("reading issue titles")?
        .into_iter()
        .map(|i| (i.id, i.title))
        .collect();
    let open_flags = flag::Entity::find()
        .filter(flag::Column::ResolvedAt.is_null())
        .order_by_asc(flag::Column::Id)
        .all(db)
        .await
        .or_internal("reading flags")?;
    let actions = moderation_action::Entity::find()
        .order_by_desc(moderation_action::Column::Id)
        .limit(50)
        .all(db)
        .await
        .or_internal("reading moderation actions")?;
    let people: Vec<i32> = open_flags
        .iter()
        .map(|f| f.user_id)
        .chain(actions.iter().filter_map(|a| a.actor_id))
        .collect();
    let names: HashMap<i32, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(people))
        .all(db)
        .await
        .or_internal("reading names")?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let flags_of = |kind: TargetKind, id: i32| -> Vec<(String, String)> {
        open_flags
            .iter()
            .filter(|f| f.target_kind == kind && f.target_id == id)
            .map(|f| (names.get(&f.user_id).cloned().unwrap_or_default(), f.reason.clone()))
            .collect()
    };
    let mut items: Vec<QueueItem> = issues
        .into_iter()
        .map(|i| QueueItem {
            kind: TargetKind::Issue,
            id: i.id,
            issue_id: i.id,
            flags: flags_of(TargetKind::Issue, i.id),
            title: i.title,
            excerpt_html: i.body_html,
            hidden: i.hidden_at.is_some(),
        })
        .collect();
    items.extend(comments.into_iter().map(|c| QueueItem {
        kind: TargetKind::Comment,
        id: c.id,
        issue_id: c.issue_id,
        flags: flags_of(TargetKind::Comment, c.id),
        title: titles.get(&c.issue_id).cloned().unwrap_or_default(),
        excerpt_html: c.body_html,
        hidden: c.hidden_at.is_some(),
    }));
    let comment_issue: HashMap<i32, i32> = comment::Entity::find()
        .filter(
            comment::Column::Id.is_in(
                actions
                    .iter()
                    .filter(|a| a.target_kind == TargetKind::Comment)
                    .map(|a| a.target_id),
            ),
        )
        .all(db)
        .await
        .or_internal("reading comments")?
        .into_iter()
        .map(|c| (c.id, c.issue_id))
        .collect();
    let recent = actions
        .into_iter()
        .map(|a| {
            let kind = a.target_kind;
            ActionRecord {
                kind,
                target_id: a.target_id,
                issue_id: match kind {
                    TargetKind::Issue => Some(a.target_id),
                    TargetKind::Comment => comment_issue.get(&a.target_id).copied(),
                },
                action: a.action,
                actor: a.actor_id.and_then(|id| names.get(&id).cloned()),
                reason: a.reason,
                at_wib: format_wib(a.created_at, locale),
            }
        })
        .collect();
    Ok(ModerationQueue {
        items,
        recent,
        flags_to_hide,
    })
}
