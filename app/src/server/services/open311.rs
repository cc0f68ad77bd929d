//! Open311 GeoReport v2 (<http://wiki.open311.org/GeoReport_v2>): categories as services,
//! issues as service requests. Requests arrive through `issues::insert`, the same checks
//! and writes as the web form; what goes out follows the web's privacy rules (no
//! `rahasia` issue, no person's name at all, a rejected issue only as `closed`).
//!
//! The answers are plain serde values; `to_xml` writes the XML form of the same value, so
//! the two formats cannot differ.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Asia::Jakarta;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;

use super::super::{
    AppState,
    entities::{api_key, category, follow_up, issue, issue_history, issue_photo, region, user_account},
    error::OrInternal,
    secrets::token_hash,
    time::wib_instant,
};
use super::{
    issues::{self, NewIssueInput, Posting},
    reference::category_label,
};
use crate::{
    i18n::{Locale, Texts},
    model::{
        AppError, ErrorCode,
        account::{Role, parse_email, parse_name},
        follow_up::FollowUpStatus,
        issue::{IssueStatus, Privacy, parse_phone},
        session::parse_link,
    },
};

/// The longest description a request may carry.
pub const DESCRIPTION_MAX: usize = 4_000;
/// The widest date range `GET requests` searches, and its default.
pub const RANGE_DAYS: i64 = 90;
/// The most requests one `GET requests` returns.
pub const REQUESTS_MAX: u64 = 1_000;
/// The specification this endpoint implements.
pub const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";
/// When this endpoint's behaviour last changed (`changeset` in the discovery document).
pub const CHANGESET: &str = "2026-11-29T00:00:00+07:00";

/// An error as GeoReport v2 writes it: the HTTP status as `code`, and a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Open311Error {
    pub code: u16,
    pub description: String,
}

/// The errors of one answer; they all share the HTTP status of the first.
#[derive(Debug, Clone, PartialEq)]
pub struct Open311Errors(pub Vec<Open311Error>);

impl Open311Errors {
    fn one(code: u16, description: impl Into<String>) -> Self {
        Self(vec![Open311Error {
            code,
            description: description.into(),
        }])
    }

    pub fn status(&self) -> u16 {
        self.0.first().map_or(500, |e| e.code)
    }

    fn internal(texts: &Texts) -> Self {
        Self::one(500, texts.err_internal)
    }
}

impl From<(AppError, &Texts)> for Open311Errors {
    fn from((error, texts): (AppError, &Texts)) -> Self {
        match error {
            AppError::Invalid(fields) => Self(
                fields
                    .iter()
                    .map(|f| Open311Error {
                        code: 400,
                        description: format!("{}: {}", parameter_of(&f.field), (texts.code_message)(f.code)),
                    })
                    .collect(),
            ),
            AppError::NotFound => Self::one(404, texts.err_not_found),
            AppError::Forbidden | AppError::Unauthorized | AppError::EmailNotVerified => {
                Self::one(403, texts.err_forbidden)
            }
            other => Self::one(other.status(), texts.error_message(&other)),
        }
    }
}

/// The Open311 parameter behind a field of the web form.
fn parameter_of(field: &str) -> &str {
    match field {
        "title" | "body" => "description",
        "category" => "service_code",
        "kecamatan" => "attribute[kecamatan]",
        "desa" => "attribute[desa]",
        "privacy" => "attribute[privacy]",
        "address" => "address_string",
        "latitude" | "longitude" => "lat",
        "on_behalf_name" => "first_name",
        "on_behalf_phone" => "phone",
        other => other,
    }
}

/// `discovery.json`: where the endpoint is and what it speaks.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Discovery {
    pub changeset: &'static str,
    pub contact: String,
    pub key_service: String,
    pub endpoints: Vec<Endpoint>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Endpoint {
    pub specification: &'static str,
    pub url: String,
    pub changeset: &'static str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub formats: Vec<&'static str>,
}

