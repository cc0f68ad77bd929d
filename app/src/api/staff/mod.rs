//! The staff room and the secretariat's inbox.

pub mod costs;
pub mod inbox;
pub mod overview;

pub use costs::get_cost_totals;
pub use inbox::get_inbox;
pub use overview::get_staff_overview;
