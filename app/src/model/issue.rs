//! Issues as the browser sees them, and the rules for a new one.

use serde::{Deserialize, Serialize};

use super::ErrorCode;

pub use super::{issue_flow::IssueStatus, photo::PhotoView};

/// Who may see an issue and its author, as LAPOR! defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Privacy {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "publik"))]
    Publik,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "anonim"))]
    Anonim,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rahasia"))]
    Rahasia,
}

impl Privacy {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Publik => "publik",
            Self::Anonim => "anonim",
            Self::Rahasia => "rahasia",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Publik, Self::Anonim, Self::Rahasia]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// One row of the public list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueSummary {
    pub id: i32,
    pub title: String,
    pub status: IssueStatus,
    pub category: String,
    pub place: String,
    /// The instant in UTC, for `<time datetime>`.
    pub created_at: String,
    /// The same instant shown in WIB, in the reader's language.
    pub created_at_wib: String,
    pub support_count: i32,
    pub comment_count: i32,
}

/// A page of the list; `next` is the cursor of the following page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssuePage {
    pub items: Vec<IssueSummary>,
    pub next: Option<String>,
}

/// The order of the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Newest,
    MostSupported,
    MostDiscussed,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Self::Newest, Self::MostSupported, Self::MostDiscussed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::MostSupported => "supported",
            Self::MostDiscussed => "discussed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// What the list shows: every filter lives in the page's address, so a link shares it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueQuery {
    /// Words to search for in titles and descriptions.
    pub q: String,
    pub status: Option<IssueStatus>,
    pub category: Option<i32>,
    pub kecamatan: Option<i32>,
    pub desa: Option<i32>,
    pub sort: Sort,
    /// Where the previous page ended (see `IssuePage::next`).
    pub cursor: Option<String>,
}

pub const QUERY_MAX: usize = 100;

impl IssueQuery {
    /// Reads the list's address leniently: what does not parse is ignored.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let id = |name: &str| get(name).and_then(|v| v.parse::<i32>().ok()).filter(|v| *v > 0);
        Self {
            q: get("q")
                .map(|q| q.trim().chars().take(QUERY_MAX).collect())
                .unwrap_or_default(),
            status: get("status").and_then(|s| IssueStatus::parse(&s)),
            category: id("category"),
            kecamatan: id("kecamatan"),
            desa: id("desa"),
            sort: get("sort").and_then(|s| Sort::parse(&s)).unwrap_or_default(),
            cursor: get("cursor").filter(|c| !c.is_empty() && c.len() <= 40),
        }
    }

    /// The address of this list with another cursor (`None`: the first page).
    pub fn href(&self, cursor: Option<&str>) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.as_str().into()));
        }
        for (name, value) in [
            ("category", self.category),
            ("kecamatan", self.kecamatan),
            ("desa", self.desa),
        ] {
            if let Some(value) = value {
                pairs.push((name, value.to_string()));
            }
        }
        if self.sort != Sort::Newest {
            pairs.push(("sort", self.sort.as_str().into()));
        }
        if let Some(cursor) = cursor {
            pairs.push(("cursor", cursor.into()));
        }
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(v)))
            .collect();
        if query.is_empty() {
            "/issues".into()
        } else {
            format!("/issues?{}", query.join("&"))
        }
    }

    pub fn is_filtered(&self) -> bool {
        !self.q.is_empty()
            || self.status.is_some()
            || self.category.is_some()
            || self.kecamatan.is_some()
            || self.desa.is_some()
    }
}

/// Percent-encodes a query value (everything but unreserved characters).
fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The words of a search: runs of letters and digits, lower-cased, at most eight. Anything
/// else (quotes, operators) is dropped, so a search can never be a malformed query.
pub fn search_words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(8)
        .collect()
}

/// Words too common in Indonesian titles to tell two issues apart.
const STOP_WORDS: [&str; 24] = [
    "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "ada", "tidak", "sudah", "belum", "mohon", "tolong", "pak",
    "bu", "bupati", "warga", "desa", "kami", "kita", "sangat", "sekali", "the", "and",
];

