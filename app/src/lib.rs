//! Minggon Jatinan's application crate: the pages (`ui`), the server functions they call
//! (`api`), the types that cross the wire (`model`), the translations (`i18n`) and, for the
//! server build only, the domain layer (`domain`).

pub mod api;
pub mod i18n;
pub mod model;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod domain;
