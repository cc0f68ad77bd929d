//! English, the second language.

use super::Texts;
use crate::model::{
    ErrorCode,
    account::Role,
    follow_up::{FollowUpStatus, UpdateKind},
    issue::{IssueStatus, Privacy, Sort},
    live::{LiveState, LiveStep, MinutesWords},
    mail::{Delivery, NoticeChannel, Topic},
    me::NextStep,
    moderation::{ModerationAction, TargetKind},
    session::{HolidayPolicy, RegistrationStatus, SessionStatus},
    staff::InboxTab,
    whatsapp::WaWords,
};

fn status_name(status: IssueStatus) -> &'static str {
    match status {
        IssueStatus::Submitted => "Submitted",
        IssueStatus::Published => "Published",
        IssueStatus::OnAgenda => "On the agenda",
        IssueStatus::Discussed => "Discussed",
        IssueStatus::Assigned => "Assigned to an OPD",
        IssueStatus::InProgress => "In progress",
        IssueStatus::Resolved => "Resolved",
        IssueStatus::Closed => "Closed",
        IssueStatus::Rejected => "Rejected",
        IssueStatus::Merged => "Merged",
        IssueStatus::Withdrawn => "Withdrawn",
        IssueStatus::Reopened => "Reopened",
    }
}

fn privacy_label(privacy: Privacy) -> &'static str {
    match privacy {
        Privacy::Publik => "Public",
        Privacy::Anonim => "Anonymous",
        Privacy::Rahasia => "Confidential",
    }
}

fn privacy_hint(privacy: Privacy) -> &'static str {
    match privacy {
        Privacy::Publik => "Everyone sees the issue and your name.",
        Privacy::Anonim => "Everyone sees the issue; only the Bupati's office knows your name.",
        Privacy::Rahasia => "Only you and the officials can see the issue.",
    }
}

fn supporters(n: i32) -> String {
    if n == 1 {
        "1 supporter".into()
    } else {
        format!("{n} supporters")
    }
}

fn comments_count(n: i32) -> String {
    if n == 1 {
        "1 comment".into()
    } else {
        format!("{n} comments")
    }
}

fn sort_name(sort: Sort) -> &'static str {
    match sort {
        Sort::Newest => "Newest",
        Sort::MostSupported => "Most supported",
        Sort::MostDiscussed => "Most discussed",
    }
}

fn revisions_title(n: usize) -> String {
    format!("Earlier versions ({n})")
}

fn code_message(code: ErrorCode) -> String {
    match code {
        ErrorCode::Required => "Required.".into(),
        ErrorCode::TooLong { max } => format!("Too long: at most {max} characters."),
        ErrorCode::TooShort { min } => format!("Too short: at least {min} characters."),
        ErrorCode::InvalidEmail => "Not a valid email address, for example: name@example.id.".into(),
        ErrorCode::EmailTaken => "This email is already registered. Sign in or reset your password.".into(),
        ErrorCode::WrongCredentials => "Wrong email or password.".into(),
        ErrorCode::WrongPassword => "Wrong password. Type this account's password to confirm.".into(),
        ErrorCode::StaffCannotDeleteSelf => {
            "A staff account cannot delete itself. Ask an admin to close this account.".into()
        }
        ErrorCode::CodeInvalid => "The code is wrong, used already or expired. Ask for a new code.".into(),
        ErrorCode::PhoneTaken => "This number belongs to another account. Sign in with WhatsApp using it.".into(),
        ErrorCode::WhatsAppOff => "WhatsApp is not set up on this site.".into(),
        ErrorCode::PushServiceRefused => "This browser's push service is not one this site sends to.".into(),
        ErrorCode::PushKeysInvalid => "This browser gave keys that cannot be used. Try again, or use another browser.".into(),
        ErrorCode::TooManyDevices { max } => {
            format!("Push is on for {max} devices already. Remove one you no longer use first.")
        }
        ErrorCode::AccountDisabled => "This account is disabled. Contact the admin.".into(),
        ErrorCode::UnknownCategory => "Choose a category from the list.".into(),
        ErrorCode::UnknownOpd => "Unknown OPD.".into(),
        ErrorCode::UnknownRegion => "Choose a place from the list.".into(),
        ErrorCode::DesaNotInKecamatan => "This village is not in the chosen kecamatan.".into(),
        ErrorCode::TokenInvalid => "This link has expired or was already used. Ask for a new one.".into(),
        ErrorCode::PasswordsDiffer => "The passwords differ.".into(),
        ErrorCode::UnknownPrivacy => "Unknown privacy choice.".into(),
        ErrorCode::InvalidPhone => "Not a valid phone number, for example: 0812-3456-7890.".into(),
        ErrorCode::PhotoUnreadable => "The photo cannot be read. Send a JPEG, PNG or WebP photo.".into(),
        ErrorCode::PhotoTooLarge { max_mb } => format!("Photo too large: at most {max_mb} MB per photo."),
        ErrorCode::TooManyPhotos { max } => format!("At most {max} photos."),
        ErrorCode::PointOutsideBatang => {
            "The location must be in Kabupaten Batang, for example -6.9078 and 109.7302 (or leave both empty).".into()
        }
        ErrorCode::PossibleDuplicate => {
            "Similar issues already exist. Support one of them, or tick \"My issue is different\" and send again."
                .into()
        }
        ErrorCode::CannotMergeIntoItself => "Choose another issue as the original.".into(),
        ErrorCode::UnknownIssue => "No open issue has this number.".into(),
        ErrorCode::InvalidSlug => "Only lower-case letters, digits and dashes, for example: clean-water.".into(),
        ErrorCode::SlugTaken => "Another category already uses this code.".into(),
        ErrorCode::InvalidRegionCode => {
            "Not a valid Kemendagri region code, for example 33.25.09 or 33.25.09.2008.".into()
        }
        ErrorCode::UnknownRegionKind => "The kind must be kecamatan, desa or kelurahan.".into(),
        ErrorCode::UnknownParentRegion => "Its kecamatan does not exist yet.".into(),
        ErrorCode::CsvLine { line } => {
            format!("Line {line} of the CSV is not valid (columns: kode,jenis,nama,induk). Nothing was saved.")
        }
        ErrorCode::OpdRequired => "An OPD officer must belong to one OPD.".into(),
        ErrorCode::CannotChangeOwnAccount => "You cannot change your own role or status here.".into(),
        ErrorCode::InvalidDate => "Not a valid date, for example 2026-12-04.".into(),
        ErrorCode::InvalidTime => "Not a valid time, for example 08:00.".into(),
        ErrorCode::OutOfRange { min, max } => format!("Enter a number from {min} to {max}."),
        ErrorCode::InvalidLink => "The link must start with https://.".into(),
        ErrorCode::CutoffAfterStart => "The submission cutoff must be before the session starts.".into(),
        ErrorCode::InThePast => "That time has already passed.".into(),
        ErrorCode::ReasonRequired => "Give the reason; registered residents will read it.".into(),
        ErrorCode::AgendaEmpty => "The agenda is empty: add issues first.".into(),
        ErrorCode::UnknownChoice => "This choice is not available.".into(),
        ErrorCode::InvalidAmount => "Write the amount of rupiah as a number, for example 1.250.000.".into(),
        ErrorCode::NotNow => "This cannot be done at the current stage.".into(),
        ErrorCode::InvalidOpdCode => {
            "An OPD code is upper-case letters, digits and dashes only, for example DPUPR.".into()
        }
        ErrorCode::TotpRequired => {
            "This account uses two-step verification: also enter the 6-digit code from the authenticator app.".into()
        }
        ErrorCode::TotpInvalid => {
            "The code does not match, has expired or was used already. Enter the code the app shows now.".into()
        }
        ErrorCode::PhotoStorageFull => {
            "The server's photo storage is full, so this photo was not kept. What you typed is still here: send it without the photo, or try again later.".into()
        }
        ErrorCode::CommonPassword => {
            "This password is too common and easy to guess. Choose another, for example a few words only you would think of.".into()
        }
        ErrorCode::UnknownHolidayKind => "The kind must be libur_nasional or cuti_bersama.".into(),
        ErrorCode::EditWindowClosed => "A comment can only be changed within 15 minutes of posting.".into(),
        ErrorCode::UnknownLanguage => "Unknown language.".into(),
    }
}

fn mail_greeting(name: &str) -> String {
    format!("Hello {name},")
}

fn mail_issue_subject(id: i32) -> String {
    format!("We received your issue #{id}")
}

fn mail_issue_body(title: &str) -> String {
    format!(
        "Thank you. Your issue \"{title}\" is published and other residents can read and support it. \
         The Bupati's office will act on it within 3 working days."
    )
}

fn photo_alt(n: usize) -> String {
    format!("Photo {n} of this issue")
}

