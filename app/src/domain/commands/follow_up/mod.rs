//! OPD follow-up: assignment, the OPD's steps and the author's answer, each a
//! compare-and-set on the follow-up's state; the lead follow-up moves the status.

mod act;
mod assign;
mod record;
mod recount;

pub use act::{ActInput, act, act_in};
pub(crate) use assign::route_on_publication;
pub use assign::{AssignInput, assign};
pub(crate) use record::{NewFollowUps, create, record};
pub use recount::recompute_deadlines;
