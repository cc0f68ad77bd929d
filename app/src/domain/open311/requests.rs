//! Open311 `GET requests`: issues as service requests, with the web's privacy rules (no
//! `rahasia` issue, no person's name, a rejected issue only as `closed`).

use super::errors::Open311Errors;
use super::errors::RANGE_DAYS;
use super::errors::REQUESTS_MAX;
use crate::{
    domain::{
        entities::{category, follow_up, issue, issue_history, issue_photo, region},
        error::OrInternal,
        queries::{reference::category_label, time::wib_instant},
    },
    i18n::Locale,
    model::{
        AppError,
        follow_up::FollowUpStatus,
        issue::{IssueStatus, Privacy},
    },
};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Asia::Jakarta;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use std::collections::HashMap;

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
    let opds = crate::domain::queries::opds::opd_names(db).await?;
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

#[cfg(test)]
mod tests {
    use super::*;

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
