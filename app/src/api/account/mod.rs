//! Accounts: register, verify, sign in and out, reset a password, choose a language,
//! choose which mail arrives (or turn one kind off from a link in it), sign in or link a
//! number with a code sent over WhatsApp, turn push notices on for a device, the person's
//! own page, and deleting the account.

pub mod forgot;
pub mod language;
pub mod login;
pub mod logout;
pub mod logout_everywhere;
pub mod me;
pub mod notifications;
pub mod push;
pub mod register;
pub mod reset;
pub mod two_factor;
pub mod verify;
pub mod viewer;
pub mod whatsapp;

pub use forgot::RequestPasswordReset;
pub use language::SetLanguage;
pub use login::Login;
pub use logout::Logout;
pub use logout_everywhere::LogoutEverywhere;
pub use me::{DeleteAccount, get_my_account};
pub use notifications::{SaveMailPreferences, Unsubscribe, get_mail_preferences, get_unsubscribe};
pub use push::{RemovePush, SubscribePush, get_push_devices};
pub use register::Register;
pub use reset::ResetPassword;
pub use two_factor::{DisableTwoFactor, EnableTwoFactor, get_two_factor_setup};
pub use verify::verify_email;
pub use viewer::get_viewer;
pub use whatsapp::{
    AddEmail, LinkWhatsapp, SendWhatsappCode, SendWhatsappLinkCode, WhatsAppLink, WhatsappSignIn, get_whatsapp_link,
    whatsapp_on,
};
