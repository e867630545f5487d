//! Raw JSON handling that never goes through a map or a float.
//!
//! - [`members`]: the top-level members of an object as raw slices of the body, with duplicate
//!   keys detected (a verifier must know *which* bytes it verified).
//! - [`RawJson`]: one value's exact text, as those readers give it (not serde's `RawValue`).
//! - [`value`]: a whole document as a `serde_json::Value`, read without serde's typed
//!   machinery.
//! - [`js_output`]: the compact JSON text handed to `JSON.parse` on the JS side, with integers
//!   beyond 2^53 turned into strings so no digit is lost.
//! - [`writer`]: compact JSON text of a `Serialize` value (diagnoses), without serde_json.
//! - [`latin1`]: a verified JSON text as Latin-1 bytes, for a JS string made without UTF-8
//!   decoding.

pub mod js_output;
pub mod latin1;
pub mod members;
mod raw;
pub mod value;
pub mod writer;

pub use raw::RawJson;

use crate::core::error::{ErrorCode, HooksealError, Provider};
use crate::core::wire_shape::scan::{Cursor, Strings};
use crate::core::wire_shape::Problem;

/// Checks that `input` is one JSON value (whitespace around it allowed) with the verdict of
/// `serde_json::from_slice::<IgnoredAny>`: syntax only, at any depth, strings scanned (escapes
/// and control characters checked, UTF-8 not), numbers of any magnitude. With the crate's own
/// lexer, so that serde_json's reader stays out of the wasm.
pub fn check_syntax(provider: Provider, what: &str, input: &[u8]) -> Result<(), HooksealError> {
    let mut cur = Cursor::new(input);
    let problem = match cur.skip_value(Strings::Scan, 0) {
        Ok(()) if cur.skip_ws().is_none() => return Ok(()),
        Ok(()) => "more text after the value",
        Err(Problem::Json(detail)) => detail,
        // Scanning neither decodes nor limits depth; no other problem can come from it.
        Err(_) => "expected a value",
    };
    Err(HooksealError::new(
        provider,
        ErrorCode::InvalidJson,
        format!(
            "{what} is not valid JSON: {problem} (at byte {})",
            cur.pos()
        ),
    ))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    /// `check_syntax` accepts exactly what `serde_json::from_slice::<IgnoredAny>` accepts.
    #[test]
    fn check_syntax_agrees_with_serde_json() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let mut inputs: Vec<&[u8]> = vec![
            b"null",
            b" true ",
            b"{}",
            b"[]",
            b"{\"a\":[1,2.5e3,-0,\"x\"]}",
            b"1E400",
            b"\"\xff\xfe\"",
            b"\"\\ud800\"",
            b"{\"\\ud800\":1}",
            b"",
            b" ",
            b"{",
            b"[1,]",
            b"{\"a\":1,}",
            b"{\"a\" 1}",
            b"[1 2]",
            b"01",
            b"1.",
            b"-",
            b"\"\x01\"",
            b"nul",
            b"1 2",
            b"{\"a\":1}x",
            b"\"\\x\"",
            b"\"\\u12\"",
            b"{1:2}",
            b"[}",
            b"\"abc",
        ];
        inputs.push(deep.as_bytes());
        for input in inputs {
            let ours = check_syntax(Provider::Numeral, "it", input);
            let serde = serde_json::from_slice::<serde::de::IgnoredAny>(input);
            assert_eq!(
                ours.is_ok(),
                serde.is_ok(),
                "{:?}",
                String::from_utf8_lossy(input)
            );
            if let Err(e) = ours {
                assert_eq!(e.code, ErrorCode::InvalidJson);
                assert!(
                    e.message.starts_with("it is not valid JSON: "),
                    "{}",
                    e.message
                );
            }
        }
    }
}
