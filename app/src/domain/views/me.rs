//! The signed-in person's own page (`/account`) and the copy of their data that UU 27/2022
//! (PDP) entitles them to (`/account/data.json`). Both read only that person's rows.

use crate::{
    domain::{
        AppState,
        entities::{
            comment, dialogue_session, flag, issue, issue_follow, issue_revision, issue_support, mail_preference,
            session_registration, user_account,
        },
        error::OrInternal,
        queries::{sessions::region_names, time::machine},
        rules::access::role_of,
        views::{
            issues::{SummaryRow, summary},
            sessions,
        },
    },
    i18n::Locale,
    model::{
        AppError,
        account::Role,
        issue::IssueSummary,
        issue_flow::{IssueActor, IssueTransition},
        me::{MyAccount, MyIssue, MySession},
    },
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::{Value, json};

/// How many of my issues `/account` shows; `/account/issues` shows them all.
pub const ISSUES_SHOWN: usize = 10;

/// `/account`, or with `all_issues` `/account/issues`.
pub async fn my_account(
    state: &AppState,
    user: &user_account::Model,
    locale: Locale,
    all_issues: bool,
) -> Result<MyAccount, AppError> {
    let db = &state.db;
    let names = state.reference.get(db).await?;
    let mine = issue::Entity::find()
        .filter(issue::Column::AuthorId.eq(user.id))
        .order_by_desc(issue::Column::CreatedAt)
        .order_by_desc(issue::Column::Id)
        .all(db)
        .await
        .or_internal("reading my issues")?;
    let issue_count = mine.len() as u64;
    let shown = if all_issues { mine.len() } else { ISSUES_SHOWN };
    let issues = mine
        .iter()
        .take(shown)
        .map(|i| MyIssue {
            issue: summary(&names, &SummaryRow::from(i), locale),
            privacy: i.privacy,
            can_withdraw: IssueTransition::Withdraw.allows(i.status, IssueActor::Author),
        })
        .collect();
    let listed = |rows: Vec<issue::Model>| -> Vec<IssueSummary> {
        rows.iter()
            // My own issues are listed above (authors follow them); what I support or follow
            // but may no longer see (withdrawn, rejected, hidden by moderation) is left out,
            // as everywhere else.
            .filter(|i| i.author_id != user.id && !i.status.is_hidden() && i.hidden_at.is_none())
            .map(|i| summary(&names, &SummaryRow::from(i), locale))
            .collect()
    };
    let supported: Vec<i32> = issue_support::Entity::find()
        .select_only()
        .column(issue_support::Column::IssueId)
        .filter(issue_support::Column::UserId.eq(user.id))
        .order_by_desc(issue_support::Column::CreatedAt)
        .into_tuple()
        .all(db)
        .await
        .or_internal("reading what I support")?;
    let followed: Vec<i32> = issue_follow::Entity::find()
        .select_only()
        .column(issue_follow::Column::IssueId)
        .filter(issue_follow::Column::UserId.eq(user.id))
        .order_by_desc(issue_follow::Column::CreatedAt)
        .into_tuple()
        .all(db)
        .await
        .or_internal("reading what I follow")?;
    let supported = issues_in_order(db, &supported).await?;
    let followed = issues_in_order(db, &followed).await?;
    Ok(MyAccount {
        name: user.name.clone(),
        email: user.email.clone(),
        can_delete: role_of(user) == Role::Resident,
        issues,
        issue_count,
        supported: listed(supported),
        followed: listed(followed),
        sessions: my_sessions(db, user, locale, state.clock.now()).await?,
    })
}

/// The sessions I registered for, the coming ones first (soonest first), then the past.
async fn my_sessions(
    db: &impl ConnectionTrait,
    user: &user_account::Model,
    locale: Locale,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<MySession>, AppError> {
    let registrations = session_registration::Entity::find()
        .filter(session_registration::Column::UserId.eq(user.id))
        .all(db)
        .await
        .or_internal("reading my registrations")?;
    let found = dialogue_session::Entity::find()
        .filter(dialogue_session::Column::Id.is_in(registrations.iter().map(|r| r.session_id)))
        .all(db)
        .await
        .or_internal("reading my sessions")?;
    let rows = registrations
        .into_iter()
        .map(|r| (found.iter().find(|s| s.id == r.session_id).cloned(), r));
    let names = region_names(db, &found).await?;
    let mut mine: Vec<MySession> = rows
        .filter_map(|(s, r)| {
            let s = s?;
            Some(MySession {
                upcoming: s.starts_at >= now,
                session: sessions::summary(&s, &names, locale),
                registration: r.status,
            })
        })
        .collect();
    mine.sort_by(|a, b| {
        b.upcoming.cmp(&a.upcoming).then_with(|| {
            if a.upcoming {
                a.session.starts_at.cmp(&b.session.starts_at)
            } else {
                b.session.starts_at.cmp(&a.session.starts_at)
            }
        })
    });
    Ok(mine)
}

/// The issues of `ids`, in that order.
async fn issues_in_order(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<issue::Model>, AppError> {
    let mut found = issue::Entity::find()
        .filter(issue::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
        .or_internal("reading issues")?;
    found.sort_by_key(|i| ids.iter().position(|id| *id == i.id));
    Ok(found)
}

/// A copy of everything the site keeps that is the person's own: the account, the issues
/// they posted (with their earlier versions), comments, supports, follows, registrations,
/// reports and mail settings. Nothing of anyone else.
pub async fn my_data(
    db: &impl ConnectionTrait,
    user: &user_account::Model,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Value, AppError> {
    let issues = issue::Entity::find()
        .filter(issue::Column::AuthorId.eq(user.id))
        .order_by_asc(issue::Column::Id)
        .all(db)
        .await
        .or_internal("reading my issues")?;
    let revisions = issue_revision::Entity::find()
        .filter(issue_revision::Column::EditedBy.eq(user.id))
        .order_by_asc(issue_revision::Column::Id)
        .all(db)
        .await
        .or_internal("reading my revisions")?;
    let comments = comment::Entity::find()
        .filter(comment::Column::AuthorId.eq(user.id))
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await
        .or_internal("reading my comments")?;
    let supports = issue_support::Entity::find()
        .filter(issue_support::Column::UserId.eq(user.id))
        .order_by_asc(issue_support::Column::Id)
        .all(db)
        .await
        .or_internal("reading my supports")?;
    let follows = issue_follow::Entity::find()
        .filter(issue_follow::Column::UserId.eq(user.id))
        .order_by_asc(issue_follow::Column::Id)
        .all(db)
        .await
        .or_internal("reading my follows")?;
    let registrations = session_registration::Entity::find()
        .filter(session_registration::Column::UserId.eq(user.id))
        .order_by_asc(session_registration::Column::Id)
        .all(db)
        .await
        .or_internal("reading my registrations")?;
    let flags = flag::Entity::find()
        .filter(flag::Column::UserId.eq(user.id))
        .order_by_asc(flag::Column::Id)
        .all(db)
        .await
        .or_internal("reading my reports")?;
    let preferences = mail_preference::Entity::find()
        .filter(mail_preference::Column::UserId.eq(user.id))
        .all(db)
        .await
        .or_internal("reading my mail settings")?;
    let at = |t: Option<chrono::DateTime<chrono::Utc>>| t.map(machine);
    Ok(json!({
        "exported_at": machine(now),
        "account": {
            "id": user.id,
            "name": user.name,
            "email": user.email,
            "role": user.role.as_str(),
            "language": user.locale.tag(),
            "created_at": machine(user.created_at),
            "email_verified_at": at(user.email_verified_at),
        },
        "issues": issues.iter().map(|i| json!({
            "id": i.id,
            "title": i.title,
            "body": i.body_md,
            "category_id": i.category_id,
            "kecamatan_id": i.kecamatan_id,
            "desa_id": i.desa_id,
            "address": i.address,
            "latitude": i.latitude,
            "longitude": i.longitude,
            "privacy": i.privacy.as_str(),
            "status": i.status.as_str(),
            "on_behalf_name": i.on_behalf_name,
            "on_behalf_phone": i.on_behalf_phone,
            "decision_reason": i.decision_reason,
            "created_at": machine(i.created_at),
            "updated_at": machine(i.updated_at),
        })).collect::<Vec<_>>(),
        "issue_revisions": revisions.iter().map(|r| json!({
            "id": r.id,
            "issue_id": r.issue_id,
            "title": r.title,
            "body": r.body_md,
            "created_at": machine(r.created_at),
        })).collect::<Vec<_>>(),
        "comments": comments.iter().map(|c| json!({
            "id": c.id,
            "issue_id": c.issue_id,
            "parent_id": c.parent_id,
            "body": c.body_md,
            "created_at": machine(c.created_at),
            "edited_at": at(c.edited_at),
            "deleted_at": at(c.deleted_at),
        })).collect::<Vec<_>>(),
        "supports": supports.iter().map(|s| json!({
            "id": s.id, "issue_id": s.issue_id, "created_at": machine(s.created_at),
        })).collect::<Vec<_>>(),
        "follows": follows.iter().map(|f| json!({
            "id": f.id, "issue_id": f.issue_id, "created_at": machine(f.created_at),
        })).collect::<Vec<_>>(),
        "session_registrations": registrations.iter().map(|r| json!({
            "id": r.id,
            "session_id": r.session_id,
            "status": r.status.as_str(),
            "created_at": machine(r.created_at),
        })).collect::<Vec<_>>(),
        "reports": flags.iter().map(|f| json!({
            "id": f.id,
            "target_kind": f.target_kind.as_str(),
            "target_id": f.target_id,
            "reason": f.reason,
            "created_at": machine(f.created_at),
        })).collect::<Vec<_>>(),
        "mail_preferences": preferences.iter().map(|p| json!({
            "topic": p.topic.as_str(),
            "delivery": p.delivery.as_str(),
        })).collect::<Vec<_>>(),
    }))
}