pub fn discovery(base_url: &str, contact: &str, texts: &Texts) -> Discovery {
    Discovery {
        changeset: CHANGESET,
        contact: contact.to_owned(),
        key_service: texts.open311_key_service.to_owned(),
        endpoints: vec![Endpoint {
            specification: SPECIFICATION,
            url: format!("{base_url}/open311/v2"),
            changeset: CHANGESET,
            kind: "production",
            formats: vec!["application/json", "text/xml"],
        }],
    }
}

/// One category as a service.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Service {
    pub service_code: String,
    pub service_name: String,
    pub description: String,
    pub metadata: bool,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub keywords: String,
    pub group: String,
}

/// Every category, with the OPD that usually acts on it as its group.
pub async fn services(db: &DatabaseConnection, locale: Locale) -> Result<Vec<Service>, Open311Errors> {
    let texts = locale.texts();
    let read = async {
        let categories = category::Entity::find()
            .order_by_asc(category::Column::Slug)
            .all(db)
            .await
            .or_internal("reading categories")?;
        let opds = super::opds::opd_names(db).await?;
        Ok::<_, AppError>((categories, opds))
    };
    let (categories, opds) = read.await.map_err(|e| Open311Errors::from((e, texts)))?;
    Ok(categories
        .iter()
        .map(|c| Service {
            service_code: c.slug.clone(),
            service_name: category_label(c, locale).to_owned(),
            description: (texts.open311_service_description)(category_label(c, locale)),
            metadata: true,
            kind: "realtime",
            keywords: c.slug.replace('-', ","),
            group: c
                .opd_id
                .and_then(|id| opds.get(&id).cloned())
                .unwrap_or_else(|| texts.open311_group_general.to_owned()),
        })
        .collect())
}

/// A service definition: the attributes a request of it carries.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Definition {
    pub service_code: String,
    pub attributes: Vec<Attribute>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Attribute {
    pub variable: bool,
    pub code: &'static str,
    pub datatype: &'static str,
    pub required: bool,
    pub datatype_description: String,
    pub order: u32,
    pub description: String,
    pub values: Vec<AttributeValue>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AttributeValue {
    pub key: String,
    pub name: String,
}

/// The definition of the service `code`: the kecamatan and the desa (region codes) and
/// the privacy of the issue.
pub async fn definition(db: &DatabaseConnection, locale: Locale, code: &str) -> Result<Definition, Open311Errors> {
    let texts = locale.texts();
    let internal = |e| Open311Errors::from((e, texts));
    category::Entity::find()
        .filter(category::Column::Slug.eq(code))
        .one(db)
        .await
        .or_internal("reading a category")
        .map_err(internal)?
        .ok_or_else(|| Open311Errors::one(404, (texts.open311_unknown_service)(code)))?;
    let regions = region::Entity::find()
        .order_by_asc(region::Column::Code)
        .all(db)
        .await
        .or_internal("reading regions")
        .map_err(internal)?;
    let kecamatan_names: HashMap<&str, &str> = regions
        .iter()
        .filter(|r| r.kind == crate::model::admin::RegionKind::Kecamatan)
        .map(|r| (r.code.as_str(), r.name.as_str()))
        .collect();
    let kecamatan = regions
        .iter()
        .filter(|r| r.kind == crate::model::admin::RegionKind::Kecamatan)
        .map(|r| AttributeValue {
            key: r.code.clone(),
            name: r.name.clone(),
        })
        .collect();
    let desa = regions
        .iter()
        .filter(|r| r.kind != crate::model::admin::RegionKind::Kecamatan)
        .map(|r| AttributeValue {
            key: r.code.clone(),
            name: match r.parent_code.as_deref().and_then(|p| kecamatan_names.get(p)) {
                Some(k) => format!("{}, {k}", r.name),
                None => r.name.clone(),
            },
        })
        .collect();
    let privacy = [Privacy::Publik, Privacy::Anonim, Privacy::Rahasia]
        .into_iter()
        .map(|p| AttributeValue {
            key: p.as_str().into(),
            name: (texts.privacy_label)(p).into(),
        })
        .collect();
    let attribute = |code, required, order, description: &str, values| Attribute {
        variable: true,
        code,
        datatype: "singlevaluelist",
        required,
        datatype_description: String::new(),
        order,
        description: description.to_owned(),
        values,
    };
    Ok(Definition {
        service_code: code.to_owned(),
        attributes: vec![
            attribute("kecamatan", true, 1, texts.open311_attr_kecamatan, kecamatan),
            attribute("desa", true, 2, texts.open311_attr_desa, desa),
            attribute("privacy", false, 3, texts.open311_attr_privacy, privacy),
        ],
    })
}

/// One issue as a service request.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ServiceRequest {
    pub service_request_id: String,
    /// `open` or `closed`.
    pub status: &'static str,
    pub status_notes: Option<String>,
    pub service_name: String,
    pub service_code: String,
    pub description: Option<String>,
    pub agency_responsible: Option<String>,
    pub service_notice: Option<String>,
    pub requested_datetime: String,
    pub updated_datetime: String,
    pub expected_datetime: Option<String>,
    pub address: Option<String>,
    pub address_id: Option<String>,
    pub zipcode: Option<String>,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub media_url: Option<String>,
}

