//! The thresholds the admin sets at `/admin/settings`: deadlines in working days and the
//! counts that hide a post or rank an OPD. Each has bounds a form value must keep; a value
//! never saved is its default (two of which the server's start-up settings give).

use serde::{Deserialize, Serialize};

use super::{ErrorCode, follow_up::SLA_MAX_DAYS, session::parse_number};

/// One admin-editable threshold, stored under `Setting::key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Setting {
    /// Working days an OPD has to act when the secretariat gives no deadline (the SLA).
    FollowUpDays,
    /// Working days the secretariat has to decide what happens to a new issue.
    DispositionDays,
    /// Working days the author has to confirm or reopen a resolved follow-up; silence
    /// closes it.
    ConfirmDays,
    /// Working days overdue after which a follow-up lands on the Bupati's office's summary.
    EscalateAfterDays,
    /// Flags from different accounts that hide a post until a moderator decides.
    FlagsToHide,
    /// Resolved follow-ups an OPD (or kecamatan) needs before it is ranked.
    ScoreMinResolved,
}

impl Setting {
    pub const ALL: [Self; 6] = [
        Self::FollowUpDays,
        Self::DispositionDays,
        Self::ConfirmDays,
        Self::EscalateAfterDays,
        Self::FlagsToHide,
        Self::ScoreMinResolved,
    ];

    /// Its name in the database and in the form.
    pub fn key(self) -> &'static str {
        match self {
            Self::FollowUpDays => "follow_up_days",
            Self::DispositionDays => "disposition_days",
            Self::ConfirmDays => "confirm_days",
            Self::EscalateAfterDays => "escalate_after_days",
            Self::FlagsToHide => "flags_to_hide",
            Self::ScoreMinResolved => "score_min_resolved",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The smallest and largest value the form accepts.
    pub fn bounds(self) -> (i32, i32) {
        match self {
            Self::FollowUpDays => (1, SLA_MAX_DAYS),
            Self::DispositionDays => (1, 30),
            Self::ConfirmDays => (1, 30),
            Self::EscalateAfterDays => (1, 60),
            Self::FlagsToHide => (1, 50),
            Self::ScoreMinResolved => (1, 100),
        }
    }

    /// A form value, checked against the bounds.
    pub fn parse(self, raw: &str) -> Result<i32, ErrorCode> {
        let (min, max) = self.bounds();
        parse_number(raw, min, max)
    }
}

/// Every threshold's value as the jobs and pages use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    pub follow_up_days: i32,
    pub disposition_days: i32,
    pub confirm_days: i32,
    pub escalate_after_days: i32,
    pub flags_to_hide: i32,
    pub score_min_resolved: i32,
}

impl Thresholds {
    /// The values before the admin changes any: LAPOR!'s five working days for an OPD and
    /// three for the disposition (both also start-up settings), ten to confirm, escalation
    /// after a working week, three flags, five resolved to be ranked.
    pub const DEFAULT: Self = Self {
        follow_up_days: 5,
        disposition_days: 3,
        confirm_days: 10,
        escalate_after_days: 5,
        flags_to_hide: 3,
        score_min_resolved: 5,
    };

    pub fn get(&self, setting: Setting) -> i32 {
        match setting {
            Setting::FollowUpDays => self.follow_up_days,
            Setting::DispositionDays => self.disposition_days,
            Setting::ConfirmDays => self.confirm_days,
            Setting::EscalateAfterDays => self.escalate_after_days,
            Setting::FlagsToHide => self.flags_to_hide,
            Setting::ScoreMinResolved => self.score_min_resolved,
        }
    }

    /// Takes a stored value; one outside the bounds (written by hand) is ignored.
    pub fn set(&mut self, setting: Setting, value: i32) {
        let (min, max) = setting.bounds();
        if !(min..=max).contains(&value) {
            return;
        }
        let slot = match setting {
            Setting::FollowUpDays => &mut self.follow_up_days,
            Setting::DispositionDays => &mut self.disposition_days,
            Setting::ConfirmDays => &mut self.confirm_days,
            Setting::EscalateAfterDays => &mut self.escalate_after_days,
            Setting::FlagsToHide => &mut self.flags_to_hide,
            Setting::ScoreMinResolved => &mut self.score_min_resolved,
        };
        *slot = value;
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// One line of the admin's settings page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingRow {
    pub setting: Setting,
    pub value: i32,
    pub default: i32,
    /// When and by whom it was last changed (WIB), if ever.
    pub changed: Option<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_reads_back_and_every_default_is_within_bounds() {
        for setting in Setting::ALL {
            assert_eq!(Setting::from_key(setting.key()), Some(setting));
            let (min, max) = setting.bounds();
            assert!((min..=max).contains(&Thresholds::DEFAULT.get(setting)), "{setting:?}");
        }
        assert_eq!(Setting::from_key("sla"), None);
    }

    #[test]
    fn values_outside_the_bounds_are_refused_and_never_taken() {
        assert_eq!(
            Setting::FlagsToHide.parse("0"),
            Err(ErrorCode::OutOfRange { min: 1, max: 50 })
        );
        assert_eq!(
            Setting::FollowUpDays.parse("121"),
            Err(ErrorCode::OutOfRange { min: 1, max: 120 })
        );
        assert_eq!(Setting::ConfirmDays.parse(""), Err(ErrorCode::Required));
        assert_eq!(Setting::ConfirmDays.parse(" 7 "), Ok(7));
        let mut t = Thresholds::DEFAULT;
        t.set(Setting::ScoreMinResolved, 0);
        t.set(Setting::EscalateAfterDays, 8);
        assert_eq!(t.score_min_resolved, 5);
        assert_eq!(t.escalate_after_days, 8);
    }
}
