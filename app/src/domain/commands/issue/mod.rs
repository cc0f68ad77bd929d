//! Posting, changing and withdrawing an issue.

mod create;
mod update;
mod withdraw;

pub use create::{NewIssueInput, Posting, create, insert, insert_in};
pub(crate) use create::{validate, write};
pub use update::{draft, update};
pub use withdraw::withdraw;