/// The words of a title that tell it apart: search words of three letters or more that
/// are not stop words.
pub fn significant_words(title: &str) -> Vec<String> {
    search_words(title)
        .into_iter()
        .filter(|w| w.chars().count() >= 3 && !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// Whether an existing title is similar enough to a new one to offer it instead: at least
/// half of the new title's significant words (or a word's stem, either way) are in it.
pub fn is_similar_title(new_words: &[String], existing: &str) -> bool {
    if new_words.is_empty() {
        return false;
    }
    let theirs = significant_words(existing);
    let shared = new_words
        .iter()
        .filter(|w| {
            theirs
                .iter()
                .any(|t| t.starts_with(w.as_str()) || w.starts_with(t.as_str()))
        })
        .count();
    shared * 2 >= new_words.len() && shared > 0
}

/// Similar issues shown while typing a title, at most.
pub const SIMILAR_MAX: usize = 5;

/// The whole issue for its own page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueView {
    pub summary: IssueSummary,
    pub privacy: Privacy,
    /// `None` when the author is hidden from this reader.
    pub author_name: Option<String>,
    /// Markdown already rendered and cleaned by the one ammonia policy on the server.
    pub body_html: String,
    pub reader: Reader,
    /// Posted by an operator for a resident ("dibantu operator").
    pub assisted: bool,
    /// The assisted resident's name and phone, for staff only.
    pub on_behalf: Option<(String, String)>,
    /// Reported over WhatsApp: the number's last four digits and whether it is blocked, for
    /// the secretariat and the admin only.
    pub whatsapp: Option<(String, bool)>,
    /// Earlier versions, newest first.
    pub revisions: Vec<RevisionView>,
    /// Top-level comments, oldest first, each with its replies.
    pub comments: Vec<CommentView>,
    pub address: Option<String>,
    /// Latitude and longitude, as posted.
    pub point: Option<(f64, f64)>,
    pub photos: Vec<PhotoView>,
    /// Hidden by moderation: only its author and staff see it, with this notice.
    pub hidden: bool,
    /// For a rejected issue: the secretariat's reason (shown to the author and staff).
    pub decision_reason: Option<String>,
    /// For a merged issue: the issue it duplicated.
    pub merged_into: Option<i32>,
    /// Media an Open311 client linked to (shown as a link, never embedded).
    pub media_url: Option<String>,
    /// The OPDs' follow-up, lead first.
    pub follow_ups: Vec<super::follow_up::FollowUpView>,
    /// For the secretariat, while the issue can be assigned (or re-routed).
    pub assign: Option<super::follow_up::AssignForm>,
    /// The one history of the issue, oldest first.
    pub timeline: Vec<super::follow_up::TimelineEntry>,
}

/// An earlier version of an issue, kept when its author edited it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevisionView {
    pub title: String,
    /// Rendered and cleaned like the issue's own text.
    pub body_html: String,
    /// When this version was replaced, in WIB.
    pub replaced_at_wib: String,
}

/// The issue as its author edits it: the form's starting values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueDraft {
    pub id: i32,
    pub title: String,
    pub body: String,
    pub category: i32,
    pub kecamatan: i32,
    pub desa: i32,
    pub address: String,
    pub latitude: String,
    pub longitude: String,
}

/// What the reader of a page is to the issue, for the buttons it offers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reader {
    pub signed_in: bool,
    /// Verified accounts may support and comment.
    pub may_take_part: bool,
    pub is_author: bool,
    pub supported: bool,
    pub following: bool,
    /// The author may still edit (until the issue is put on an agenda).
    pub can_edit: bool,
    /// The secretariat (or admin): offer the moderation buttons.
    pub moderates: bool,
}

/// One comment as the reader sees it. A deleted comment keeps its place (its replies still
/// make sense) but loses its text and author.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i32,
    /// `None` for a deleted comment, or for an anonymous issue's author.
    pub author_name: Option<String>,
    /// Written by the issue's author.
    pub by_issue_author: bool,
    /// Hidden by moderation: others see a notice in its place.
    pub hidden: bool,
    pub body_html: String,
    pub body_md: String,
    pub created_at: String,
    pub created_at_wib: String,
    pub edited: bool,
    pub deleted: bool,
    pub can_edit: bool,
    pub can_delete: bool,
    pub replies: Vec<CommentView>,
}

/// A choice in a select box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i32,
    pub name: String,
}

/// A kecamatan with its desa and kelurahan, for the place pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KecamatanChoice {
    pub id: i32,
    pub name: String,
    pub villages: Vec<Choice>,
}

/// Everything the new-issue form needs to offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueFormOptions {
    pub categories: Vec<Choice>,
    pub kecamatan: Vec<KecamatanChoice>,
}

pub const TITLE_MIN: usize = 8;
pub const TITLE_MAX: usize = 140;
pub const BODY_MIN: usize = 20;
pub const BODY_MAX: usize = 10_000;
pub const PAGE_SIZE: u64 = 20;
pub const COMMENT_MAX: usize = 5_000;
/// How long an author may still change a comment.
pub const COMMENT_EDIT_MINUTES: i64 = 15;

/// A title: trimmed, inner runs of white space folded, 8 to 140 characters.
pub fn parse_title(raw: &str) -> Result<String, ErrorCode> {
    let title = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let len = title.chars().count();
    if len == 0 {
        Err(ErrorCode::Required)
    } else if len < TITLE_MIN {
        Err(ErrorCode::TooShort { min: TITLE_MIN })
    } else if len > TITLE_MAX {
        Err(ErrorCode::TooLong { max: TITLE_MAX })
    } else {
        Ok(title)
    }
}

