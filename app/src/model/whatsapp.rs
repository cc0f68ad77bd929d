//! WhatsApp as a channel, the parts that need no database: numbers in E.164, what a resident
//! typed (a command, a choice, a word), forgiving matching of a village's name, the steps of
//! a report by conversation and the draft it fills, and the words of every reply.

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;
use crate::model::issue::Privacy;

/// An Indonesian number as people write it (`0812-3456-7890`, `+62 812 3456 7890`,
/// `62812…`, `812…`) in E.164 digits without the plus (`6281234567890`); `None` when it
/// cannot be one. Numbers from WhatsApp itself (`wa_id`) are already in this form.
pub fn e164(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() || !trimmed.chars().all(|c| c.is_ascii_digit() || " +-.()".contains(c)) {
        return None;
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let national = if let Some(rest) = digits.strip_prefix("62") {
        rest
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest
    } else if trimmed.starts_with('+') {
        // Another country's number: kept as it is, if E.164 can hold it.
        return (8..=15).contains(&digits.len()).then_some(digits);
    } else {
        digits.as_str()
    };
    // Indonesian numbers: 8 to 12 digits after the country code, mobile ones start with 8.
    let national = national.trim_start_matches('0');
    ((8..=12).contains(&national.len())).then(|| format!("62{national}"))
}

/// The last four digits of a number (all of a shorter one).
pub fn last_four(phone: &str) -> &str {
    phone.get(phone.len().saturating_sub(4)..).unwrap_or(phone)
}

/// A number as staff see it beside an issue: the country and the last four digits only.
pub fn masked(phone: &str) -> String {
    let country = phone.get(..2).unwrap_or_default();
    format!("+{country} ••• {}", last_four(phone))
}

/// Where a report by conversation stands: the question the resident was asked last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Step {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "title"))]
    Title,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "category"))]
    Category,
    /// The village, by name; or, after a name that matched none, first the kecamatan.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "desa"))]
    Desa,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "kecamatan"))]
    Kecamatan,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "body"))]
    Body,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "photos"))]
    Photos,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "location"))]
    Location,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "privacy"))]
    Privacy,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "confirm"))]
    Confirm,
    /// Similar issues were offered: support one of them, or post anyway.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "similar"))]
    Similar,
    /// A resolution was announced: "1" confirms it, "2" reopens the issue.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "resolution"))]
    Resolution,
}

/// What the resident gave so far (kept as JSON in `wa_contact.draft`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub category_id: Option<i32>,
    #[serde(default)]
    pub kecamatan_id: Option<i32>,
    #[serde(default)]
    pub desa_id: Option<i32>,
    #[serde(default)]
    pub body: String,
    /// Stored photos (see `photos::store`), by hash.
    #[serde(default)]
    pub photos: Vec<String>,
    #[serde(default)]
    pub point: Option<(f64, f64)>,
    #[serde(default)]
    pub privacy: Option<Privacy>,
    /// The numbered choices offered last (ids, in the order shown).
    #[serde(default)]
    pub choices: Vec<i32>,
    /// The issue and follow-up a resolution notice asked about (step `Resolution`).
    #[serde(default)]
    pub issue_id: Option<i32>,
    #[serde(default)]
    pub follow_up_id: Option<i32>,
}

/// What a message says, read the same way in both languages.
#[derive(Debug, Clone, PartialEq)]
pub enum Said {
    Report,
    Cancel,
    Stop,
    Resume,
    Help,
    Language(Locale),
    Status(i32),
    Support(i32),
    Follow(i32),
    Yes,
    Skip,
    Next,
    Number(usize),
    Text(String),
}

