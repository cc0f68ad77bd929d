//! The staff room.

pub mod overview;

pub use overview::get_staff_overview;