fn action_name(action: ModerationAction) -> &'static str {
    match action {
        ModerationAction::AutoHide => "Hidden automatically",
        ModerationAction::Hide => "Hide",
        ModerationAction::Restore => "Show again",
        ModerationAction::Reject => "Reject the issue",
        ModerationAction::Merge => "Merge into the original",
    }
}

fn kind_name(kind: TargetKind) -> &'static str {
    match kind {
        TargetKind::Issue => "Issue",
        TargetKind::Comment => "Comment",
    }
}

fn err_rate_limited(minutes: u32) -> String {
    format!("Too many in a short time. Please try again in {minutes} minutes.")
}

fn imported_notice(n: usize) -> String {
    format!("{n} rows imported.")
}

fn villages_count(n: usize) -> String {
    format!("{n} desa/kelurahan")
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Resident => "Resident",
        Role::Operator => "Village/kecamatan operator",
        Role::Secretariat => "Bupati's secretariat",
        Role::OpdOfficer => "OPD officer",
        Role::Admin => "Admin",
    }
}

fn edit_account_of(name: &str) -> String {
    format!("Change the account of {name}")
}

fn weekday_name(day: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match day {
        Mon => "Monday",
        Tue => "Tuesday",
        Wed => "Wednesday",
        Thu => "Thursday",
        Fri => "Friday",
        Sat => "Saturday",
        Sun => "Sunday",
    }
}

fn mail_session_cancelled_body(when: &str, venue: &str) -> String {
    format!("The Friday dialogue on {when} at {venue}, which you registered for, has been cancelled.")
}

fn mail_session_moved_body(when: &str, venue: &str) -> String {
    format!("The Friday dialogue you registered for has been rescheduled. New time: {when} at {venue}.")
}

fn mail_session_place_body(when: &str, venue: &str) -> String {
    format!(
        "A place came free and it is now yours: the Friday dialogue on {when} at {venue}. If you cannot come, cancel your registration so that the next person gets the place."
    )
}

fn session_status_name(status: SessionStatus) -> &'static str {
    match status {
        SessionStatus::Planned => "Scheduled",
        SessionStatus::AgendaOpen => "Agenda in preparation",
        SessionStatus::AgendaLocked => "Agenda final",
        SessionStatus::Held => "Held",
        SessionStatus::MinutesPublished => "Minutes published",
        SessionStatus::Cancelled => "Cancelled",
    }
}

fn session_places(confirmed: i32, capacity: i32) -> String {
    format!("{confirmed} of {capacity} places taken")
}

fn session_title(venue: &str) -> String {
    format!("Friday dialogue at {venue}")
}

fn registered_waitlisted(position: u32) -> String {
    format!("You are on the waitlist, number {position}. We will email you when a place frees up.")
}

fn policy_name(policy: HolidayPolicy) -> &'static str {
    match policy {
        HolidayPolicy::Skip => "Skip that week",
        HolidayPolicy::Earlier => "Move to the working day before",
        HolidayPolicy::Later => "Move to the working day after",
    }
}

fn plan_skipped(holiday: &str) -> String {
    format!("skipped: {holiday}")
}

fn plan_moved(holiday: &str, day: &str) -> String {
    format!("moved to {day} because of {holiday}")
}

fn created_notice(n: usize) -> String {
    format!("{n} sessions created.")
}

fn reason_supports(n: i32) -> String {
    format!("{n} supports")
}

fn reason_waiting(weeks: i32) -> String {
    format!("waiting {weeks} weeks")
}

fn mail_agenda_subject(id: i32) -> String {
    format!("Issue #{id} is on the Friday dialogue agenda")
}

fn mail_agenda_body(title: &str, when: &str, venue: &str) -> String {
    format!("The issue \"{title}\" will be discussed with the Bupati on {when} at {venue}. Please come if you can.")
}

fn mail_minutes_subject(id: i32) -> String {
    format!("Outcome for issue #{id}")
}

fn mail_minutes_body(title: &str) -> String {
    format!("The issue \"{title}\" was discussed at the Friday dialogue and the minutes are published.")
}

fn mail_reminder_body(when: &str, venue: &str) -> String {
    format!("Reminder: the Friday dialogue with the Bupati is on {when} at {venue}.")
}

fn attendance_count(n: i32) -> String {
    format!("{n} people attended")
}

fn topic_label(topic: Topic) -> &'static str {
    match topic {
        Topic::MyIssues => "my issues",
        Topic::Followed => "issues I follow",
        Topic::Comments => "comments",
        Topic::Sessions => "Friday dialogues I registered for",
        Topic::Opd => "my OPD's work",
        Topic::WeeklySummary => "the weekly summary",
    }
}

fn topic_hint(topic: Topic) -> &'static str {
    match topic {
        Topic::MyIssues => "Your issue was received, rejected, merged, put on an agenda, discussed or assigned.",
        Topic::Followed => "The same changes on issues you follow or support.",
        Topic::Comments => {
            "New comments on your issues or issues you follow. Several comments within 10 minutes arrive as one email."
        }
        Topic::Sessions => {
            "Rescheduled or cancelled sessions, a reminder the day before, and a place freed from the waitlist."
        }
        Topic::Opd => "For OPD officers: issues assigned to your OPD and their deadlines.",
        Topic::WeeklySummary => {
            "Every Monday morning: the week's new issues, those resolved, and the next Friday dialogue."
        }
    }
}

fn delivery_label(delivery: Delivery) -> &'static str {
    match delivery {
        Delivery::Instant => "At once",
        Delivery::Daily => "Daily digest",
        Delivery::Weekly => "Weekly digest",
        Delivery::Off => "Off",
    }
}

fn digest_label(cadence: Delivery) -> &'static str {
    match cadence {
        Delivery::Weekly => "the weekly digest",
        _ => "the daily digest",
    }
}

fn unsub_confirm(what: &str, email: &str) -> String {
    format!("Stop sending email about {what} to {email}?")
}

fn unsub_done(what: &str) -> String {
    format!("Done. You will no longer receive email about {what}.")
}

fn unsub_already(what: &str) -> String {
    format!("Email about {what} is already off.")
}

fn mail_footer_why(what: &str) -> String {
    format!("You receive this email because notifications about {what} are on.")
}

fn mail_status_subject(id: i32, status: &str) -> String {
    format!("Issue #{id}: {status}")
}

fn mail_status_body(title: &str, status: &str) -> String {
    format!("The issue \"{title}\" is now: {status}.")
}

fn mail_merged_note(into: i32) -> String {
    format!("It was merged into issue #{into}; its supporters and followers moved with it.")
}

fn mail_comment_subject(id: i32) -> String {
    format!("New comment on issue #{id}")
}

fn mail_comment_body(who: &str, title: &str) -> String {
    format!("{who} commented on the issue \"{title}\":")
}

fn mail_assigned_subject(id: i32) -> String {
    format!("Issue #{id} was assigned to your OPD")
}

fn mail_assigned_body(title: &str, opd: &str, due: &str) -> String {
    format!("The issue \"{title}\" was assigned to {opd} for follow-up. Deadline: {due}.")
}

fn mail_coalesced_subject(count: usize, first: &str) -> String {
    format!("{first} (and {} more)", count.saturating_sub(1))
}

fn mail_digest_subject(cadence: Delivery, count: usize) -> String {
    match cadence {
        Delivery::Weekly => format!("Minggon Jatinan weekly digest: {count} updates"),
        _ => format!("Minggon Jatinan daily digest: {count} updates"),
    }
}

fn mail_digest_intro(cadence: Delivery) -> &'static str {
    match cadence {
        Delivery::Weekly => "Here is the past week's news about issues you wrote or follow:",
        _ => "Here is the past day's news about issues you wrote or follow:",
    }
}

fn mail_weekly_counts(new: u64, resolved: u64) -> String {
    format!("In the past week: {new} new issues and {resolved} resolved in Batang Regency.")
}

fn mail_weekly_next(when: &str, venue: &str) -> String {
    format!("Next Friday dialogue: {when} at {venue}.")
}

fn fu_status_name(status: FollowUpStatus) -> &'static str {
    match status {
        FollowUpStatus::Assigned => "Waiting for the OPD to accept",
        FollowUpStatus::InProgress => "In progress",
        FollowUpStatus::Resolved => "Resolved, waiting for the resident to confirm",
        FollowUpStatus::Closed => "Closed",
        FollowUpStatus::Declined => "Returned: not this OPD's responsibility",
    }
}

fn fu_update_name(kind: UpdateKind) -> &'static str {
    match kind {
        UpdateKind::Assigned => "Assigned",
        UpdateKind::Accepted => "Accepted by the OPD",
        UpdateKind::Declined => "Not our responsibility",
        UpdateKind::Progress => "Progress",
        UpdateKind::Note => "Internal note",
        UpdateKind::Resolved => "Resolved",
        UpdateKind::Confirmed => "Confirmed by the resident",
        UpdateKind::Reopened => "Reopened by the resident",
        UpdateKind::Closed => "Closed automatically",
    }
}