/// ISO 8601 with the zone, in WIB.
fn iso(at: DateTime<Utc>) -> String {
    at.with_timezone(&Jakarta).to_rfc3339()
}

fn open311_status(status: IssueStatus) -> &'static str {
    if status.is_closed() { "closed" } else { "open" }
}

/// Issues anyone may read through Open311: not `rahasia`, not hidden by moderation.
fn visible_issues() -> sea_orm::Select<issue::Entity> {
    issue::Entity::find()
        .filter(issue::Column::Privacy.ne(Privacy::Rahasia))
        .filter(issue::Column::Status.is_in(IssueStatus::all_where(IssueStatus::is_public)))
        .filter(issue::Column::HiddenAt.is_null())
}

/// What `GET requests` asks, as typed.
#[derive(Debug, Default)]
pub struct RequestQuery<'a> {
    pub service_request_id: Option<&'a str>,
    pub service_code: Option<&'a str>,
    pub start_date: Option<&'a str>,
    pub end_date: Option<&'a str>,
    pub status: Option<&'a str>,
}

/// An ISO 8601 instant with its zone, or a day (midnight WIB).
fn parse_instant(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    DateTime::parse_from_rfc3339(raw)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .ok()
                .map(|day| wib_instant(day, NaiveTime::MIN))
        })
}

fn list_of(raw: Option<&str>) -> Vec<&str> {
    raw.unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect()
}

