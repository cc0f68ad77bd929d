//! The Friday hour, live: the live states of a session, what every viewer sees of it (the
//! public page, the hall's projector, the broadcast overlay, the radio's text) and what the
//! secretariat's console adds, with the rules that need no database: the item clock, the
//! order items are taken in, and the minutes drafted when the hour ends.

use serde::{Deserialize, Serialize};

use super::{ErrorCode, photo::PhotoView, session::SessionSummary};

/// Where the live hour is. A session that was never started has no live state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum LiveState {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "live"))]
    Live,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "paused"))]
    Paused,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "ended"))]
    Ended,
}

impl LiveState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Live => "live",
            Self::Paused => "paused",
            Self::Ended => "ended",
        }
    }
}

/// One step of the console. Each is refused (409) where it makes no sense: a session is
/// started once, paused only while live, and nothing moves after the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LiveStep {
    Start,
    Pause,
    Resume,
    /// Take up the next item in agenda order.
    Next,
    End,
}

impl LiveStep {
    pub const ALL: [Self; 5] = [Self::Start, Self::Pause, Self::Resume, Self::Next, Self::End];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Pause => "pause",
            Self::Resume => "resume",
            Self::Next => "next",
            Self::End => "end",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether the step may be taken from `from` (`None`: not started).
    pub fn allowed_from(self, from: Option<LiveState>) -> bool {
        matches!(
            (self, from),
            (Self::Start, None)
                | (Self::Pause, Some(LiveState::Live))
                | (Self::Resume, Some(LiveState::Paused))
                | (Self::Next | Self::End, Some(LiveState::Live | LiveState::Paused))
        )
    }
}

/// The clock of the item on the floor: seconds spent on it before it was last taken up,
/// plus the time since, while the session is live.
pub fn item_seconds(
    spent_before: i32,
    since: Option<chrono::DateTime<chrono::Utc>>,
    now: chrono::DateTime<chrono::Utc>,
) -> i64 {
    i64::from(spent_before) + since.map_or(0, |s| (now - s).num_seconds().max(0))
}

