//! The admin's work on reference data, keys, mail, accounts and thresholds. Admin only;
//! every change is one transaction.

mod accounts;
mod api_keys;
mod catalogue;
mod csv_rows;
mod holidays;
mod mail;
mod regions;
mod settings;

pub use accounts::update_account;
pub use api_keys::{API_KEY_PREFIX, issue_api_key, revoke_api_key};
pub use catalogue::{CategoryInput, OpdInput, save_category, save_opd};
pub use holidays::{delete_holiday, import_holidays, save_holiday};
pub use mail::{allow_address, retry_mail};
pub use regions::{import_regions, save_region};
pub use settings::save_settings;
