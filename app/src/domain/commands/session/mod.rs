//! The Friday dialogue sessions: scheduling, planning by rule, registering to attend, and
//! the live hour (the console's steps, notes and the speaker queue).

mod attendance;
mod edit;
mod live;
mod plan;
mod polls;
mod registration;
mod speakers;

pub use attendance::mark_attendance;
pub use edit::{SessionInput, cancel, create, update};
pub(crate) use live::changed as live_changed;
pub(crate) use live::ring as ring_live;
pub use live::{LIVE_CHANNEL, live_step, save_notes, take_up};
pub use plan::{PlanInput, generate, preview};
pub use polls::{answer_poll, close_poll, open_poll};
pub(crate) use registration::free_place;
pub use registration::{register, unregister};
pub use speakers::{add_speaker, call_next_speaker, mark_spoken};
