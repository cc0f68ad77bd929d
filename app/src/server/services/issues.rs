//! Issues: posting one, the public list (keyset pagination, newest first), one issue's page,
//! and what the posting form offers. Privacy rules live here, so that no page can forget
//! them.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, DatabaseConnection, DbBackend, DerivePartialModel, EntityTrait, JoinType, Order,
    QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Alias, Expr},
};

use chrono::{DateTime, Utc};

use super::super::{
    AppState,
    authz::{check_can_post, role_of},
    entities::{
        category, comment, issue, issue_follow, issue_history, issue_photo, issue_revision, issue_support, region,
        user_account,
    },
    error::{OrInternal, write_txn},
    mail::{
        notify::{Notice, notify},
        templates,
    },
    sanitize::markdown_to_html,
    time::{format_wib, machine},
};
use super::{
    forum,
    photos::{parse_photo_list, photo_size},
    reference::Reference,
};
use crate::{
    i18n::Locale,
    model::{
        AppError, ErrorCode,
        account::{Role, parse_name},
        error::Problems,
        follow_up::{AssignForm, FollowUpStatus},
        issue::{
            CommentView, IssueDraft, IssueFormOptions, IssuePage, IssueQuery, IssueStatus, IssueSummary, IssueView,
            PhotoView, Privacy, Reader, RevisionView, SIMILAR_MAX, Sort, is_similar_title, parse_address, parse_body,
            parse_choice, parse_phone, parse_point, parse_privacy, parse_title, search_words, significant_words,
        },
        mail::Topic,
    },
};

/// What a resident typed into the form, as posted.
#[derive(Default)]
pub struct NewIssueInput<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub category: &'a str,
    pub kecamatan: &'a str,
    pub desa: &'a str,
    /// `publik` (the default), `anonim` or `rahasia`.
    pub privacy: Option<&'a str>,
    /// Assisted intake (operators only): the resident's name and phone.
    pub on_behalf_name: Option<&'a str>,
    pub on_behalf_phone: Option<&'a str>,
    pub address: Option<&'a str>,
    pub latitude: Option<&'a str>,
    pub longitude: Option<&'a str>,
    /// Stored photos (see `photos::store`), their hashes separated by spaces.
    pub photos: Option<&'a str>,
    /// The resident saw the similar issues and posts anyway.
    pub confirm_new: bool,
}

/// The assisted resident of a new issue: only operators post for someone else.
fn on_behalf(author: &user_account::Model, input: &NewIssueInput<'_>) -> Result<Option<(String, String)>, AppError> {
    let name = input.on_behalf_name.map(str::trim).unwrap_or_default();
    let phone = input.on_behalf_phone.map(str::trim).unwrap_or_default();
    if name.is_empty() && phone.is_empty() {
        return Ok(None);
    }
    if role_of(author) != Role::Operator {
        return Err(AppError::Forbidden);
    }
    let mut problems = Problems::default();
    let name = problems.check("on_behalf_name", parse_name(name));
    let phone = problems.check("on_behalf_phone", parse_phone(phone));
    problems.into_result()?;
    Ok(name.zip(phone))
}

/// Statuses that never show on public lists.
/// A posted form that passed every check.
struct ValidIssue {
    title: String,
    body: String,
    category_id: i32,
    kecamatan_id: i32,
    desa_id: i32,
    privacy: Privacy,
    address: Option<String>,
    point: Option<(f64, f64)>,
}

