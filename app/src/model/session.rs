//! The Friday dialogue sessions ("Jumat bersama Bupati") as pages see them, and the rules
//! that need no database: states, the default cutoff, and planning recurring Fridays
//! around national holidays and cuti bersama.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::{ErrorCode, follow_up::fixed_holiday};

/// A person's place at a session: confirmed, or on the waitlist (moved up in order when
/// a confirmed person cancels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum RegistrationStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "confirmed"))]
    Confirmed,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "waitlisted"))]
    Waitlisted,
}

impl RegistrationStatus {
    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Waitlisted => "waitlisted",
        }
    }
}

/// A session's life: planned → agenda_open → agenda_locked → held → minutes_published, or
/// cancelled at any point before it is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum SessionStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "planned"))]
    Planned,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "agenda_open"))]
    AgendaOpen,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "agenda_locked"))]
    AgendaLocked,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "held"))]
    Held,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "minutes_published"))]
    MinutesPublished,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cancelled"))]
    Cancelled,
}

impl SessionStatus {
    pub const ALL: [Self; 6] = [
        Self::Planned,
        Self::AgendaOpen,
        Self::AgendaLocked,
        Self::Held,
        Self::MinutesPublished,
        Self::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::AgendaOpen => "agenda_open",
            Self::AgendaLocked => "agenda_locked",
            Self::Held => "held",
            Self::MinutesPublished => "minutes_published",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Before it is held a session can still be changed, rescheduled or cancelled.
    pub fn changeable(self) -> bool {
        matches!(self, Self::Planned | Self::AgendaOpen | Self::AgendaLocked)
    }

    /// People can register to attend.
    pub fn open_for_registration(self) -> bool {
        self.changeable()
    }
}

/// What to do with a session that falls on a holiday.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum HolidayPolicy {
    /// Leave that week out.
    #[default]
    Skip,
    /// Hold it on the working day before.
    Earlier,
    /// Hold it on the working day after.
    Later,
}

impl HolidayPolicy {
    pub const ALL: [Self; 3] = [Self::Skip, Self::Earlier, Self::Later];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Skip => "skip",
            Self::Earlier => "earlier",
            Self::Later => "later",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// One week of a recurrence plan: the session's day, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedDay {
    /// The day the rule names (a Friday by default).
    pub rule_day: NaiveDate,
    /// The day the session is held; `None` when the week is skipped.
    pub day: Option<NaiveDate>,
    /// The holiday that moved or skipped it.
    pub holiday: Option<String>,
}

/// The holiday on `day`: the table's name for it, or a fixed-date national holiday's.
fn holiday_on(day: NaiveDate, holidays: &[(NaiveDate, String)]) -> Option<String> {
    holidays
        .iter()
        .find(|(d, _)| *d == day)
        .map(|(_, name)| name.clone())
        .or_else(|| fixed_holiday(day).map(str::to_owned))
}

fn is_working_day(day: NaiveDate, holidays: &[(NaiveDate, String)]) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && holiday_on(day, holidays).is_none()
}

/// Plans `count` sessions on `weekday`, starting with the first such day on or after
/// `from`. A day that is a holiday is skipped (and the plan goes on until `count`
/// sessions are found) or moved to the nearest working day before or after, never past
/// the neighbouring week. At most a year of weeks is looked at.
pub fn plan_sessions(
    from: NaiveDate,
    weekday: Weekday,
    count: usize,
    policy: HolidayPolicy,
    holidays: &[(NaiveDate, String)],
) -> Vec<PlannedDay> {
    let offset = (7 + weekday.num_days_from_monday() as i64 - from.weekday().num_days_from_monday() as i64) % 7;
    let mut rule_day = from + Duration::days(offset);
    let mut plan = Vec::new();
    let mut held = 0;
    for _ in 0..53 {
        if held == count {
            break;
        }
        let holiday = holiday_on(rule_day, holidays);
        let day = match (&holiday, policy) {
            (None, _) => Some(rule_day),
            (Some(_), HolidayPolicy::Skip) => None,
            (Some(_), HolidayPolicy::Earlier | HolidayPolicy::Later) => {
                let step = if policy == HolidayPolicy::Earlier { -1 } else { 1 };
                (1..=4)
                    .map(|n| rule_day + Duration::days(step * n))
                    .find(|d| is_working_day(*d, holidays))
            }
        };
        if day.is_some() {
            held += 1;
        }
        plan.push(PlannedDay { rule_day, day, holiday });
        rule_day += Duration::days(7);
    }
    plan
}

