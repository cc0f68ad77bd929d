//! The public list of issues (keyset pagination, newest first, search), similar titles while
//! typing, the feed, and what the posting form offers. Privacy rules live here, so that no
//! list can forget them.

use crate::{
    domain::{
        AppState,
        entities::issue,
        error::OrInternal,
        queries::{
            reference::Reference,
            time::{format_wib, machine},
        },
    },
    i18n::Locale,
    model::{
        AppError,
        issue::{
            IssueFormOptions, IssuePage, IssueQuery, IssueStatus, IssueSummary, Privacy, SIMILAR_MAX, Sort,
            is_similar_title, search_words, significant_words,
        },
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbBackend, DerivePartialModel, EntityTrait, JoinType, Order,
    QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Alias, Expr},
};
use std::collections::HashMap;

/// A list row from the issue's summary columns and the cached names.
pub(crate) fn summary(names: &Reference, issue: &SummaryRow, locale: Locale) -> IssueSummary {
    IssueSummary {
        id: issue.id,
        title: issue.title.clone(),
        status: issue.status,
        category: names.category_name(issue.category_id, locale),
        place: format!(
            "{}, {}",
            names.region_name(issue.desa_id),
            names.region_name(issue.kecamatan_id)
        ),
        created_at: machine(issue.created_at),
        created_at_wib: format_wib(issue.created_at, locale),
        support_count: issue.support_count,
        comment_count: issue.comment_count,
    }
}

/// The columns a list row shows: the list reads no text but the title.
#[derive(Debug, Clone, DerivePartialModel)]
#[sea_orm(entity = "issue::Entity")]
pub(crate) struct SummaryRow {
    pub(crate) id: i32,
    pub(crate) title: String,
    pub(crate) status: IssueStatus,
    pub(crate) category_id: i32,
    pub(crate) kecamatan_id: i32,
    pub(crate) desa_id: i32,
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) support_count: i32,
    pub(crate) comment_count: i32,
}

impl From<&issue::Model> for SummaryRow {
    fn from(i: &issue::Model) -> Self {
        Self {
            id: i.id,
            title: i.title.clone(),
            status: i.status,
            category_id: i.category_id,
            kecamatan_id: i.kecamatan_id,
            desa_id: i.desa_id,
            created_at: i.created_at,
            support_count: i.support_count,
            comment_count: i.comment_count,
        }
    }
}

/// Issues anyone may see in lists: not confidential, not withdrawn, not hidden.
fn public_issues() -> sea_orm::Select<issue::Entity> {
    issue::Entity::find()
        .filter(issue::Column::Privacy.ne(Privacy::Rahasia))
        .filter(issue::Column::Status.is_not_in(IssueStatus::all_where(IssueStatus::is_hidden)))
        .filter(issue::Column::HiddenAt.is_null())
}

/// PostgreSQL: the issue's text matches every word of a search (its GIN index).
fn text_match(words: &[String]) -> sea_orm::sea_query::SimpleExpr {
    Expr::cust_with_values(
        "\"issue\".\"search\" @@ to_tsquery('simple', $1)",
        [ts_terms(words, true)],
    )
}

/// How many of the newest issues (below the cursor) a PostgreSQL search looks at first.
const SEARCH_WINDOW: u64 = 2_000;

/// How many of the newest issues a new title is compared with. A duplicate is worth offering
/// while it is recent (at five issues a day, more than two years), and the lookup stays a
/// bounded read however large the table grows: three common words in 1,000,000 issues took
/// PostgreSQL 1.1 s without it, 12 ms with it.
const SIMILAR_WINDOW: u64 = 5_000;

/// The issue is among the `window` newest below `below` and its text matches `words`, every
/// one (`all`) or any. On PostgreSQL the subquery's LIMIT keeps the planner on the primary
/// key, newest first, instead of collecting every match of a common word from the GIN
/// index; on SQLite FTS5 starts at the window's first rowid.
fn recent_match(
    db: &DatabaseConnection,
    words: &[String],
    all: bool,
    below: Option<i32>,
    window: u64,
) -> sea_orm::sea_query::SimpleExpr {
    let below = below.unwrap_or(i32::MAX);
    match db.get_database_backend() {
        DbBackend::Postgres => Expr::cust_with_values(
            format!(
                "\"issue\".\"id\" IN (SELECT \"id\" FROM (SELECT \"id\", \"search\" FROM \"issue\" \
                 WHERE \"id\" < $1 ORDER BY \"id\" DESC LIMIT {window}) AS \"recent\" \
                 WHERE \"recent\".\"search\" @@ to_tsquery('simple', $2))"
            ),
            [sea_orm::Value::from(below), sea_orm::Value::from(ts_terms(words, all))],
        ),
        _ => Expr::cust_with_values(
            format!(
                "\"issue\".\"id\" IN (SELECT rowid FROM issue_fts WHERE issue_fts MATCH ? AND rowid < ? \
                 AND rowid >= (SELECT MIN(\"id\") FROM (SELECT \"id\" FROM \"issue\" WHERE \"id\" < ? \
                 ORDER BY \"id\" DESC LIMIT {window})))"
            ),
            [
                sea_orm::Value::from(fts_terms(words, all)),
                sea_orm::Value::from(below),
                sea_orm::Value::from(below),
            ],
        ),
    }
}

