//! OPD follow-up as the browser sees it, and the working-day arithmetic its deadlines use:
//! Monday to Friday, minus national holidays and cuti bersama.

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::{ErrorCode, admin::OpdChoice, issue_flow::IssueStatus, moderation::ModerationAction, photo::PhotoView};

pub const SLA_MAX_DAYS: i32 = 120;
/// Days before the deadline that count as "due soon" on the OPD's list.
pub const DUE_SOON_DAYS: i64 = 1;
pub const NOTE_MAX: usize = 4_000;
/// More than Batang's whole yearly budget is a typing mistake.
pub const COST_MAX: i64 = 5_000_000_000_000;

/// The national holidays fixed to one date by law (Keppres; UU 1953 for 17 August), which
/// hold every year whether or not the admin's table has reached that year yet. Movable
/// holidays (lunar and religious calendars) and cuti bersama come from the table alone.
const FIXED_HOLIDAYS: [(u32, u32, &str); 5] = [
    (1, 1, "Tahun Baru Masehi"),
    (5, 1, "Hari Buruh Internasional"),
    (6, 1, "Hari Lahir Pancasila"),
    (8, 17, "Proklamasi Kemerdekaan RI"),
    (12, 25, "Kelahiran Yesus Kristus"),
];

/// The name of the fixed-date national holiday on `day`, if it is one.
pub fn fixed_holiday(day: NaiveDate) -> Option<&'static str> {
    FIXED_HOLIDAYS
        .iter()
        .find(|(month, date, _)| day.month() == *month && day.day() == *date)
        .map(|(_, _, name)| *name)
}

/// Monday to Friday, neither in the holiday table nor a fixed-date national holiday.
pub fn is_working_day(day: NaiveDate, holidays: &HashSet<NaiveDate>) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&day) && fixed_holiday(day).is_none()
}

/// The `n`th working day after `from` (`from` itself does not count).
pub fn add_working_days(from: NaiveDate, n: i32, holidays: &HashSet<NaiveDate>) -> NaiveDate {
    let mut day = from;
    let mut left = n.max(0);
    while left > 0 {
        day += Duration::days(1);
        if is_working_day(day, holidays) {
            left -= 1;
        }
    }
    day
}

/// Working days from `from` to `to`: after `from`, up to and including `to`; negative when
/// `to` is earlier (an overdue deadline).
pub fn working_days_between(from: NaiveDate, to: NaiveDate, holidays: &HashSet<NaiveDate>) -> i64 {
    let (start, end, sign) = if to >= from { (from, to, 1) } else { (to, from, -1) };
    let mut count = 0;
    let mut day = start;
    while day < end {
        day += Duration::days(1);
        if is_working_day(day, holidays) {
            count += 1;
        }
    }
    sign * count
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum FollowUpStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "assigned"))]
    Assigned,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "in_progress"))]
    InProgress,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "resolved"))]
    Resolved,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "closed"))]
    Closed,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "declined"))]
    Declined,
}

impl FollowUpStatus {
    pub const ALL: [Self; 5] = [
        Self::Assigned,
        Self::InProgress,
        Self::Resolved,
        Self::Closed,
        Self::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Assigned => "assigned",
            Self::InProgress => "in_progress",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
            Self::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Still the OPD's to do: the deadline runs.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Assigned | Self::InProgress)
    }
}

/// What one entry of a follow-up's history records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum UpdateKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "assigned"))]
    Assigned,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "accepted"))]
    Accepted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "declined"))]
    Declined,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "progress"))]
    Progress,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "note"))]
    Note,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "resolved"))]
    Resolved,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "confirmed"))]
    Confirmed,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "reopened"))]
    Reopened,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "closed"))]
    Closed,
}

