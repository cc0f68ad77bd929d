//! Reference data and accounts as the admin pages see and change them.

use serde::{Deserialize, Serialize};

use super::{ErrorCode, account::Role};

/// An OPD to choose in a select box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpdChoice {
    pub id: i32,
    pub code: String,
    pub short_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminCategory {
    pub id: i32,
    pub slug: String,
    pub name_id: String,
    pub name_en: String,
    pub opd_id: Option<i32>,
    /// Its issues go straight to that OPD on publication.
    pub direct_to_opd: bool,
    /// Issues filed under it (a category in use keeps its slug).
    pub issues: u64,
}

/// An OPD as the admin keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOpd {
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub email: Option<String>,
    pub head_name: Option<String>,
    /// Officer accounts bound to it.
    pub officers: u64,
}

pub const OPD_CODE_MAX: usize = 32;

/// An Open311 client's key as the admin sees it: never the key itself, which is shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminApiKey {
    pub id: i32,
    pub name: String,
    /// The key's first characters, to tell keys apart.
    pub prefix: String,
    pub created_wib: String,
    pub last_used_wib: Option<String>,
    pub revoked_wib: Option<String>,
    /// Issues posted through it without an email.
    pub issues: u64,
}

/// The keys, and a key just issued (shown once, on the page the admin is sent to).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminApiKeys {
    pub keys: Vec<AdminApiKey>,
    pub issued: Option<String>,
}

/// An OPD's code: upper-case letters, digits and dashes, as the regency writes them (DPUPR).
pub fn parse_opd_code(raw: &str) -> Result<String, ErrorCode> {
    let code = raw.trim().to_uppercase();
    if code.is_empty() {
        Err(ErrorCode::Required)
    } else if code.len() > OPD_CODE_MAX {
        Err(ErrorCode::TooLong { max: OPD_CODE_MAX })
    } else if code.len() < 2
        || !code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
    {
        Err(ErrorCode::InvalidOpdCode)
    } else {
        Ok(code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminCategories {
    pub categories: Vec<AdminCategory>,
    pub opds: Vec<OpdChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminRegion {
    pub code: String,
    pub kind: String,
    pub name: String,
}

/// A kecamatan with its villages, for the regions page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminKecamatan {
    pub code: String,
    pub name: String,
    pub villages: Vec<AdminRegion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminAccount {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub opd_id: Option<i32>,
    pub verified: bool,
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminAccounts {
    pub accounts: Vec<AdminAccount>,
    pub opds: Vec<OpdChoice>,
    /// The id to continue after, when there are more.
    pub next: Option<i32>,
}

/// A national holiday or cuti bersama: no session is planned on it, and it is not a
/// working day for deadlines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminHoliday {
    pub id: i32,
    /// `YYYY-MM-DD`.
    pub day: String,
    /// `libur_nasional` or `cuti_bersama`.
    pub kind: String,
    pub description: String,
    /// From a list with estimated dates, until the year's decree is imported.
    pub provisional: bool,
}

/// The holiday table as the admin keeps it, with how far it reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminHolidays {
    pub days: Vec<AdminHoliday>,
    /// The last year with a day in the table.
    pub last_year: Option<i32>,
    /// Years whose list is still provisional.
    pub provisional_years: Vec<i32>,
    /// Next year, when the table has no day of it yet: deadlines and plans reaching into it
    /// know only the fixed-date national holidays.
    pub missing_year: Option<i32>,
    /// Sessions to come on a day that is a holiday: (session id, when in WIB, holiday).
    pub clashes: Vec<(i32, String, String)>,
}

pub const HOLIDAY_KINDS: [&str; 2] = ["libur_nasional", "cuti_bersama"];

/// A day off as the government decrees it: a national holiday, or a collective leave day
/// (cuti bersama) around one. Both stop the working-day clock. Stored as `HOLIDAY_KINDS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum HolidayKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "libur_nasional"))]
    LiburNasional,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cuti_bersama"))]
    CutiBersama,
}

impl HolidayKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LiburNasional => HOLIDAY_KINDS[0],
            Self::CutiBersama => HOLIDAY_KINDS[1],
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::LiburNasional, Self::CutiBersama]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// One message of the outbox, for the admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxRow {
    pub id: i32,
    pub to: String,
    pub subject: String,
    /// `pending`, `sending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_wib: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOutbox {
    pub pending: u64,
    pub sent: u64,
    pub failed: u64,
    /// Failed messages first, then the latest.
    pub rows: Vec<OutboxRow>,
    /// Addresses that refused mail permanently too often to be mailed again.
    pub suppressed: Vec<SuppressedAddress>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuppressedAddress {
    pub email: String,
    pub refusals: i32,
    pub last_error: String,
    pub since_wib: String,
}

pub const SLUG_MAX: usize = 40;
pub const LABEL_MAX: usize = 80;

/// A category's stable name: lower-case letters, digits and dashes.
pub fn parse_slug(raw: &str) -> Result<String, ErrorCode> {
    let slug = raw.trim().to_lowercase();
    if slug.is_empty() {
        Err(ErrorCode::Required)
    } else if slug.len() > SLUG_MAX {
        Err(ErrorCode::TooLong { max: SLUG_MAX })
    } else if !slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        Err(ErrorCode::InvalidSlug)
    } else {
        Ok(slug)
    }
}