/// The list columns of the issues `select` finds; `doing` names the work in an error.
async fn summary_rows(
    db: &DatabaseConnection,
    select: sea_orm::Select<issue::Entity>,
    doing: &'static str,
) -> Result<Vec<SummaryRow>, AppError> {
    select
        .into_partial_model::<SummaryRow>()
        .all(db)
        .await
        .or_internal(doing)
}

/// A PostgreSQL `tsquery` for `words` (each as a prefix): all of them, or any.
fn ts_terms(words: &[String], all: bool) -> String {
    let terms: Vec<String> = words.iter().map(|w| format!("{w}:*")).collect();
    terms.join(if all { " & " } else { " | " })
}

/// An FTS5 query for `words` (each quoted, as a prefix): all of them, or any.
fn fts_terms(words: &[String], all: bool) -> String {
    let terms: Vec<String> = words.iter().map(|w| format!("\"{w}\"*")).collect();
    terms.join(if all { " " } else { " OR " })
}

/// Public issues whose title is similar to `title` (see `is_similar_title`), most
/// supported first: offered instead of posting a duplicate.
pub(crate) async fn similar(db: &DatabaseConnection, title: &str, limit: usize) -> Result<Vec<SummaryRow>, AppError> {
    let words = significant_words(title);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let select = public_issues()
        .filter(issue::Column::Status.ne(IssueStatus::Closed))
        .filter(recent_match(db, &words, false, None, SIMILAR_WINDOW))
        .order_by_desc(issue::Column::SupportCount)
        .order_by_desc(issue::Column::Id)
        .limit(200);
    let candidates = summary_rows(db, select, "finding similar issues").await?;
    Ok(candidates
        .into_iter()
        .filter(|c| is_similar_title(&words, &c.title))
        .take(limit)
        .collect())
}

/// Similar open issues for the posting form, as list items.
pub async fn similar_summaries(state: &AppState, locale: Locale, title: &str) -> Result<Vec<IssueSummary>, AppError> {
    let found = similar(&state.db, title, SIMILAR_MAX).await?;
    let names = state.reference.get(&state.db).await?;
    Ok(found.iter().map(|i| summary(&names, i, locale)).collect())
}