/// Reads one text message.
pub fn read(text: &str) -> Said {
    let folded = text.trim().to_lowercase();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let number = |word: &str| word.trim_start_matches('#').parse::<i32>().ok().filter(|n| *n > 0);
    if let [verb, id] = words.as_slice()
        && let Some(id) = number(id)
    {
        match *verb {
            "status" | "cek" => return Said::Status(id),
            "dukung" | "support" => return Said::Support(id),
            "ikuti" | "follow" => return Said::Follow(id),
            _ => {}
        }
    }
    match folded.trim_matches(|c: char| c.is_ascii_punctuation()) {
        "lapor" | "report" | "laporan baru" | "new report" => Said::Report,
        "batal" | "cancel" | "batalkan" => Said::Cancel,
        "berhenti" | "stop" | "unsubscribe" => Said::Stop,
        "mulai" | "start" | "aktifkan" => Said::Resume,
        "bantuan" | "help" | "menu" | "?" => Said::Help,
        "english" | "inggris" => Said::Language(Locale::En),
        "bahasa" | "indonesia" | "bahasa indonesia" => Said::Language(Locale::Id),
        "ya" | "yes" | "y" | "iya" | "kirim" | "send" | "ok" | "oke" => Said::Yes,
        "lewati" | "skip" | "tidak ada" | "tidak" | "no" | "none" => Said::Skip,
        "lanjut" | "next" | "selesai" | "done" | "sudah" => Said::Next,
        bare => match bare.parse::<usize>() {
            Ok(n) if bare.len() <= 3 => Said::Number(n),
            _ => Said::Text(text.trim().to_owned()),
        },
    }
}

/// A place name folded for comparison: lower case, letters and digits only, without the
/// words "desa", "kelurahan" and their short forms.
pub fn fold_place(name: &str) -> String {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !matches!(
                *w,
                "desa" | "ds" | "kelurahan" | "kel" | "kec" | "kecamatan" | "village"
            )
        })
        .collect();
    words.concat()
}

/// The Levenshtein distance of two strings, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// Places offered for a typed name, at most this many.
pub const CHOICES_MAX: usize = 9;

/// How a typed name matched a list of places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceMatch {
    /// Exactly one place has this name.
    One(i32),
    /// These might be meant (several of the same name, or close spellings): ask which.
    Some(Vec<i32>),
    /// Nothing comes close.
    None,
}

/// Matches `typed` against `places` (id, name) forgivingly: the same letters, then a name
/// that contains it or is contained in it, then one or two letters off (more for long names).
pub fn match_place(typed: &str, places: &[(i32, &str)]) -> PlaceMatch {
    let wanted = fold_place(typed);
    if wanted.chars().count() < 3 {
        return PlaceMatch::None;
    }
    let folded: Vec<(i32, String)> = places.iter().map(|(id, name)| (*id, fold_place(name))).collect();
    let exact: Vec<i32> = folded.iter().filter(|(_, f)| *f == wanted).map(|(id, _)| *id).collect();
    match exact.len() {
        1 => return PlaceMatch::One(exact[0]),
        n if n > 1 => return PlaceMatch::Some(exact),
        _ => {}
    }
    let allowed = if wanted.chars().count() >= 8 { 3 } else { 2 };
    let mut close: Vec<(usize, i32)> = folded
        .iter()
        .filter_map(|(id, f)| {
            let distance = edit_distance(&wanted, f);
            let contains = f.len() >= 3 && (f.contains(&wanted) || wanted.contains(f.as_str()));
            (distance <= allowed || contains).then_some((if contains { 0 } else { distance }, *id))
        })
        .collect();
    close.sort();
    close.truncate(CHOICES_MAX);
    match close.len() {
        0 => PlaceMatch::None,
        _ => PlaceMatch::Some(close.into_iter().map(|(_, id)| id).collect()),
    }
}

