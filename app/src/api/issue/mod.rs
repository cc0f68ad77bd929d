//! Issues: post, list, read, and the choices of the posting form.

pub mod create;
pub mod form_options;
pub mod get;
pub mod list;

pub use create::CreateIssue;
pub use form_options::get_issue_form_options;
pub use get::get_issue;
pub use list::list_issues;
