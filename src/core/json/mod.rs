//! Raw JSON handling that never goes through a map or a float.
//!
//! - [`members`]: the top-level members of an object as raw slices of the body, with duplicate
//!   keys detected (a verifier must know *which* bytes it verified).
//! - [`js_output`]: the compact JSON text handed to `JSON.parse` on the JS side, with integers
//!   beyond 2^53 turned into strings so no digit is lost.

pub mod js_output;
pub mod members;

use crate::core::error::{ErrorCode, HooksealError, Provider};

/// Turns a serde_json parse error into the coded error, keeping serde's line and column.
pub fn invalid_json(provider: Provider, what: &str, err: &serde_json::Error) -> HooksealError {
    HooksealError::new(
        provider,
        ErrorCode::InvalidJson,
        format!("{what} is not valid JSON: {err}"),
    )
}

/// serde_json stops at depth 128 on its own; this turns that into a clearer message.
pub fn classify_parse_error(
    provider: Provider,
    what: &str,
    err: &serde_json::Error,
) -> HooksealError {
    let text = err.to_string();
    if text.contains("recursion limit") {
        return HooksealError::new(
            provider,
            ErrorCode::InvalidJson,
            format!("{what} nests deeper than 128 levels"),
        )
        .with_hint("no provider sends JSON this deep; the delivery is malformed or hostile");
    }
    if text.contains("duplicate field") {
        return HooksealError::new(provider, ErrorCode::DuplicateKey, format!("{what} has a member twice: {err}"))
            .with_hint("a body with two copies of a member is refused: one copy could be verified and the other used");
    }
    if err.is_data() {
        return HooksealError::new(
            provider,
            ErrorCode::SchemaMismatch,
            format!("{what} does not have the documented shape: {err}"),
        );
    }
    invalid_json(provider, what, err)
}

/// The coded error for a failed typed parse of `input`. A typed parse stops at the first
/// shape problem, which may come before a syntax error further on; so on a shape error the
/// whole input is checked for syntax first, and invalid JSON is reported as such.
pub fn parse_error(
    provider: Provider,
    what: &str,
    input: &[u8],
    err: &serde_json::Error,
) -> HooksealError {
    if err.is_data() {
        if let Err(syntax) = serde_json::from_slice::<serde::de::IgnoredAny>(input) {
            return classify_parse_error(provider, what, &syntax);
        }
    }
    classify_parse_error(provider, what, err)
}

/// Whether the byte range of `inner` lies inside `outer`, and where. `inner` must be a slice
/// borrowed from `outer` (serde_json's borrowed `RawValue`s are).
pub fn span_within(outer: &[u8], inner: &str) -> Option<std::ops::Range<usize>> {
    let start = (inner.as_ptr() as usize).checked_sub(outer.as_ptr() as usize)?;
    let end = start.checked_add(inner.len())?;
    (end <= outer.len()).then_some(start..end)
}

/// True when `code` is the InvalidJson code (helper for tests of several modules).
pub fn is_json_error(e: &HooksealError) -> bool {
    e.code == ErrorCode::InvalidJson
}