impl UpdateKind {
    pub const ALL: [Self; 9] = [
        Self::Assigned,
        Self::Accepted,
        Self::Declined,
        Self::Progress,
        Self::Note,
        Self::Resolved,
        Self::Confirmed,
        Self::Reopened,
        Self::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Assigned => "assigned",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::Progress => "progress",
            Self::Note => "note",
            Self::Resolved => "resolved",
            Self::Confirmed => "confirmed",
            Self::Reopened => "reopened",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// What a person does to a follow-up (the `action` field of its forms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowUpAction {
    Accept,
    Decline,
    Progress,
    Resolve,
    Confirm,
    Reopen,
}

impl FollowUpAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accept => "accept",
            Self::Decline => "decline",
            Self::Progress => "progress",
            Self::Resolve => "resolve",
            Self::Confirm => "confirm",
            Self::Reopen => "reopen",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Accept,
            Self::Decline,
            Self::Progress,
            Self::Resolve,
            Self::Confirm,
            Self::Reopen,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }
}

/// What one entry of an issue's history records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimelineEvent {
    Posted,
    Status(IssueStatus),
    Moderation(ModerationAction),
    FollowUp(UpdateKind),
}

/// One entry of an issue's one history: posted, moderated, on the agenda, discussed,
/// assigned, and each step of each OPD's follow-up, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub event: TimelineEvent,
    /// `None` for the system; an anonymous author reads "Pelapor" to others.
    pub who: Option<String>,
    /// The OPD, for a follow-up step.
    pub opd: Option<String>,
    pub when_wib: String,
    /// RFC 3339, for `<time datetime>`.
    pub when: String,
    pub body_html: String,
    pub percent: Option<i32>,
    pub cost_rupiah: Option<i64>,
    /// Staff only (an OPD's internal note).
    pub internal: bool,
    /// Photos the OPD sent as evidence.
    pub photos: Vec<PhotoView>,
}

/// One follow-up on the issue page, with what the reader may do to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpView {
    pub id: i32,
    pub opd_name: String,
    /// The OPD's head and official email, when the admin recorded them.
    pub opd_head: Option<String>,
    pub opd_email: Option<String>,
    pub lead: bool,
    pub status: FollowUpStatus,
    pub action_html: String,
    pub due_day: String,
    /// Working days left until the deadline; negative when overdue. `None` once resolved.
    pub days_left: Option<i64>,
    /// The latest percent done reported.
    pub percent: Option<i32>,
    /// Marked as needing a programme or budget (Musrenbang input).
    pub needs_programme: bool,
    /// An officer of this OPD: accept or decline (assigned), report or resolve (in progress).
    pub can_work: bool,
    /// The author (or the operator of an assisted issue), while it is resolved.
    pub can_confirm: bool,
    /// Working days left to confirm or reopen, while it is resolved.
    pub confirm_days_left: Option<i64>,
}

/// What the secretariat's assignment form needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignForm {
    pub opds: Vec<OpdChoice>,
    pub default_days: i32,
    /// The issue's category's default OPD, offered as the lead.
    pub suggested: Option<i32>,
}

/// One line of an OPD's work list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpdItem {
    pub follow_up_id: i32,
    pub issue_id: i32,
    pub issue_title: String,
    pub lead: bool,
    pub status: FollowUpStatus,
    pub due_day: String,
    pub days_left: i64,
}

/// A follow-up far past its deadline, for the Bupati's office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueItem {
    pub opd_name: String,
    pub item: OpdItem,
}

/// An officer's work list: their own OPD's open follow-ups, in four groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpdQueue {
    pub opd_name: String,
    pub new: Vec<OpdItem>,
    pub in_progress: Vec<OpdItem>,
    pub due_soon: Vec<OpdItem>,
    pub overdue: Vec<OpdItem>,
}

/// One line of the public scorecard (lead follow-ups only: the lead answers for the issue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreRow {
    pub name: String,
    /// An OPD's own public page (`/scorecard/{code}`); none for a kecamatan.
    pub link: Option<String>,
    pub assigned: u64,
    /// Resolved or closed.
    pub resolved: u64,
    /// Of the resolved, the share resolved by their deadline.
    pub on_time_percent: Option<u32>,
    /// Median working days from assignment to the OPD's first response, in tenths.
    pub median_response_tenths: Option<u32>,
    /// Median working days from assignment to resolution, in tenths.
    pub median_resolution_tenths: Option<u32>,
    pub overdue: u64,
    /// Enough resolved follow-ups to be ranked (the `score_min_resolved` setting).
    pub ranked: bool,
}

