//! A session's agenda: building and locking it, then its outcomes and minutes.

mod build;
mod floor;
mod outcome;

pub(crate) use build::set_status;
pub use build::{add, arrange, lock, set_slot};
pub use floor::{FloorInput, add_from_floor};
pub use outcome::{OutcomeInput, mark_held, publish_minutes, record_outcome};
