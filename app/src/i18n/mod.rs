//! Every user-visible string, in Bahasa Indonesia (the default) and English.
//!
//! `Texts` is a struct with one field per string, and each language is one `const` value of
//! it: a string missing in either language is a compile error, so no key can be forgotten.

mod en;
mod id;

use serde::{Deserialize, Serialize};

use crate::model::{
    AppError, ErrorCode,
    account::Role,
    issue::{IssueStatus, Privacy, Sort},
    moderation::{ModerationAction, TargetKind},
    session::{HolidayPolicy, SessionStatus},
};

/// The reader's language. Indonesian unless they chose English.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Id,
    En,
}

impl Locale {
    /// The BCP 47 tag, for `<html lang>` and the `lang` cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::En => "en",
        }
    }

    pub fn parse(tag: &str) -> Option<Self> {
        match tag.trim() {
            "id" => Some(Self::Id),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The other language, offered by the switch.
    pub fn other(self) -> Self {
        match self {
            Self::Id => Self::En,
            Self::En => Self::Id,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Self::Id => &id::TEXTS,
            Self::En => &en::TEXTS,
        }
    }
}

/// One field per string. Functions are for strings that take values.
pub struct Texts {
    pub language_name: &'static str,
    pub switch_language: &'static str,
    pub site_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_issues: &'static str,
    pub nav_new_issue: &'static str,
    pub nav_login: &'static str,
    pub nav_register: &'static str,
    pub nav_logout: &'static str,
    pub nav_staff: &'static str,
    pub signed_in_as: &'static str,
    pub footer: &'static str,
    pub verify_banner: &'static str,

    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_cta: &'static str,
    pub home_latest: &'static str,
    pub home_see_all: &'static str,

    pub list_title: &'static str,
    pub list_empty: &'static str,
    pub list_next: &'static str,
    pub list_pages: &'static str,
    pub search_label: &'static str,
    pub search_button: &'static str,
    pub filters_label: &'static str,
    pub all_option: &'static str,
    pub sort_label: &'static str,
    pub sort_name: fn(Sort) -> &'static str,
    pub list_first: &'static str,

    pub issue_posted: &'static str,
    pub issue_author: &'static str,
    pub issue_author_hidden: &'static str,
    pub issue_category: &'static str,
    pub issue_place: &'static str,
    pub issue_status: &'static str,
    pub back_to_list: &'static str,
    pub status_name: fn(IssueStatus) -> &'static str,

    pub field_privacy: &'static str,
    pub privacy_label: fn(Privacy) -> &'static str,
    pub privacy_hint: fn(Privacy) -> &'static str,
    pub supporters: fn(i32) -> String,
    pub comments_count: fn(i32) -> String,
    pub support_button: &'static str,
    pub unsupport_button: &'static str,
    pub follow_button: &'static str,
    pub unfollow_button: &'static str,
    pub sign_in_to_take_part: &'static str,
    pub comments_title: &'static str,
    pub comments_empty: &'static str,
    pub comment_field: &'static str,
    pub comment_hint: &'static str,
    pub submit_comment: &'static str,
    pub reply_button: &'static str,
    pub submit_reply: &'static str,
    pub edit_button: &'static str,
    pub save_button: &'static str,
    pub delete_button: &'static str,
    pub comment_deleted: &'static str,
    pub edited_mark: &'static str,
    pub issue_author_badge: &'static str,

    pub assisted_heading: &'static str,
    pub assisted_intro: &'static str,
    pub field_resident_name: &'static str,
    pub field_resident_phone: &'static str,
    pub field_resident_phone_hint: &'static str,
    pub assisted_mark: &'static str,
    pub assisted_contact: &'static str,
    pub edit_issue_title: &'static str,
    pub edit_issue_link: &'static str,
    pub revisions_title: fn(usize) -> String,
    pub replaced_at: &'static str,

    pub new_title: &'static str,
    pub new_intro: &'static str,
    pub field_title: &'static str,
    pub field_title_hint: &'static str,
    pub field_body: &'static str,
    pub field_body_hint: &'static str,
    pub field_category: &'static str,
    pub field_kecamatan: &'static str,
    pub field_desa: &'static str,
    pub choose: &'static str,
    pub submit_issue: &'static str,
    pub must_sign_in: &'static str,
    pub must_verify: &'static str,

    pub register_title: &'static str,
    pub field_name: &'static str,
    pub field_email: &'static str,
    pub field_password: &'static str,
    pub field_password_hint: &'static str,
    pub submit_register: &'static str,
    pub have_account: &'static str,
    pub registered_title: &'static str,
    pub registered_body: &'static str,

    pub login_title: &'static str,
    pub submit_login: &'static str,
    pub no_account: &'static str,
    pub forgot_link: &'static str,
    pub notice_verified: &'static str,
    pub notice_reset: &'static str,

    pub forgot_title: &'static str,
    pub forgot_intro: &'static str,
    pub submit_forgot: &'static str,
    pub forgot_sent: &'static str,
    pub reset_title: &'static str,
    pub field_new_password: &'static str,
    pub submit_reset: &'static str,
    pub verify_title: &'static str,
    pub verify_ok: &'static str,

    pub staff_title: &'static str,
    pub staff_intro: &'static str,
    pub staff_by_status: &'static str,
    pub staff_outbox: &'static str,
    pub staff_outbox_pending: &'static str,
    pub staff_outbox_sent: &'static str,
    pub staff_outbox_failed: &'static str,
    pub staff_accounts: &'static str,
    pub staff_unverified: &'static str,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub error_title: &'static str,
    pub error_summary: &'static str,
    pub err_unauthorized: &'static str,
    pub err_not_verified: &'static str,
    pub err_forbidden: &'static str,
    pub err_not_found: &'static str,
    pub err_internal: &'static str,
    pub err_transport: &'static str,

    pub reason_supports: fn(i32) -> String,
    pub reason_waiting: fn(i32) -> String,
    pub reason_host: &'static str,
    pub mail_agenda_subject: fn(i32) -> String,
    pub mail_agenda_body: fn(&str, &str, &str) -> String,
    pub mail_agenda_attachment: &'static str,
    pub mail_minutes_subject: fn(i32) -> String,
    pub mail_minutes_body: fn(&str) -> String,
    pub mail_reminder_subject: &'static str,
    pub mail_reminder_body: fn(&str, &str) -> String,
    pub agenda_title: &'static str,
    pub agenda_empty: &'static str,
    pub agenda_suggestions: &'static str,
    pub agenda_suggestions_hint: &'static str,
    pub agenda_add: &'static str,
    pub agenda_up: &'static str,
    pub agenda_down: &'static str,
    pub agenda_remove: &'static str,
    pub agenda_minutes: &'static str,
    pub agenda_set_slot: &'static str,
    pub agenda_lock: &'static str,
    pub session_mark_held: &'static str,
    pub outcome_title: &'static str,
    pub outcome_discussed: &'static str,
    pub outcome_not_reached: &'static str,
    pub outcome_decision: &'static str,
    pub outcome_opds: &'static str,
    pub outcome_due: &'static str,
    pub outcome_save: &'static str,
    pub outcome_followups: &'static str,
    pub minutes_title: &'static str,
    pub field_attendance: &'static str,
    pub field_minutes: &'static str,
    pub publish_minutes: &'static str,
    pub attendance_count: fn(i32) -> String,

    pub weekday_name: fn(chrono::Weekday) -> &'static str,
    pub mail_session_cancelled_subject: &'static str,
    pub mail_session_cancelled_body: fn(&str, &str) -> String,
    pub mail_session_moved_subject: &'static str,
    pub mail_session_moved_body: fn(&str, &str) -> String,
    pub mail_session_place_subject: &'static str,
    pub mail_session_place_body: fn(&str, &str) -> String,
    pub mail_session_action: &'static str,
    pub nav_sessions: &'static str,
    pub sessions_title: &'static str,
    pub sessions_intro: &'static str,
    pub sessions_upcoming: &'static str,
    pub sessions_past: &'static str,
    pub sessions_empty: &'static str,
    pub session_status_name: fn(SessionStatus) -> &'static str,
    pub session_places: fn(i32, i32) -> String,
    pub session_title: fn(&str) -> String,
    pub session_when: &'static str,
    pub session_venue: &'static str,
    pub session_host: &'static str,
    pub session_capacity: &'static str,
    pub session_cutoff: &'static str,
    pub session_livestream: &'static str,
    pub session_change_reason: &'static str,
    pub add_to_calendar: &'static str,
    pub calendar_feed: &'static str,
    pub register_button: &'static str,
    pub unregister_button: &'static str,
    pub registered_confirmed: &'static str,
    pub registered_waitlisted: fn(u32) -> String,
    pub session_full_note: &'static str,
    pub sign_in_to_register: &'static str,
    pub print_agenda: &'static str,
    pub new_session: &'static str,
    pub plan_sessions: &'static str,
    pub field_date: &'static str,
    pub field_time: &'static str,
    pub field_duration: &'static str,
    pub field_venue: &'static str,
    pub field_host: &'static str,
    pub field_capacity: &'static str,
    pub field_livestream: &'static str,
    pub field_cutoff_date: &'static str,
    pub field_cutoff_time: &'static str,
    pub field_cutoff_hint: &'static str,
    pub field_reason: &'static str,
    pub save_session: &'static str,
    pub edit_session: &'static str,
    pub cancel_session: &'static str,
    pub field_from: &'static str,
    pub field_count: &'static str,
    pub field_policy: &'static str,
    pub policy_name: fn(HolidayPolicy) -> &'static str,
    pub field_hosts: &'static str,
    pub preview_plan: &'static str,
    pub create_plan: &'static str,
    pub plan_skipped: fn(&str) -> String,
    pub plan_moved: fn(&str, &str) -> String,
    pub plan_taken: &'static str,
    pub created_notice: fn(usize) -> String,

    pub nav_admin: &'static str,
    pub admin_title: &'static str,
    pub admin_intro: &'static str,
    pub admin_categories: &'static str,
    pub admin_regions: &'static str,
    pub admin_accounts: &'static str,
    pub saved_notice: &'static str,
    pub imported_notice: fn(usize) -> String,
    pub field_slug: &'static str,
    pub field_name_id: &'static str,
    pub field_name_en: &'static str,
    pub field_default_opd: &'static str,
    pub no_opd: &'static str,
    pub add_category: &'static str,
    pub col_issues: &'static str,
    pub field_region_code: &'static str,
    pub field_region_kind: &'static str,
    pub field_region_name: &'static str,
    pub add_region: &'static str,
    pub add_region_hint: &'static str,
    pub import_title: &'static str,
    pub import_hint: &'static str,
    pub field_csv: &'static str,
    pub import_button: &'static str,
    pub villages_count: fn(usize) -> String,
    pub accounts_search: &'static str,
    pub col_name: &'static str,
    pub col_role: &'static str,
    pub col_opd: &'static str,
    pub field_disabled: &'static str,
    pub disabled_badge: &'static str,
    pub unverified_badge: &'static str,
    pub role_name: fn(Role) -> &'static str,
    pub edit_account_of: fn(&str) -> String,
    pub list_more: &'static str,

    pub field_address: &'static str,
    pub field_address_hint: &'static str,
    pub field_point: &'static str,
    pub field_point_hint: &'static str,
    pub field_latitude: &'static str,
    pub field_longitude: &'static str,
    pub field_photos: &'static str,
    pub field_photos_hint: &'static str,
    pub photos_kept: &'static str,
    pub similar_title: &'static str,
    pub similar_intro: &'static str,
    pub support_this: &'static str,
    pub confirm_new: &'static str,
    pub issue_address: &'static str,
    pub issue_point: &'static str,
    pub open_map: &'static str,
    pub issue_photos: &'static str,
    pub photo_alt: fn(usize) -> String,
    pub hidden_notice: &'static str,
    pub rejected_notice: &'static str,
    pub merged_notice: &'static str,
    pub comment_hidden: &'static str,
    pub hidden_badge: &'static str,
    pub reported_thanks: &'static str,
    pub flag_button: &'static str,
    pub flag_reason: &'static str,
    pub flag_submit: &'static str,
    pub moderate_title: &'static str,
    pub moderate_action: &'static str,
    pub action_name: fn(ModerationAction) -> &'static str,
    pub moderate_reason: &'static str,
    pub moderate_into: &'static str,
    pub moderate_submit: &'static str,
    pub moderation_title: &'static str,
    pub moderation_intro: &'static str,
    pub moderation_empty: &'static str,
    pub moderation_flags: &'static str,
    pub moderation_recent: &'static str,
    pub moderation_system: &'static str,
    pub col_when: &'static str,
    pub col_who: &'static str,
    pub col_what: &'static str,
    pub col_action: &'static str,
    pub col_reason: &'static str,
    pub kind_name: fn(TargetKind) -> &'static str,
    pub staff_moderation_link: &'static str,
    pub err_rate_limited: fn(u32) -> String,

    pub code_message: fn(ErrorCode) -> String,
    pub loading: &'static str,

    pub months: [&'static str; 12],

    pub mail_greeting: fn(&str) -> String,
    pub mail_signature: &'static str,
    pub mail_verify_subject: &'static str,
    pub mail_verify_body: &'static str,
    pub mail_verify_action: &'static str,
    pub mail_reset_subject: &'static str,
    pub mail_reset_body: &'static str,
    pub mail_reset_action: &'static str,
    pub mail_ignore: &'static str,
    pub mail_issue_subject: fn(i32) -> String,
    pub mail_issue_body: fn(&str) -> String,
    pub mail_issue_action: &'static str,
}

impl Texts {
    /// The message for an error about the whole request.
    pub fn error_message(&self, error: &AppError) -> String {
        match error {
            AppError::Unauthorized => self.err_unauthorized.into(),
            AppError::EmailNotVerified => self.err_not_verified.into(),
            AppError::Forbidden => self.err_forbidden.into(),
            AppError::NotFound => self.err_not_found.into(),
            AppError::Invalid(_) => self.error_summary.into(),
            AppError::Internal => self.err_internal.into(),
            AppError::Transport(_) => self.err_transport.into(),
            AppError::RateLimited { minutes } => (self.err_rate_limited)(*minutes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_reads_differently_per_language() {
        let codes = [
            ErrorCode::Required,
            ErrorCode::TooLong { max: 5 },
            ErrorCode::TooShort { min: 5 },
            ErrorCode::InvalidEmail,
            ErrorCode::EmailTaken,
            ErrorCode::WrongCredentials,
            ErrorCode::AccountDisabled,
            ErrorCode::UnknownCategory,
            ErrorCode::UnknownOpd,
            ErrorCode::UnknownRegion,
            ErrorCode::DesaNotInKecamatan,
            ErrorCode::TokenInvalid,
            ErrorCode::PasswordsDiffer,
            ErrorCode::UnknownLanguage,
            ErrorCode::UnknownPrivacy,
            ErrorCode::EditWindowClosed,
            ErrorCode::InvalidPhone,
            ErrorCode::PhotoUnreadable,
            ErrorCode::PhotoTooLarge { max_mb: 5 },
            ErrorCode::TooManyPhotos { max: 3 },
            ErrorCode::PointOutsideBatang,
            ErrorCode::PossibleDuplicate,
            ErrorCode::CannotMergeIntoItself,
            ErrorCode::UnknownIssue,
            ErrorCode::InvalidSlug,
            ErrorCode::SlugTaken,
            ErrorCode::InvalidRegionCode,
            ErrorCode::UnknownRegionKind,
            ErrorCode::UnknownParentRegion,
            ErrorCode::CsvLine { line: 2 },
            ErrorCode::OpdRequired,
            ErrorCode::CannotChangeOwnAccount,
            ErrorCode::InvalidDate,
            ErrorCode::InvalidTime,
            ErrorCode::OutOfRange { min: 1, max: 9 },
            ErrorCode::InvalidLink,
            ErrorCode::CutoffAfterStart,
            ErrorCode::InThePast,
            ErrorCode::ReasonRequired,
            ErrorCode::AgendaEmpty,
        ];
        for code in codes {
            let (id, en) = (
                (Locale::Id.texts().code_message)(code),
                (Locale::En.texts().code_message)(code),
            );
            assert!(!id.is_empty() && id != en, "{code:?}");
        }
    }

    #[test]
    fn locales_round_trip_through_their_tags() {
        for locale in [Locale::Id, Locale::En] {
            assert_eq!(Locale::parse(locale.tag()), Some(locale));
            assert_eq!(locale.other().other(), locale);
        }
    }
}
