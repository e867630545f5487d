//! The one error type every verifier returns.
//!
//! Each variant of [`ErrorCode`] maps to a stable string code that JavaScript users switch on
//! (`err.code`). Messages are for humans and may change; codes may not.

use std::fmt;

/// Stable failure codes, as listed in DESIGN.md. Adding one is an API change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The argument is not a raw body / header bag / option of the accepted kind.
    InvalidInput,
    /// The body is larger than the verifier's `maxBodyBytes`.
    BodyTooLarge,
    /// The body (or a signed part of it) is not valid JSON / UTF-8.
    InvalidJson,
    /// A member that decides what is verified appears twice.
    DuplicateKey,
    /// A header the scheme needs is absent.
    MissingHeader,
    /// The delivery carries no signature where one is required.
    MissingSignature,
    /// The signature is present but cannot be decoded.
    MalformedSignature,
    /// The signature decodes but does not match any secret or key.
    SignatureMismatch,
    /// An API key or bearer token does not match any configured one.
    CredentialsMismatch,
    /// A timestamp could not be read.
    TimestampInvalid,
    /// The timestamp is older than the tolerance allows.
    TimestampTooOld,
    /// The timestamp is further in the future than the tolerance allows.
    TimestampInFuture,
    /// A configured secret is empty or unusable.
    InvalidSecret,
    /// A configured public key cannot be read.
    InvalidKey,
    /// The verified body does not have the shape the provider documents.
    SchemaMismatch,
}

impl ErrorCode {
    /// Every code, in DESIGN.md order (tests and docs iterate over it).
    pub const ALL: [ErrorCode; 15] = [
        ErrorCode::InvalidInput,
        ErrorCode::BodyTooLarge,
        ErrorCode::InvalidJson,
        ErrorCode::DuplicateKey,
        ErrorCode::MissingHeader,
        ErrorCode::MissingSignature,
        ErrorCode::MalformedSignature,
        ErrorCode::SignatureMismatch,
        ErrorCode::CredentialsMismatch,
        ErrorCode::TimestampInvalid,
        ErrorCode::TimestampTooOld,
        ErrorCode::TimestampInFuture,
        ErrorCode::InvalidSecret,
        ErrorCode::InvalidKey,
        ErrorCode::SchemaMismatch,
    ];

    /// The stable string users see as `err.code`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::BodyTooLarge => "body_too_large",
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::DuplicateKey => "duplicate_key",
            ErrorCode::MissingHeader => "missing_header",
            ErrorCode::MissingSignature => "missing_signature",
            ErrorCode::MalformedSignature => "malformed_signature",
            ErrorCode::SignatureMismatch => "signature_mismatch",
            ErrorCode::CredentialsMismatch => "credentials_mismatch",
            ErrorCode::TimestampInvalid => "timestamp_invalid",
            ErrorCode::TimestampTooOld => "timestamp_too_old",
            ErrorCode::TimestampInFuture => "timestamp_in_future",
            ErrorCode::InvalidSecret => "invalid_secret",
            ErrorCode::InvalidKey => "invalid_key",
            ErrorCode::SchemaMismatch => "schema_mismatch",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which provider's verifier raised an error (`err.provider` in JS).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Provider {
    /// Raised by shared code before any provider was involved (input conversion).
    Core,
    Seqino,
    Treezor,
    Sepay,
    Numeral,
}

impl Provider {
    pub const fn as_str(self) -> &'static str {
        match self {
            Provider::Core => "core",
            Provider::Seqino => "seqino",
            Provider::Treezor => "treezor",
            Provider::Sepay => "sepay",
            Provider::Numeral => "numeral",
        }
    }
}

/// A failure with a stable code, a human message and, where we can guess what the caller did
/// wrong, a hint that says how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HooksealError {
    pub code: ErrorCode,
    pub provider: Provider,
    pub message: String,
    pub hint: Option<String>,
}

impl HooksealError {
    // Not inlined: one copy per message type (`&str`, `String`) instead of the conversion and
    // the struct built at each of the ~150 call sites (numeral: -0.4 kB).
    #[inline(never)]
    pub fn new(provider: Provider, code: ErrorCode, message: impl Into<String>) -> Self {
        HooksealError {
            code,
            provider,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds the "what you probably did wrong" line.
    #[inline(never)]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Re-attributes an error raised by shared code to the provider whose verifier called it.
    pub fn for_provider(mut self, provider: Provider) -> Self {
        self.provider = provider;
        self
    }
}

impl fmt::Display for HooksealError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.code, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for HooksealError {}

/// Shorthand used throughout the crate.
pub type Result<T, E = HooksealError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_documented_snake_case_strings_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(
                s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{s}"
            );
            assert!(seen.insert(s), "duplicate code {s}");
        }
        assert_eq!(seen.len(), 15);
    }

    #[test]
    fn display_carries_code_message_and_hint() {
        let e = HooksealError::new(Provider::Seqino, ErrorCode::SignatureMismatch, "no match")
            .with_hint("check the secret");
        assert_eq!(
            e.to_string(),
            "[signature_mismatch] no match (hint: check the secret)"
        );
    }
}
