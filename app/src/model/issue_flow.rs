//! The issue's life as one state machine (DESIGN.md, "One pipeline, one state machine"):
//! which statuses count as open, closed, final, hidden or listed, and the one table of
//! legal transitions: who may make each, and from which statuses.
//!
//! This file decides; `server::issue_flow::transition` is the one writer that obeys it
//! (compare-and-set on the old status, with the history row in the same transaction).
//! Both halves are needed apart because the browser uses the status sets too (the list's
//! filter) and must not link the database.
//!
//! ```text
//! submitted -> published -> on_agenda -> discussed -> assigned -> in_progress -> resolved -> closed
//!      \-> rejected (with reason)   \-> merged(into other)   resolved -> reopened -> in_progress
//!      \-> withdrawn by its author (from submitted or published only)
//! ```

use serde::{Deserialize, Serialize};

/// Where an issue is in the pipeline of DESIGN.md.
///
/// On the server it is the `status` column's own type (stored as its `as_str` name), so a
/// value outside the enum can be neither written nor read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum IssueStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "submitted"))]
    Submitted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "published"))]
    Published,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "on_agenda"))]
    OnAgenda,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "discussed"))]
    Discussed,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "assigned"))]
    Assigned,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "in_progress"))]
    InProgress,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "resolved"))]
    Resolved,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "closed"))]
    Closed,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rejected"))]
    Rejected,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "merged"))]
    Merged,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "reopened"))]
    Reopened,
    /// Taken back by its author before it reached an agenda or an OPD.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "withdrawn"))]
    Withdrawn,
}

impl IssueStatus {
    pub const ALL: [IssueStatus; 12] = [
        Self::Submitted,
        Self::Published,
        Self::OnAgenda,
        Self::Discussed,
        Self::Assigned,
        Self::InProgress,
        Self::Resolved,
        Self::Closed,
        Self::Rejected,
        Self::Merged,
        Self::Reopened,
        Self::Withdrawn,
    ];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Published => "published",
            Self::OnAgenda => "on_agenda",
            Self::Discussed => "discussed",
            Self::Assigned => "assigned",
            Self::InProgress => "in_progress",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
            Self::Rejected => "rejected",
            Self::Merged => "merged",
            Self::Reopened => "reopened",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Its author may still change the issue: it is not on an agenda yet.
    pub fn editable(self) -> bool {
        matches!(self, Self::Submitted | Self::Published)
    }
}

/// Who makes a transition. The service that calls it has already checked the person (the
/// officer of that OPD, the author of that issue); the table checks the kind of actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssueActor {
    /// The Bupati's office (and the admin, who may act as it): agendas, outcomes,
    /// assignment, moderation.
    Secretariat,
    /// An officer of the lead OPD, through the follow-up.
    Opd,
    /// The resident who posted the issue: confirms or reopens a resolution.
    Author,
    /// The system itself: a background job (auto-close after silence) or a routing rule
    /// (a category that goes straight to its OPD on publication).
    System,
}

impl IssueActor {
    pub const ALL: [IssueActor; 4] = [Self::Secretariat, Self::Opd, Self::Author, Self::System];
}

/// Every way an issue's status may change. Each has one target status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssueTransition {
    /// The agenda it is on is locked.
    Schedule,
    /// Its session's outcome says it was not discussed (or an outcome is corrected): back
    /// to the pool for a later Friday.
    Unschedule,
    /// Discussed with no action for an OPD, or the lead OPD declined ("bukan wewenang"):
    /// the secretariat decides again.
    Discuss,
    /// Given to an OPD with a deadline.
    Assign,
    /// The lead OPD accepted it.
    Start,
    /// The lead OPD reports it done.
    Resolve,
    /// The author confirms the resolution, or stays silent past the confirmation window.
    Close,
    /// The author says the resolution did not solve it.
    Reopen,
    /// Refused by moderation, with a reason.
    Reject,
    /// A duplicate of another issue.
    Merge,
    /// Its author takes it back while nobody has acted on it yet.
    Withdraw,
}

use IssueActor::{Author, Opd, Secretariat, System};
use IssueStatus::{
    Assigned, Closed, Discussed, InProgress, Merged, OnAgenda, Published, Rejected, Reopened, Resolved, Submitted,
    Withdrawn,
};

