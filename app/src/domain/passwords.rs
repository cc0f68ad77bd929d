//! Rules for a new password beyond its length (`model::account::check_password`): it may not
//! be one of the most common passwords, from the list shipped in `data/common-passwords.txt`.
//! Checked on the server only, so the list never reaches the browser bundle.

use std::{collections::HashSet, sync::LazyLock};

use crate::model::{ErrorCode, account::check_password};

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("data/common-passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// A password someone chooses now: long enough, not too long, and not a common one
/// (compared without regard to case or the spaces around it).
pub fn check_new_password(raw: &str) -> Result<(), ErrorCode> {
    check_password(raw)?;
    if COMMON.contains(raw.trim().to_lowercase().as_str()) {
        return Err(ErrorCode::CommonPassword);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_common_passwords_are_refused_whatever_their_case() {
        for common in [
            "password",
            "12345678",
            "Password1",
            "bismillah",
            "IndoNesia",
            "qwertyuiop",
            "batang123",
        ] {
            assert_eq!(check_new_password(common), Err(ErrorCode::CommonPassword), "{common}");
        }
    }

    #[test]
    fn an_uncommon_password_passes_and_length_still_counts() {
        assert_eq!(check_new_password("kata sandi siti"), Ok(()));
        assert_eq!(check_new_password("abc"), Err(ErrorCode::TooShort { min: 8 }));
        assert!(COMMON.len() > 8000);
    }
}