/// "7:05", or "1:02:09" past an hour.
pub fn clock_text(seconds: i64) -> String {
    let s = seconds.max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// The items in the order they are taken up: the agenda by position, then those raised from
/// the floor by position. Takes (id, from_floor, position).
pub fn floor_order(items: &[(i32, bool, i32)]) -> Vec<i32> {
    let mut sorted = items.to_vec();
    sorted.sort_by_key(|&(id, floor, position)| (floor, position, id));
    sorted.into_iter().map(|(id, _, _)| id).collect()
}

/// The item after `current` in that order, skipping those whose outcome is recorded
/// (`decided`); the first undecided one when nothing is on the floor.
pub fn next_item(order: &[i32], current: Option<i32>, decided: &[i32]) -> Option<i32> {
    let start = current
        .and_then(|c| order.iter().position(|&id| id == c))
        .map_or(0, |p| p + 1);
    order[start..].iter().copied().find(|id| !decided.contains(id))
}

/// A plain-text summary of an issue's text for the live views: its first paragraph, at
/// most `max` characters, cut at a word.
pub fn excerpt(text: &str, max: usize) -> String {
    let first = text.split("\n\n").find(|p| !p.trim().is_empty()).unwrap_or_default();
    let words: Vec<&str> = first.split_whitespace().collect();
    let mut out = String::new();
    for word in words {
        let extra = if out.is_empty() { 0 } else { 1 } + word.chars().count();
        if out.chars().count() + extra > max {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The livestream's address for an `<iframe>`: a YouTube link (watch, short, live or embed)
/// becomes YouTube's privacy-enhanced embed, the one frame source the page allows. Any other
/// link is shown as a link, not framed.
pub fn youtube_embed(link: &str) -> Option<String> {
    let rest = link.strip_prefix("https://").or_else(|| link.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.strip_prefix("m.").unwrap_or(rest);
    let id = match rest.strip_prefix("youtube.com/watch?") {
        Some(query) => query.split('&').find_map(|pair| pair.strip_prefix("v="))?,
        None => rest
            .strip_prefix("youtu.be/")
            .or_else(|| rest.strip_prefix("youtube.com/live/"))
            .or_else(|| rest.strip_prefix("youtube.com/embed/"))
            .or_else(|| rest.strip_prefix("youtube-nocookie.com/embed/"))?,
    };
    let id: String = id
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (id.len() >= 6 && id.len() <= 20).then(|| format!("{YOUTUBE_EMBED}/{id}"))
}

/// The only frame source the live page's Content-Security-Policy allows.
pub const YOUTUBE_EMBED: &str = "https://www.youtube-nocookie.com/embed";

/// How often the live page reloads itself with JavaScript off, in seconds.
pub const REFRESH_SECS: u32 = 20;
/// Notes on one item, as typed.
pub const NOTES_MAX: usize = 8_000;

/// A poll's question, as typed.
pub const QUESTION_MAX: usize = 300;
/// One choice, as typed.
pub const CHOICE_MAX: usize = 80;
/// Choices a poll may offer.
pub const CHOICES_MAX: usize = 5;

/// A poll's question: not empty, at most `QUESTION_MAX` characters.
pub fn parse_question(raw: &str) -> Result<String, ErrorCode> {
    let question = raw.trim();
    if question.is_empty() {
        Err(ErrorCode::Required)
    } else if question.chars().count() > QUESTION_MAX {
        Err(ErrorCode::TooLong { max: QUESTION_MAX })
    } else {
        Ok(question.to_owned())
    }
}

/// A poll's choices, one per line: 2 to `CHOICES_MAX`, or `yes_no` when none is typed.
pub fn parse_choices(raw: &str, yes_no: [&str; 2]) -> Result<Vec<String>, ErrorCode> {
    let choices: Vec<String> = raw
        .lines()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    if choices.is_empty() {
        return Ok(yes_no.map(str::to_owned).to_vec());
    }
    if choices.iter().any(|c| c.chars().count() > CHOICE_MAX) {
        return Err(ErrorCode::TooLong { max: CHOICE_MAX });
    }
    if !(2..=CHOICES_MAX).contains(&choices.len()) {
        return Err(ErrorCode::OutOfRange {
            min: 2,
            max: CHOICES_MAX as i32,
        });
    }
    Ok(choices)
}

/// A poll with its counts so far (or final, once closed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollView {
    pub id: i32,
    pub question: String,
    /// Each choice and how many chose it.
    pub choices: Vec<(String, u32)>,
    pub total: u32,
    pub open: bool,
}

impl PollView {
    /// The whole percentage of the answers that chose `count`.
    pub fn percent(&self, count: u32) -> u32 {
        (count * 100).checked_div(self.total).unwrap_or(0)
    }

    /// "Ya 12 (60%), Tidak 8 (40%)", the choices joined by `separator`.
    pub fn counts(&self, separator: &str) -> String {
        self.choices
            .iter()
            .map(|(choice, count)| format!("{choice} {count} ({}%)", self.percent(*count)))
            .collect::<Vec<_>>()
            .join(separator)
    }
}

/// The item on the floor (or next), as every viewer sees it. A `rahasia` issue shows only
/// "aduan rahasia" and its category: no place, summary or photos.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveItem {
    pub id: i32,
    /// The issue's page, or 0 where the reader may not open it.
    pub issue_id: i32,
    /// 1-based place in the order items are taken up.
    pub number: usize,
    pub title: String,
    /// "Desa, Kecamatan", or empty.
    pub place: String,
    pub kecamatan: String,
    pub confidential: bool,
    pub from_floor: bool,
    pub summary: String,
    pub photos: Vec<PhotoView>,
    /// The time box.
    pub slot_minutes: i32,
    /// Seconds on the floor so far.
    pub seconds: i64,
    /// While the clock runs: the instant (RFC 3339) from which `seconds` counts, so that a
    /// page can keep the clock going by itself.
    pub running_from: Option<String>,
}

impl LiveItem {
    /// Over its time box (shown, never enforced).
    pub fn overrun(&self) -> bool {
        self.seconds > i64::from(self.slot_minutes) * 60
    }
}

/// An item whose outcome is recorded, for the "so far" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveOutcome {
    pub number: usize,
    pub title: String,
    pub discussed: bool,
    /// The decision, rendered and cleaned (none for a `rahasia` item read by the public).
    pub decision_html: Option<String>,
    /// OPD short names that must act.
    pub opds: Vec<String>,
}

/// What every viewer sees of a session's live hour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveView {
    pub summary: SessionSummary,
    /// The host kecamatan, or empty.
    pub host: String,
    pub state: Option<LiveState>,
    /// The latest change's number (the events' id).
    pub seq: i64,
    /// The server's time of this view (RFC 3339), against which a page runs its clock.
    pub now: String,
    pub current: Option<LiveItem>,
    pub next: Option<LiveItem>,
    pub done: Vec<LiveOutcome>,
    /// Items in all, and items whose outcome is recorded.
    pub total: usize,
    /// A YouTube livestream's privacy-enhanced embed address.
    pub embed: Option<String>,
    /// Any other livestream link.
    pub livestream_url: Option<String>,
    /// The reader runs the session (secretariat or admin): the page is the console.
    pub manages: bool,
    /// The latest poll of the session, open or closed.
    pub poll: Option<PollView>,
    /// The reader is a signed-in, verified resident: one who answers polls.
    pub resident: bool,
    /// The reader's answer to it (an index into its choices).
    pub my_answer: Option<usize>,
}

/// One speaker in the queue, for the console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerRow {
    pub id: i32,
    pub name: String,
    /// Registered for the session (else from the floor).
    pub registered: bool,
    pub called: bool,
    pub spoken: bool,
}

