//! Instants are stored in UTC and shown in Asia/Jakarta (WIB, UTC+7, no daylight saving)
//! through chrono-tz, always labelled "WIB", whatever the server's own time zone.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
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

/// A day and a time in WIB, as the instant it is.
pub fn wib_instant(day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    // Asia/Jakarta has no daylight saving: every local time exists exactly once.
    Jakarta
        .from_local_datetime(&day.and_time(time))
        .single()
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&(day.and_time(time) - Duration::hours(7))))
}

/// The calendar day in WIB at `at`.
pub fn wib_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Jakarta).date_naive()
}

/// The latest 07:00 WIB at or before `now` (when the daily digest goes out), or with
/// `weekly` the latest Monday 07:00 WIB.
pub fn latest_morning(now: DateTime<Utc>, weekly: bool) -> DateTime<Utc> {
    let seven = NaiveTime::from_hms_opt(7, 0, 0).unwrap_or_default();
    let local = now.with_timezone(&Jakarta);
    let mut day = local.date_naive();
    if local.time() < seven {
        day = day.pred_opt().unwrap_or(day);
    }
    if weekly {
        day -= Duration::days(i64::from(day.weekday().num_days_from_monday()));
    }
    wib_instant(day, seven)
}

/// "Jumat, 4 Desember 2026, 08.00–11.00 WIB".
pub fn when_wib(starts: DateTime<Utc>, minutes: i32, locale: Locale) -> String {
    let t = locale.texts();
    let (from, to) = (
        starts.with_timezone(&Jakarta),
        (starts + Duration::minutes(i64::from(minutes))).with_timezone(&Jakarta),
    );
    let sep = if locale == Locale::Id { "." } else { ":" };
    format!(
        "{}, {} {} {}, {}–{} WIB",
        (t.weekday_name)(from.weekday()),
        from.day(),
        t.months[from.month0() as usize],
        from.year(),
        from.format(&format!("%H{sep}%M")),
        to.format(&format!("%H{sep}%M")),
    )
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
    fn digests_go_out_at_seven_wib_and_weekly_ones_on_monday() {
        let utc = |y, m, d, h, min| Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().unwrap_or_default();
        // Sunday 29 November 2026, 06:59 WIB: the latest morning is Saturday's.
        assert_eq!(
            latest_morning(utc(2026, 11, 28, 23, 59), false),
            utc(2026, 11, 28, 0, 0)
        );
        // 07:00 WIB on the dot counts.
        assert_eq!(latest_morning(utc(2026, 11, 29, 0, 0), false), utc(2026, 11, 29, 0, 0));
        // Any day of the week looks back to Monday; Monday before seven to the one before.
        assert_eq!(latest_morning(utc(2026, 11, 29, 5, 0), true), utc(2026, 11, 23, 0, 0));
        assert_eq!(latest_morning(utc(2026, 11, 29, 23, 59), true), utc(2026, 11, 23, 0, 0));
        assert_eq!(latest_morning(utc(2026, 11, 30, 0, 0), true), utc(2026, 11, 30, 0, 0));
    }

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