/// Follow-ups assigned and resolved in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    pub year: i32,
    pub month: u32,
    pub assigned: u64,
    pub resolved: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scorecard {
    /// Ranked first (best on-time share, then fastest), then the rest by name.
    pub opds: Vec<ScoreRow>,
    pub kecamatan: Vec<ScoreRow>,
    /// The last twelve months, oldest first.
    pub trend: Vec<MonthCount>,
    /// Resolved follow-ups needed to be ranked (the `score_min_resolved` setting).
    pub min_resolved: u64,
}

/// The median of whole working days, in tenths (`2.5` days is `25`).
pub fn median_tenths(values: &mut [i64]) -> Option<u32> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    let twice = if n % 2 == 1 {
        values[n / 2] * 2
    } else {
        values[n / 2 - 1] + values[n / 2]
    };
    u32::try_from(twice.max(0) * 5).ok()
}

/// "2,5" or "2.5": tenths as a number people read.
pub fn format_tenths(tenths: u32, decimal_comma: bool) -> String {
    let (whole, tenth) = (tenths / 10, tenths % 10);
    if tenth == 0 {
        whole.to_string()
    } else {
        format!("{whole}{}{tenth}", if decimal_comma { ',' } else { '.' })
    }
}

/// A percentage from 0 to 100; empty is none.
pub fn parse_percent(raw: &str) -> Result<Option<i32>, ErrorCode> {
    let raw = raw.trim().trim_end_matches('%').trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<i32>() {
        Ok(n) if (0..=100).contains(&n) => Ok(Some(n)),
        _ => Err(ErrorCode::OutOfRange { min: 0, max: 100 }),
    }
}

/// Rupiah as typed: `1.250.000`, `Rp 1.250.000` or `1250000`; empty is none.
pub fn parse_rupiah(raw: &str) -> Result<Option<i64>, ErrorCode> {
    let digits: String = raw
        .trim()
        .trim_start_matches("Rp")
        .trim_start_matches("rp")
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    match digits.parse::<i64>() {
        Ok(n) if (0..=COST_MAX).contains(&n) && digits.chars().all(|c| c.is_ascii_digit()) => Ok(Some(n)),
        _ => Err(ErrorCode::InvalidAmount),
    }
}

