//! Compact JSON text for `JSON.parse`, exact for every number.
//!
//! Handing JS a JSON string and letting its native parser build the object is the fast path
//! (see bench/). The one thing `JSON.parse` gets wrong for money is integers beyond 2^53: it
//! rounds them. So integer lexemes beyond ±(2^53 − 1) are written as strings; every other
//! token is copied byte for byte, only insignificant whitespace is dropped. Numbers with a
//! fraction or exponent are left as numbers (providers send money as decimal strings).

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};

const MAX_SAFE_INTEGER: &[u8] = b"9007199254740991";

/// Appends the JS-safe compact form of `json` (already validated JSON) to `out`.
pub fn write_js_json(provider: Provider, json: &[u8], out: &mut String) -> Result<()> {
    let mut buf = Vec::with_capacity(json.len());
    let mut i = 0;
    while i < json.len() {
        let b = json[i];
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'"' => {
                let end = string_end(json, i).ok_or_else(|| unterminated(provider))?;
                buf.extend_from_slice(&json[i..end]);
                i = end;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                i += 1;
                while i < json.len()
                    && matches!(json[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                {
                    i += 1;
                }
                let lexeme = &json[start..i];
                if is_unsafe_integer(lexeme) {
                    buf.push(b'"');
                    buf.extend_from_slice(lexeme);
                    buf.push(b'"');
                } else {
                    buf.extend_from_slice(lexeme);
                }
            }
            _ => {
                buf.push(b);
                i += 1;
            }
        }
    }
    // Only whole tokens were copied from valid UTF-8 input, so this cannot fail for valid
    // input; invalid input is reported, never unwrapped.
    let text = String::from_utf8(buf).map_err(|_| {
        HooksealError::new(
            provider,
            ErrorCode::InvalidJson,
            "the JSON text is not valid UTF-8",
        )
    })?;
    out.push_str(&text);
    Ok(())
}

/// Convenience form returning a new string.
pub fn to_js_json(provider: Provider, json: &[u8]) -> Result<String> {
    let mut out = String::with_capacity(json.len());
    write_js_json(provider, json, &mut out)?;
    Ok(out)
}

/// Index just past the closing quote of the string starting at `start`.
fn string_end(json: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < json.len() {
        match json[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

fn unterminated(provider: Provider) -> HooksealError {
    HooksealError::new(
        provider,
        ErrorCode::InvalidJson,
        "a JSON string is not terminated",
    )
}

/// An integer lexeme (no fraction, no exponent) whose magnitude exceeds 2^53 − 1.
pub fn is_unsafe_integer(lexeme: &[u8]) -> bool {
    let digits = lexeme.strip_prefix(b"-").unwrap_or(lexeme);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    match digits.len().cmp(&MAX_SAFE_INTEGER.len()) {
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => digits > MAX_SAFE_INTEGER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn js(s: &str) -> String {
        to_js_json(Provider::Core, s.as_bytes()).unwrap()
    }

    #[test]
    fn compacts_and_keeps_every_lexeme() {
        assert_eq!(
            js(" { \"a\" : [ 1 , 2.50 , -0 , 1e3 ] ,\n\t\"b\" : \"x y \\\" z\" } "),
            r#"{"a":[1,2.50,-0,1e3],"b":"x y \" z"}"#
        );
    }

    #[test]
    fn integers_beyond_2_pow_53_become_strings() {
        assert_eq!(
            js("[9007199254740991,9007199254740992,-9007199254740992,12345678901234567890]"),
            r#"[9007199254740991,"9007199254740992","-9007199254740992","12345678901234567890"]"#
        );
        assert_eq!(
            js("[1.5e300, 12345678901234567890.5]"),
            "[1.5e300,12345678901234567890.5]"
        );
    }

    #[test]
    fn strings_that_look_like_numbers_or_whitespace_are_untouched() {
        assert_eq!(
            js(r#"{"n":"12345678901234567890","s":"  "}"#),
            r#"{"n":"12345678901234567890","s":"  "}"#
        );
    }

    #[test]
    fn unterminated_string_is_an_error_not_a_panic() {
        assert!(to_js_json(Provider::Core, b"\"abc\\").is_err());
        assert!(to_js_json(Provider::Core, b"\"\xff\"").is_err());
    }
}
