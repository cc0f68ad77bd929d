//! Posting and changing an issue.

mod create;
mod update;

pub use create::{NewIssueInput, Posting, create, insert};
pub use update::{draft, update};
