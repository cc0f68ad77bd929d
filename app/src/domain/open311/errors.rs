//! Open311's constants and its error list: an `AppError` becomes the code and description a
//! GeoReport client reads.

use crate::{i18n::Texts, model::AppError};
use serde::Serialize;

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
    pub(crate) fn one(code: u16, description: impl Into<String>) -> Self {
        Self(vec![Open311Error {
            code,
            description: description.into(),
        }])
    }

    pub fn status(&self) -> u16 {
        self.0.first().map_or(500, |e| e.code)
    }

    pub(crate) fn internal(texts: &Texts) -> Self {
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
