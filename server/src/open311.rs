//! Open311 GeoReport v2 over HTTP, under `/open311/v2/`: each resource in JSON or XML by
//! its suffix (`services.json`, `services.xml`). The answers come from
//! `app::domain::open311`; this module picks the format, the language (the
//! `Accept-Language` header, Indonesian by default) and the status.

use axum::{
    Form,
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;

use app::{
    domain::{
        AppState,
        open311::{
            self, Created, Definition, Discovery, Open311Error, Open311Errors, PostedRequest, RequestQuery, Service,
            ServiceRequest, to_xml,
        },
    },
    i18n::Locale,
};

/// The two formats of every resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

/// A file name of the endpoint split into its name and format: `requests.xml`.
fn split(file: &str) -> Option<(&str, Format)> {
    if let Some(name) = file.strip_suffix(".json") {
        Some((name, Format::Json))
    } else {
        file.strip_suffix(".xml").map(|name| (name, Format::Xml))
    }
}

/// The reader's language: English when the client asks for it first, else Indonesian.
pub fn locale_of(headers: &HeaderMap) -> Locale {
    let wants_english = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("en"));
    if wants_english { Locale::En } else { Locale::Id }
}

/// `value` in `format`, the XML rooted at `root`.
fn answer<T: Serialize>(status: StatusCode, format: Format, root: &str, value: &T) -> Response {
    let written = match format {
        Format::Json => serde_json::to_string(value)
            .map_err(std::io::Error::from)
            .map(|body| ("application/json; charset=utf-8", body)),
        Format::Xml => serde_json::to_value(value)
            .map_err(std::io::Error::from)
            .and_then(|tree| to_xml(root, &tree))
            .map(|xml| ("text/xml; charset=utf-8", xml)),
    };
    // An answer that cannot be written is a failure, never an empty list.
    let (content_type, body) = match written {
        Ok(written) => written,
        Err(err) => {
            tracing::error!(%err, root, "an Open311 answer could not be written");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
        .headers_mut()
        .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    response
}

fn errors(format: Format, errors: Open311Errors) -> Response {
    let status = StatusCode::from_u16(errors.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    answer(status, format, "errors", &errors.0)
}

fn not_found(format: Format, locale: Locale, what: &str) -> Response {
    let t = locale.texts();
    errors(
        format,
        Open311Errors(vec![Open311Error {
            code: 404,
            description: (t.open311_unknown_resource)(what),
        }]),
    )
}

/// `GET /open311/v2/{file}`: the discovery document, the services or the requests.
pub async fn get_root(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    let locale = locale_of(&headers);
    let Some((name, format)) = split(&file) else {
        return not_found(Format::Json, locale, &file);
    };
    match name {
        "discovery" => discovery(&state, locale, format),
        "services" => services(&state, locale, format).await,
        "requests" => requests(&state, locale, format, &query).await,
        _ => not_found(format, locale, &file),
    }
}

/// `POST /open311/v2/requests.{format}`.
pub async fn post_root(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let locale = locale_of(&headers);
    match split(&file) {
        Some(("requests", format)) => create_request(&state, locale, format, &fields).await,
        Some((_, format)) => not_found(format, locale, &file),
        None => not_found(Format::Json, locale, &file),
    }
}

/// `GET /open311/v2/services/{code}.{format}`.
pub async fn get_service(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let locale = locale_of(&headers);
    match split(&file) {
        Some((code, format)) => service_definition(&state, locale, format, code).await,
        None => not_found(Format::Json, locale, &file),
    }
}

/// `GET /open311/v2/requests/{id}.{format}`.
pub async fn get_request(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let locale = locale_of(&headers);
    match split(&file) {
        Some((id, format)) => request(&state, locale, format, id).await,
        None => not_found(Format::Json, locale, &file),
    }
}

#[utoipa::path(
    get,
    path = "/open311/v2/discovery.{format}",
    tag = "Open311",
    summary = "Discovery: where the endpoint is and which formats it speaks",
    params(("format" = String, Path, description = "`json` or `xml`", example = "json")),
    responses((status = 200, description = "The discovery document", content((Discovery = "application/json"), (String = "text/xml"))))
)]
fn discovery(state: &AppState, locale: Locale, format: Format) -> Response {
    let base = &state.config.base_url;
    let doc = open311::discovery(base, &state.config.mail_from, locale.texts());
    answer(StatusCode::OK, format, "discovery", &doc)
}

#[utoipa::path(
    get,
    path = "/open311/v2/services.{format}",
    tag = "Open311",
    summary = "Services: the categories an issue can be posted in",
    params(("format" = String, Path, description = "`json` or `xml`", example = "json")),
    responses(
        (status = 200, description = "Every service", content((Vec<Service> = "application/json"), (String = "text/xml")))
    )
)]
async fn services(state: &AppState, locale: Locale, format: Format) -> Response {
    match open311::services(&state.db, locale).await {
        Ok(list) => answer(StatusCode::OK, format, "services", &list),
        Err(e) => errors(format, e),
    }
}