fn fu_due(day: &str) -> String {
    format!("Deadline {day}")
}

fn fu_days_left(days: i64) -> String {
    match days {
        0 => "due today".into(),
        1 => "1 working day left".into(),
        d if d > 0 => format!("{d} working days left"),
        -1 => "1 working day overdue".into(),
        d => format!("{} working days overdue", -d),
    }
}

fn fu_percent(n: i32) -> String {
    format!("{n}% done")
}

fn fu_confirm_prompt(days: i64) -> String {
    format!(
        "The OPD says this is resolved. Is it really fixed? You have {days} working days to answer; without an answer this follow-up is closed."
    )
}

fn opd_title(opd: &str) -> String {
    format!("Work of {opd}")
}

fn mail_fu_status_subject(id: i32, status: &str) -> String {
    format!("Follow-up of issue #{id}: {status}")
}

fn mail_fu_status_body(title: &str, opd: &str, status: &str) -> String {
    format!("Follow-up of the issue \"{title}\" by {opd}: {status}.")
}

fn mail_due_soon_subject(id: i32) -> String {
    format!("Issue #{id}: one working day to the deadline")
}

fn mail_due_soon_body(title: &str, opd: &str, due: &str) -> String {
    format!("The follow-up of the issue \"{title}\" by {opd} is due {due}.")
}

fn mail_overdue_subject(id: i32) -> String {
    format!("Issue #{id} is past its deadline")
}

fn mail_overdue_body(title: &str, opd: &str, due: &str, days: i64) -> String {
    format!("The follow-up of the issue \"{title}\" by {opd} passed its deadline {due} ({days} working days ago).")
}

fn mail_escalation_subject(count: usize) -> String {
    format!("{count} follow-ups more than 5 working days overdue")
}

fn timeline_status(status: &str) -> String {
    format!("Status: {status}")
}

fn score_intro(min: u64) -> String {
    format!(
        "Follow-up by the lead OPD: how many issues were assigned, how many resolved, the share resolved by the deadline, and the median working days to the first response and to resolution. Only those with at least {min} resolved issues are ranked."
    )
}

fn score_trend_summary(assigned: u64, resolved: u64) -> String {
    format!("In the last 12 months {assigned} follow-ups were assigned and {resolved} resolved.")
}

fn fu_photo_alt(n: usize, of: usize) -> String {
    format!("Evidence photo {n} of {of}")
}

fn me_issues_all(n: u64) -> String {
    format!("See all {n} of my issues")
}

fn me_next_step(step: NextStep) -> &'static str {
    match step {
        NextStep::Moderation => "Waiting for the secretariat to check it before it is shown.",
        NextStep::Decision => "Waiting for the secretariat to decide: a Friday agenda or an OPD.",
        NextStep::Dialogue => "To be discussed at the Friday dialogue.",
        NextStep::Opd => "An OPD is working on it; its follow-up is on the issue's page.",
        NextStep::Confirm => "The OPD reports it done: confirm or reopen it on the issue's page.",
        NextStep::Done => "Nothing more happens.",
    }
}

fn me_registration(status: RegistrationStatus) -> &'static str {
    match status {
        RegistrationStatus::Confirmed => "Registered to attend",
        RegistrationStatus::Waitlisted => "On the waitlist",
    }
}

fn next_host(host: &str) -> String {
    format!("Host: {host} district")
}

fn next_cutoff(cutoff: &str) -> String {
    format!("Issues published before {cutoff} can reach this session's agenda.")
}

fn next_cutoff_passed(when: &str, cutoff: &str) -> String {
    format!(
        "The cutoff for this session has passed. A new issue can reach the agenda of the session of {when} (cutoff {cutoff})."
    )
}

fn form_reaches(when: &str, cutoff: &str) -> String {
    format!("The issue you post now can reach the agenda of the session of {when}, if it is published before {cutoff}.")
}

fn inbox_tab(tab: InboxTab) -> &'static str {
    match tab {
        InboxTab::Waiting => "Waiting for a decision",
        InboxTab::Rahasia => "Confidential",
        InboxTab::Declined => "Declined by an OPD",
        InboxTab::Reopened => "Reopened",
        InboxTab::Flagged => "Reported",
    }
}

fn inbox_waiting(days: i64) -> String {
    match days {
        1 => "waiting 1 working day".to_owned(),
        n => format!("waiting {n} working days"),
    }
}

fn inbox_due(day: &str) -> String {
    format!("due {day}")
}

fn mail_disposition_subject(id: i32) -> String {
    format!("Issue #{id} is past its disposition deadline")
}

fn mail_disposition_body(title: &str, due: &str) -> String {
    format!(
        "The issue \"{title}\" has not been decided: its disposition deadline, {due}, has passed. Decide from the inbox: a Friday agenda, an OPD, rejection or a merge."
    )
}

fn inbox_intro(days: i32) -> String {
    format!(
        "Issues waiting for the secretariat's decision, overdue first: put one on a Friday agenda, pass it to an OPD, reject it with a reason, or merge it. The disposition deadline is {days} working days. Confidential issues are here too, for staff only."
    )
}

fn agenda_overrun(planned: i32, duration: i32) -> String {
    format!(
        "The agenda takes {planned} minutes, longer than the session's {duration}: shorten its items or take some off."
    )
}

fn direct_route_action(category: &str) -> String {
    format!("Act on this {category} request under the service procedure. Routed directly by its category.")
}

fn agenda_confidential(category: &str) -> String {
    if category.is_empty() {
        "Confidential issue".into()
    } else {
        format!("Confidential issue · {category}")
    }
}

fn registrant_mark(name: &str) -> String {
    format!("{name} is present")
}

fn registrants_of(when: &str) -> String {
    format!("Registrants: {when}")
}

fn registrants_counts(confirmed: usize, waiting: usize, capacity: i32) -> String {
    format!("{confirmed} registered of {capacity} places, {waiting} on the waitlist.")
}

fn attendance_saved(present: usize) -> String {
    format!("Attendance saved: {present} present.")
}

fn registrants_link(confirmed: i32, waiting: i32) -> String {
    format!("Registrants and attendance ({confirmed} registered, {waiting} waiting)")
}

fn opd_confidential_open(n: u64) -> String {
    format!("Plus {n} confidential issues, not shown in public.")
}

fn opd_resolved_on(day: &str, late: bool) -> String {
    if late {
        format!("resolved {day}, past the deadline")
    } else {
        format!("resolved {day}, on time")
    }
}

fn opd_due_on(day: &str, late: bool) -> String {
    if late {
        format!("overdue: due {day}")
    } else {
        format!("due {day}")
    }
}

fn staff_search_found(query: &str, n: usize) -> String {
    format!("Search \u{201c}{query}\u{201d}: {n} issues")
}

fn holidays_cover(year: i32) -> String {
    format!(
        "The holiday table reaches to {year}. Fixed-date national holidays (1 January, 1 May, 1 June, 17 August, 25 December) hold every year without it."
    )
}

fn holidays_provisional(years: &str) -> String {
    format!(
        "The holiday list for {years} is still an estimate (Hijri dates are not final). Import the list of the joint ministerial decree to replace it."
    )
}

fn holidays_missing(year: i32) -> String {
    format!(
        "The table has no holiday of {year} yet: deadlines and session plans reaching into it know only the fixed-date national holidays. Import its list."
    )
}

fn plan_past_table(year: i32) -> String {
    format!(
        "This plan reaches past the last year of the holiday table ({year}): after it only fixed-date national holidays are known. Ask the admin to import the next holiday list."
    )
}

fn settings_bounds(min: i32, max: i32) -> String {
    format!("Between {min} and {max}.")
}

fn settings_default(value: i32) -> String {
    format!("Default: {value}.")
}

fn settings_changed(when: &str, by: &str) -> String {
    format!("Changed {when} by {by}.")
}

fn staff_escalated_hint(days: i32) -> String {
    format!(
        "Summary for the Bupati: follow-ups {days} or more working days past their deadline. Also sent to the secretariat every Monday morning."
    )
}

fn mail_escalation_intro(days: i32) -> String {
    format!("These follow-ups are {days} or more working days past their deadline:")
}

fn moderation_intro(flags: i32) -> String {
    let people = if flags == 1 { "person" } else { "people" };
    format!(
        "Issues and comments that people reported or that are hidden. An item reported by {flags} different {people} is hidden until it is reviewed."
    )
}

fn live_state(state: Option<LiveState>) -> &'static str {
    match state {
        None => "Not started",
        Some(LiveState::Live) => "Live now",
        Some(LiveState::Paused) => "Paused",
        Some(LiveState::Ended) => "Ended",
    }
}

