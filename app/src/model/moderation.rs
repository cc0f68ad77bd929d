//! Moderation as the pages see it: what can be flagged, what the secretariat can do, and
//! the queue of flagged or hidden items with the record of past actions.

use serde::{Deserialize, Serialize};

use super::ErrorCode;

/// What a flag or a moderation action is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum TargetKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "issue"))]
    Issue,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "comment"))]
    Comment,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Issue => "issue",
            Self::Comment => "comment",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "issue" => Some(Self::Issue),
            "comment" => Some(Self::Comment),
            _ => None,
        }
    }
}

/// What the secretariat does with a flagged (or any) item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum ModerationAction {
    /// Three flags from different people hid it.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "auto_hide"))]
    AutoHide,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "hide"))]
    Hide,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "restore"))]
    Restore,
    /// Issues only: refused, with the reason the author reads.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "reject"))]
    Reject,
    /// Issues only: a duplicate joins the original.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "merge"))]
    Merge,
}

impl ModerationAction {
    pub const CHOSEN: [Self; 4] = [Self::Hide, Self::Restore, Self::Reject, Self::Merge];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AutoHide => "auto_hide",
            Self::Hide => "hide",
            Self::Restore => "restore",
            Self::Reject => "reject",
            Self::Merge => "merge",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::AutoHide, Self::Hide, Self::Restore, Self::Reject, Self::Merge]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

pub const REASON_MIN: usize = 3;
pub const REASON_MAX: usize = 500;

/// A reason for a flag or a moderation action: required, folded, bounded.
pub fn parse_reason(raw: &str) -> Result<String, ErrorCode> {
    let reason = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let length = reason.chars().count();
    if reason.is_empty() {
        Err(ErrorCode::Required)
    } else if length < REASON_MIN {
        Err(ErrorCode::TooShort { min: REASON_MIN })
    } else if length > REASON_MAX {
        Err(ErrorCode::TooLong { max: REASON_MAX })
    } else {
        Ok(reason)
    }
}

/// One flagged or hidden item in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub kind: TargetKind,
    pub id: i32,
    /// The issue the item is (or belongs to), for the link.
    pub issue_id: i32,
    pub title: String,
    /// The comment's or issue's text, rendered and cleaned.
    pub excerpt_html: String,
    pub hidden: bool,
    /// Unresolved flags: who (name) and why.
    pub flags: Vec<(String, String)>,
}

/// One line of the moderation record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRecord {
    pub kind: TargetKind,
    pub target_id: i32,
    pub issue_id: Option<i32>,
    pub action: ModerationAction,
    /// `None` for the automatic hide.
    pub actor: Option<String>,
    pub reason: String,
    pub at_wib: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationQueue {
    pub items: Vec<QueueItem>,
    pub recent: Vec<ActionRecord>,
    /// Flags that hide an item (the `flags_to_hide` setting).
    pub flags_to_hide: i32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_required_and_bounded() {
        assert_eq!(parse_reason("  spam   iklan "), Ok("spam iklan".into()));
        assert_eq!(parse_reason(" "), Err(ErrorCode::Required));
        assert_eq!(parse_reason("ab"), Err(ErrorCode::TooShort { min: REASON_MIN }));
        assert!(parse_reason(&"x".repeat(REASON_MAX + 1)).is_err());
    }

    #[test]
    fn actions_round_trip() {
        for action in ModerationAction::CHOSEN {
            assert_eq!(ModerationAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(TargetKind::parse("comment"), Some(TargetKind::Comment));
        assert_eq!(TargetKind::parse("user"), None);
    }
}