/// `GET requests`: by id (a comma-separated list), or by service, status and a range of at
/// most 90 days (the last 90 days by default), newest first, at most 1,000.
pub async fn requests(
    db: &DatabaseConnection,
    base_url: &str,
    locale: Locale,
    now: DateTime<Utc>,
    query: RequestQuery<'_>,
) -> Result<Vec<ServiceRequest>, Open311Errors> {
    let texts = locale.texts();
    let mut select = visible_issues();
    let ids = list_of(query.service_request_id);
    if !ids.is_empty() {
        let ids: Vec<i32> = ids
            .iter()
            .map(|id| id.parse::<i32>())
            .collect::<Result<_, _>>()
            .map_err(|_| Open311Errors::one(400, texts.open311_bad_request_id))?;
        select = select.filter(issue::Column::Id.is_in(ids));
    } else {
        let parse = |raw: Option<&str>, name: &str| match raw.map(str::trim).filter(|r| !r.is_empty()) {
            None => Ok(None),
            Some(raw) => parse_instant(raw)
                .map(Some)
                .ok_or_else(|| Open311Errors::one(400, (texts.open311_bad_date)(name))),
        };
        let start = parse(query.start_date, "start_date")?;
        let end = parse(query.end_date, "end_date")?;
        let (start, end) = match (start, end) {
            (Some(s), Some(e)) => (s, e),
            (Some(s), None) => (s, (s + Duration::days(RANGE_DAYS)).min(now)),
            (None, Some(e)) => (e - Duration::days(RANGE_DAYS), e),
            (None, None) => (now - Duration::days(RANGE_DAYS), now),
        };
        if end < start {
            return Err(Open311Errors::one(400, texts.open311_range_inverted));
        }
        if end - start > Duration::days(RANGE_DAYS) {
            return Err(Open311Errors::one(400, (texts.open311_range_too_long)(RANGE_DAYS)));
        }
        select = select
            .filter(issue::Column::CreatedAt.gte(start))
            .filter(issue::Column::CreatedAt.lte(end));
        let codes = list_of(query.service_code);
        if !codes.is_empty() {
            let categories: Vec<i32> = category::Entity::find()
                .filter(category::Column::Slug.is_in(codes))
                .all(db)
                .await
                .or_internal("reading categories")
                .map_err(|e| Open311Errors::from((e, texts)))?
                .into_iter()
                .map(|c| c.id)
                .collect();
            select = select.filter(issue::Column::CategoryId.is_in(categories));
        }
        let statuses = list_of(query.status);
        if !statuses.is_empty() {
            let mut wanted: Vec<IssueStatus> = Vec::new();
            for status in statuses {
                match status {
                    "open" => wanted.extend(IssueStatus::all_where(|s| s.is_public() && s.is_open())),
                    "closed" => wanted.extend(IssueStatus::all_where(IssueStatus::is_closed)),
                    other => return Err(Open311Errors::one(400, (texts.open311_bad_status)(other))),
                }
            }
            select = select.filter(issue::Column::Status.is_in(wanted));
        }
    }
    let rows = select
        .order_by_desc(issue::Column::Id)
        .limit(REQUESTS_MAX)
        .all(db)
        .await
        .or_internal("listing requests")
        .map_err(|e| Open311Errors::from((e, texts)))?;
    describe(db, base_url, locale, rows)
        .await
        .map_err(|e| Open311Errors::from((e, texts)))
}

/// `GET requests/{id}`: one request, or 404.
pub async fn request(
    db: &DatabaseConnection,
    base_url: &str,
    locale: Locale,
    id: &str,
) -> Result<ServiceRequest, Open311Errors> {
    let texts = locale.texts();
    let not_found = || Open311Errors::one(404, (texts.open311_unknown_request)(id));
    let id: i32 = id.parse().map_err(|_| not_found())?;
    let found = visible_issues()
        .filter(issue::Column::Id.eq(id))
        .one(db)
        .await
        .or_internal("reading a request")
        .map_err(|e| Open311Errors::from((e, texts)))?
        .ok_or_else(not_found)?;
    describe(db, base_url, locale, vec![found])
        .await
        .map_err(|e| Open311Errors::from((e, texts)))?
        .pop()
        .ok_or_else(not_found)
}

