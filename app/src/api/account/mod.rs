//! Accounts: register, verify, sign in and out, reset a password, choose a language.

pub mod forgot;
pub mod language;
pub mod login;
pub mod logout;
pub mod register;
pub mod reset;
pub mod verify;
pub mod viewer;

pub use forgot::RequestPasswordReset;
pub use language::SetLanguage;
pub use login::Login;
pub use logout::Logout;
pub use register::Register;
pub use reset::ResetPassword;
pub use verify::verify_email;
pub use viewer::get_viewer;