/// A description in Markdown: trimmed, 20 to 10,000 characters.
pub fn parse_body(raw: &str) -> Result<String, ErrorCode> {
    let body = raw.trim().replace("\r\n", "\n");
    let len = body.chars().count();
    if len == 0 {
        Err(ErrorCode::Required)
    } else if len < BODY_MIN {
        Err(ErrorCode::TooShort { min: BODY_MIN })
    } else if len > BODY_MAX {
        Err(ErrorCode::TooLong { max: BODY_MAX })
    } else {
        Ok(body)
    }
}

/// A comment in Markdown: trimmed, 1 to 5,000 characters.
pub fn parse_comment(raw: &str) -> Result<String, ErrorCode> {
    let body = raw.trim().replace("\r\n", "\n");
    let len = body.chars().count();
    if len == 0 {
        Err(ErrorCode::Required)
    } else if len > COMMENT_MAX {
        Err(ErrorCode::TooLong { max: COMMENT_MAX })
    } else {
        Ok(body)
    }
}

/// The privacy radio button's value; a missing one means `publik`.
pub fn parse_privacy(raw: Option<&str>) -> Result<Privacy, ErrorCode> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(Privacy::Publik),
        Some(value) => Privacy::parse(value).ok_or(ErrorCode::UnknownPrivacy),
    }
}

pub const PHONE_MAX: usize = 20;

/// An Indonesian phone number as typed: digits, spaces, `+` and `-`, 8 to 20 characters;
/// empty is allowed (not every resident has one).
pub fn parse_phone(raw: &str) -> Result<String, ErrorCode> {
    let phone = raw.trim();
    if phone.is_empty() {
        return Ok(String::new());
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let shaped = phone.chars().all(|c| c.is_ascii_digit() || " +-".contains(c));
    if phone.chars().count() > PHONE_MAX {
        Err(ErrorCode::TooLong { max: PHONE_MAX })
    } else if !shaped || digits < 8 {
        Err(ErrorCode::InvalidPhone)
    } else {
        Ok(phone.to_owned())
    }
}

/// Photos per issue, and the largest upload accepted for one.
pub const PHOTO_MAX_COUNT: usize = 3;
pub const PHOTO_MAX_BYTES: usize = 5 * 1024 * 1024;
pub const ADDRESS_MAX: usize = 200;

/// The optional address line: folded whitespace, bounded.
pub fn parse_address(raw: &str) -> Result<Option<String>, ErrorCode> {
    let address = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if address.is_empty() {
        Ok(None)
    } else if address.chars().count() > ADDRESS_MAX {
        Err(ErrorCode::TooLong { max: ADDRESS_MAX })
    } else {
        Ok(Some(address))
    }
}

/// Kabupaten Batang with a margin, in WGS84 degrees: a point outside is a typing mistake.
const BATANG_LAT: (f64, f64) = (-7.40, -6.70);
const BATANG_LON: (f64, f64) = (109.50, 110.20);

/// The optional point: both coordinates or neither, decimal degrees (a comma is read as a
/// decimal point), inside Kabupaten Batang.
pub fn parse_point(latitude: &str, longitude: &str) -> Result<Option<(f64, f64)>, ErrorCode> {
    let (latitude, longitude) = (latitude.trim(), longitude.trim());
    if latitude.is_empty() && longitude.is_empty() {
        return Ok(None);
    }
    let number = |raw: &str| raw.replace(',', ".").parse::<f64>().ok().filter(|n| n.is_finite());
    match (number(latitude), number(longitude)) {
        (Some(lat), Some(lon))
            if (BATANG_LAT.0..=BATANG_LAT.1).contains(&lat) && (BATANG_LON.0..=BATANG_LON.1).contains(&lon) =>
        {
            Ok(Some((lat, lon)))
        }
        _ => Err(ErrorCode::PointOutsideBatang),
    }
}

/// The desa (and its kecamatan) whose centre is nearest a point: a suggestion for the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceSuggestion {
    pub desa_id: i32,
    pub desa: String,
    pub kecamatan_id: i32,
    pub kecamatan: String,
    /// From the point to the desa's centre, rounded to 100 m.
    pub km: f64,
}