/// Checks every field of the form at once, including that the village lies in the chosen
/// kecamatan.
async fn validate(db: &DatabaseConnection, input: &NewIssueInput<'_>) -> Result<ValidIssue, AppError> {
    let mut problems = Problems::default();
    let title = problems.check("title", parse_title(input.title));
    let body = problems.check("body", parse_body(input.body));
    let category_id = problems.check("category", parse_choice(input.category));
    let kecamatan_id = problems.check(
        "kecamatan",
        parse_choice(input.kecamatan).map_err(|_| ErrorCode::UnknownRegion),
    );
    let desa_id = problems.check("desa", parse_choice(input.desa).map_err(|_| ErrorCode::UnknownRegion));
    let privacy = problems.check("privacy", parse_privacy(input.privacy));
    let address = problems.check("address", parse_address(input.address.unwrap_or_default()));
    let point = problems.check(
        "latitude",
        parse_point(input.latitude.unwrap_or_default(), input.longitude.unwrap_or_default()),
    );
    if let Some(id) = category_id
        && category::Entity::find_by_id(id)
            .one(db)
            .await
            .or_internal("reading a category")?
            .is_none()
    {
        problems.add("category", ErrorCode::UnknownCategory);
    }
    let kecamatan = match kecamatan_id {
        Some(id) => region::Entity::find_by_id(id)
            .one(db)
            .await
            .or_internal("reading a region")?
            .filter(|r| r.kind == crate::model::admin::RegionKind::Kecamatan),
        None => None,
    };
    if kecamatan_id.is_some() && kecamatan.is_none() {
        problems.add("kecamatan", ErrorCode::UnknownRegion);
    }
    if let Some(id) = desa_id {
        match region::Entity::find_by_id(id)
            .one(db)
            .await
            .or_internal("reading a region")?
            .filter(|r| r.kind != crate::model::admin::RegionKind::Kecamatan)
        {
            None => problems.add("desa", ErrorCode::UnknownRegion),
            Some(desa)
                if kecamatan
                    .as_ref()
                    .is_some_and(|k| desa.parent_code.as_deref() != Some(k.code.as_str())) =>
            {
                problems.add("desa", ErrorCode::DesaNotInKecamatan)
            }
            Some(_) => {}
        }
    }
    problems.into_result()?;
    let (
        Some(title),
        Some(body),
        Some(category_id),
        Some(kecamatan_id),
        Some(desa_id),
        Some(privacy),
        Some(address),
        Some(point),
    ) = (title, body, category_id, kecamatan_id, desa_id, privacy, address, point)
    else {
        return Err(AppError::Internal);
    };
    Ok(ValidIssue {
        title,
        body,
        category_id,
        kecamatan_id,
        desa_id,
        privacy,
        address,
        point,
    })
}

/// Posts an issue for `author`: published at once, with its history row and the author's
/// confirmation email written in the same transaction.
pub async fn create(
    state: &AppState,
    author: &user_account::Model,
    input: NewIssueInput<'_>,
) -> Result<issue::Model, AppError> {
    check_can_post(author)?;
    let assisted = on_behalf(author, &input)?.map(|(name, phone)| (name, Some(phone).filter(|p| !p.is_empty())));
    insert(
        state,
        author,
        input,
        Posting {
            assisted,
            confirm: true,
            media_url: None,
        },
    )
    .await
}

/// How an issue arrived, beyond what the form holds: for someone else (assisted intake or
/// an Open311 client), with or without the confirmation mail, with a client's media link.
pub struct Posting {
    /// The resident's name and phone, seen by staff only.
    pub assisted: Option<(String, Option<String>)>,
    /// Mail the author that the issue arrived.
    pub confirm: bool,
    pub media_url: Option<String>,
}