/// Every status that is not final: moderation may still reject or merge from these.
const NOT_FINAL: &[IssueStatus] = &[
    Submitted, Published, OnAgenda, Discussed, Assigned, InProgress, Resolved, Reopened,
];

/// The table: each transition, the status it leads to, from which statuses it is legal,
/// and who may make it. Nothing else decides whether an issue's status may change.
const TABLE: &[(IssueTransition, IssueStatus, &[IssueStatus], &[IssueActor])] = &[
    (
        IssueTransition::Schedule,
        OnAgenda,
        &[Published, Reopened],
        &[Secretariat],
    ),
    // From discussed or assigned only while an outcome is corrected (its OPDs have not
    // started: the outcome service checks that).
    (
        IssueTransition::Unschedule,
        Published,
        &[OnAgenda, Discussed, Assigned],
        &[Secretariat],
    ),
    (
        IssueTransition::Discuss,
        Discussed,
        &[OnAgenda, Published, Assigned],
        &[Secretariat, Opd],
    ),
    (
        IssueTransition::Assign,
        Assigned,
        &[Published, OnAgenda, Discussed, Reopened],
        &[Secretariat, System],
    ),
    (IssueTransition::Start, InProgress, &[Assigned, Reopened], &[Opd]),
    (IssueTransition::Resolve, Resolved, &[InProgress, Reopened], &[Opd]),
    (IssueTransition::Close, Closed, &[Resolved], &[Author, System]),
    (IssueTransition::Reopen, Reopened, &[Resolved], &[Author]),
    (IssueTransition::Reject, Rejected, NOT_FINAL, &[Secretariat]),
    (IssueTransition::Merge, Merged, NOT_FINAL, &[Secretariat]),
    (IssueTransition::Withdraw, Withdrawn, &[Submitted, Published], &[Author]),
];

impl IssueTransition {
    pub const ALL: [IssueTransition; 11] = [
        Self::Schedule,
        Self::Unschedule,
        Self::Discuss,
        Self::Assign,
        Self::Start,
        Self::Resolve,
        Self::Close,
        Self::Reopen,
        Self::Reject,
        Self::Merge,
        Self::Withdraw,
    ];

    fn row(self) -> (IssueStatus, &'static [IssueStatus], &'static [IssueActor]) {
        TABLE
            .iter()
            .find(|(t, ..)| *t == self)
            .map(|(_, to, from, who)| (*to, *from, *who))
            // Every transition has its row: `every_transition_has_one_row` checks it.
            .unwrap_or((Published, &[], &[]))
    }

    /// The status this transition leads to.
    pub fn target(self) -> IssueStatus {
        self.row().0
    }

    /// Whether `actor` may make this transition from `from`.
    pub fn allows(self, from: IssueStatus, actor: IssueActor) -> bool {
        let (_, sources, actors) = self.row();
        sources.contains(&from) && actors.contains(&actor)
    }

    /// The transition that leads to `to`, if any does.
    pub fn to(to: IssueStatus) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.target() == to)
    }
}

impl IssueStatus {
    /// Nothing more happens to it: closed, rejected, merged into another issue, or
    /// withdrawn by its author. Such an issue takes no new comments, supports or moderation.
    pub fn is_final(self) -> bool {
        matches!(self, Closed | Rejected | Merged | Withdrawn)
    }

    /// Finished for the person who asked (Open311's `closed`): resolved or final.
    pub fn is_closed(self) -> bool {
        self == Resolved || self.is_final()
    }

    /// Still being worked on (Open311's `open`).
    pub fn is_open(self) -> bool {
        !self.is_closed()
    }

    /// Not shown in public lists, search or feeds: waiting for moderation, rejected,
    /// merged (its page sends readers to the original), or withdrawn.
    pub fn is_hidden(self) -> bool {
        matches!(self, Submitted | Rejected | Merged | Withdrawn)
    }

    /// Visible through Open311: everything once published (rejected and merged as
    /// `closed`), except what its author withdrew.
    pub fn is_public(self) -> bool {
        !matches!(self, Submitted | Withdrawn)
    }

    /// Offered as a filter of the public list: every status a listed issue can have.
    pub fn is_listed(self) -> bool {
        !self.is_hidden()
    }

