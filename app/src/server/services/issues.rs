//! Issues: posting one, the public list (keyset pagination, newest first), one issue's page,
//! and what the posting form offers. Privacy rules live here, so that no page can forget
//! them.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait,
};

use super::super::{
    AppState,
    authz::{check_can_post, role_of},
    entities::{category, issue, issue_history, region, user_account},
    error::OrInternal,
    mail::{self, Email, templates},
    sanitize::markdown_to_html,
    time::{format_wib, machine},
};
use crate::{
    i18n::Locale,
    model::{
        AppError, ErrorCode,
        account::Role,
        error::Problems,
        issue::{
            Choice, IssueFormOptions, IssuePage, IssueStatus, IssueSummary, IssueView, KecamatanChoice, Privacy,
            parse_body, parse_choice, parse_title,
        },
    },
};

/// What a resident typed into the form, as posted.
pub struct NewIssueInput<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub category: &'a str,
    pub kecamatan: &'a str,
    pub desa: &'a str,
}

/// Statuses that never show on public lists.
const HIDDEN_STATUSES: [IssueStatus; 3] = [IssueStatus::Submitted, IssueStatus::Rejected, IssueStatus::Merged];

/// Posts an issue for `author`: published at once, with its history row and the author's
/// confirmation email written in the same transaction.
pub async fn create(
    state: &AppState,
    author: &user_account::Model,
    input: NewIssueInput<'_>,
) -> Result<issue::Model, AppError> {
    check_can_post(author)?;
    let db = &state.db;
    let mut problems = Problems::default();
    let title = problems.check("title", parse_title(input.title));
    let body = problems.check("body", parse_body(input.body));
    let category_id = problems.check("category", parse_choice(input.category));
    let kecamatan_id = problems.check(
        "kecamatan",
        parse_choice(input.kecamatan).map_err(|_| ErrorCode::UnknownRegion),
    );
    let desa_id = problems.check("desa", parse_choice(input.desa).map_err(|_| ErrorCode::UnknownRegion));
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
            .filter(|r| r.kind == "kecamatan"),
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
            .filter(|r| r.kind != "kecamatan")
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
    let (Some(title), Some(body), Some(category_id), Some(kecamatan_id), Some(desa_id)) =
        (title, body, category_id, kecamatan_id, desa_id)
    else {
        return Err(AppError::Internal);
    };

    let now = state.clock.now();
    let body_html = markdown_to_html(&body);
    let txn = db.begin().await.or_internal("starting a transaction")?;
    let created = issue::ActiveModel {
        title: Set(title),
        body_md: Set(body),
        body_html: Set(body_html),
        category_id: Set(category_id),
        kecamatan_id: Set(kecamatan_id),
        desa_id: Set(desa_id),
        author_id: Set(author.id),
        status: Set(IssueStatus::Published.as_str().into()),
        privacy: Set(Privacy::Publik.as_str().into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .or_internal("inserting an issue")?;
    issue_history::ActiveModel {
        issue_id: Set(created.id),
        from_status: Set(None),
        to_status: Set(created.status.clone()),
        actor_id: Set(Some(author.id)),
        note: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .or_internal("recording issue history")?;
    let texts = Locale::parse(&author.locale).unwrap_or_default().texts();
    let link = format!("{}/issues/{}", state.config.base_url, created.id);
    let rendered = templates::issue_received(texts, &author.name, created.id, &created.title, &link);
    let email = Email {
        key: format!("issue-received:{}", created.id),
        to: author.email.clone(),
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
    };
    mail::enqueue(&txn, now, email).await?;
    txn.commit().await.or_internal("committing an issue")?;
    state.mail_bell.notify_one();
    Ok(created)
}

/// Names of categories and places for a set of issues, in two queries.
struct Names {
    categories: HashMap<i32, String>,
    regions: HashMap<i32, String>,
}

impl Names {
    async fn load(db: &DatabaseConnection, locale: Locale, issues: &[issue::Model]) -> Result<Self, AppError> {
        let category_ids: Vec<i32> = issues.iter().map(|i| i.category_id).collect();
        let region_ids: Vec<i32> = issues.iter().flat_map(|i| [i.kecamatan_id, i.desa_id]).collect();
        let categories = category::Entity::find()
            .filter(category::Column::Id.is_in(category_ids))
            .all(db)
            .await
            .or_internal("reading categories")?
            .into_iter()
            .map(|c| (c.id, if locale == Locale::En { c.name_en } else { c.name_id }))
            .collect();
        let regions = region::Entity::find()
            .filter(region::Column::Id.is_in(region_ids))
            .all(db)
            .await
            .or_internal("reading regions")?
            .into_iter()
            .map(|r| (r.id, r.name))
            .collect();
        Ok(Self { categories, regions })
    }

    fn summary(&self, issue: &issue::Model, locale: Locale) -> IssueSummary {
        let name = |id: &i32| self.regions.get(id).cloned().unwrap_or_default();
        IssueSummary {
            id: issue.id,
            title: issue.title.clone(),
            status: IssueStatus::parse(&issue.status).unwrap_or(IssueStatus::Published),
            category: self.categories.get(&issue.category_id).cloned().unwrap_or_default(),
            place: format!("{}, {}", name(&issue.desa_id), name(&issue.kecamatan_id)),
            created_at: machine(issue.created_at),
            created_at_wib: format_wib(issue.created_at, locale),
        }
    }
}

/// The public list, newest first: `before` is the id the previous page ended at.
pub async fn list(
    db: &DatabaseConnection,
    locale: Locale,
    before: Option<i32>,
    limit: u64,
) -> Result<IssuePage, AppError> {
    let mut query = issue::Entity::find()
        .filter(issue::Column::Privacy.ne(Privacy::Rahasia.as_str()))
        .filter(issue::Column::Status.is_not_in(HIDDEN_STATUSES.map(IssueStatus::as_str)))
        .order_by_desc(issue::Column::Id)
        .limit(limit + 1);
    if let Some(before) = before {
        query = query.filter(issue::Column::Id.lt(before));
    }
    let mut rows = query.all(db).await.or_internal("listing issues")?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let names = Names::load(db, locale, &rows).await?;
    let next = if more { rows.last().map(|i| i.id) } else { None };
    Ok(IssuePage {
        items: rows.iter().map(|i| names.summary(i, locale)).collect(),
        next,
    })
}

/// One issue as `viewer` may see it: a `rahasia` issue does not exist for anyone but its
/// author and staff, and an `anonim` author's name only shows to the author and the
/// secretariat.
pub async fn get(
    db: &DatabaseConnection,
    viewer: Option<&user_account::Model>,
    locale: Locale,
    id: i32,
) -> Result<IssueView, AppError> {
    let issue = issue::Entity::find_by_id(id)
        .one(db)
        .await
        .or_internal("reading an issue")?
        .ok_or(AppError::NotFound)?;
    let role = viewer.map(role_of);
    let is_author = viewer.is_some_and(|v| v.id == issue.author_id);
    let privacy = Privacy::parse(&issue.privacy).unwrap_or(Privacy::Rahasia);
    let status = IssueStatus::parse(&issue.status).unwrap_or(IssueStatus::Submitted);
    let staff = role.is_some_and(Role::is_staff);
    if (privacy == Privacy::Rahasia || HIDDEN_STATUSES.contains(&status)) && !is_author && !staff {
        return Err(AppError::NotFound);
    }
    let show_author = match privacy {
        Privacy::Publik => true,
        Privacy::Anonim | Privacy::Rahasia => is_author || matches!(role, Some(Role::Secretariat | Role::Admin)),
    };
    let author_name = if show_author {
        user_account::Entity::find_by_id(issue.author_id)
            .one(db)
            .await
            .or_internal("reading an author")?
            .map(|a| a.name)
    } else {
        None
    };
    let names = Names::load(db, locale, std::slice::from_ref(&issue)).await?;
    Ok(IssueView {
        summary: names.summary(&issue, locale),
        author_name,
        body_html: issue.body_html,
    })
}

/// Categories and places for the posting form, sorted by name.
pub async fn form_options(db: &DatabaseConnection, locale: Locale) -> Result<IssueFormOptions, AppError> {
    let mut categories: Vec<Choice> = category::Entity::find()
        .all(db)
        .await
        .or_internal("reading categories")?
        .into_iter()
        .map(|c| Choice {
            id: c.id,
            name: if locale == Locale::En { c.name_en } else { c.name_id },
        })
        .collect();
    categories.sort_by(|a, b| a.name.cmp(&b.name));
    let regions = region::Entity::find()
        .order_by_asc(region::Column::Name)
        .all(db)
        .await
        .or_internal("reading regions")?;
    let mut villages: HashMap<String, Vec<Choice>> = HashMap::new();
    for r in regions.iter().filter(|r| r.kind != "kecamatan") {
        if let Some(parent) = &r.parent_code {
            villages.entry(parent.clone()).or_default().push(Choice {
                id: r.id,
                name: r.name.clone(),
            });
        }
    }
    let kecamatan = regions
        .iter()
        .filter(|r| r.kind == "kecamatan")
        .map(|k| KecamatanChoice {
            id: k.id,
            name: k.name.clone(),
            villages: villages.remove(&k.code).unwrap_or_default(),
        })
        .collect();
    Ok(IssueFormOptions { categories, kecamatan })
}

/// Issues and outbox rows counted by status, for the staff room.
pub async fn count_by_status(db: &DatabaseConnection) -> Result<Vec<(IssueStatus, i64)>, AppError> {
    let rows: Vec<(String, i64)> = issue::Entity::find()
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
        .filter_map(|s| rows.iter().find(|(name, _)| name == s.as_str()).map(|(_, n)| (s, *n)))
        .collect())
}