/// The default submission cutoff: 23:59 WIB on the Wednesday before the session's day.
pub fn default_cutoff_day(session_day: NaiveDate) -> NaiveDate {
    let mut day = session_day - Duration::days(1);
    while day.weekday() != Weekday::Wed {
        day -= Duration::days(1);
    }
    day
}

pub const CUTOFF_TIME: NaiveTime = match NaiveTime::from_hms_opt(23, 59, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

pub const VENUE_MAX: usize = 200;
pub const CAPACITY_MAX: i32 = 10_000;
pub const DURATION_MAX: i32 = 12 * 60;
pub const PLAN_MAX: usize = 26;

/// A date typed as `YYYY-MM-DD` (the date input's value).
pub fn parse_date(raw: &str) -> Result<NaiveDate, ErrorCode> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ErrorCode::Required);
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| ErrorCode::InvalidDate)
}

/// A time typed as `HH:MM` (the time input's value), also `HH.MM` as Indonesians write it.
pub fn parse_time(raw: &str) -> Result<NaiveTime, ErrorCode> {
    let raw = raw.trim().replace('.', ":");
    if raw.is_empty() {
        return Err(ErrorCode::Required);
    }
    NaiveTime::parse_from_str(&raw, "%H:%M").map_err(|_| ErrorCode::InvalidTime)
}

/// A whole number between `min` and `max`.
pub fn parse_number(raw: &str, min: i32, max: i32) -> Result<i32, ErrorCode> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ErrorCode::Required);
    }
    match raw.parse::<i32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(ErrorCode::OutOfRange { min, max }),
    }
}

/// An optional `https://` (or `http://`) link, such as a livestream.
pub fn parse_link(raw: &str) -> Result<Option<String>, ErrorCode> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let shaped = (raw.starts_with("https://") || raw.starts_with("http://"))
        && raw.len() <= 300
        && !raw
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>');
    if shaped {
        Ok(Some(raw.to_owned()))
    } else {
        Err(ErrorCode::InvalidLink)
    }
}

/// One session in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: i32,
    pub status: SessionStatus,
    /// RFC 3339 (UTC), for `<time datetime>`.
    pub starts_at: String,
    /// "Jumat, 4 Desember 2026, 08.00–11.00 WIB".
    pub when_wib: String,
    pub venue: String,
    /// "Desa, Kecamatan", or empty.
    pub place: String,
    pub capacity: i32,
    pub confirmed: i32,
}

/// A coming session as the home page and the issue form tell of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComingSession {
    pub summary: SessionSummary,
    /// The host kecamatan's name, or empty.
    pub host: String,
    pub livestream_url: Option<String>,
    /// Until when (WIB) an issue can still reach its agenda.
    pub cutoff_wib: String,
}

/// What is next: the next Friday session, and the first one a new issue can still reach
/// (the same one unless its cutoff has passed or its agenda is locked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhatsNext {
    pub next: Option<ComingSession>,
    pub reachable: Option<ComingSession>,
}