    /// Waiting for the secretariat to decide what happens (an OPD may be given it now):
    /// published, discussed with no action yet, or reopened by its author.
    pub fn awaits_decision(self) -> bool {
        matches!(self, Published | Discussed | Reopened)
    }

    /// Statuses for which `pred` holds, for `IN (...)` filters.
    pub fn all_where(pred: fn(Self) -> bool) -> Vec<Self> {
        Self::ALL.into_iter().filter(|s| pred(*s)).collect()
    }

    /// The same, as stored.
    pub fn names_where(pred: fn(Self) -> bool) -> Vec<&'static str> {
        Self::all_where(pred).into_iter().map(Self::as_str).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_transition_has_one_row() {
        for t in IssueTransition::ALL {
            assert_eq!(TABLE.iter().filter(|(row, ..)| *row == t).count(), 1, "{t:?}");
        }
        assert_eq!(TABLE.len(), IssueTransition::ALL.len());
    }

    /// Every (status, transition, actor) triple, against the pipeline of DESIGN.md written
    /// out again here by hand.
    #[test]
    fn every_status_transition_and_actor_is_decided_by_the_table() {
        let legal = |from: IssueStatus, t: IssueTransition, who: IssueActor| -> bool {
            use IssueTransition as T;
            match t {
                T::Schedule => matches!(from, Published | Reopened) && who == Secretariat,
                T::Unschedule => matches!(from, OnAgenda | Discussed | Assigned) && who == Secretariat,
                T::Discuss => matches!(from, OnAgenda | Published | Assigned) && matches!(who, Secretariat | Opd),
                T::Assign => {
                    matches!(from, Published | OnAgenda | Discussed | Reopened) && matches!(who, Secretariat | System)
                }
                T::Start => matches!(from, Assigned | Reopened) && who == Opd,
                T::Resolve => matches!(from, InProgress | Reopened) && who == Opd,
                T::Close => from == Resolved && matches!(who, Author | System),
                T::Reopen => from == Resolved && who == Author,
                T::Reject | T::Merge => !from.is_final() && who == Secretariat,
                T::Withdraw => matches!(from, Submitted | Published) && who == Author,
            }
        };
        let mut allowed = 0;
        for from in IssueStatus::ALL {
            for t in IssueTransition::ALL {
                for who in IssueActor::ALL {
                    assert_eq!(t.allows(from, who), legal(from, t, who), "{from:?} {t:?} by {who:?}");
                    allowed += usize::from(t.allows(from, who));
                }
            }
        }
        assert_eq!(allowed, 44, "the number of legal moves changes only with this test");
    }

    #[test]
    fn nothing_leaves_a_final_status_and_a_transition_never_stays_put() {
        for from in IssueStatus::ALL.into_iter().filter(|s| s.is_final()) {
            for t in IssueTransition::ALL {
                for who in IssueActor::ALL {
                    assert!(!t.allows(from, who), "{from:?} {t:?}");
                }
            }
        }
        for t in IssueTransition::ALL {
            assert!(!t.allows(t.target(), IssueActor::Secretariat), "{t:?}");
            assert_eq!(IssueTransition::to(t.target()), Some(t));
        }
        assert_eq!(IssueTransition::to(Submitted), None, "posting is not a transition");
    }

    #[test]
    fn status_sets_match_open311_and_the_public_list() {
        assert_eq!(
            IssueStatus::names_where(IssueStatus::is_final),
            ["closed", "rejected", "merged", "withdrawn"]
        );
        assert_eq!(
            IssueStatus::names_where(IssueStatus::is_closed),
            ["resolved", "closed", "rejected", "merged", "withdrawn"]
        );
        assert_eq!(
            IssueStatus::names_where(IssueStatus::is_hidden),
            ["submitted", "rejected", "merged", "withdrawn"]
        );
        // Everything but what waits for moderation and what its author withdrew.
        assert_eq!(IssueStatus::names_where(IssueStatus::is_public).len(), 10);
        assert_eq!(
            IssueStatus::names_where(IssueStatus::is_listed),
            [
                "published",
                "on_agenda",
                "discussed",
                "assigned",
                "in_progress",
                "resolved",
                "closed",
                "reopened"
            ]
        );
        assert!(IssueStatus::Reopened.is_open() && !IssueStatus::Resolved.is_open());
    }
}
