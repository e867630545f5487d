//! Checks on configured secrets, done once when a verifier is built.
//!
//! The most common integration bug is a secret copied with a trailing newline or space (from
//! an `.env` file or a dashboard). Such a secret can never match, and the failure would only
//! show per delivery as `signature_mismatch`; refusing it at construction says what is wrong.

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};

/// Refuses an empty secret or one with leading/trailing whitespace. `what` names the option
/// (`secret`, `apiKey`, …) in the message.
pub fn check_secret_text(provider: Provider, what: &str, secret: &str) -> Result<()> {
    if secret.is_empty() {
        return Err(HooksealError::new(
            provider,
            ErrorCode::InvalidSecret,
            format!("`{what}` is empty"),
        )
        .with_hint("pass the secret the provider gave you when the webhook was created"));
    }
    if secret.trim() != secret {
        return Err(HooksealError::new(
            provider,
            ErrorCode::InvalidSecret,
            format!("`{what}` starts or ends with whitespace"),
        )
        .with_hint("the secret was probably copied with a newline or space; trim it"));
    }
    Ok(())
}

/// At least one secret, each passing [`check_secret_text`].
pub fn check_secret_list(provider: Provider, what: &str, secrets: &[String]) -> Result<()> {
    if secrets.is_empty() {
        return Err(HooksealError::new(
            provider,
            ErrorCode::InvalidSecret,
            format!("no `{what}` was given"),
        )
        .with_hint("pass one secret, or an array of several during a rotation"));
    }
    secrets
        .iter()
        .try_for_each(|s| check_secret_text(provider, what, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_whitespace_and_missing_are_refused() {
        assert!(check_secret_text(Provider::Seqino, "secret", "abc").is_ok());
        for bad in ["", " abc", "abc\n", "\tabc"] {
            assert_eq!(
                check_secret_text(Provider::Seqino, "secret", bad)
                    .unwrap_err()
                    .code,
                ErrorCode::InvalidSecret
            );
        }
        assert_eq!(
            check_secret_list(Provider::Seqino, "secret", &[])
                .unwrap_err()
                .code,
            ErrorCode::InvalidSecret
        );
    }
}
