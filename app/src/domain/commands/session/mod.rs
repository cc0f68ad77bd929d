//! The Friday dialogue sessions: scheduling, planning by rule, registering to attend.

mod attendance;
mod edit;
mod plan;
mod registration;

pub use attendance::mark_attendance;
pub use edit::{SessionInput, cancel, create, update};
pub use plan::{PlanInput, generate, preview};
pub(crate) use registration::free_place;
pub use registration::{register, unregister};
