//! Accounts as the browser sees them, and the rules for what people type to make one.

use serde::{Deserialize, Serialize};

use super::ErrorCode;

/// What a person may do; see DESIGN.md's table of roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Role {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "resident"))]
    Resident,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "operator"))]
    Operator,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "secretariat"))]
    Secretariat,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "opd_officer"))]
    OpdOfficer,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "admin"))]
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Self::Resident,
        Self::Operator,
        Self::Secretariat,
        Self::OpdOfficer,
        Self::Admin,
    ];

    /// The stable name stored in the database and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Resident => "resident",
            Self::Operator => "operator",
            Self::Secretariat => "secretariat",
            Self::OpdOfficer => "opd_officer",
            Self::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Staff see the staff pages; residents do not.
    pub fn is_staff(self) -> bool {
        !matches!(self, Self::Resident)
    }

    /// The secretariat (and the admin) moderate: hide, restore, reject and merge.
    pub fn moderates(self) -> bool {
        matches!(self, Self::Secretariat | Self::Admin)
    }

    /// The secretariat's inbox is read by the secretariat, the admin and operators.
    pub fn reads_inbox(self) -> bool {
        matches!(self, Self::Secretariat | Self::Admin | Self::Operator)
    }
}

/// The signed-in person, as the pages need them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub email_verified: bool,
    /// For those who read the secretariat's inbox: how many issues wait for a decision.
    pub inbox_waiting: Option<u64>,
}

pub const EMAIL_MAX: usize = 254;
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;
/// A one-time code as typed: six digits, perhaps with a space in the middle.
pub const OTP_MAX: usize = 10;
pub const NAME_MAX: usize = 100;

/// Trims and lower-cases an address and checks its shape (one `@`, a dotted domain, no
/// spaces). Deliverability is proven by the verification email, not here.
pub fn parse_email(raw: &str) -> Result<String, ErrorCode> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(ErrorCode::Required);
    }
    if email.chars().count() > EMAIL_MAX {
        return Err(ErrorCode::TooLong { max: EMAIL_MAX });
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(ErrorCode::InvalidEmail);
    };
    let shaped = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\".contains(c));
    if shaped {
        Ok(email)
    } else {
        Err(ErrorCode::InvalidEmail)
    }
}

/// A password is any text of 8 to 128 characters; spaces are allowed (passphrases).
pub fn check_password(raw: &str) -> Result<(), ErrorCode> {
    let len = raw.chars().count();
    if len == 0 {
        Err(ErrorCode::Required)
    } else if len < PASSWORD_MIN {
        Err(ErrorCode::TooShort { min: PASSWORD_MIN })
    } else if len > PASSWORD_MAX {
        Err(ErrorCode::TooLong { max: PASSWORD_MAX })
    } else {
        Ok(())
    }
}

/// A display name: trimmed, 1 to 100 characters, no control characters.
pub fn parse_name(raw: &str) -> Result<String, ErrorCode> {
    let name: String = raw.trim().chars().filter(|c| !c.is_control()).collect();
    if name.is_empty() {
        Err(ErrorCode::Required)
    } else if name.chars().count() > NAME_MAX {
        Err(ErrorCode::TooLong { max: NAME_MAX })
    } else {
        Ok(name)
    }
}

/// The second-factor settings of a staff account: on, or a new secret to add to an app.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TwoFactorSetup {
    pub enabled: bool,
    /// Base32, to type into an authenticator app (empty when enabled).
    pub secret: String,
    /// The `otpauth://` link that opens the app with it (empty when enabled).
    pub url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_is_trimmed_and_lowercased() {
        assert_eq!(parse_email("  Siti@Batang.Go.ID "), Ok("siti@batang.go.id".into()));
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "siti",
            "siti@",
            "@batang.id",
            "siti@batang",
            "si ti@batang.id",
            "a@b@c.id",
            "a@.id",
            "<a>@b.id",
        ] {
            assert_eq!(parse_email(bad), Err(ErrorCode::InvalidEmail), "{bad}");
        }
        assert_eq!(parse_email("   "), Err(ErrorCode::Required));
    }

    #[test]
    fn passwords_have_a_length_range() {
        assert_eq!(check_password(""), Err(ErrorCode::Required));
        assert_eq!(check_password("pendek"), Err(ErrorCode::TooShort { min: PASSWORD_MIN }));
        assert_eq!(check_password("kata sandi panjang"), Ok(()));
        assert_eq!(
            check_password(&"x".repeat(129)),
            Err(ErrorCode::TooLong { max: PASSWORD_MAX })
        );
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(parse_name("  Siti Aminah "), Ok("Siti Aminah".into()));
        assert_eq!(parse_name(" "), Err(ErrorCode::Required));
        assert_eq!(parse_name(&"a".repeat(101)), Err(ErrorCode::TooLong { max: NAME_MAX }));
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("bupati"), None);
    }
}