/// The requests for `rows`, reading names, follow-ups, histories and photos in bulk.
async fn describe(
    db: &DatabaseConnection,
    base_url: &str,
    locale: Locale,
    rows: Vec<issue::Model>,
) -> Result<Vec<ServiceRequest>, AppError> {
    let texts = locale.texts();
    let ids: Vec<i32> = rows.iter().map(|i| i.id).collect();
    let categories: HashMap<i32, category::Model> = category::Entity::find()
        .all(db)
        .await
        .or_internal("reading categories")?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let region_ids: Vec<i32> = rows.iter().flat_map(|i| [i.kecamatan_id, i.desa_id]).collect();
    let regions: HashMap<i32, region::Model> = region::Entity::find()
        .filter(region::Column::Id.is_in(region_ids))
        .all(db)
        .await
        .or_internal("reading regions")?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    // The lead OPD that has not declined, newest assignment last.
    let leads: HashMap<i32, follow_up::Model> = follow_up::Entity::find()
        .filter(follow_up::Column::IssueId.is_in(ids.clone()))
        .filter(follow_up::Column::Lead.eq(true))
        .filter(follow_up::Column::Status.ne(FollowUpStatus::Declined))
        .order_by_asc(follow_up::Column::Id)
        .all(db)
        .await
        .or_internal("reading follow-ups")?
        .into_iter()
        .map(|f| (f.issue_id, f))
        .collect();
    let opds = super::opds::opd_names(db).await?;
    let changed: HashMap<i32, DateTime<Utc>> = issue_history::Entity::find()
        .select_only()
        .column(issue_history::Column::IssueId)
        .column_as(issue_history::Column::CreatedAt.max(), "last")
        .filter(issue_history::Column::IssueId.is_in(ids.clone()))
        .group_by(issue_history::Column::IssueId)
        .into_tuple::<(i32, DateTime<Utc>)>()
        .all(db)
        .await
        .or_internal("reading histories")?
        .into_iter()
        .collect();
    let mut photos: HashMap<i32, String> = HashMap::new();
    for p in issue_photo::Entity::find()
        .filter(issue_photo::Column::IssueId.is_in(ids))
        .filter(issue_photo::Column::FollowUpUpdateId.is_null())
        .order_by_desc(issue_photo::Column::Position)
        .all(db)
        .await
        .or_internal("reading photos")?
    {
        photos.insert(p.issue_id, p.hash);
    }
    Ok(rows
        .into_iter()
        .map(|i| {
            let status = i.status;
            let rejected = status == IssueStatus::Rejected;
            let category = categories.get(&i.category_id);
            let desa = regions.get(&i.desa_id);
            let kecamatan = regions.get(&i.kecamatan_id);
            let lead = leads.get(&i.id);
            let place = match (desa, kecamatan) {
                (Some(d), Some(k)) => Some(format!("{}, {}", d.name, k.name)),
                _ => None,
            };
            let status_notes = match status {
                IssueStatus::Rejected => texts.open311_notes_rejected.to_owned(),
                IssueStatus::Merged => (texts.open311_notes_merged)(i.merged_into_id.unwrap_or_default()),
                other => (texts.status_name)(other).to_owned(),
            };
            let updated = [
                Some(i.updated_at),
                changed.get(&i.id).copied(),
                lead.map(|f| f.updated_at),
            ]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(i.updated_at);
            // A rejected issue says only that it is closed: its text stays unpublished.
            let shown = |value: Option<String>| if rejected { None } else { value };
            ServiceRequest {
                service_request_id: i.id.to_string(),
                status: open311_status(status),
                status_notes: Some(status_notes),
                service_name: category
                    .map(|c| category_label(c, locale).to_owned())
                    .unwrap_or_default(),
                service_code: category.map(|c| c.slug.clone()).unwrap_or_default(),
                description: shown(Some(format!("{}\n\n{}", i.title, i.body_md))),
                agency_responsible: lead.and_then(|f| opds.get(&f.opd_id).cloned()),
                service_notice: None,
                requested_datetime: iso(i.created_at),
                updated_datetime: iso(updated),
                expected_datetime: lead
                    .filter(|f| f.status != FollowUpStatus::Closed)
                    .and_then(|f| f.due_on.and_hms_opt(23, 59, 59))
                    .and_then(|due| Jakarta.from_local_datetime(&due).single())
                    .map(|due| due.to_rfc3339()),
                address: shown(i.address.clone().or(place)),
                address_id: shown(desa.map(|d| d.code.clone())),
                zipcode: None,
                lat: if rejected { None } else { i.latitude },
                long: if rejected { None } else { i.longitude },
                media_url: shown(
                    photos
                        .get(&i.id)
                        .map(|hash| format!("{base_url}/photos/{hash}.jpg"))
                        .or(i.media_url.clone()),
                ),
            }
        })
        .collect())
}

/// A `POST requests` form, as sent (`attribute[kecamatan]` and the like included).
pub struct PostedRequest<'a> {
    pub fields: &'a [(String, String)],
}

impl PostedRequest<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }
}

/// What `POST requests` answers.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Created {
    pub service_request_id: String,
    pub service_notice: String,
    pub account_id: Option<String>,
}

