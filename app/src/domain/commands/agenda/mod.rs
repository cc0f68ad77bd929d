//! A session's agenda: building and locking it, then its outcomes and minutes.

mod build;
mod outcome;

pub use build::{add, arrange, lock, set_slot};
pub use outcome::{OutcomeInput, mark_held, publish_minutes, record_outcome};