/// A select box's value: a positive id, or a `Required` error for the empty choice.
pub fn parse_choice(raw: &str) -> Result<i32, ErrorCode> {
    match raw.trim().parse::<i32>() {
        Ok(id) if id > 0 => Ok(id),
        _ if raw.trim().is_empty() => Err(ErrorCode::Required),
        _ => Err(ErrorCode::UnknownCategory),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_titles_share_half_their_words() {
        let new = significant_words("Jalan rusak parah di Desa Subah");
        assert_eq!(new, ["jalan", "rusak", "parah", "subah"]);
        assert!(is_similar_title(&new, "Jalan di Subah rusak berat"));
        assert!(!is_similar_title(&new, "Lampu jalan mati"));
        assert!(!is_similar_title(&[], "Jalan rusak"));
    }

    #[test]
    fn a_point_must_lie_in_batang() {
        assert_eq!(parse_point("", " "), Ok(None));
        assert_eq!(parse_point("-6,9078", "109.7302"), Ok(Some((-6.9078, 109.7302))));
        assert_eq!(parse_point("-6.2", "106.8"), Err(ErrorCode::PointOutsideBatang));
        assert_eq!(parse_point("-6.9", ""), Err(ErrorCode::PointOutsideBatang));
        assert_eq!(parse_point("NaN", "inf"), Err(ErrorCode::PointOutsideBatang));
    }

    #[test]
    fn a_title_is_folded_and_bounded() {
        assert_eq!(
            parse_title("  Jalan   rusak di Subah "),
            Ok("Jalan rusak di Subah".into())
        );
        assert_eq!(parse_title(""), Err(ErrorCode::Required));
        assert_eq!(parse_title("Rusak"), Err(ErrorCode::TooShort { min: TITLE_MIN }));
        assert_eq!(
            parse_title(&"a".repeat(10_000)),
            Err(ErrorCode::TooLong { max: TITLE_MAX })
        );
    }

    #[test]
    fn a_body_is_bounded() {
        assert_eq!(parse_body("terlalu pendek"), Err(ErrorCode::TooShort { min: BODY_MIN }));
        assert!(parse_body(&"kata ".repeat(100)).is_ok());
        assert_eq!(
            parse_body(&"a".repeat(BODY_MAX + 1)),
            Err(ErrorCode::TooLong { max: BODY_MAX })
        );
    }

    #[test]
    fn a_choice_must_be_a_positive_id() {
        assert_eq!(parse_choice("12"), Ok(12));
        assert_eq!(parse_choice(""), Err(ErrorCode::Required));
        assert_eq!(parse_choice("-1"), Err(ErrorCode::UnknownCategory));
        assert_eq!(parse_choice("abc"), Err(ErrorCode::UnknownCategory));
    }

    #[test]
    fn comments_and_privacy_are_checked() {
        assert_eq!(parse_comment("  setuju  "), Ok("setuju".into()));
        assert_eq!(parse_comment(" "), Err(ErrorCode::Required));
        assert_eq!(
            parse_comment(&"a".repeat(COMMENT_MAX + 1)),
            Err(ErrorCode::TooLong { max: COMMENT_MAX })
        );
        assert_eq!(parse_privacy(None), Ok(Privacy::Publik));
        assert_eq!(parse_privacy(Some("anonim")), Ok(Privacy::Anonim));
        assert_eq!(parse_privacy(Some("terbuka")), Err(ErrorCode::UnknownPrivacy));
    }

    #[test]
    fn phones_are_optional_but_shaped() {
        assert_eq!(parse_phone(" 0812-3456-7890 "), Ok("0812-3456-7890".into()));
        assert_eq!(parse_phone(""), Ok(String::new()));
        assert_eq!(parse_phone("nomor saya"), Err(ErrorCode::InvalidPhone));
        assert_eq!(parse_phone("123"), Err(ErrorCode::InvalidPhone));
    }

    #[test]
    fn search_words_drop_query_syntax() {
        assert_eq!(
            search_words("Jalan \"rusak\" OR x* -- ;DROP"),
            ["jalan", "rusak", "or", "x", "drop"]
        );
        assert!(search_words("  \"*  ").is_empty());
    }

    #[test]
    fn a_query_round_trips_through_its_address() {
        let query = IssueQuery {
            q: "jalan rusak & banjir".into(),
            status: Some(IssueStatus::Published),
            kecamatan: Some(9),
            sort: Sort::MostSupported,
            ..Default::default()
        };
        let href = query.href(Some("3.41"));
        assert_eq!(
            href,
            "/issues?q=jalan%20rusak%20%26%20banjir&status=published&kecamatan=9&sort=supported&cursor=3.41"
        );
        let params: Vec<(String, String)> = href
            .trim_start_matches("/issues?")
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.replace("%20", " ").replace("%26", "&")))
            .collect();
        let back = IssueQuery::from_params(|k| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()));
        assert_eq!(
            back,
            IssueQuery {
                cursor: Some("3.41".into()),
                ..query
            }
        );
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in IssueStatus::ALL {
            assert_eq!(IssueStatus::parse(status.as_str()), Some(status));
        }
    }
}