/// A name shown to people: trimmed, 2 to `LABEL_MAX` characters.
pub fn parse_label(raw: &str) -> Result<String, ErrorCode> {
    let label = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    match label.chars().count() {
        0 => Err(ErrorCode::Required),
        1 => Err(ErrorCode::TooShort { min: 2 }),
        n if n > LABEL_MAX => Err(ErrorCode::TooLong { max: LABEL_MAX }),
        _ => Ok(label),
    }
}

/// The kinds of region, as Kemendagri codes them.
pub const REGION_KINDS: [&str; 3] = ["kecamatan", "desa", "kelurahan"];

/// A kecamatan (district), or a desa or kelurahan (village) in one. Stored as `REGION_KINDS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum RegionKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "kecamatan"))]
    Kecamatan,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "desa"))]
    Desa,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "kelurahan"))]
    Kelurahan,
}

impl RegionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Kecamatan => REGION_KINDS[0],
            Self::Desa => REGION_KINDS[1],
            Self::Kelurahan => REGION_KINDS[2],
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Kecamatan, Self::Desa, Self::Kelurahan]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A Kemendagri region code under Kabupaten Batang (33.25): `33.25.NN` for a kecamatan,
/// `33.25.NN.NNNN` for a desa or kelurahan. Returns the parent's code.
pub fn region_parent(code: &str, kind: &str) -> Result<String, ErrorCode> {
    let parts: Vec<&str> = code.trim().split('.').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let shaped = parts.len() >= 3 && parts[0] == "33" && parts[1] == "25" && digits(parts[2], 2);
    match (kind, parts.len()) {
        ("kecamatan", 3) if shaped => Ok("33.25".into()),
        ("desa" | "kelurahan", 4) if shaped && digits(parts[3], 4) => Ok(parts[..3].join(".")),
        _ if !REGION_KINDS.contains(&kind) => Err(ErrorCode::UnknownRegionKind),
        _ => Err(ErrorCode::InvalidRegionCode),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_codes_follow_kemendagri() {
        assert_eq!(region_parent("33.25.09", "kecamatan"), Ok("33.25".into()));
        assert_eq!(region_parent("33.25.09.2008", "desa"), Ok("33.25.09".into()));
        assert_eq!(region_parent("33.25.09.1001", "kelurahan"), Ok("33.25.09".into()));
        assert_eq!(
            region_parent("33.26.09", "kecamatan"),
            Err(ErrorCode::InvalidRegionCode)
        );
        assert_eq!(region_parent("33.25.09", "desa"), Err(ErrorCode::InvalidRegionCode));
        assert_eq!(region_parent("33.25.09", "dusun"), Err(ErrorCode::UnknownRegionKind));
    }

    #[test]
    fn slugs_and_labels() {
        assert_eq!(parse_slug(" Air-Bersih "), Ok("air-bersih".into()));
        assert_eq!(parse_slug("air bersih"), Err(ErrorCode::InvalidSlug));
        assert_eq!(parse_label("  Air   bersih "), Ok("Air bersih".into()));
        assert_eq!(parse_label("A"), Err(ErrorCode::TooShort { min: 2 }));
    }
}

/// One page of the audit log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    /// The `before` of the next (older) page, when there is one.
    pub older: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i32,
    pub at_wib: String,
    pub actor: String,
    pub actor_email: String,
    pub role: String,
    pub action: String,
    pub target: String,
    pub detail: String,
    pub address: String,
}