/// What the reader is to a session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionReader {
    pub signed_in: bool,
    pub may_register: bool,
    /// Registered and confirmed.
    pub confirmed: bool,
    /// On the waitlist, at this place (1 is next).
    pub waitlisted: Option<u32>,
    /// The secretariat (or admin): offer the management forms.
    pub manages: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub summary: SessionSummary,
    pub duration_minutes: i32,
    pub host: String,
    pub livestream_url: Option<String>,
    pub cutoff_wib: String,
    /// Why it was rescheduled or cancelled, latest first.
    pub change_reason: Option<String>,
    pub waitlisted: i32,
    pub reader: SessionReader,
    /// For the edit form (secretariat): the stored values in WIB.
    pub form: SessionDraft,
    /// The agenda in order, with times and (once recorded) outcomes.
    pub agenda: Vec<AgendaItemView>,
    /// For the secretariat while the agenda is open: issues to pick, best first.
    pub suggestions: Vec<Suggestion>,
    /// For the secretariat's outcome form.
    pub opds: Vec<super::admin::OpdChoice>,
    pub attendance: Option<i32>,
    /// Published minutes, rendered and cleaned.
    pub minutes_html: Option<String>,
    /// For the secretariat while the session is held: the minutes drafted when the live
    /// hour ended.
    pub minutes_draft: Option<String>,
}

/// One issue on a session's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItemView {
    pub id: i32,
    /// 0 where the reader may not open the issue (a `rahasia` item, read by the public).
    pub issue_id: i32,
    pub title: String,
    pub place: String,
    /// A `rahasia` issue: the public reads only "aduan rahasia" and its category.
    pub confidential: bool,
    /// Raised from the floor on the day ("dari forum").
    pub from_floor: bool,
    pub support_count: i32,
    pub slot_minutes: i32,
    /// "08.00–08.10 WIB".
    pub slot_wib: String,
    pub discussed: Option<bool>,
    pub decision_html: Option<String>,
    pub decision_md: Option<String>,
    /// The OPDs that must act, with their due dates in words.
    pub follow_ups: Vec<(String, String)>,
}

/// An issue the secretariat may put on the agenda, and why it ranks where it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub issue_id: i32,
    pub title: String,
    pub place: String,
    pub score: i32,
    /// In the reader's language: "12 dukungan", "3 minggu menunggu", "di kecamatan tuan rumah".
    pub reasons: Vec<String>,
}

/// Minutes one agenda item gets unless the secretariat says otherwise.
pub const SLOT_DEFAULT: i32 = 10;

/// The session form's values, in WIB.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDraft {
    pub date: String,
    pub time: String,
    pub duration: String,
    pub venue: String,
    pub kecamatan: String,
    pub desa: String,
    pub host: String,
    pub capacity: String,
    pub livestream: String,
    pub cutoff_date: String,
    pub cutoff_time: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionList {
    pub upcoming: Vec<SessionSummary>,
    pub past: Vec<SessionSummary>,
    pub manages: bool,
    /// For the secretariat: sessions to come on a day that is a holiday (a holiday import
    /// made it one, say), to move: (session id, when in WIB, holiday).
    pub on_holidays: Vec<(i32, String, String)>,
}

