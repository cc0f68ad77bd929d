//! Issues: post, list, read, withdraw, and the choices of the posting form.

pub mod create;
pub mod draft;
pub mod follow;
pub mod form_options;
pub mod get;
pub mod list;
pub mod similar;
pub mod support;
pub mod update;
pub mod withdraw;

pub use create::CreateIssue;
pub use draft::get_issue_draft;
pub use follow::FollowIssue;
pub use form_options::get_issue_form_options;
pub use get::get_issue;
pub use list::list_issues;
pub use similar::similar_issues;
pub use support::SupportIssue;
pub use update::UpdateIssue;
pub use withdraw::WithdrawIssue;