/// What the console adds for the secretariat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsoleView {
    pub live: LiveView,
    /// Every item in the order taken up: (id, "3. title"), for "go to item".
    pub items: Vec<(i32, String)>,
    /// The current item's notes, as typed.
    pub notes: String,
    pub speakers: Vec<SpeakerRow>,
    /// Registrants who are not queued yet: (registration id, name).
    pub registrants: Vec<(i32, String)>,
    /// For the outcome form of the current item.
    pub current_item: Option<super::session::AgendaItemView>,
    pub opds: Vec<super::admin::OpdChoice>,
    /// The session's status allows recording outcomes (held).
    pub held: bool,
    /// A draft of the minutes is waiting on the session page (after the end).
    pub minutes_drafted: bool,
}

/// One item as the minutes' draft tells of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesItem {
    pub title: String,
    pub place: String,
    pub from_floor: bool,
    pub seconds: i64,
    pub discussed: Option<bool>,
    pub decision: Option<String>,
    pub opds: Vec<String>,
    pub notes: Option<String>,
}

/// The words the minutes' draft uses, in the secretariat's language.
pub struct MinutesWords<'a> {
    pub heading: &'a str,
    pub from_floor: &'a str,
    pub discussed: &'a str,
    pub not_reached: &'a str,
    pub not_recorded: &'a str,
    pub opds: &'a str,
    pub notes: &'a str,
    pub time: &'a str,
    pub speakers: &'a str,
    pub polls: &'a str,
}

