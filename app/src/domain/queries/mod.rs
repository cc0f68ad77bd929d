//! Queries shared by commands, views and jobs: reference data, sessions and agendas by id,
//! holidays, the admin's thresholds, who is asking, and the time helpers (UTC <-> WIB).

pub mod accounts;
pub mod agenda;
pub mod holidays;
pub mod opds;
pub mod phones;
pub mod photos;
pub mod places;
pub mod polls;
pub mod reference;
pub mod sessions;
pub mod settings;
pub mod time;