/// A recurrence plan as the secretariat previews it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPreview {
    /// Per week: the rule's day, the session's day and host (or why none), in words.
    pub weeks: Vec<PlanWeek>,
    /// The plan reaches past the last year of the holiday table (that year): beyond it only
    /// the fixed-date national holidays are known.
    pub past_table: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanWeek {
    pub rule_day: String,
    pub day: Option<String>,
    pub host: Option<String>,
    pub holiday: Option<String>,
    /// A session already exists that day.
    pub taken: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn holidays() -> Vec<(NaiveDate, String)> {
        vec![
            (day(2026, 12, 25), "Hari Raya Natal".into()),
            (day(2026, 12, 24), "Cuti bersama Natal".into()),
            (day(2027, 1, 1), "Tahun Baru 2027 Masehi".into()),
        ]
    }

    #[test]
    fn a_holiday_friday_is_skipped_across_the_year_boundary() {
        let plan = plan_sessions(day(2026, 12, 14), Weekday::Fri, 3, HolidayPolicy::Skip, &holidays());
        let held: Vec<_> = plan.iter().filter_map(|p| p.day).collect();
        assert_eq!(held, [day(2026, 12, 18), day(2027, 1, 8), day(2027, 1, 15)]);
        assert_eq!(plan[1].holiday.as_deref(), Some("Hari Raya Natal"));
        assert_eq!(plan[2].holiday.as_deref(), Some("Tahun Baru 2027 Masehi"));
        assert_eq!(plan.len(), 5, "two skipped weeks are shown with their reason");
    }

    #[test]
    fn fixed_date_holidays_are_skipped_in_years_the_table_has_not_reached() {
        // No table rows at all: 1 January 2027 and 17 August 2029 are Fridays and holidays.
        let plan = plan_sessions(day(2026, 12, 28), Weekday::Fri, 1, HolidayPolicy::Skip, &[]);
        assert_eq!(plan[0].holiday.as_deref(), Some("Tahun Baru Masehi"));
        assert_eq!(plan.iter().filter_map(|p| p.day).collect::<Vec<_>>(), [day(2027, 1, 8)]);
        let plan = plan_sessions(day(2029, 8, 13), Weekday::Fri, 1, HolidayPolicy::Earlier, &[]);
        assert_eq!(plan[0].holiday.as_deref(), Some("Proklamasi Kemerdekaan RI"));
        assert_eq!(plan[0].day, Some(day(2029, 8, 16)));
    }

    #[test]
    fn a_holiday_friday_moves_to_a_working_day() {
        let earlier = plan_sessions(day(2026, 12, 21), Weekday::Fri, 2, HolidayPolicy::Earlier, &holidays());
        // 25 December (Natal) and 24 December (cuti bersama): Wednesday the 23rd.
        assert_eq!(earlier[0].day, Some(day(2026, 12, 23)));
        assert_eq!(
            earlier[1].day,
            Some(day(2026, 12, 31)),
            "1 January 2027 moves to Thursday"
        );
        let later = plan_sessions(day(2026, 12, 21), Weekday::Fri, 1, HolidayPolicy::Later, &holidays());
        assert_eq!(later[0].day, Some(day(2026, 12, 28)), "to Monday, over the weekend");
    }

    #[test]
    fn the_cutoff_is_the_wednesday_before() {
        assert_eq!(default_cutoff_day(day(2026, 12, 4)), day(2026, 12, 2));
        assert_eq!(default_cutoff_day(day(2026, 12, 31)), day(2026, 12, 30));
        assert_eq!(default_cutoff_day(day(2026, 12, 23)), day(2026, 12, 16));
    }

    #[test]
    fn form_values() {
        assert_eq!(
            parse_time("08.00"),
            NaiveTime::from_hms_opt(8, 0, 0).ok_or(ErrorCode::Required)
        );
        assert_eq!(parse_date("2026-13-01"), Err(ErrorCode::InvalidDate));
        assert_eq!(parse_number("0", 1, 10), Err(ErrorCode::OutOfRange { min: 1, max: 10 }));
        assert_eq!(parse_link("javascript:alert(1)"), Err(ErrorCode::InvalidLink));
        assert_eq!(parse_link(" "), Ok(None));
    }
}

/// Who registered for a session and who waits, for the secretariat to see, print and mark
/// on the day (never with an email address: the list is printed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registrants {
    pub summary: SessionSummary,
    /// Confirmed first, in the order they registered, then the waitlist in its order.
    pub rows: Vec<RegistrantRow>,
    /// The day has come: attendance can be marked.
    pub may_mark: bool,
    /// How many are marked present.
    pub present: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrantRow {
    /// The registration's id (the attendance checkbox's value).
    pub id: i32,
    pub name: String,
    /// Empty where the person did not say.
    pub desa: String,
    pub kecamatan: String,
    pub status: RegistrationStatus,
    pub attended: bool,
}
