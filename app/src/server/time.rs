//! Instants are stored in UTC and shown in Asia/Jakarta (WIB, UTC+7, no daylight saving)
//! through chrono-tz, always labelled "WIB", whatever the server's own time zone.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Asia::Jakarta;

use crate::i18n::Locale;

/// "28 November 2026, 14.05 WIB" (Indonesian) or "28 November 2026, 14:05 WIB" (English).
pub fn format_wib(at: DateTime<Utc>, locale: Locale) -> String {
    let local = at.with_timezone(&Jakarta);
    let month = locale.texts().months[local.month0() as usize];
    let sep = match locale {
        Locale::Id => '.',
        Locale::En => ':',
    };
    format!(
        "{} {month} {}, {:02}{sep}{:02} WIB",
        local.day(),
        local.year(),
        local.hour(),
        local.minute()
    )
}

/// A calendar day: "31 Desember 2026" (the same in English, with English months).
pub fn format_day(day: NaiveDate, locale: Locale) -> String {
    let month = locale.texts().months[day.month0() as usize];
    format!("{} {month} {}", day.day(), day.year())
}

/// The instant as RFC 3339 in UTC, for `<time datetime>`.
pub fn machine(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn one_utc_is_eight_wib() {
        let at = Utc.with_ymd_and_hms(2026, 11, 27, 1, 0, 0).single();
        assert_eq!(
            at.map(|at| format_wib(at, Locale::Id)).as_deref(),
            Some("27 November 2026, 08.00 WIB")
        );
        assert_eq!(
            at.map(|at| format_wib(at, Locale::En)).as_deref(),
            Some("27 November 2026, 08:00 WIB")
        );
    }

    #[test]
    fn late_evening_utc_is_the_next_day_in_wib() {
        let at = Utc.with_ymd_and_hms(2026, 12, 31, 17, 30, 0).single();
        assert_eq!(
            at.map(|at| format_wib(at, Locale::Id)).as_deref(),
            Some("1 Januari 2027, 00.30 WIB")
        );
    }
}