/// The key's row when `raw` is a key that is not revoked; its use is recorded.
async fn client_of(state: &AppState, texts: &Texts, raw: Option<&str>) -> Result<api_key::Model, Open311Errors> {
    let raw = raw.ok_or_else(|| Open311Errors::one(403, texts.open311_key_missing))?;
    let found = api_key::Entity::find()
        .filter(api_key::Column::KeyHash.eq(token_hash(raw)))
        .one(&state.db)
        .await
        .or_internal("reading an API key")
        .map_err(|e| Open311Errors::from((e, texts)))?
        .filter(|k| k.revoked_at.is_none())
        .ok_or_else(|| Open311Errors::one(403, texts.open311_key_invalid))?;
    let mut used: api_key::ActiveModel = found.clone().into();
    used.last_used_at = Set(Some(state.clock.now()));
    used.update(&state.db)
        .await
        .or_internal("recording an API key's use")
        .map_err(|e| Open311Errors::from((e, texts)))?;
    Ok(found)
}

/// The author of a request: the resident with that email (made, unverified, if new), or
/// the client's own account when no email is given. Staff accounts cannot be named.
async fn author_of(
    state: &AppState,
    texts: &Texts,
    client: &api_key::Model,
    email: Option<&str>,
    name: Option<&str>,
) -> Result<(user_account::Model, bool), Open311Errors> {
    let fail = |e| Open311Errors::from((e, texts));
    let Some(email) = email else {
        let account = user_account::Entity::find_by_id(client.user_id)
            .one(&state.db)
            .await
            .or_internal("reading a client account")
            .map_err(fail)?
            .ok_or_else(|| Open311Errors::internal(texts))?;
        return Ok((account, false));
    };
    let email =
        parse_email(email).map_err(|code| Open311Errors::one(400, format!("email: {}", (texts.code_message)(code))))?;
    let existing = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .one(&state.db)
        .await
        .or_internal("reading an account")
        .map_err(fail)?;
    if let Some(account) = existing {
        let resident = account.role == Role::Resident && account.disabled_at.is_none();
        return if resident {
            Ok((account, true))
        } else {
            Err(Open311Errors::one(400, texts.open311_email_not_resident))
        };
    }
    let name = match name {
        Some(name) => parse_name(name)
            .map_err(|code| Open311Errors::one(400, format!("first_name: {}", (texts.code_message)(code))))?,
        None => texts.open311_default_name.to_owned(),
    };
    let account = user_account::ActiveModel {
        email: Set(email),
        // No password: the resident sets one through "forgot password" if they want to
        // sign in; until then nothing can match it.
        password_hash: Set("!".into()),
        name: Set(name),
        role: Set(Role::Resident),
        opd_id: Set(None),
        locale: Set(Locale::Id),
        email_verified_at: Set(None),
        disabled_at: Set(None),
        created_at: Set(state.clock.now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .or_internal("making an account for a request")
    .map_err(fail)?;
    Ok((account, true))
}

/// `POST requests`: checks the key, finds the place and the author, and posts the issue
/// through the web form's own path.
pub async fn post_request(state: &AppState, locale: Locale, form: PostedRequest<'_>) -> Result<Created, Open311Errors> {
    let texts = locale.texts();
    let fail = |e| Open311Errors::from((e, texts));
    let client = client_of(state, texts, form.get("api_key")).await?;
    let code = form
        .get("service_code")
        .ok_or_else(|| Open311Errors::one(400, texts.open311_service_missing))?;
    let category = category::Entity::find()
        .filter(category::Column::Slug.eq(code))
        .one(&state.db)
        .await
        .or_internal("reading a category")
        .map_err(fail)?
        .ok_or_else(|| Open311Errors::one(400, (texts.open311_unknown_service)(code)))?;
    let description = form
        .get("description")
        .ok_or_else(|| Open311Errors::one(400, texts.open311_description_missing))?;
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(Open311Errors::one(
            400,
            format!(
                "description: {}",
                (texts.code_message)(ErrorCode::TooLong { max: DESCRIPTION_MAX })
            ),
        ));
    }
    let (lat, long) = (form.get("lat"), form.get("long"));
    let address = form.get("address_string");
    let address_id = form.get("address_id");
    if (lat.is_none() || long.is_none()) && address.is_none() && address_id.is_none() {
        return Err(Open311Errors::one(400, texts.open311_location_missing));
    }
    let media_url = match form.get("media_url") {
        None => None,
        Some(raw) => parse_link(raw)
            .map_err(|code| Open311Errors::one(400, format!("media_url: {}", (texts.code_message)(code))))?,
    };
    let phone = match form.get("phone") {
        None => None,
        Some(raw) => Some(
            parse_phone(raw)
                .map_err(|code| Open311Errors::one(400, format!("phone: {}", (texts.code_message)(code))))?,
        ),
    };
    // The place: the attributes, else the desa named by `address_id` (a region code).
    let desa_code = form.get("attribute[desa]").or(address_id);
    let desa = region_by_code(&state.db, desa_code, false).await.map_err(fail)?;
    let kecamatan_code = form
        .get("attribute[kecamatan]")
        .map(str::to_owned)
        .or_else(|| desa.as_ref().and_then(|d| d.parent_code.clone()));
    let kecamatan = region_by_code(&state.db, kecamatan_code.as_deref(), true)
        .await
        .map_err(fail)?;
    let unknown_place = |field: &str, given: Option<&str>| match given {
        Some(code) => Open311Errors::one(400, (texts.open311_unknown_region)(field, code)),
        None => Open311Errors::one(400, (texts.open311_attribute_missing)(field)),
    };
    let desa = desa.ok_or_else(|| unknown_place("attribute[desa]", desa_code))?;
    let kecamatan = kecamatan.ok_or_else(|| unknown_place("attribute[kecamatan]", kecamatan_code.as_deref()))?;

    let full_name = [form.get("first_name"), form.get("last_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let full_name = Some(full_name).filter(|n| !n.is_empty());
    let (author, confirm) = author_of(state, texts, &client, form.get("email"), full_name.as_deref()).await?;
    // A person named without an email is the resident the client posts for, seen by staff
    // only, like an operator's assisted intake.
    let assisted = if !confirm && (full_name.is_some() || phone.is_some()) {
        let name = match full_name.as_deref() {
            Some(name) => parse_name(name)
                .map_err(|code| Open311Errors::one(400, format!("first_name: {}", (texts.code_message)(code))))?,
            None => texts.open311_default_name.to_owned(),
        };
        Some((name, phone.filter(|p| !p.is_empty())))
    } else {
        phone.filter(|p| !p.is_empty()).map(|p| (author.name.clone(), Some(p)))
    };
    let title = title_of(description);
    let ids = (category.id.to_string(), kecamatan.id.to_string(), desa.id.to_string());
    let (lat, long) = if lat.is_some() && long.is_some() {
        (lat, long)
    } else {
        (None, None)
    };
    let input = NewIssueInput {
        title: &title,
        body: description,
        category: &ids.0,
        kecamatan: &ids.1,
        desa: &ids.2,
        privacy: form.get("attribute[privacy]"),
        on_behalf_name: None,
        on_behalf_phone: None,
        address,
        latitude: lat,
        longitude: long,
        photos: None,
        // A client cannot look at similar issues before posting.
        confirm_new: true,
    };
    let posting = Posting {
        assisted,
        confirm,
        media_url,
    };
    let created = issues::insert(state, &author, input, posting).await.map_err(fail)?;
    Ok(Created {
        service_request_id: created.id.to_string(),
        service_notice: texts.open311_notice_published.to_owned(),
        account_id: None,
    })
}

/// The kecamatan (or, with `kecamatan` false, the desa or kelurahan) with region `code`.
async fn region_by_code(
    db: &DatabaseConnection,
    code: Option<&str>,
    kecamatan: bool,
) -> Result<Option<region::Model>, AppError> {
    let Some(code) = code else { return Ok(None) };
    let kind = region::Column::Kind;
    region::Entity::find()
        .filter(region::Column::Code.eq(code))
        .filter(if kecamatan {
            kind.eq("kecamatan")
        } else {
            kind.ne("kecamatan")
        })
        .one(db)
        .await
        .or_internal("reading a region")
}

/// A title for a request, which has none: the first line of its description, cut at a
/// word to fit.
pub fn title_of(description: &str) -> String {
    use crate::model::issue::TITLE_MAX;
    let first = description
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    let words: Vec<&str> = first.split_whitespace().collect();
    let mut title = String::new();
    for word in words {
        let next = if title.is_empty() {
            word.to_owned()
        } else {
            format!("{title} {word}")
        };
        if next.chars().count() > TITLE_MAX - 1 {
            if title.is_empty() {
                title = word.chars().take(TITLE_MAX - 1).collect();
            }
            title.push('…');
            return title;
        }
        title = next;
    }
    title
}

/// The XML form of a JSON answer: `root` holds the value; a list's items are named by the
/// singular of the list (`services` → `service`); `null` is an empty element.
pub fn to_xml(root: &str, value: &serde_json::Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    element(&mut out, root, value);
    out.push('\n');
    out
}

/// The element name of one item of the list named `list`.
fn item_name(list: &str) -> &str {
    match list {
        "services" => "service",
        "service_requests" => "request",
        "attributes" => "attribute",
        "values" => "value",
        "errors" => "error",
        "endpoints" => "endpoint",
        "formats" => "format",
        other => other.strip_suffix('s').unwrap_or(other),
    }
}

fn element(out: &mut String, name: &str, value: &serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Null => {
            out.push('<');
            out.push_str(name);
            out.push_str("/>");
        }
        Value::Array(items) => {
            out.push_str(&format!("<{name}>"));
            for item in items {
                element(out, item_name(name), item);
            }
            out.push_str(&format!("</{name}>"));
        }
        Value::Object(fields) => {
            out.push_str(&format!("<{name}>"));
            for (key, field) in fields {
                element(out, key, field);
            }
            out.push_str(&format!("</{name}>"));
        }
        Value::String(text) => out.push_str(&format!("<{name}>{}</{name}>", escape_xml(text))),
        Value::Bool(b) => out.push_str(&format!("<{name}>{b}</{name}>")),
        Value::Number(n) => out.push_str(&format!("<{name}>{n}</{name}>")),
    }
}

/// Text safe inside an XML element or attribute; characters XML 1.0 forbids are dropped.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_the_first_line_cut_at_a_word() {
        assert_eq!(
            title_of("\n  Jalan rusak di Subah \nsudah lama"),
            "Jalan rusak di Subah"
        );
        let long = "kata ".repeat(60);
        let title = title_of(&long);
        assert!(title.chars().count() <= crate::model::issue::TITLE_MAX);
        assert!(title.ends_with("kata…"));
    }

    #[test]
    fn xml_mirrors_json_with_singular_items_and_escapes_text() {
        // Keys in alphabetical order: serde_json keeps insertion order only where a crate
        // turns on its `preserve_order` (the server build does).
        let value =
            serde_json::json!([{"keywords": "a<b & \"c\"", "lat": null, "metadata": true, "service_code": "jalan"}]);
        assert_eq!(
            to_xml("services", &value),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><keywords>a&lt;b &amp; &quot;c&quot;</keywords>\
             <lat/><metadata>true</metadata><service_code>jalan</service_code></service></services>\n"
        );
        assert_eq!(escape_xml("a\u{0}b\u{1b}c"), "abc");
    }

    #[test]
    fn dates_read_with_a_zone_or_as_a_day_in_wib() {
        assert_eq!(
            parse_instant("2026-11-01T00:00:00Z").map(|d| d.to_rfc3339()),
            Some("2026-11-01T00:00:00+00:00".into())
        );
        assert_eq!(
            parse_instant("2026-11-01").map(|d| d.to_rfc3339()),
            Some("2026-10-31T17:00:00+00:00".into())
        );
        assert_eq!(parse_instant("kemarin"), None);
    }
}
