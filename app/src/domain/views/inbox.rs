//! The secretariat's inbox (`/staff/inbox`): every issue waiting for a decision, with how
//! long it has waited in working days and its disposition deadline, overdue first; and the
//! other things that wait on the secretariat: every open `rahasia` issue, follow-ups an OPD
//! declined, issues their authors reopened, and reported or hidden ones. Confidential
//! issues are listed here like any other: staff are who they were promised to reach.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, Func},
};

use crate::{
    domain::{
        AppState,
        entities::{dialogue_session, follow_up, follow_up_update, issue, user_account},
        error::OrInternal,
        queries::{
            holidays::holiday_set,
            opds::opd_choices,
            settings::thresholds,
            time::{format_day, when_wib, wib_day},
        },
        rules::access::{check_inbox_reader, role_of},
        views::{
            agenda::taken_issues,
            issues::{SummaryRow, summary},
        },
    },
    i18n::Locale,
    model::{
        AppError,
        follow_up::{FollowUpStatus, UpdateKind, add_working_days, working_days_between},
        issue::{IssueStatus, IssueSummary, Privacy, search_words},
        session::SessionStatus,
        staff::{Inbox, InboxRow, InboxTab, STAFF_SEARCH_MAX},
    },
};

/// The issues of `tab`, as stored.
async fn issues_of(conn: &impl ConnectionTrait, tab: InboxTab) -> Result<Vec<issue::Model>, AppError> {
    let open = IssueStatus::all_where(|s| !s.is_final());
    let query = issue::Entity::find();
    let query = match tab {
        InboxTab::Waiting => query
            .filter(issue::Column::Status.is_in(IssueStatus::all_where(IssueStatus::awaits_decision)))
            .filter(issue::Column::HiddenAt.is_null()),
        InboxTab::Rahasia => query
            .filter(issue::Column::Privacy.eq(Privacy::Rahasia))
            .filter(issue::Column::Status.is_in(open)),
        InboxTab::Declined => query.filter(issue::Column::Status.eq(IssueStatus::Discussed)),
        InboxTab::Reopened => query.filter(issue::Column::Status.eq(IssueStatus::Reopened)),
        InboxTab::Flagged => query.filter(issue::Column::Status.is_in(open)).filter(
            Condition::any()
                .add(issue::Column::FlagCount.gt(0))
                .add(issue::Column::HiddenAt.is_not_null()),
        ),
    };
    let found = query
        .order_by_asc(issue::Column::UpdatedAt)
        .all(conn)
        .await
        .or_internal("reading the inbox")?;
    Ok(match tab {
        // Put on an agenda not yet locked: decided, waiting for Friday.
        InboxTab::Waiting => {
            let taken = taken_issues(conn).await?;
            found.into_iter().filter(|i| !taken.contains(&i.id)).collect()
        }
        InboxTab::Declined => {
            let declined = declined_notes(conn).await?;
            found.into_iter().filter(|i| declined.contains_key(&i.id)).collect()
        }
        _ => found,
    })
}

/// The issues whose lead OPD declined them, with the OPD's note.
async fn declined_notes(conn: &impl ConnectionTrait) -> Result<HashMap<i32, String>, AppError> {
    let declined = follow_up::Entity::find()
        .filter(follow_up::Column::Status.eq(FollowUpStatus::Declined))
        .filter(follow_up::Column::Lead.eq(true))
        .all(conn)
        .await
        .or_internal("reading declined follow-ups")?;
    let notes = follow_up_update::Entity::find()
        .filter(follow_up_update::Column::FollowUpId.is_in(declined.iter().map(|f| f.id)))
        .filter(follow_up_update::Column::Kind.eq(UpdateKind::Declined))
        .order_by_asc(follow_up_update::Column::Id)
        .all(conn)
        .await
        .or_internal("reading why OPDs declined")?;
    let mut by_issue = HashMap::new();
    for f in &declined {
        let note = notes
            .iter()
            .rfind(|n| n.follow_up_id == f.id)
            .map(|n| n.body_md.clone())
            .unwrap_or_default();
        by_issue.insert(f.issue_id, note);
    }
    Ok(by_issue)
}

/// The issues waiting for a decision (the inbox's first tab), longest waiting first.
pub(crate) async fn waiting_issues(conn: &impl ConnectionTrait) -> Result<Vec<issue::Model>, AppError> {
    issues_of(conn, InboxTab::Waiting).await
}

/// How many issues wait for a decision: the count beside the inbox in the staff menu.
pub async fn waiting_count(state: &AppState) -> Result<u64, AppError> {
    Ok(issues_of(&state.db, InboxTab::Waiting).await?.len() as u64)
}