/// "Rp 1.250.000".
pub fn format_rupiah(amount: i64) -> String {
    let digits = amount.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("Rp {}{grouped}", if amount < 0 { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn fixed_date_holidays_hold_every_year_without_table_rows() {
        let none = HashSet::new();
        // Friday 1 January 2027 and Friday 17 August 2029.
        assert!(!is_working_day(day(2027, 1, 1), &none));
        assert!(!is_working_day(day(2029, 8, 17), &none));
        assert_eq!(add_working_days(day(2026, 12, 31), 1, &none), day(2027, 1, 4));
        assert_eq!(add_working_days(day(2029, 8, 16), 1, &none), day(2029, 8, 20));
        assert_eq!(fixed_holiday(day(2031, 6, 1)), Some("Hari Lahir Pancasila"));
        assert_eq!(fixed_holiday(day(2031, 6, 2)), None);
    }

    #[test]
    fn a_holiday_on_a_friday_moves_the_deadline_past_the_weekend() {
        // Assigned Wednesday 23 December 2026; Friday the 25th is Christmas.
        let holidays = HashSet::from([day(2026, 12, 25)]);
        assert_eq!(add_working_days(day(2026, 12, 23), 1, &holidays), day(2026, 12, 24));
        assert_eq!(add_working_days(day(2026, 12, 23), 2, &holidays), day(2026, 12, 28));
        // Christmas is a fixed-date holiday: skipped even with no table row for it (this
        // once expected a deadline on the 25th). The table adds the cuti bersama on the 24th.
        assert_eq!(
            add_working_days(day(2026, 12, 23), 2, &HashSet::new()),
            day(2026, 12, 28)
        );
        let cuti_bersama = HashSet::from([day(2026, 12, 24)]);
        assert_eq!(add_working_days(day(2026, 12, 23), 1, &cuti_bersama), day(2026, 12, 28));
    }

    #[test]
    fn cuti_bersama_around_idul_fitri_does_not_count() {
        // Idul Fitri 1447 H: 20 and 21 March 2026, cuti bersama 18, 19, 23 and 24 March.
        let holidays: HashSet<NaiveDate> = [18, 19, 20, 21, 23, 24].into_iter().map(|d| day(2026, 3, d)).collect();
        // Assigned Tuesday 17 March: five working days are 25, 26, 27, 30 and 31 March.
        assert_eq!(add_working_days(day(2026, 3, 17), 5, &holidays), day(2026, 3, 31));
        assert_eq!(working_days_between(day(2026, 3, 17), day(2026, 3, 31), &holidays), 5);
    }

    #[test]
    fn a_deadline_crosses_the_year_boundary() {
        // New Year's Day 2027 is a Friday.
        let holidays = HashSet::from([day(2027, 1, 1)]);
        assert_eq!(add_working_days(day(2026, 12, 29), 5, &holidays), day(2027, 1, 6));
        assert_eq!(working_days_between(day(2027, 1, 6), day(2026, 12, 29), &holidays), -5);
    }

    #[test]
    fn a_holiday_added_after_assignment_moves_the_recomputed_deadline() {
        let assigned = day(2026, 12, 1);
        let before = add_working_days(assigned, 5, &HashSet::new());
        assert_eq!(before, day(2026, 12, 8));
        let after = add_working_days(assigned, 5, &HashSet::from([day(2026, 12, 4)]));
        assert_eq!(after, day(2026, 12, 9));
    }

    #[test]
    fn days_between_count_working_days_only_and_are_zero_on_the_day() {
        let none = HashSet::new();
        assert_eq!(working_days_between(day(2026, 12, 4), day(2026, 12, 7), &none), 1);
        assert_eq!(working_days_between(day(2026, 12, 7), day(2026, 12, 7), &none), 0);
        assert_eq!(working_days_between(day(2026, 12, 8), day(2026, 12, 7), &none), -1);
    }

    #[test]
    fn medians_are_kept_in_tenths() {
        assert_eq!(median_tenths(&mut [3, 1, 2]), Some(20));
        assert_eq!(median_tenths(&mut [4, 1, 2, 3]), Some(25));
        assert_eq!(median_tenths(&mut []), None);
        assert_eq!(format_tenths(25, true), "2,5");
        assert_eq!(format_tenths(20, false), "2");
    }

    #[test]
    fn amounts_and_percentages_are_read_as_people_type_them() {
        assert_eq!(parse_rupiah("Rp 1.250.000"), Ok(Some(1_250_000)));
        assert_eq!(parse_rupiah("250000"), Ok(Some(250_000)));
        assert_eq!(parse_rupiah(""), Ok(None));
        assert_eq!(parse_rupiah("satu juta"), Err(ErrorCode::InvalidAmount));
        assert_eq!(parse_rupiah("-5"), Err(ErrorCode::InvalidAmount));
        assert_eq!(format_rupiah(1_250_000), "Rp 1.250.000");
        assert_eq!(format_rupiah(500), "Rp 500");
        assert_eq!(parse_percent("75%"), Ok(Some(75)));
        assert_eq!(parse_percent("101"), Err(ErrorCode::OutOfRange { min: 0, max: 100 }));
    }
}

/// One OPD in public (`/scorecard/{code}`): what it holds now, its numbers and trend, and
/// what it resolved with the resident's word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpdScore {
    pub code: String,
    pub name: String,
    pub head_name: Option<String>,
    pub numbers: ScoreRow,
    /// The last twelve months, oldest first.
    pub trend: Vec<MonthCount>,
    /// Public issues it holds open, overdue first, then by deadline.
    pub open: Vec<OpdPageItem>,
    /// Open confidential issues, counted but never listed.
    pub open_confidential: u64,
    /// Public issues it resolved, latest first.
    pub resolved: Vec<OpdPageItem>,
}

/// A follow-up of the OPD's page, with its public issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpdPageItem {
    pub issue_id: i32,
    pub title: String,
    pub status: FollowUpStatus,
    /// The deadline in words, or (resolved) the day it was resolved.
    pub day: String,
    /// Open past its deadline, or resolved after it.
    pub late: bool,
    /// The resident's answer to the resolution: confirmed (true) or closed in silence.
    pub confirmed: bool,
    /// What the resident wrote when confirming, cleaned HTML.
    pub word_html: Option<String>,
}
