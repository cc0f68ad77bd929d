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
    /// Follow-ups overdue by `ESCALATE_AFTER_DAYS` or more (secretariat and admin only).
    pub escalated: Vec<OverdueItem>,
    /// Whether the reader is shown the escalation list at all.
    pub sees_escalation: bool,
    /// The secretariat, the admin and officers download CSV exports.
    pub can_export: bool,
    /// OPDs to filter the export by (empty for an officer: their own OPD only).
    pub export_opds: Vec<OpdChoice>,
}