/// A list as WhatsApp shows it in text: "1. name" per line.
pub fn numbered<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| format!("{}. {name}", i + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The words of the WhatsApp conversation, in the resident's language.
pub struct WaWords {
    pub welcome: &'static str,
    pub ask_title: &'static str,
    pub ask_category: &'static str,
    pub ask_desa: &'static str,
    pub desa_which: &'static str,
    pub desa_unknown: &'static str,
    pub desa_in: fn(&str) -> String,
    pub ask_body: &'static str,
    pub ask_photos: &'static str,
    pub photo_received: fn(usize, usize) -> String,
    pub photo_full: &'static str,
    pub photo_failed: &'static str,
    pub ask_location: &'static str,
    pub ask_privacy: &'static str,
    pub summary_heading: &'static str,
    pub label_title: &'static str,
    pub label_category: &'static str,
    pub label_place: &'static str,
    pub label_body: &'static str,
    pub label_photos: &'static str,
    pub label_location: &'static str,
    pub label_privacy: &'static str,
    pub location_none: &'static str,
    pub location_shared: &'static str,
    pub ask_confirm: &'static str,
    pub similar_found: &'static str,
    pub post_anyway: &'static str,
    pub created: fn(i32, &str) -> String,
    pub supported: fn(i32, &str) -> String,
    pub followed: fn(i32, &str) -> String,
    pub status: fn(i32, &str, &str, &str) -> String,
    pub not_found: fn(i32) -> String,
    pub cancelled: &'static str,
    pub expired: &'static str,
    pub stopped: &'static str,
    pub resumed: &'static str,
    pub not_understood: &'static str,
    pub unsupported: &'static str,
    pub help: &'static str,
    pub try_again: fn(&str) -> String,
    pub nothing_to_cancel: &'static str,
    pub list_button: &'static str,
    pub resident_name: fn(&str) -> String,
    pub resolution_prompt: &'static str,
    pub resolution_confirmed: fn(i32) -> String,
    pub resolution_reopened: fn(i32) -> String,
    /// The note a reopening by WhatsApp carries to the OPD.
    pub reopen_note: &'static str,
    pub first_day: fn(&str) -> String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_numbers_are_written_one_way() {
        for raw in [
            "081234567890",
            "0812-3456-7890",
            "+62 812 3456 7890",
            "62812 3456 7890",
            "+62 (0)812 3456 7890",
            "812 3456 7890",
        ] {
            assert_eq!(e164(raw).as_deref(), Some("6281234567890"), "{raw}");
        }
        assert_eq!(e164("+44 20 7946 0958").as_deref(), Some("442079460958"));
        for bad in ["", "0812", "halo", "0812345678901234567", "+62 812 ab"] {
            assert_eq!(e164(bad), None, "{bad}");
        }
    }

    #[test]
    fn staff_see_only_the_last_four_digits() {
        assert_eq!(masked("6281234567890"), "+62 ••• 7890");
    }

    #[test]
    fn commands_read_alike_in_both_languages() {
        assert_eq!(read("Lapor"), Said::Report);
        assert_eq!(read(" BATAL "), Said::Cancel);
        assert_eq!(read("status 12"), Said::Status(12));
        assert_eq!(read("Dukung #7"), Said::Support(7));
        assert_eq!(read("ikuti 3"), Said::Follow(3));
        assert_eq!(read("berhenti"), Said::Stop);
        assert_eq!(read("english"), Said::Language(Locale::En));
        assert_eq!(read("2"), Said::Number(2));
        assert_eq!(read("ya."), Said::Yes);
        assert_eq!(read("lewati"), Said::Skip);
        assert_eq!(read("status jalan rusak"), Said::Text("status jalan rusak".into()));
        assert_eq!(read("12345"), Said::Text("12345".into()));
    }

    #[test]
    fn village_names_match_forgivingly() {
        let places = [
            (1, "Kalisalak"),
            (2, "Sidorejo"),
            (3, "Sidorejo"),
            (4, "Kauman"),
            (5, "Proyonanggan Utara"),
        ];
        assert_eq!(match_place("desa kalisalak", &places), PlaceMatch::One(1));
        assert_eq!(match_place("KALI SALAK", &places), PlaceMatch::One(1));
        assert_eq!(match_place("Kalisalah", &places), PlaceMatch::Some(vec![1]));
        assert_eq!(match_place("sidorejo", &places), PlaceMatch::Some(vec![2, 3]));
        assert_eq!(match_place("proyonanggan", &places), PlaceMatch::Some(vec![5]));
        assert_eq!(match_place("Atlantis", &places), PlaceMatch::None);
        assert_eq!(match_place("ka", &places), PlaceMatch::None);
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kauman", "kauman"), 0);
        assert_eq!(edit_distance("kauman", "kaumn"), 1);
        assert_eq!(edit_distance("sidorejo", "sidoredjo"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