fn live_step(step: LiveStep) -> &'static str {
    match step {
        LiveStep::Start => "Start the session",
        LiveStep::Pause => "Pause",
        LiveStep::Resume => "Resume",
        LiveStep::Next => "Next item",
        LiveStep::End => "End the session",
    }
}

fn live_item_of(n: usize, total: usize) -> String {
    format!("Item {n} of {total}")
}

fn live_time_box(minutes: i32) -> String {
    format!("of {minutes} minutes")
}

fn live_refresh_note(secs: u32) -> String {
    format!("Without JavaScript, this page reloads itself every {secs} seconds.")
}

fn live_waiting_note(when: &str) -> String {
    format!("The session has not started. Scheduled: {when}.")
}

fn live_speaker_state(called: bool, spoken: bool) -> &'static str {
    match (called, spoken) {
        (_, true) => "Has spoken",
        (true, false) => "Speaking",
        (false, false) => "Waiting",
    }
}

const MINUTES_WORDS: MinutesWords<'static> = MinutesWords {
    heading: "Agenda",
    from_floor: "From the floor",
    discussed: "Discussed",
    not_reached: "Not reached",
    not_recorded: "Outcome not recorded",
    opds: "Followed up by",
    notes: "Notes",
    time: "time",
    speakers: "Speakers",
    polls: "Polls",
};

fn poll_answers(n: u32) -> String {
    if n == 1 {
        "1 answer".to_owned()
    } else {
        format!("{n} answers")
    }
}

fn poll_your_answer(choice: &str) -> String {
    format!("Your answer: {choice}. You can change it until the question closes.")
}

fn mail_session_minutes_body(when: &str, venue: &str) -> String {
    format!(
        "The minutes of the dialogue with the Bupati you registered for ({when}, {venue}) are published: the decision on each item, the OPDs that follow up and their deadlines."
    )
}

const WA_WORDS: WaWords = WaWords {
    welcome: "Hello! This is Minggon Jatinan, the Friday dialogue with the Regent of Batang. Let's make a new report. Type *cancel* at any time to stop, *help* for the list of commands.",
    ask_title: "1/7 Write a short title for the problem (8 to 140 characters), for example: Potholes in front of Kalisalak primary school.",
    ask_category: "2/7 Which category is it? Reply with its number.",
    ask_desa: "3/7 In which village (desa or kelurahan)? Write its name.",
    desa_which: "Which one do you mean? Reply with its number, or *0* if it is not in the list.",
    desa_unknown: "We do not know that village name. First choose the kecamatan: reply with its number.",
    desa_in: wa_desa_in,
    ask_body: "4/7 Describe the problem: what happened, since when, who is affected (at least 20 characters).",
    ask_photos: "5/7 Send photos if you have any (up to 3), then type *next*. No photos? Type *skip*.",
    photo_received: wa_photo_received,
    photo_full: "That is 3 photos. Type *next*.",
    photo_failed: "That photo could not be read. Send it again as an ordinary photo (JPEG or PNG, at most 5 MB).",
    ask_location: "6/7 Share the location (the attachment button, then Location), or type *skip*.",
    ask_privacy: "7/7 Who may see this report? Reply with the number.\n1. Public: the report and your name are shown\n2. Anonymous: the report is shown, your name is hidden\n3. Confidential: only staff can see it",
    summary_heading: "Check your report:",
    label_title: "Title",
    label_category: "Category",
    label_place: "Place",
    label_body: "Description",
    label_photos: "Photos",
    label_location: "Location",
    label_privacy: "Visibility",
    location_none: "not shared",
    location_shared: "shared",
    ask_confirm: "Reply *yes* to send it, or *cancel* to drop it.",
    similar_found: "There are similar reports already. Support one of them? Reply with its number to support it, or *0* to send a new report anyway.",
    post_anyway: "Send a new report",
    created: wa_created,
    supported: wa_supported,
    followed: wa_followed,
    status: wa_status,
    not_found: wa_not_found,
    cancelled: "Report cancelled; nothing was kept. Type *report* to start again.",
    expired: "The previous conversation went a day without an answer, so we closed it.",
    stopped: "All right, you will get no more WhatsApp messages from us. Type *start* to get them again.",
    resumed: "WhatsApp messages from Minggon Jatinan are on again.",
    not_understood: "Sorry, that is not one of the choices.",
    unsupported: "Sorry, we can only read text, photos and locations.",
    help: "Commands:\n*report*: a new report\n*status 123*: the progress of report #123\n*support 123*: support report #123\n*follow 123*: hear about report #123\n*stop*: no more messages\n*bahasa*: balas dalam Bahasa Indonesia",
    try_again: wa_try_again,
    nothing_to_cancel: "No report is being made. Type *report* to start one.",
    list_button: "Choose",
    resident_name: wa_resident_name,
    resolution_prompt: "Reply *1* if it is fixed, *2* if it is not.",
    resolution_confirmed: wa_resolution_confirmed,
    resolution_reopened: wa_resolution_reopened,
    reopen_note: "The resident answered on WhatsApp: the problem is not fixed.",
    first_day: wa_first_day,
};

fn wa_first_day(from: &str) -> String {
    format!("A new number can send one report on its first day. The next one can be sent from {from}.")
}

fn wa_resolution_confirmed(id: i32) -> String {
    format!("Thank you. You said report #{id} is fixed; it is closed.")
}

fn wa_resolution_reopened(id: i32) -> String {
    format!("Report #{id} is open again and back with the department.")
}

fn wa_desa_in(kecamatan: &str) -> String {
    format!("Villages in Kecamatan {kecamatan}: reply with the number.")
}

fn wa_photo_received(n: usize, left: usize) -> String {
    format!("Photo {n} received. Send another ({left} more allowed) or type *next*.")
}

fn wa_created(id: i32, link: &str) -> String {
    format!(
        "Thank you. Report #{id} has been received and is at {link}\nType *status {id}* to see its progress; we will send news over WhatsApp."
    )
}

fn wa_supported(id: i32, title: &str) -> String {
    format!("Your support for #{id} \"{title}\" is recorded. You will hear how it goes.")
}

fn wa_followed(id: i32, title: &str) -> String {
    format!("You follow #{id} \"{title}\": we will send you its news.")
}

fn wa_status(id: i32, title: &str, status: &str, link: &str) -> String {
    format!("#{id} \"{title}\"\nStatus: {status}\n{link}")
}

fn wa_not_found(id: i32) -> String {
    format!("Report #{id} was not found.")
}

fn wa_try_again(problem: &str) -> String {
    format!("{problem} Please try again.")
}

fn wa_resident_name(tail: &str) -> String {
    format!("WhatsApp resident {tail}")
}

fn channel_label(channel: NoticeChannel) -> &'static str {
    match channel {
        NoticeChannel::Email => "Email",
        NoticeChannel::WhatsApp => "WhatsApp",
        NoticeChannel::Both => "Email and WhatsApp",
    }
}

fn wa_code_sent(phone: &str) -> String {
    format!("If {phone} goes with an account, a 6-digit code was sent over WhatsApp. It works for 10 minutes.")
}

fn wa_link_code_sent(phone: &str) -> String {
    format!("A 6-digit code was sent over WhatsApp to {phone}. Type it here within 10 minutes.")
}

fn wa_linked_number(phone: &str) -> String {
    format!("Linked WhatsApp number: {phone}. Choose above which news goes by WhatsApp.")
}

