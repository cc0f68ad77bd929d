//! The one error type of every server function. It carries codes, not sentences: the page
//! turns a code into a message in the reader's language (see `i18n`).

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Why a field (or the whole form, field `""`) was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorCode {
    Required,
    TooLong {
        max: usize,
    },
    TooShort {
        min: usize,
    },
    InvalidEmail,
    EmailTaken,
    WrongCredentials,
    AccountDisabled,
    UnknownCategory,
    UnknownOpd,
    UnknownRegion,
    DesaNotInKecamatan,
    TokenInvalid,
    PasswordsDiffer,
    UnknownLanguage,
    UnknownPrivacy,
    EditWindowClosed,
    InvalidPhone,
    PhotoUnreadable,
    PhotoTooLarge {
        max_mb: usize,
    },
    TooManyPhotos {
        max: usize,
    },
    PointOutsideBatang,
    /// Similar issues exist: the resident is shown them and confirms posting anyway.
    PossibleDuplicate,
    CannotMergeIntoItself,
    UnknownIssue,
    InvalidSlug,
    SlugTaken,
    InvalidRegionCode,
    UnknownRegionKind,
    UnknownParentRegion,
    /// A CSV import stopped at this line (1 is the header).
    CsvLine {
        line: usize,
    },
    OpdRequired,
    CannotChangeOwnAccount,
    InvalidDate,
    InvalidTime,
    OutOfRange {
        min: i32,
        max: i32,
    },
    InvalidLink,
    CutoffAfterStart,
    InThePast,
    /// A session's change (reschedule, cancel) needs a reason people will read.
    ReasonRequired,
    AgendaEmpty,
    UnknownHolidayKind,
    /// A value that is not one of the offered choices.
    UnknownChoice,
    /// An amount of rupiah that is not a whole, positive number.
    InvalidAmount,
    /// The action does not fit the current stage (resolve before accept, say).
    NotNow,
    /// An OPD code that is not upper-case letters, digits and dashes.
    InvalidOpdCode,
    /// A password from the list of the most common ones.
    CommonPassword,
    /// The server's disk has no room for the photo; nothing of it was kept.
    PhotoStorageFull,
    /// The account asks for a code from its authenticator app.
    TotpRequired,
    /// The code is wrong, too old, or was used already.
    TotpInvalid,
    /// The password typed to confirm is not this account's.
    WrongPassword,
    /// Only a resident deletes their own account; a staff account is closed by an admin.
    StaffCannotDeleteSelf,
    /// A code sent over WhatsApp is wrong, too old, used already, or tried too often.
    CodeInvalid,
    /// The WhatsApp number belongs to another account already.
    PhoneTaken,
    /// The WhatsApp channel is not set up on this site.
    WhatsAppOff,
    /// A push subscription to a service the site does not send to (or not over HTTPS).
    PushServiceRefused,
    /// A push subscription whose keys are not a P-256 point and a 16-byte secret.
    PushKeysInvalid,
    /// Push is on for as many devices as an account may have.
    TooManyDevices {
        max: usize,
    },
}

/// One refused field: `field` is the form field's `name`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: ErrorCode,
}

impl FieldError {
    pub fn new(field: &str, code: ErrorCode) -> Self {
        Self {
            field: field.to_owned(),
            code,
        }
    }
}

/// Every failure a server function can report. Internal causes are logged on the server and
/// never serialized: the browser sees only `Internal`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("sign in first")]
    Unauthorized,
    #[error("verify your email address first")]
    EmailNotVerified,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("internal error")]
    Internal,
    /// The database cannot be reached; nothing was changed.
    #[error("service unavailable")]
    Unavailable,
    #[error("request could not be read: {0}")]
    Transport(String),
    /// Too many actions of one kind in a short time; try again after the given minutes.
    #[error("too many requests")]
    RateLimited { minutes: u32 },
}

impl AppError {
    /// A single-field validation error.
    pub fn field(field: &str, code: ErrorCode) -> Self {
        Self::Invalid(vec![FieldError::new(field, code)])
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            Self::Unauthorized => 401,
            Self::EmailNotVerified | Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::Invalid(_) => 422,
            Self::Transport(_) => 400,
            Self::RateLimited { .. } => 429,
            Self::Internal => 500,
            Self::Unavailable => 503,
        }
    }

    /// The field errors, empty for errors about the whole request.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            Self::Invalid(fields) => fields,
            _ => &[],
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self::Transport(value.to_string())
    }
}

/// Collects field errors while validating a whole form, so that every problem is reported
/// at once instead of one per submit.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: &str, code: ErrorCode) {
        self.0.push(FieldError::new(field, code));
    }

    /// Records the error of a field parser, keeping the parsed value when it succeeded.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, ErrorCode>) -> Option<T> {
        parsed.map_err(|code| self.add(field, code)).ok()
    }

    pub fn into_result(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}