/// The public list, filtered, searched and sorted as `query` says, a page of `limit` at a
/// time (keyset pagination: the cursor is where the previous page ended).
pub async fn list(state: &AppState, locale: Locale, query: &IssueQuery, limit: u64) -> Result<IssuePage, AppError> {
    let mut select = public_issues();
    if let Some(status) = query.status {
        select = select.filter(issue::Column::Status.eq(status));
    }
    for (column, value) in [
        (issue::Column::CategoryId, query.category),
        (issue::Column::KecamatanId, query.kecamatan),
        (issue::Column::DesaId, query.desa),
    ] {
        if let Some(value) = value {
            select = select.filter(column.eq(value));
        }
    }
    let words = search_words(&query.q);
    // On SQLite a search is driven from the full-text index, newest match first, so that a
    // common word stops after a page instead of collecting every match first (86 ms to
    // 22 ms for a word in half of 1,000,000 synthetic issues; a deep page 96 ms to 26 ms;
    // the prefix indexes of migration 000017 take it to 0.8 ms at 1,000,000 issues in
    // `make bench-queries`). PostgreSQL filters by its GIN index, after a look at the
    // newest issues (`recent_match`).
    let fts_driven = !words.is_empty() && state.db.get_database_backend() == DbBackend::Sqlite;
    if fts_driven {
        QuerySelect::query(&mut select).join(
            JoinType::InnerJoin,
            Alias::new("issue_fts"),
            Expr::cust("\"issue_fts\".\"rowid\" = \"issue\".\"id\""),
        );
        select = select.filter(Expr::cust_with_values(
            "\"issue_fts\" MATCH ?",
            [fts_terms(&words, true)],
        ));
    }
    let text = (!words.is_empty() && !fts_driven).then(|| text_match(&words));
    let count_column = match query.sort {
        Sort::Newest => None,
        Sort::MostSupported => Some(issue::Column::SupportCount),
        Sort::MostDiscussed => Some(issue::Column::CommentCount),
    };
    if let Some(column) = count_column {
        select = select.order_by_desc(column);
    }
    select = if fts_driven {
        // The same order as `issue.id`; named so that the index delivers it.
        select.order_by(Expr::cust("\"issue_fts\".\"rowid\""), Order::Desc)
    } else {
        select.order_by_desc(issue::Column::Id)
    }
    .limit(limit + 1);
    // The cursor is `id` (newest first) or `count.id` (by a counter, then newest).
    let mut below = None;
    if let Some(cursor) = query.cursor.as_deref() {
        match (count_column, cursor.split_once('.')) {
            (None, None) => {
                if let Ok(id) = cursor.parse::<i32>() {
                    below = Some(id);
                    // On the index's own rowid, so that a deep page starts where it should.
                    select = if fts_driven {
                        select.filter(Expr::cust_with_values("\"issue_fts\".\"rowid\" < ?", [id]))
                    } else {
                        select.filter(issue::Column::Id.lt(id))
                    };
                }
            }
            (Some(column), Some((count, id))) => {
                if let (Ok(count), Ok(id)) = (count.parse::<i32>(), id.parse::<i32>()) {
                    select = select.filter(
                        Condition::any()
                            .add(column.lt(count))
                            .add(Condition::all().add(column.eq(count)).add(issue::Column::Id.lt(id))),
                    );
                }
            }
            _ => {}
        }
    }
    let mut rows = match text {
        // Newest first, a page is usually among the newest issues: looking there first stops
        // a common word after a page instead of reading and sorting every match (427 ms to
        // 2 ms for two words in 7 % of 1,000,000 issues). Only when the look finds less
        // than a page does the index answer, and then for rarer words it reads few rows.
        Some(text) if count_column.is_none() => {
            let window = recent_match(&state.db, &words, true, below, SEARCH_WINDOW);
            let recent = summary_rows(&state.db, select.clone().filter(window), "listing issues").await?;
            if recent.len() as u64 > limit {
                recent
            } else {
                summary_rows(&state.db, select.filter(text), "listing issues").await?
            }
        }
        Some(text) => summary_rows(&state.db, select.filter(text), "listing issues").await?,
        None => summary_rows(&state.db, select, "listing issues").await?,
    };
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let names = state.reference.get(&state.db).await?;
    let next = rows.last().filter(|_| more).map(|last| match query.sort {
        Sort::Newest => last.id.to_string(),
        Sort::MostSupported => format!("{}.{}", last.support_count, last.id),
        Sort::MostDiscussed => format!("{}.{}", last.comment_count, last.id),
    });
    Ok(IssuePage {
        items: rows.iter().map(|i| summary(&names, i, locale)).collect(),
        next,
    })
}

/// One entry of the Atom feed: the list's row, its cleaned HTML, when it was posted and
/// when it last changed.
pub struct FeedEntry {
    pub summary: IssueSummary,
    pub body_html: String,
    pub published_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The first page of the public list with each issue's text, for `/issues.atom`.
pub async fn feed(
    state: &AppState,
    locale: Locale,
    query: &IssueQuery,
    limit: u64,
) -> Result<Vec<FeedEntry>, AppError> {
    let page = list(state, locale, query, limit).await?;
    let ids: Vec<i32> = page.items.iter().map(|i| i.id).collect();
    type Text = (String, DateTime<Utc>, DateTime<Utc>);
    let mut bodies: HashMap<i32, Text> = issue::Entity::find()
        .select_only()
        .columns([
            issue::Column::Id,
            issue::Column::BodyHtml,
            issue::Column::CreatedAt,
            issue::Column::UpdatedAt,
        ])
        .filter(issue::Column::Id.is_in(ids))
        .into_tuple::<(i32, String, DateTime<Utc>, DateTime<Utc>)>()
        .all(&state.db)
        .await
        .or_internal("reading issue texts")?
        .into_iter()
        .map(|(id, html, created, updated)| (id, (html, created, updated)))
        .collect();
    Ok(page
        .items
        .into_iter()
        .filter_map(|summary| {
            let (body_html, published_at, updated_at) = bodies.remove(&summary.id)?;
            Some(FeedEntry {
                summary,
                body_html,
                published_at,
                updated_at,
            })
        })
        .collect())
}

/// Categories and places for the posting form, sorted by name.
pub async fn form_options(state: &AppState, locale: Locale) -> Result<IssueFormOptions, AppError> {
    Ok(state.reference.get(&state.db).await?.form_options(locale))
}

/// Issues and outbox rows counted by status, for the staff room.
pub async fn count_by_status(db: &DatabaseConnection) -> Result<Vec<(IssueStatus, i64)>, AppError> {
    let rows: Vec<(IssueStatus, i64)> = issue::Entity::find()
        .select_only()
        .column(issue::Column::Status)
        .column_as(issue::Column::Id.count(), "n")
        .group_by(issue::Column::Status)
        .into_tuple()
        .all(db)
        .await
        .or_internal("counting issues")?;
    Ok(IssueStatus::ALL
        .into_iter()
        .filter_map(|s| rows.iter().find(|(stored, _)| *stored == s).map(|(_, n)| (s, *n)))
        .collect())
}
