//! Issues as pages read them: the list and one issue.

mod list;
mod page;

pub use list::{FeedEntry, count_by_status, feed, form_options, list, similar_summaries};
pub(crate) use list::{SummaryRow, similar, summary};
pub use page::get;
