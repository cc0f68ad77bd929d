//! The resident's own page (`/account`): what they posted, support, follow and registered
//! for, and what UU 27/2022 (PDP) gives them over their data: a copy, and erasure.

use serde::{Deserialize, Serialize};

use super::{
    issue::{IssueStatus, IssueSummary, Privacy},
    session::{RegistrationStatus, SessionSummary},
};

/// Shown instead of the name of a person who deleted their account.
pub const ERASED_NAME: &str = "Warga";

/// One of my issues, with what I may still do to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyIssue {
    pub issue: IssueSummary,
    pub privacy: Privacy,
    /// Not on an agenda, not with an OPD, not settled: I may still withdraw it.
    pub can_withdraw: bool,
}

/// A session I registered for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MySession {
    pub session: SessionSummary,
    pub registration: RegistrationStatus,
    pub upcoming: bool,
}

/// Everything `/account` shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyAccount {
    pub name: String,
    pub email: String,
    /// Residents may delete their own account; staff accounts are closed by an admin.
    pub can_delete: bool,
    /// Newest first; `/account` shows the first few, `/account/issues` all.
    pub issues: Vec<MyIssue>,
    pub issue_count: u64,
    pub supported: Vec<IssueSummary>,
    pub followed: Vec<IssueSummary>,
    pub sessions: Vec<MySession>,
}

impl MyIssue {
    /// What happens next to an issue in `status`, for its author.
    pub fn next_step(&self) -> NextStep {
        NextStep::of(self.issue.status)
    }
}

/// The next step of an issue, as its author reads it on `/account`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    /// Waits for moderation before anyone else sees it.
    Moderation,
    /// Waits for the secretariat: an agenda or an OPD.
    Decision,
    /// Will be discussed on Friday.
    Dialogue,
    /// An OPD works on it.
    Opd,
    /// Resolved: confirm or reopen.
    Confirm,
    /// Nothing more happens.
    Done,
}

impl NextStep {
    pub fn of(status: IssueStatus) -> Self {
        use IssueStatus::*;
        match status {
            Submitted => Self::Moderation,
            Published | Discussed | Reopened => Self::Decision,
            OnAgenda => Self::Dialogue,
            Assigned | InProgress => Self::Opd,
            Resolved => Self::Confirm,
            Closed | Rejected | Merged | Withdrawn => Self::Done,
        }
    }
}