pub const TEXTS: Texts = Texts {
    language_name: "English",
    switch_language: "Change language",
    site_name: "Minggon Jatinan",
    tagline: "The Friday dialogue with the Bupati of Batang",
    skip_to_content: "Skip to content",
    nav_label: "Main menu",
    nav_home: "Home",
    nav_issues: "Issues",
    nav_new_issue: "Post an issue",
    nav_login: "Sign in",
    nav_register: "Register",
    nav_logout: "Sign out",
    nav_staff: "Staff",
    signed_in_as: "Signed in as",
    footer: "Regency Government of Batang. Public issues are open to every resident.",
    verify_banner: "Your email is not verified yet. Open the link in our email to be able to post issues.",

    home_title: "Raise what matters in your village, discussed with the Bupati every Friday",
    home_intro: "Post an issue or a proposal, support other residents' issues, and follow the departments' work until it is resolved.",
    home_cta: "Post an issue",
    home_latest: "Latest issues",
    home_see_all: "See all issues",

    list_title: "Residents' issues",
    list_empty: "No issues yet.",
    list_next: "Next",
    list_pages: "List pages",
    search_label: "Search issues",
    search_button: "Search",
    filters_label: "Filter and sort",
    all_option: "All",
    sort_label: "Sort by",
    sort_name,
    list_first: "Back to the first page",

    issue_posted: "Posted",
    issue_author: "Posted by",
    issue_author_hidden: "Anonymous",
    issue_category: "Category",
    issue_place: "Place",
    issue_status: "Status",
    back_to_list: "Back to the list of issues",
    status_name,

    field_privacy: "Who may see this issue?",
    privacy_label,
    privacy_hint,
    supporters,
    comments_count,
    support_button: "Support",
    unsupport_button: "Withdraw support",
    follow_button: "Follow",
    unfollow_button: "Unfollow",
    sign_in_to_take_part: "Sign in to support, follow or comment.",
    comments_title: "Discussion",
    comments_empty: "No comments yet.",
    comment_field: "Your comment",
    comment_hint: "Markdown is allowed. You can change a comment within 15 minutes.",
    submit_comment: "Post comment",
    reply_button: "Reply",
    submit_reply: "Post reply",
    edit_button: "Edit",
    save_button: "Save",
    delete_button: "Delete",
    comment_deleted: "This comment was deleted.",
    edited_mark: "edited",
    issue_author_badge: "Author",

    assisted_heading: "Assisted intake",
    assisted_intro: "Fill in when you post for a resident without email. Their name and phone are seen by officials only.",
    field_resident_name: "Resident's name",
    field_resident_phone: "Resident's phone",
    field_resident_phone_hint: "May be empty.",
    assisted_mark: "posted with an operator's help",
    assisted_contact: "Resident contact (officials only)",
    edit_issue_title: "Edit issue",
    edit_issue_link: "Edit this issue",
    revisions_title,
    replaced_at: "Replaced",

    new_title: "Post an issue",
    new_intro: "Describe the problem briefly and clearly. Your issue is published at once and everyone can read it.",
    field_title: "Title",
    field_title_hint: "8 to 140 characters, for example: Potholes on the village road by the school.",
    field_body: "Description",
    field_body_hint: "What the problem is, since when, who is affected. Markdown is allowed.",
    field_category: "Category",
    field_kecamatan: "Kecamatan (district)",
    field_desa: "Village",
    choose: "— choose —",
    submit_issue: "Post issue",
    must_sign_in: "Sign in or register to post an issue.",
    must_verify: "Verify your email first to post an issue. The link is in our email.",

    register_title: "Register as a resident",
    field_name: "Name",
    field_email: "Email",
    field_password: "Password",
    field_password_hint: "At least 8 characters.",
    submit_register: "Register",
    have_account: "Already registered? Sign in",
    registered_title: "Check your email",
    registered_body: "We sent a verification link to your email. Open it, then sign in.",

    login_title: "Sign in",
    submit_login: "Sign in",
    no_account: "No account yet? Register",
    forgot_link: "Forgot your password?",
    notice_verified: "Your email is verified. Please sign in.",
    notice_reset: "Your password was changed. Sign in with the new one.",

    forgot_title: "Forgot password",
    forgot_intro: "Enter your account's email. We will send a link to choose a new password.",
    submit_forgot: "Send link",
    forgot_sent: "If that email is registered, we sent the link. Check your inbox.",
    reset_title: "Choose a new password",
    field_new_password: "New password",
    submit_reset: "Save password",
    verify_title: "Email verification",
    verify_ok: "Your email is verified.",

    staff_title: "Staff room",
    staff_intro: "An overview for the secretariat, the OPDs and the admin.",
    staff_by_status: "Issues by status",
    staff_outbox: "Mail queue",
    staff_outbox_pending: "Pending",
    staff_outbox_sent: "Sent",
    staff_outbox_failed: "Failed",
    staff_accounts: "Registered accounts",
    staff_unverified: "email not verified",

    not_found_title: "Page not found",
    not_found_body: "The page you are looking for does not exist or has moved.",
    error_title: "Something went wrong",
    error_summary: "Please check the marked fields.",
    err_unauthorized: "Please sign in first.",
    err_not_verified: "Verify your email first. The link is in our email.",
    err_forbidden: "You are not allowed to do this.",
    err_not_found: "Not found.",
    err_internal: "Sorry, the server had a problem. Please try again shortly.",
    err_unavailable: "The service is disrupted: the database cannot be reached. Your data is safe and nothing was changed. Try again in a few minutes.",
    err_transport: "The request could not be read. Reload the page and try again.",
    admin_outbox: "Mail outbox",
    admin_audit: "Audit log",
    audit_intro: "Every action of staff and admin accounts: who, what, when and from where, newest first. This log cannot be changed or deleted.",
    audit_search: "Search an account, action or target",
    audit_empty: "Nothing recorded.",
    col_target: "Target",
    col_detail: "Details",
    col_address: "Network address",
    col_to: "To",
    col_subject: "Subject",
    col_status: "Status",
    col_attempts: "Attempts",
    col_error: "Last error",
    retry_button: "Send again",
    admin_holidays: "National holidays and cuti bersama",
    holidays_hint: "A Friday on one of these days is skipped or moved when sessions are planned, and these days do not count as working days.",
    field_holiday_day: "Date",
    field_holiday_kind: "Kind",
    field_holiday_description: "Description",
    add_holiday: "Add or change a holiday",
    holidays_import_hint: "Columns: tanggal,jenis,keterangan (jenis: libur_nasional or cuti_bersama). Existing dates are changed. Every row is saved, or none.",
    reason_supports,
    reason_waiting,
    reason_host: "in the host kecamatan",
    mail_agenda_subject,
    mail_agenda_body,
    mail_agenda_attachment: "The session is attached as a calendar file (.ics).",
    mail_minutes_subject,
    mail_minutes_body,
    mail_reminder_subject: "Tomorrow: Friday dialogue with the Bupati",
    mail_reminder_body,
    agenda_title: "Agenda",
    agenda_empty: "The agenda has not been set yet.",
    agenda_suggestions: "Suggested issues",
    agenda_suggestions_hint: "Published issues not yet discussed, posted before the cutoff, ranked by supports, waiting time and host area.",
    agenda_add: "Add",
    agenda_up: "Up",
    agenda_down: "Down",
    agenda_remove: "Remove",
    agenda_minutes: "Minutes",
    agenda_set_slot: "Set time",
    agenda_lock: "Lock the agenda and tell residents",
    session_mark_held: "Mark as held",
    outcome_title: "Outcome",
    outcome_discussed: "Discussed",
    outcome_not_reached: "Not reached (back to the next session's suggestions)",
    outcome_decision: "Decision",
    outcome_opds: "OPDs that must act",
    outcome_due: "Follow-up due date",
    outcome_save: "Save the outcome",
    outcome_followups: "Follow-up by",
    minutes_title: "Minutes",
    field_attendance: "Attendance",
    field_minutes: "Minutes (Markdown)",
    publish_minutes: "Publish the minutes and tell followers",
    attendance_count,
    weekday_name,
    mail_session_cancelled_subject: "Friday dialogue cancelled",
    mail_session_cancelled_body,
    mail_session_moved_subject: "Friday dialogue rescheduled",
    mail_session_moved_body,
    mail_session_place_subject: "You have a place at the Friday dialogue",
    mail_session_place_body,
    mail_session_action: "See the session",
    nav_sessions: "Dialogue schedule",
    sessions_title: "Friday dialogue with the Bupati",
    sessions_intro: "Every Friday the Bupati meets residents, in a different kecamatan each time. Register to attend, or add it to your calendar.",
    sessions_upcoming: "Upcoming",
    sessions_past: "Past",
    sessions_empty: "No sessions are scheduled yet.",
    session_status_name,
    session_places,
    session_title,
    session_when: "When",
    session_venue: "Venue",
    session_host: "Host kecamatan",
    session_capacity: "Capacity",
    session_cutoff: "Issues for this session must be posted by",
    session_livestream: "Livestream",
    session_change_reason: "Reason for the change",
    add_to_calendar: "Add to calendar (.ics)",
    calendar_feed: "Subscribe to every session (.ics)",
    register_button: "Register to attend",
    unregister_button: "Cancel my registration",
    registered_confirmed: "You are registered to attend.",
    registered_waitlisted,
    session_full_note: "All places are taken: new registrations join the waitlist and get an email when a place frees up.",
    sign_in_to_register: "Sign in to register",
    print_agenda: "Print",
    new_session: "Schedule a session",
    plan_sessions: "Plan recurring sessions",
    field_date: "Date",
    field_time: "Start time (WIB)",
    field_duration: "Duration (minutes)",
    field_venue: "Venue",
    field_host: "Host kecamatan",
    field_capacity: "Capacity (people)",
    field_livestream: "Livestream link (optional)",
    field_cutoff_date: "Submission cutoff: date",
    field_cutoff_time: "Submission cutoff: time (WIB)",
    field_cutoff_hint: "Leave empty for the Wednesday before, 23:59 WIB.",
    field_reason: "Reason for the change (required when the time changes; sent to registered people)",
    save_session: "Save the session",
    edit_session: "Change or reschedule",
    cancel_session: "Cancel the session",
    field_from: "Starting from",
    field_count: "Number of sessions",
    field_policy: "When a Friday is a holiday",
    policy_name,
    field_hosts: "Host kecamatan, in rotation",
    preview_plan: "Preview the plan",
    create_plan: "Create these sessions",
    plan_skipped,
    plan_moved,
    plan_taken: "a session already exists that day",
    created_notice,
    nav_admin: "Admin",
    admin_title: "Administration",
    admin_intro: "Reference data and accounts: issue categories, regions, and the role of every account.",
    admin_categories: "Categories",
    admin_regions: "Kecamatan and desa",
    admin_accounts: "Accounts",
    saved_notice: "Changes saved.",
    imported_notice,
    field_slug: "Code (lower case and dashes)",
    field_name_id: "Name (Bahasa Indonesia)",
    field_name_en: "Name (English)",
    field_default_opd: "OPD that usually acts",
    no_opd: "(none)",
    add_category: "Add a category",
    col_issues: "Issues",
    field_region_code: "Kemendagri code",
    field_region_kind: "Kind",
    field_region_name: "Name",
    add_region: "Add a region or rename it",
    add_region_hint: "An existing code renames that region. A new desa needs its kecamatan first.",
    import_title: "Import from CSV",
    import_hint: "Columns: kode,jenis,nama,induk (as Kemendagri publishes them). Every row is saved, or none.",
    field_csv: "CSV file",
    import_button: "Import",
    villages_count,
    accounts_search: "Search a name or email",
    col_name: "Name",
    col_role: "Role",
    col_opd: "OPD",
    field_disabled: "Disable the account",
    disabled_badge: "Disabled",
    unverified_badge: "Not verified",
    role_name,
    edit_account_of,
    list_more: "Next",
    field_address: "Address or landmark (optional)",
    field_address_hint: "For example: in front of SD Negeri 2, RT 03/RW 01.",
    field_point: "Location on the map (optional)",
    field_point_hint: "Latitude and longitude from a map app, for example -6.9078 and 109.7302.",
    field_latitude: "Latitude",
    field_longitude: "Longitude",
    field_photos: "Photos (optional)",
    field_photos_hint: "At most 3 JPEG, PNG or WebP photos, 5 MB each at most. Location data inside photos is removed.",
    photos_kept: "Photos already uploaded (will be sent):",
    similar_title: "Similar issues already posted",
    similar_intro: "If one of them is the same as yours, support it so that it carries more weight.",
    support_this: "Support this",
    confirm_new: "My issue is different, post it anyway",
    issue_address: "Address",
    issue_point: "Location",
    open_map: "Open on a map",
    issue_photos: "Photos",
    photo_alt,
    hidden_notice: "This issue is hidden until the secretariat reviews it. Only you and staff can see it.",
    rejected_notice: "This issue was rejected. Reason:",
    merged_notice: "This issue was merged into the same issue posted earlier. Its supporters and followers moved to:",
    comment_hidden: "This comment was hidden by a moderator.",
    hidden_badge: "Hidden",
    reported_thanks: "Thank you, your report was received. The secretariat will review it.",
    flag_button: "Report",
    flag_reason: "Why should this be reviewed?",
    flag_submit: "Send report",
    moderate_title: "Moderation",
    moderate_action: "Action",
    action_name,
    moderate_reason: "Reason (recorded; for a rejection the author reads it too)",
    moderate_into: "Number of the original issue (for Merge)",
    moderate_submit: "Apply",
    moderation_title: "Moderation queue",
    moderation_intro,
    moderation_empty: "Nothing to review.",
    moderation_flags: "Reports",
    moderation_recent: "Moderation record",
    moderation_system: "automatic",
    col_when: "When",
    col_who: "By",
    col_what: "Item",
    col_action: "Action",
    col_reason: "Reason",
    kind_name,
    staff_moderation_link: "Open the moderation queue",
    err_rate_limited,
    code_message,
    loading: "Loading…",

    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],

    mail_greeting,
    mail_signature: "Regards,\nMinggon Jatinan secretariat, Regency Government of Batang",
    mail_verify_subject: "Verify your email for Minggon Jatinan",
    mail_verify_body: "Thank you for registering. Open this link to verify your email (valid for 48 hours):",
    mail_verify_action: "Verify email",
    mail_reset_subject: "Choose a new Minggon Jatinan password",
    mail_reset_body: "Someone asked to change your account's password. Open this link (valid for 1 hour):",
    mail_reset_action: "Choose a new password",
    mail_ignore: "If you did not ask for this, ignore this email.",
    mail_issue_subject,
    mail_issue_body,
    mail_issue_action: "See the issue",

    topic_label,
    topic_hint,
    delivery_label,
    digest_label,
    prefs_title: "Email notifications",
    prefs_intro: "Choose for each kind of news: sent at once, gathered in a daily digest (07:00 WIB) or a weekly one (Monday 07:00 WIB), or off.",
    prefs_security_note: "Account security email (verifying your email, resetting your password) is always sent.",
    security_title: "Account security",
    two_factor_title: "Two-step verification",
    two_factor_on: "Two-step verification is on: every sign-in also asks for the code from the authenticator app.",
    two_factor_off: "Two-step verification is off. It is strongly advised for staff accounts.",
    two_factor_manage: "Set up two-step verification",
    two_factor_steps: "Add this account to an authenticator app (Google Authenticator, Aegis or FreeOTP, say) with the key below, then enter the 6-digit code it shows.",
    two_factor_secret: "Key",
    two_factor_open_app: "Open in the authenticator app",
    two_factor_enable: "Turn on",
    two_factor_disable: "Turn off",
    field_code: "Code from the authenticator app",
    login_code_summary: "Staff account with two-step verification",
    security_everywhere_hint: "Lost a phone, or signed in on a shared computer? Sign out on every device, this one included.",
    security_everywhere_button: "Sign out everywhere",
    notice_signed_out_all: "You are signed out on every device. Please sign in again.",
    cross_site_title: "Request refused",
    cross_site_body: "This form was sent from another site, so it was refused to keep your account safe. Open the Minggon Jatinan page and send it from there.",
    prefs_saved: "Notification settings saved.",
    prefs_save: "Save settings",
    nav_notifications: "Notifications",
    unsub_title: "Unsubscribe",
    unsub_confirm,
    unsub_button: "Yes, stop",
    unsub_done,
    unsub_already,
    unsub_manage: "Manage all notifications",
    admin_suppressed: "Addresses no longer mailed",
    admin_suppressed_hint: "The receiving server refused these addresses permanently several times, so they get no more mail. Allow one again once the address is fixed.",
    col_refusals: "Refusals",
    allow_again_button: "Allow again",
    mail_footer_why,
    mail_unsubscribe_action: "Stop receiving emails like this",
    mail_preferences_action: "Manage notifications",
    mail_status_subject,
    mail_status_body,
    mail_merged_note,
    mail_comment_subject,
    mail_comment_body,
    mail_assigned_subject,
    mail_assigned_body,
    mail_coalesced_subject,
    mail_coalesced_intro: "There are new comments:",
    mail_digest_subject,
    mail_digest_intro,
    mail_digest_action: "Open Minggon Jatinan",
    mail_weekly_subject: "The week on Minggon Jatinan",
    mail_weekly_counts,
    mail_weekly_next,
    mail_weekly_action: "See all issues",

    fu_title: "OPD follow-up",
    fu_lead: "Lead OPD",
    fu_support: "Supporting OPD",
    nav_scorecard: "OPD scorecard",
    score_title: "OPD follow-up scorecard",
    score_intro,
    score_by_opd: "By OPD",
    score_by_kecamatan: "By kecamatan",
    score_name: "Name",
    score_assigned: "Assigned",
    score_resolved: "Resolved",
    score_on_time: "On time",
    score_response: "Median working days to first response",
    score_resolution: "Median working days to resolution",
    score_overdue: "Overdue now",
    score_unranked: "not enough data to rank",
    score_trend: "Assigned and resolved, last 12 months",
    score_trend_summary,
    score_csv: "Download these numbers (CSV)",
    score_empty: "No follow-ups yet.",
    fu_photo_field: "Photos as evidence (optional, at most 3)",
    fu_photo_alt,
    fu_programme_field: "Needs a programme or budget: propose it to the Musrenbang",
    fu_programme_badge: "Musrenbang proposal",
    staff_exports: "Downloads for e-planning and e-budgeting",
    export_follow_ups: "Follow-ups (CSV)",
    export_any: "Any",
    export_from: "Assigned from",
    export_to: "Assigned until",
    export_submit: "Download CSV",
    export_planning: "Musrenbang proposals for e-planning (CSV)",
    export_budgeting: "Costs per OPD and category for e-budgeting (CSV)",
    admin_opds: "OPDs (regency departments)",
    opds_hint: "An existing code is changed; a new code adds an OPD. The email and the head's name show with that OPD's follow-ups.",
    field_opd_code: "Code",
    field_opd_name: "Full name",
    field_opd_short: "Short name",
    field_opd_email: "Official email (optional)",
    field_opd_head: "Name of the OPD's head (optional)",
    add_opd: "Add or change an OPD",
    col_officers: "Officers",
    fu_head: "Head",
    timeline_title: "History",
    timeline_posted: "Issue posted",
    timeline_status,
    fu_status_name,
    fu_update_name,
    fu_due,
    fu_days_left,
    fu_percent,
    fu_cost: "Cost",
    fu_action: "Action required",
    fu_internal_badge: "internal",
    fu_accept: "Accept",
    fu_decline: "Not our responsibility",
    fu_reason: "Reason",
    fu_progress: "Report progress",
    fu_progress_text: "Progress",
    fu_percent_field: "Percent done (0–100, optional)",
    fu_cost_field: "Cost of this step in rupiah (optional)",
    fu_internal_field: "Internal note: for staff only, not shown to residents",
    fu_resolve: "Mark resolved",
    fu_resolve_summary: "Summary of the resolution",
    fu_confirm_prompt,
    fu_confirm: "Yes, it is fixed",
    fu_reopen: "Not fixed, reopen",
    assign_title: "Assign to an OPD",
    assign_lead: "Lead OPD",
    assign_support: "Supporting OPDs (any number)",
    assign_days: "Deadline (working days)",
    assign_submit: "Assign",
    nav_opd: "OPD work",
    opd_title,
    opd_new: "New, not yet accepted",
    opd_in_progress: "In progress",
    opd_due_soon: "Due soon",
    opd_overdue: "Overdue",
    opd_empty: "None.",
    mail_fu_status_subject,
    mail_fu_status_body,

    staff_escalated: "More than 5 working days overdue",
    staff_escalated_hint,
    mail_due_soon_subject,
    mail_due_soon_body,
    mail_overdue_subject,
    mail_overdue_body,
    mail_escalation_subject,
    mail_escalation_intro,

    open311_key_service: "API keys are issued by the Minggon Jatinan admin (Government Affairs, Batang Regency Secretariat); ask through the contact email.",
    open311_service_description: |name| {
        format!("Residents' reports in the category {name}, for the Friday dialogue with the Regent of Batang.")
    },
    open311_group_general: "General",
    open311_unknown_service: |code| format!("Unknown service_code: {code}"),
    open311_unknown_resource: |what| format!("No Open311 resource is called {what}; use the suffix .json or .xml."),
    open311_attr_kecamatan: "The district (kecamatan) of the problem (region code).",
    open311_attr_desa: "The village (desa or kelurahan) of the problem (region code); address_id may be used instead.",
    open311_attr_privacy: "publik (name shown), anonim (name hidden from the public) or rahasia (only the reporter and staff). Default: publik.",
    open311_bad_request_id: "service_request_id must be numbers separated by commas.",
    open311_bad_date: |name| format!("{name} is not an ISO 8601 date (for example 2026-11-01T00:00:00+07:00)."),
    open311_range_inverted: "end_date is earlier than start_date.",
    open311_range_too_long: |days| format!("The range from start_date to end_date may span at most {days} days."),
    open311_bad_status: |status| format!("Unknown status: {status} (use open or closed)."),
    open311_unknown_request: |id| format!("Request {id} was not found."),
    open311_notes_rejected: "Rejected by the secretariat and not published.",
    open311_notes_merged: |into| format!("Merged into report {into}."),
    open311_key_missing: "An api_key is required to post a request.",
    open311_key_invalid: "The api_key is not valid or has been revoked.",
    open311_email_not_resident: "This email belongs to a staff or disabled account; requests can only be posted for residents.",
    open311_default_name: "Resident",
    open311_service_missing: "service_code is required.",
    open311_description_missing: "description is required.",
    open311_location_missing: "A location is required: lat and long, address_string, or address_id.",
    open311_unknown_region: |field, code| format!("{field}: unknown region code: {code}"),
    open311_attribute_missing: |field| format!("{field} is required (see the service definition)."),
    open311_notice_published: "The report is published at once and residents can support it. Reports that break the rules may be hidden or rejected by the secretariat.",
    admin_api_keys: "API keys (Open311)",
    api_keys_intro: "Other apps (village apps, complaint channels) can post reports through Open311 with a key from here. A key is shown once; only its fingerprint is kept. Reports without an email are recorded under that app's name.",
    api_key_issued: "New key. Copy it now: it will not be shown again.",
    field_client_name: "App name",
    col_key_prefix: "Key",
    col_last_used: "Last used",
    col_client_issues: "Reports",
    api_key_revoked: "Revoked",
    revoke_button: "Revoke",
    issue_api_key: "Issue key",
    issue_media_link: "See the media from the reporting app (external link)",
    feed_title: "Residents' reports — Minggon Jatinan",
    feed_subtitle: "The latest reports for the Friday dialogue with the Regent of Batang.",
    feed_link: "Atom feed",
    me_title: "My account",
    me_intro: "Everything you posted, support, follow and registered for is here.",
    me_issues_title: "My issues",
    me_issues_all,
    me_issues_empty: "You have not posted an issue yet.",
    me_next_step,
    me_withdraw_summary: "Withdraw this issue",
    me_withdraw_hint: "The issue leaves every list, search and feed; its supporters and followers are told. This cannot be undone.",
    me_withdraw_button: "Yes, withdraw this issue",
    me_withdrawn_notice: "Your issue has been withdrawn.",
    me_supported_title: "Issues I support",
    me_followed_title: "Issues I follow",
    me_nothing: "None yet.",
    me_sessions_title: "My Friday sessions",
    me_registration,
    me_session_past: "past",
    me_data_title: "My data",
    me_data_hint: "Download a copy of all your data on this site (account, issues, comments, supports, follows, session registrations, reports and mail settings) as one JSON file, as Indonesia's personal data protection law (UU 27/2022) entitles you to.",
    me_data_button: "Download my data (JSON)",
    me_delete_title: "Delete account",
    me_delete_hint: "Your account is deleted and you are signed out on every device. Your issues and comments stay for other residents, shown as by \"Warga\" (a resident): your name, email and contact details are erased. This cannot be undone.",
    me_delete_password: "Your password, to confirm",
    me_delete_button: "Delete my account",
    me_delete_staff: "A staff account is not deleted by itself: an admin closes it.",
    notice_deleted: "Your account has been deleted. Thank you for taking part.",
    next_title: "The next Friday dialogue",
    next_host,
    next_livestream: "Watch the livestream",
    next_cutoff,
    next_cutoff_passed,
    next_none: "No Friday dialogue is scheduled yet. Issues can still be posted: the secretariat reads them and can pass them straight to an OPD.",
    next_unreachable: "The agendas of the scheduled sessions are closed; a new issue waits for a later session or goes straight to an OPD.",
    next_see_session: "See the session",
    form_reaches,
    nav_inbox: "Inbox",
    inbox_title: "Secretariat inbox",
    inbox_intro,
    inbox_tab,
    inbox_empty: "Nothing waits here.",
    inbox_waiting,
    inbox_due,
    inbox_overdue: "Overdue",
    inbox_declined_note: "The OPD's reason",
    inbox_assign: "Pass to an OPD",
    inbox_schedule: "Put on an agenda",
    inbox_session: "Session",
    mail_disposition_subject,
    mail_disposition_body,
    agenda_overrun,
    field_direct_to_opd: "Goes straight to this OPD",
    field_direct_to_opd_hint: "Issues in this category are assigned to the OPD above when published, with the follow-up deadline, without waiting for the secretariat. The secretariat gets them only if the OPD declines.",
    agenda_from_floor: "From the floor",
    floor_add: "Add an item from the floor",
    floor_hint: "For a problem a resident raises on the day. It is recorded as a public issue for that resident, goes on the agenda under “From the floor”, and gets its outcome like any other item.",
    floor_speaker: "Name of the resident who raised it (optional; seen by staff only)",
    register_desa: "Your village (for the attendance list; optional)",
    not_given: "Not given",
    registrants_title: "Session registrants",
    registrant_name: "Name",
    registrant_status: "Status",
    registrant_present: "Present",
    registrant_signature: "Signature",
    registrant_confirmed: "Registered",
    registrant_waiting: "Waitlist",
    registrants_print_hint: "To print the attendance list, use the browser's Print menu (Ctrl+P). Only names, villages, kecamatan and a signature column are printed; email addresses never are.",
    registrants_empty: "Nobody has registered yet.",
    attendance_save: "Save attendance",
    attendance_on_the_day: "Attendance can be marked from the day of the session.",
    back_to_session: "Back to the session",
    opd_head: "Head",
    opd_holds_now: "Being handled now",
    opd_holds_nothing: "No public issue is being handled.",
    opd_resolved_title: "Resolved",
    opd_resolved_none: "No public issue resolved yet.",
    opd_resident_confirmed: "The resident confirmed it is solved",
    opd_closed_in_silence: "Closed automatically: the resident did not answer",
    opd_awaiting_resident: "Waiting for the resident to confirm",
    direct_route_action,
    agenda_confidential,
    registrant_mark,
    registrants_of,
    registrants_counts,
    attendance_saved,
    registrants_link,
    opd_confidential_open,
    opd_resolved_on,
    opd_due_on,
    fu_confirm_word: "A word for the OPD (optional; shown on the OPD's page)",
    staff_search_label: "Search every issue (confidential ones included)",
    staff_search_found,
    holiday_provisional: "estimate",
    holidays_clashes: "These sessions fall on a holiday. Move them or cancel them with a reason; nothing is moved automatically:",
    holidays_cover,
    holidays_provisional,
    holidays_missing,
    plan_past_table,
    opd_no_officers: "no officer account yet: only the official address is told",
    opd_unreachable: "neither officer accounts nor an official address: nobody is told",
    fu_cost_hint: "Only what this step spent, not the total so far: a follow-up's total adds up its steps.",
    costs_title: "Follow-up costs",
    costs_intro: "Costs the OPDs reported, per fiscal year (the year of the report, WIB), OPD and category. The same as the e-budgeting CSV.",
    costs_year: "Fiscal year",
    costs_follow_ups: "Follow-ups with costs",
    costs_total: "Total cost",
    costs_empty: "No cost reported yet.",
    costs_year_total: "Total for the year",
    admin_settings: "Thresholds",
    settings_intro: "Deadlines in working days and the counts every page and scheduled job uses. A change counts at once and is kept in the audit log.",
    settings_labels: [
        "OPD follow-up deadline (working days)",
        "Secretariat disposition deadline (working days)",
        "Time for the author to confirm (working days)",
        "Escalate to the Bupati after overdue by (working days)",
        "Flags that hide a post",
        "Resolved issues needed to be ranked",
    ],
    settings_hints: [
        "Used when the secretariat gives no deadline on assigning, and for categories that go straight to their OPD.",
        "New issues left undecided this long are reported to the secretariat and the admin.",
        "A resolved follow-up that the author neither confirms nor reopens in this time is closed.",
        "Follow-ups this far overdue go on the weekly summary for the Bupati's office.",
        "How many different accounts flag a post before it is hidden until a moderator decides.",
        "An OPD or kecamatan is ranked on the scorecard once it has resolved this many.",
    ],
    settings_bounds,
    settings_default,
    settings_changed,
    live_title: "Live",
    live_console: "Live console",
    live_state,
    live_step,
    live_now: "Now on the floor",
    live_next: "Next",
    live_so_far: "Outcomes so far",
    live_no_item: "No item is on the floor.",
    live_item_of,
    live_time_box,
    live_overrun: "Over time",
    live_time: "Time",
    live_refresh_note,
    live_ended_note: "The session has ended. The minutes will be published on the session page.",
    live_waiting_note,
    live_stream: "Video stream",
    live_stream_link: "Watch the livestream",
    live_views: "Other views",
    live_projector: "Hall screen",
    live_overlay: "Broadcast overlay (lower third)",
    live_radio: "Text for the radio announcer",
    live_public_view: "Public page",
    live_preview: "What viewers see",
    live_take_up: "Take up this item",
    live_choose_item: "Choose an item",
    live_notes: "Notes on this item",
    live_notes_hint: "Notes go into the draft minutes when the session ends.",
    live_notes_save: "Save notes",
    live_speakers: "Speaker queue",
    live_speakers_empty: "Nobody is queued to speak.",
    live_speaker_registrant: "Registered attendee",
    live_speaker_name: "Or a name from the floor",
    live_speaker_add: "Add to the queue",
    live_speaker_call: "Call the next speaker",
    live_speaker_spoken: "Has spoken",
    live_speaker_state,
    live_speaker_registered: "registered",
    live_minutes_drafted: "The draft minutes are ready on the session page: check them, add the attendance, then publish.",
    live_open: "Follow it live",
    live_open_console: "Open the live console",
    live_full: "Too many viewers right now. The page will try again shortly.",
    live_current_outcome: "This item's outcome",
    minutes_words: MINUTES_WORDS,
    poll_yes: "Yes",
    poll_no: "No",
    poll_title: "Poll",
    poll_question: "Question",
    poll_choices: "Choices, one per line (2 to 5; leave empty for Yes and No)",
    poll_open: "Open the question",
    poll_close: "Close the question",
    poll_state_open: "Open: signed-in residents can answer",
    poll_state_closed: "Closed",
    poll_answer: "Send my answer",
    poll_sign_in: "Sign in as a resident to answer.",
    poll_answers,
    poll_your_answer,
    mail_session_minutes_subject: "The minutes of the Friday dialogue are published",
    mail_session_minutes_body,
    wa: WA_WORDS,
    prefs_channel: "By",
    channel_label,
    wa_login_link: "Sign in with a WhatsApp code",
    wa_login_title: "Sign in with WhatsApp",
    wa_login_intro: "For accounts made over WhatsApp, or that linked their number. We send a 6-digit code to your WhatsApp.",
    wa_login_password: "Sign in with email and password",
    wa_phone: "WhatsApp number",
    wa_phone_hint: "For example: 0812 3456 7890",
    wa_code_label: "Code from WhatsApp",
    wa_send_code: "Send the code",
    wa_code_sent,
    wa_link_code_sent,
    wa_code_again: "No code came? Ask again",
    wa_section_title: "WhatsApp",
    wa_link_intro: "Link your WhatsApp number to get news over WhatsApp as well, and to sign in with a code.",
    wa_link_button: "Link the number",
    wa_linked: "Your WhatsApp number is linked.",
    wa_linked_number,
    wa_reporter: "By WhatsApp",
    wa_blocked: " (blocked)",
    wa_block: "Block this number",
    wa_unblock: "Unblock",
    add_email_title: "Email",
    add_email_intro: "This account was made over WhatsApp and has no email. Add one to get news by email as well; you can then set a password with \"Forgot password\".",
    add_email_button: "Send a confirmation link",
    add_email_sent: "A confirmation link was sent to that address. Open it to add the email to this account.",
    list_results: "Results",
    offline_note: "You are offline: this page was saved on your phone and may be out of date.",
    offline_title: "No signal",
    offline_intro: "This page is not saved on your phone yet, so it cannot be opened without a signal. Pages you have opened before can still be read.",
    offline_drafts: "Issues and comments you write stay saved on this phone and are sent by themselves when the signal returns.",
    offline_home: "Go to the home page",
    draft_restored: "What you wrote and had not sent was restored from this phone.",
    draft_discard: "Discard it",
    draft_waiting: "Waiting for a signal. What you wrote is saved on this phone and is sent by itself when the signal returns. Waiting:",
    draft_sent: "What waited for a signal has been sent.",
    draft_open: "Open it",
    draft_refused: "What waited for a signal was not accepted by the server. It is back in the form: check it and send it again.",
    photo_sizes: "Size of the photos to be sent:",
    prefs_push: "Also at once as a notice on my devices",
    push_title: "Notices on your phone",
    push_intro: "Turn notices on so that this phone or computer tells you at once, without opening your email. Which topics come as notices is chosen above; \"Off\" turns their notices off too.",
    push_turn_on: "Turn on notices on this device",
    push_needs_js: "Notices need a browser that supports them, with JavaScript on.",
    push_denied: "Permission for notices was refused. Allow notices for this site in the browser's settings, then try again.",
    push_failed: "This browser cannot turn notices on now. Try again when there is a signal.",
    push_devices: "Devices with notices on",
    push_none: "No device yet.",
    push_added,
    push_last_sent,
    push_remove: "Turn off",
    push_on_done: "Notices are on for this device.",
    push_off_done: "Notices are off for that device.",
    push_body: "Tap to read.",
    locate: "My location",
    locating: "Reading the phone's location…",
    locate_failed: "The location could not be read. Allow location for this site, or type the latitude and longitude.",
    place_suggested: "Suggested from that point: {desa}, kecamatan {kecamatan} (the nearest village centre). Check it, and change it if it is wrong.",
    place_outside: "That point is outside Kabupaten Batang.",
    place_none: "No village is near that point. Choose the kecamatan and village yourself.",
};

fn push_added(at: &str) -> String {
    format!("turned on {at}")
}

fn push_last_sent(at: &str) -> String {
    format!("last sent {at}")
}