/// Checks and writes a new issue exactly as the web form does; `create` and the Open311
/// endpoint decide who the author is and call this.
pub async fn insert(
    state: &AppState,
    author: &user_account::Model,
    input: NewIssueInput<'_>,
    posting: Posting,
) -> Result<issue::Model, AppError> {
    let db = &state.db;
    let (on_behalf_name, on_behalf_phone) = match posting.assisted {
        Some((name, phone)) => (Some(name), phone),
        None => (None, None),
    };
    let photos = parse_photo_list(&state.config.photo_dir, input.photos.unwrap_or_default());
    let valid = validate(db, &input).await;
    // Every problem at once: the fields, the photos, and similar issues not yet seen.
    let mut problems = Problems::default();
    if let Err(AppError::Invalid(fields)) = &valid {
        for f in fields {
            problems.add(&f.field, f.code);
        }
    }
    let photos = problems.check("photo", photos);
    if !input.confirm_new && !similar(db, input.title, 1).await?.is_empty() {
        problems.add("title", ErrorCode::PossibleDuplicate);
    }
    problems.into_result()?;
    let ValidIssue {
        title,
        body,
        category_id,
        kecamatan_id,
        desa_id,
        privacy,
        address,
        point,
    } = valid?;
    let photos = photos.unwrap_or_default();

    let now = state.clock.now();
    let body_html = markdown_to_html(&body);
    let txn = write_txn(db).await?;
    let created = issue::ActiveModel {
        title: Set(title),
        body_md: Set(body),
        body_html: Set(body_html),
        category_id: Set(category_id),
        kecamatan_id: Set(kecamatan_id),
        desa_id: Set(desa_id),
        author_id: Set(author.id),
        status: Set(IssueStatus::Published),
        privacy: Set(privacy),
        on_behalf_name: Set(on_behalf_name),
        on_behalf_phone: Set(on_behalf_phone),
        address: Set(address),
        latitude: Set(point.map(|p| p.0)),
        longitude: Set(point.map(|p| p.1)),
        created_at: Set(now),
        updated_at: Set(now),
        hidden_at: Set(None),
        flag_count: Set(0),
        merged_into_id: Set(None),
        decision_reason: Set(None),
        media_url: Set(posting.media_url),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .or_internal("inserting an issue")?;
    for (position, hash) in photos.iter().enumerate() {
        let (width, height) = photo_size(&state.config.photo_dir, hash);
        issue_photo::ActiveModel {
            issue_id: Set(created.id),
            position: Set(position as i16),
            hash: Set(hash.clone()),
            width: Set(width),
            height: Set(height),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .or_internal("attaching a photo")?;
    }
    issue_history::ActiveModel {
        issue_id: Set(created.id),
        from_status: Set(None),
        to_status: Set(created.status),
        actor_id: Set(Some(author.id)),
        note: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .or_internal("recording issue history")?;
    forum::follow_in(&txn, author.id, created.id, now).await?;
    if posting.confirm {
        let texts = author.locale.texts();
        let link = format!("{}/issues/{}", state.config.base_url, created.id);
        let rendered = templates::issue_received(texts, &author.name, created.id, &created.title, &link);
        let notice = Notice::plain(
            format!("issue-received:{}", created.id),
            Topic::MyIssues,
            rendered,
            link,
        );
        notify(&txn, &state.config, now, author, notice).await?;
    }
    txn.commit().await.or_internal("committing an issue")?;
    state.mail_bell.notify_one();
    Ok(created)
}

/// The issue as its author may edit it; refused to anyone else and once it is on an agenda.
async fn editable_issue(
    db: &DatabaseConnection,
    user: &user_account::Model,
    id: i32,
) -> Result<issue::Model, AppError> {
    let found = forum::visible_issue(db, Some(user), id).await?;
    if found.author_id != user.id {
        return Err(AppError::Forbidden);
    }
    if !found.status.editable() {
        return Err(AppError::Forbidden);
    }
    Ok(found)
}

/// The form's starting values for editing an issue.
pub async fn draft(db: &DatabaseConnection, user: &user_account::Model, id: i32) -> Result<IssueDraft, AppError> {
    let found = editable_issue(db, user, id).await?;
    Ok(IssueDraft {
        id: found.id,
        title: found.title,
        body: found.body_md,
        category: found.category_id,
        kecamatan: found.kecamatan_id,
        desa: found.desa_id,
        address: found.address.unwrap_or_default(),
        latitude: found.latitude.map(|v| v.to_string()).unwrap_or_default(),
        longitude: found.longitude.map(|v| v.to_string()).unwrap_or_default(),
    })
}

/// Changes an issue on behalf of its author until it is put on an agenda. What it said
/// before is kept as a revision in the same transaction. Its privacy stays as chosen.
pub async fn update(
    state: &AppState,
    user: &user_account::Model,
    id: i32,
    input: NewIssueInput<'_>,
) -> Result<issue::Model, AppError> {
    let found = editable_issue(&state.db, user, id).await?;
    let valid = validate(&state.db, &input).await?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    issue_revision::ActiveModel {
        issue_id: Set(found.id),
        title: Set(found.title.clone()),
        body_md: Set(found.body_md.clone()),
        category_id: Set(found.category_id),
        kecamatan_id: Set(found.kecamatan_id),
        desa_id: Set(found.desa_id),
        edited_by: Set(user.id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .or_internal("keeping a revision")?;
    let mut row: issue::ActiveModel = found.into();
    row.body_html = Set(markdown_to_html(&valid.body));
    row.title = Set(valid.title);
    row.body_md = Set(valid.body);
    row.category_id = Set(valid.category_id);
    row.kecamatan_id = Set(valid.kecamatan_id);
    row.desa_id = Set(valid.desa_id);
    row.address = Set(valid.address);
    row.latitude = Set(valid.point.map(|p| p.0));
    row.longitude = Set(valid.point.map(|p| p.1));
    row.updated_at = Set(now);
    let updated = row.update(&txn).await.or_internal("updating an issue")?;
    txn.commit().await.or_internal("committing an edit")?;
    Ok(updated)
}

/// A list row from the issue's summary columns and the cached names.
fn summary(names: &Reference, issue: &SummaryRow, locale: Locale) -> IssueSummary {
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
struct SummaryRow {
    id: i32,
    title: String,
    status: IssueStatus,
    category_id: i32,
    kecamatan_id: i32,
    desa_id: i32,
    created_at: DateTime<Utc>,
    support_count: i32,
    comment_count: i32,
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
async fn similar(db: &DatabaseConnection, title: &str, limit: usize) -> Result<Vec<SummaryRow>, AppError> {
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

/// One entry of the Atom feed: the list's row, its cleaned HTML and when it last changed.
pub struct FeedEntry {
    pub summary: IssueSummary,
    pub body_html: String,
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
    let mut bodies: HashMap<i32, (String, DateTime<Utc>)> = issue::Entity::find()
        .select_only()
        .columns([issue::Column::Id, issue::Column::BodyHtml, issue::Column::UpdatedAt])
        .filter(issue::Column::Id.is_in(ids))
        .into_tuple::<(i32, String, DateTime<Utc>)>()
        .all(&state.db)
        .await
        .or_internal("reading issue texts")?
        .into_iter()
        .map(|(id, html, at)| (id, (html, at)))
        .collect();
    Ok(page
        .items
        .into_iter()
        .filter_map(|summary| {
            let (body_html, updated_at) = bodies.remove(&summary.id)?;
            Some(FeedEntry {
                summary,
                body_html,
                updated_at,
            })
        })
        .collect())
}

/// One issue as `viewer` may see it: a `rahasia` issue does not exist for anyone but its
/// author and staff, and an `anonim` author's name only shows to the author and the
/// secretariat. `follow_up_days` is the assignment form's default deadline.
pub async fn get(
    state: &AppState,
    viewer: Option<&user_account::Model>,
    locale: Locale,
    id: i32,
    now: DateTime<Utc>,
    follow_up_days: i32,
) -> Result<IssueView, AppError> {
    let db = &state.db;
    let issue = forum::visible_issue(db, viewer, id).await?;
    let privacy = issue.privacy;
    let is_author = viewer.is_some_and(|v| v.id == issue.author_id);
    // Who may know the author of an anonymous or confidential issue.
    let knows_author = privacy == Privacy::Publik
        || is_author
        || viewer.is_some_and(|v| matches!(role_of(v), Role::Secretariat | Role::Admin));

    let comments = comment::Entity::find()
        .filter(comment::Column::IssueId.eq(issue.id))
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await
        .or_internal("reading comments")?;
    let mut people: Vec<i32> = comments.iter().map(|c| c.author_id).collect();
    people.push(issue.author_id);
    people.sort_unstable();
    people.dedup();
    let names: HashMap<i32, String> = user_account::Entity::find()
        .select_only()
        .columns([user_account::Column::Id, user_account::Column::Name])
        .filter(user_account::Column::Id.is_in(people))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await
        .or_internal("reading authors")?
        .into_iter()
        .collect();
    let staff = viewer.is_some_and(|v| role_of(v).is_staff());
    let comment_view = |c: &comment::Model| {
        let by_issue_author = c.author_id == issue.author_id;
        let deleted = c.deleted_at.is_some();
        let own = viewer.is_some_and(|v| v.id == c.author_id) && !deleted;
        // A hidden comment is a tombstone for everyone but its author and staff.
        let hidden = c.hidden_at.is_some();
        let withheld = hidden && !own && !staff;
        CommentView {
            id: c.id,
            author_name: if deleted || withheld || (by_issue_author && !knows_author) {
                None
            } else {
                names.get(&c.author_id).cloned()
            },
            by_issue_author,
            hidden,
            body_html: if withheld { String::new() } else { c.body_html.clone() },
            body_md: if own { c.body_md.clone() } else { String::new() },
            created_at: machine(c.created_at),
            created_at_wib: format_wib(c.created_at, locale),
            edited: c.edited_at.is_some(),
            deleted,
            can_edit: own && forum::within_edit_window(c.created_at, now),
            can_delete: own,
            replies: Vec::new(),
        }
    };
    let mut threads: Vec<CommentView> = Vec::new();
    for c in comments.iter().filter(|c| c.parent_id.is_none()) {
        let mut view = comment_view(c);
        view.replies = comments
            .iter()
            .filter(|r| r.parent_id == Some(c.id))
            .map(&comment_view)
            .collect();
        threads.push(view);
    }

    let reader = match viewer {
        None => Reader::default(),
        Some(v) => Reader {
            signed_in: true,
            may_take_part: v.email_verified_at.is_some(),
            is_author,
            can_edit: is_author && issue.status.editable(),
            moderates: role_of(v).moderates(),
            supported: issue_support::Entity::find()
                .filter(issue_support::Column::IssueId.eq(issue.id))
                .filter(issue_support::Column::UserId.eq(v.id))
                .one(db)
                .await
                .or_internal("reading a support")?
                .is_some(),
            following: issue_follow::Entity::find()
                .filter(issue_follow::Column::IssueId.eq(issue.id))
                .filter(issue_follow::Column::UserId.eq(v.id))
                .one(db)
                .await
                .or_internal("reading a follow")?
                .is_some(),
        },
    };
    let revisions = issue_revision::Entity::find()
        .filter(issue_revision::Column::IssueId.eq(issue.id))
        .order_by_desc(issue_revision::Column::Id)
        .all(db)
        .await
        .or_internal("reading revisions")?
        .into_iter()
        .map(|r| RevisionView {
            body_html: markdown_to_html(&r.body_md),
            title: r.title,
            replaced_at_wib: format_wib(r.created_at, locale),
        })
        .collect();
    let assisted = issue.on_behalf_name.is_some();
    let photos = issue_photo::Entity::find()
        .filter(issue_photo::Column::IssueId.eq(issue.id))
        .filter(issue_photo::Column::FollowUpUpdateId.is_null())
        .order_by_asc(issue_photo::Column::Position)
        .all(db)
        .await
        .or_internal("reading photos")?
        .into_iter()
        .map(|p| PhotoView {
            hash: p.hash,
            width: p.width as u32,
            height: p.height as u32,
        })
        .collect();
    let moderator = viewer.is_some_and(|v| role_of(v).moderates());
    let decision_reason = issue.decision_reason.clone().filter(|_| is_author || moderator);
    let on_behalf = match (&issue.on_behalf_name, staff) {
        (Some(name), true) => Some((name.clone(), issue.on_behalf_phone.clone().unwrap_or_default())),
        _ => None,
    };
    let author_name = if knows_author {
        names.get(&issue.author_id).cloned()
    } else {
        None
    };
    let reference = state.reference.get(db).await?;
    let follow_ups = super::followups::views(db, &issue, viewer, locale, now).await?;
    let timeline = super::timeline::timeline(db, &issue, viewer, locale).await?;
    let assignable = issue.status.awaits_decision()
        && !follow_ups
            .iter()
            .any(|f| f.lead && (f.status.is_open() || f.status == FollowUpStatus::Resolved));
    let assign = if moderator && assignable {
        Some(AssignForm {
            opds: super::opds::opd_choices(db).await?,
            default_days: follow_up_days,
            suggested: category::Entity::find_by_id(issue.category_id)
                .one(db)
                .await
                .or_internal("reading a category")?
                .and_then(|c| c.opd_id),
        })
    } else {
        None
    };
    Ok(IssueView {
        summary: summary(&reference, &(&issue).into(), locale),
        privacy,
        author_name,
        body_html: issue.body_html,
        reader,
        assisted,
        on_behalf,
        revisions,
        comments: threads,
        address: issue.address,
        point: issue.latitude.zip(issue.longitude),
        photos,
        hidden: issue.hidden_at.is_some(),
        decision_reason,
        merged_into: issue.merged_into_id,
        media_url: issue.media_url,
        follow_ups,
        assign,
        timeline,
    })
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