/// The minutes drafted when the hour ends (Markdown, for the secretariat to edit and
/// publish): each item in the order taken up, with its time, outcome, OPDs and notes; the
/// items raised from the floor apart; the polls with their final counts; who spoke.
pub fn draft_minutes(
    heading: &str,
    items: &[MinutesItem],
    polls: &[PollView],
    speakers: &[String],
    w: &MinutesWords,
) -> String {
    let mut out = format!("# {heading}\n\n## {}\n\n", w.heading);
    let block = |out: &mut String, n: usize, item: &MinutesItem| {
        let place = if item.place.is_empty() {
            String::new()
        } else {
            format!(" ({})", item.place)
        };
        out.push_str(&format!(
            "{n}. **{}**{place} — {} {}\n",
            item.title,
            w.time,
            clock_text(item.seconds)
        ));
        let outcome = match item.discussed {
            Some(true) => w.discussed,
            Some(false) => w.not_reached,
            None => w.not_recorded,
        };
        out.push_str(&format!("   - {outcome}"));
        if let Some(decision) = item.decision.as_deref().filter(|d| !d.trim().is_empty()) {
            out.push_str(&format!(": {}", decision.trim().replace('\n', " ")));
        }
        out.push('\n');
        if !item.opds.is_empty() {
            out.push_str(&format!("   - {}: {}\n", w.opds, item.opds.join(", ")));
        }
        if let Some(notes) = item.notes.as_deref().filter(|n| !n.trim().is_empty()) {
            out.push_str(&format!("   - {}: {}\n", w.notes, notes.trim().replace('\n', " ")));
        }
    };
    let mut n = 0;
    for item in items.iter().filter(|i| !i.from_floor) {
        n += 1;
        block(&mut out, n, item);
    }
    if items.iter().any(|i| i.from_floor) {
        out.push_str(&format!("\n## {}\n\n", w.from_floor));
        for item in items.iter().filter(|i| i.from_floor) {
            n += 1;
            block(&mut out, n, item);
        }
    }
    if !polls.is_empty() {
        out.push_str(&format!("\n## {}\n\n", w.polls));
        for poll in polls {
            out.push_str(&format!("- {}: {}\n", poll.question, poll.counts(", ")));
        }
    }
    if !speakers.is_empty() {
        out.push_str(&format!("\n## {}\n\n{}\n", w.speakers, speakers.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn each_step_is_taken_only_from_where_it_makes_sense() {
        assert!(LiveStep::Start.allowed_from(None));
        assert!(!LiveStep::Start.allowed_from(Some(LiveState::Ended)));
        assert!(LiveStep::Pause.allowed_from(Some(LiveState::Live)));
        assert!(!LiveStep::Pause.allowed_from(Some(LiveState::Paused)));
        assert!(LiveStep::Resume.allowed_from(Some(LiveState::Paused)));
        assert!(LiveStep::Next.allowed_from(Some(LiveState::Paused)));
        assert!(!LiveStep::Next.allowed_from(None));
        for step in LiveStep::ALL {
            assert!(!step.allowed_from(Some(LiveState::Ended)), "{step:?} after the end");
            assert_eq!(LiveStep::parse(step.as_str()), Some(step));
        }
    }

    #[test]
    fn the_item_clock_adds_the_running_time_to_what_was_spent() {
        let at = |s: i64| Utc.timestamp_opt(1_800_000_000 + s, 0).single().unwrap_or_default();
        assert_eq!(item_seconds(90, Some(at(0)), at(30)), 120);
        assert_eq!(item_seconds(90, None, at(30)), 90, "paused: the clock stands");
        assert_eq!(clock_text(425), "7:05");
        assert_eq!(clock_text(3729), "1:02:09");
    }

    #[test]
    fn items_are_taken_up_in_agenda_order_then_from_the_floor_skipping_decided_ones() {
        let order = floor_order(&[(7, true, 4), (3, false, 2), (5, false, 1), (9, false, 3)]);
        assert_eq!(order, [5, 3, 9, 7]);
        assert_eq!(next_item(&order, None, &[]), Some(5));
        assert_eq!(next_item(&order, Some(5), &[3]), Some(9));
        assert_eq!(next_item(&order, Some(7), &[]), None);
    }

    #[test]
    fn a_poll_offers_two_to_five_choices_or_yes_and_no() {
        assert_eq!(
            parse_choices(" \n", ["Ya", "Tidak"]),
            Ok(vec!["Ya".into(), "Tidak".into()])
        );
        assert_eq!(
            parse_choices("Setuju\n\n Tidak setuju \n", ["Ya", "Tidak"]).map(|c| c.len()),
            Ok(2)
        );
        assert_eq!(
            parse_choices("satu", ["Ya", "Tidak"]),
            Err(ErrorCode::OutOfRange { min: 2, max: 5 })
        );
        assert_eq!(
            parse_choices("a\nb\nc\nd\ne\nf", ["Ya", "Tidak"]),
            Err(ErrorCode::OutOfRange { min: 2, max: 5 })
        );
        assert_eq!(parse_question("  "), Err(ErrorCode::Required));
    }

    #[test]
    fn an_excerpt_is_the_first_paragraph_cut_at_a_word() {
        assert_eq!(excerpt("Jalan rusak  parah\n\nsejak Mei", 100), "Jalan rusak parah");
        assert_eq!(excerpt("satu dua tiga empat", 9), "satu dua…");
    }

    #[test]
    fn only_youtube_links_are_framed_and_only_privacy_enhanced() {
        let embed = Some("https://www.youtube-nocookie.com/embed/abcDEF12345".to_owned());
        assert_eq!(youtube_embed("https://www.youtube.com/watch?v=abcDEF12345&t=1"), embed);
        assert_eq!(youtube_embed("https://youtu.be/abcDEF12345"), embed);
        assert_eq!(youtube_embed("https://youtube.com/live/abcDEF12345?si=x"), embed);
        assert_eq!(youtube_embed("https://facebook.com/batangkab/live"), None);
        assert_eq!(youtube_embed("https://www.youtube.com/watch?v=\"><script>"), None);
    }

    #[test]
    fn the_minutes_draft_tells_each_item_and_keeps_the_floor_apart() {
        let words = MinutesWords {
            heading: "Agenda",
            from_floor: "Dari forum",
            discussed: "Dibahas",
            not_reached: "Tidak sempat",
            not_recorded: "Belum dicatat",
            opds: "OPD",
            notes: "Catatan",
            time: "waktu",
            speakers: "Pembicara",
            polls: "Jajak pendapat",
        };
        let item = |title: &str, floor, discussed| MinutesItem {
            title: title.into(),
            place: "Kalisalak, Limpung".into(),
            from_floor: floor,
            seconds: 600,
            discussed,
            decision: Some("Diperbaiki".into()),
            opds: vec!["DPUPR".into()],
            notes: Some("Warga hadir\nbanyak".into()),
        };
        let poll = PollView {
            id: 1,
            question: "Setuju jembatan darurat?".into(),
            choices: vec![("Ya".into(), 3), ("Tidak".into(), 1)],
            total: 4,
            open: false,
        };
        let md = draft_minutes(
            "Jumat",
            &[item("Jembatan", false, Some(true)), item("Air", true, None)],
            &[poll],
            &["Pak Darto".into()],
            &words,
        );
        assert!(
            md.contains("## Jajak pendapat\n\n- Setuju jembatan darurat?: Ya 3 (75%), Tidak 1 (25%)\n"),
            "{md}"
        );
        assert!(
            md.contains("1. **Jembatan** (Kalisalak, Limpung) — waktu 10:00"),
            "{md}"
        );
        assert!(
            md.contains("   - Dibahas: Diperbaiki\n   - OPD: DPUPR\n   - Catatan: Warga hadir banyak"),
            "{md}"
        );
        assert!(md.contains("## Dari forum\n\n2. **Air**"), "{md}");
        assert!(md.contains("Belum dicatat"), "{md}");
        assert!(md.ends_with("## Pembicara\n\nPak Darto\n"), "{md}");
    }
}