/// Every issue whose title or text holds each of `words`, whatever its privacy or status,
/// newest first: what staff search finds, `rahasia` issues included. Only readers of the
/// inbox reach it.
async fn staff_search(conn: &impl ConnectionTrait, words: &[String]) -> Result<Vec<issue::Model>, AppError> {
    // Here only: the trait's `min` would shadow `Ord::min` elsewhere in this file.
    use sea_orm::sea_query::ExprTrait;
    let mut query = issue::Entity::find();
    for word in words {
        let pattern = format!("%{}%", word.replace(['%', '_'], ""));
        let lower = |column: issue::Column| Expr::expr(Func::lower(Expr::col((issue::Entity, column))));
        query = query.filter(
            Condition::any()
                .add(lower(issue::Column::Title).like(pattern.clone()))
                .add(lower(issue::Column::BodyMd).like(pattern)),
        );
    }
    query
        .order_by_desc(issue::Column::Id)
        .limit(STAFF_SEARCH_MAX)
        .all(conn)
        .await
        .or_internal("searching issues for staff")
}

/// The inbox at `tab`, and what `query` finds among every issue when given. Refused to
/// residents and OPD officers.
pub async fn inbox(
    state: &AppState,
    user: &user_account::Model,
    tab: InboxTab,
    query: &str,
    locale: Locale,
) -> Result<Inbox, AppError> {
    check_inbox_reader(user)?;
    let db = &state.db;
    let words = search_words(query);
    let found = if words.is_empty() {
        None
    } else {
        let names = state.reference.get(db).await?;
        Some(
            staff_search(db, &words)
                .await?
                .iter()
                .map(|i| (summary(&names, &SummaryRow::from(i), locale), i.privacy))
                .collect(),
        )
    };
    let now = state.clock.now();
    let mut counts = Vec::new();
    let mut shown = Vec::new();
    for each in InboxTab::ALL {
        let found = issues_of(db, each).await?;
        counts.push((each, found.len() as u64));
        if each == tab {
            shown = found;
        }
    }
    let notes = if tab == InboxTab::Declined {
        declined_notes(db).await?
    } else {
        HashMap::new()
    };
    let holidays = holiday_set(db).await?;
    let thresholds = thresholds(db, &state.config).await?;
    let names = state.reference.get(db).await?;
    let mut rows: Vec<(NaiveDate, InboxRow)> = shown
        .iter()
        .map(|i| {
            let listed = summary(&names, &SummaryRow::from(i), locale);
            let note = notes.get(&i.id).cloned().filter(|n| !n.is_empty());
            row(i, listed, note, now, (&holidays, thresholds.disposition_days), locale)
        })
        .collect();
    // Overdue first, then by deadline, oldest first.
    rows.sort_by_key(|(due, r)| (!r.overdue, *due));
    let sessions = dialogue_session::Entity::find()
        .filter(dialogue_session::Column::StartsAt.gt(now))
        .filter(dialogue_session::Column::Status.is_in([SessionStatus::Planned, SessionStatus::AgendaOpen]))
        .order_by_asc(dialogue_session::Column::StartsAt)
        .all(db)
        .await
        .or_internal("reading open sessions")?
        .into_iter()
        .map(|s| (s.id, when_wib(s.starts_at, s.duration_minutes, locale)))
        .collect();
    Ok(Inbox {
        tab,
        counts,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        opds: opd_choices(db).await?,
        sessions,
        default_days: thresholds.follow_up_days,
        disposition_days: thresholds.disposition_days,
        may_act: role_of(user).moderates(),
        query: query.trim().to_owned(),
        found,
    })
}

/// One row: how long it has waited (since its status last changed) and its deadline.
fn row(
    found: &issue::Model,
    listed: IssueSummary,
    note: Option<String>,
    now: DateTime<Utc>,
    (holidays, days): (&HashSet<NaiveDate>, i32),
    locale: Locale,
) -> (NaiveDate, InboxRow) {
    let since = wib_day(found.updated_at.min(now));
    let today = wib_day(now);
    let due = add_working_days(since, days, holidays);
    let row = InboxRow {
        issue: listed,
        privacy: found.privacy,
        waiting_days: working_days_between(since, today, holidays),
        due: format_day(due, locale),
        overdue: today > due,
        can_schedule: matches!(found.status, IssueStatus::Published | IssueStatus::Reopened)
            && found.hidden_at.is_none(),
        note,
    };
    (due, row)
}