#[utoipa::path(
    get,
    path = "/open311/v2/services/{service_code}.{format}",
    tag = "Open311",
    summary = "Service definition: the attributes a request of this service carries",
    params(
        ("service_code" = String, Path, description = "A service's code", example = "jalan-jembatan"),
        ("format" = String, Path, description = "`json` or `xml`", example = "json")
    ),
    responses(
        (status = 200, description = "The definition", content((Definition = "application/json"), (String = "text/xml"))),
        (status = 404, description = "No such service", content((Vec<Open311Error> = "application/json"), (String = "text/xml")))
    )
)]
async fn service_definition(state: &AppState, locale: Locale, format: Format, code: &str) -> Response {
    match open311::definition(&state.db, locale, code).await {
        Ok(definition) => answer(StatusCode::OK, format, "service_definition", &definition),
        Err(e) => errors(format, e),
    }
}

#[utoipa::path(
    get,
    path = "/open311/v2/requests.{format}",
    tag = "Open311",
    summary = "Service requests: published issues, newest first, at most 1,000",
    params(
        ("format" = String, Path, description = "`json` or `xml`", example = "json"),
        ("service_request_id" = Option<String>, Query, description = "Ids, comma-separated; the other filters are then ignored"),
        ("service_code" = Option<String>, Query, description = "Service codes, comma-separated"),
        ("start_date" = Option<String>, Query, description = "ISO 8601; at most 90 days before end_date"),
        ("end_date" = Option<String>, Query, description = "ISO 8601; the default range is the last 90 days"),
        ("status" = Option<String>, Query, description = "`open`, `closed`, or both comma-separated")
    ),
    responses(
        (status = 200, description = "The requests", content((Vec<ServiceRequest> = "application/json"), (String = "text/xml"))),
        (status = 400, description = "A bad date, an inverted or over-90-day range, or a bad status", content((Vec<Open311Error> = "application/json"), (String = "text/xml")))
    )
)]
async fn requests(state: &AppState, locale: Locale, format: Format, query: &[(String, String)]) -> Response {
    let get = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let query = RequestQuery {
        service_request_id: get("service_request_id"),
        service_code: get("service_code"),
        start_date: get("start_date"),
        end_date: get("end_date"),
        status: get("status"),
    };
    let base = &state.config.base_url;
    match open311::requests(&state.db, base, locale, state.clock.now(), query).await {
        Ok(list) => answer(StatusCode::OK, format, "service_requests", &list),
        Err(e) => errors(format, e),
    }
}

#[utoipa::path(
    get,
    path = "/open311/v2/requests/{service_request_id}.{format}",
    tag = "Open311",
    summary = "One service request",
    params(
        ("service_request_id" = String, Path, description = "The request's id", example = "1"),
        ("format" = String, Path, description = "`json` or `xml`", example = "json")
    ),
    responses(
        (status = 200, description = "A list holding the request", content((Vec<ServiceRequest> = "application/json"), (String = "text/xml"))),
        (status = 404, description = "No such public request", content((Vec<Open311Error> = "application/json"), (String = "text/xml")))
    )
)]
async fn request(state: &AppState, locale: Locale, format: Format, id: &str) -> Response {
    match open311::request(&state.db, &state.config.base_url, locale, id).await {
        Ok(found) => answer(StatusCode::OK, format, "service_requests", &[found]),
        Err(e) => errors(format, e),
    }
}

#[utoipa::path(
    post,
    path = "/open311/v2/requests.{format}",
    tag = "Open311",
    summary = "Post a service request: an issue, through the same checks as the web form",
    params(("format" = String, Path, description = "`json` or `xml`", example = "json")),
    request_body(
        content_type = "application/x-www-form-urlencoded",
        description = "`api_key`, `service_code`, `description` (at most 4,000 characters), a location (`lat` and `long`, `address_string` or `address_id` as a desa code), `attribute[kecamatan]`, `attribute[desa]`, optional `attribute[privacy]` (`publik`, `anonim`, `rahasia`), `email`, `first_name`, `last_name`, `phone`, `media_url`"
    ),
    responses(
        (status = 201, description = "Posted: the new request's id", content((Vec<Created> = "application/json"), (String = "text/xml"))),
        (status = 400, description = "A missing or bad parameter", content((Vec<Open311Error> = "application/json"), (String = "text/xml"))),
        (status = 403, description = "A missing, unknown or revoked api_key", content((Vec<Open311Error> = "application/json"), (String = "text/xml")))
    )
)]
async fn create_request(state: &AppState, locale: Locale, format: Format, fields: &[(String, String)]) -> Response {
    match open311::post_request(state, locale, PostedRequest { fields }).await {
        Ok(created) => {
            state.mail_bell.notify_one();
            answer(StatusCode::CREATED, format, "service_requests", &[created])
        }
        Err(e) => errors(format, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_split_into_name_and_format() {
        assert_eq!(split("services.json"), Some(("services", Format::Json)));
        assert_eq!(split("12.xml"), Some(("12", Format::Xml)));
        assert_eq!(split("services"), None);
    }
}
