//! What the staff room shows.

use serde::{Deserialize, Serialize};

use super::{admin::OpdChoice, follow_up::OverdueItem, issue::IssueStatus};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffOverview {
    pub issues_by_status: Vec<(IssueStatus, i64)>,
    pub mail_pending: i64,
    pub mail_sent: i64,
    pub mail_failed: i64,
    pub accounts: u64,
    pub unverified: u64,
    /// Follow-ups overdue by the `escalate_after_days` setting or more (secretariat and
    /// admin only).
    pub escalated: Vec<OverdueItem>,
    /// That setting's value.
    pub escalate_after_days: i32,
    /// Whether the reader is shown the escalation list at all.
    pub sees_escalation: bool,
    /// The secretariat, the admin and officers download CSV exports.
    pub can_export: bool,
    /// OPDs to filter the export by (empty for an officer: their own OPD only).
    pub export_opds: Vec<OpdChoice>,
}

/// The secretariat's inbox, one tab at a time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InboxTab {
    /// Waiting for a decision: published, discussed without action, reopened; not on an
    /// agenda, not with an OPD. Every privacy kind.
    #[default]
    Waiting,
    /// Every `rahasia` issue still open, decided or not.
    Rahasia,
    /// An OPD declined it ("bukan wewenang"): to be routed again.
    Declined,
    /// Its author reopened it.
    Reopened,
    /// Reported by readers, or hidden by moderation, and not settled.
    Flagged,
}

impl InboxTab {
    pub const ALL: [Self; 5] = [
        Self::Waiting,
        Self::Rahasia,
        Self::Declined,
        Self::Reopened,
        Self::Flagged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Rahasia => "rahasia",
            Self::Declined => "declined",
            Self::Reopened => "reopened",
            Self::Flagged => "flagged",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// One issue in the inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxRow {
    pub issue: super::issue::IssueSummary,
    pub privacy: super::issue::Privacy,
    /// Working days since it started waiting.
    pub waiting_days: i64,
    /// The last day of the disposition deadline, in the reader's language.
    pub due: String,
    pub overdue: bool,
    /// It can go on an agenda (a confidential issue is decided outside the public dialogue).
    pub can_schedule: bool,
    /// Why it is here, when the tab has a reason (the OPD's note when it declined).
    pub note: Option<String>,
}

/// The inbox page: the tab shown, how many wait in each, its rows (overdue first), and
/// the choices of the row's forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inbox {
    pub tab: InboxTab,
    pub counts: Vec<(InboxTab, u64)>,
    pub rows: Vec<InboxRow>,
    pub opds: Vec<OpdChoice>,
    /// Sessions whose agenda is still open: (id, when in WIB).
    pub sessions: Vec<(i32, String)>,
    pub default_days: i32,
    /// Working days the secretariat has to decide (the `DISPOSITION_DAYS` setting).
    pub disposition_days: i32,
    /// The secretariat and the admin act; operators read.
    pub may_act: bool,
    /// A staff search across every issue, `rahasia` ones included: the words, and what
    /// they found (newest first) when any were given.
    pub query: String,
    pub found: Option<Vec<(super::issue::IssueSummary, super::issue::Privacy)>>,
}

/// How many issues a staff search lists.
pub const STAFF_SEARCH_MAX: u64 = 50;

/// What the OPDs reported spending, for one fiscal year (the WIB year of the reports), OPD
/// and category: each progress report's cost is what that step spent, so totals add steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostTotal {
    pub year: i32,
    pub opd: String,
    pub category: String,
    /// Follow-ups with at least one cost in that year.
    pub follow_ups: u64,
    pub rupiah: i64,
}
