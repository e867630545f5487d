//! What a hand-made canonical form would look like, and where it parts from PHP's.
//!
//! The usual JavaScript recipe, `JSON.stringify(JSON.parse(body).object_payload)`, writes `/`
//! where PHP writes `\/`, and raw UTF-8 where PHP writes `\u00e9` or `\ud83d\ude00`; it also
//! rounds integers beyond 2^53. The escapes for `"`, `\`, `\b \f \n \r \t` and the other
//! control characters (`\u00XX`) are the same in both, and both leave DEL raw. So the "naive"
//! form is derived from PHP's canonical string by undoing exactly those two escapes; it
//! feeds `explain()` and the hint of a `signature_mismatch`.

use crate::core::json::js_output::{is_js_exact, is_unsafe_integer};

// Text is cut with `get` and `split_at_checked`, never `&s[a..b]`: the offsets are always on
// character boundaries, but an index's panic path formats chars and ranges with `Debug`,
// ~4 kB of the wasm for code that can never run.

/// The `JSON.stringify`-style form of a PHP canonical string (numbers left as they are).
pub fn naive_from_canonical(canonical: &str) -> String {
    let mut out = String::with_capacity(canonical.len());
    let mut rest = canonical;
    while let Some((head, tail)) = rest.find('\\').and_then(|at| rest.split_at_checked(at)) {
        out.push_str(head);
        let used = match unescape_php_only(tail) {
            Some((c, used)) => {
                out.push(c);
                used
            }
            None => {
                let used = escape_len(tail);
                out.push_str(tail.get(..used).unwrap_or(tail));
                used
            }
        };
        rest = tail.get(used..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// The first byte offset where the naive form differs from `canonical`, and how.
pub fn first_difference(canonical: &str) -> Option<(usize, String)> {
    let mut from = 0;
    while let Some(found) = canonical.get(from..).and_then(|rest| rest.find('\\')) {
        let at = from + found;
        let tail = canonical.get(at..).unwrap_or_default();
        if let Some((c, used)) = unescape_php_only(tail) {
            let php = tail.get(..used).unwrap_or(tail);
            return Some((
                at,
                // Quoted as they appear in the JSON text, not Debug-escaped (that doubled
                // the backslash: "\\u00c9").
                format!("PHP writes \"{php}\" where JSON.stringify writes \"{c}\""),
            ));
        }
        from = at + escape_len(tail);
    }
    None
}

/// Integer lexemes in `canonical` (outside strings) that `JSON.parse` would round.
pub fn unsafe_integers(canonical: &str) -> Vec<String> {
    let bytes = canonical.as_bytes();
    // Such an integer has 16 digits or more: a text without a run of 16 digits (found
    // looking at one byte in 16) has none, and is not read byte by byte. A refused delivery
    // asks this for its hint, so it runs on every forgery.
    if is_js_exact(bytes) {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut i = 0;
    let mut in_string = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 2,
                b'"' => {
                    in_string = false;
                    i += 1;
                }
                _ => i += 1,
            }
            continue;
        }
        if b == b'"' {
            in_string = true;
            i += 1;
        } else if b == b'-' || b.is_ascii_digit() {
            let start = i;
            while i < bytes.len()
                && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
            {
                i += 1;
            }
            let lexeme = canonical.get(start..i).unwrap_or_default();
            if is_unsafe_integer(lexeme.as_bytes()) {
                found.push(lexeme.to_string());
            }
        } else {
            i += 1;
        }
    }
    found
}

/// Length of the escape at `tail` (on its backslash) that is kept as is: the backslash and
/// the character after it (whole, so slicing stays on character boundaries).
fn escape_len(tail: &str) -> usize {
    1 + tail
        .get(1..)
        .and_then(|t| t.chars().next())
        .map_or(0, char::len_utf8)
}

/// At a backslash: the character when the escape is one JSON.stringify would not write
/// (`\/`, or `\uXXXX` for a non-ASCII character, a surrogate pair joined), and its length.
fn unescape_php_only(tail: &str) -> Option<(char, usize)> {
    let b = tail.as_bytes();
    match b.get(1)? {
        b'/' => Some(('/', 2)),
        b'u' => {
            let unit = hex4(b.get(2..6)?)?;
            if unit < 0x80 {
                return None;
            }
            if (0xd800..0xdc00).contains(&unit) && b.get(6..8) == Some(b"\\u") {
                let low = hex4(b.get(8..12)?)?;
                let c =
                    char::from_u32(0x10000 + ((unit - 0xd800) << 10) + (low.checked_sub(0xdc00)?))?;
                return Some((c, 12));
            }
            Some((char::from_u32(unit)?, 6))
        }
        _ => None,
    }
}

fn hex4(digits: &[u8]) -> Option<u32> {
    let text = std::str::from_utf8(digits).ok()?;
    u32::from_str_radix(text, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_difference_is_quoted_as_written() {
        let (at, what) = first_difference(r#"{"n":"\u00c9lodie","u":"a\/b"}"#).unwrap();
        assert_eq!(at, 6);
        assert_eq!(
            what,
            r#"PHP writes "\u00c9" where JSON.stringify writes "É""#
        );
    }

    #[test]
    fn undoes_only_the_php_specific_escapes() {
        let php = r#"{"a":"FR76\/1 \u00c9lodie \ud83d\ude00 \\\/ \" \n \u001f \u2028","n":12345678901234567890}"#;
        assert_eq!(
            naive_from_canonical(php),
            "{\"a\":\"FR76/1 Élodie 😀 \\\\/ \\\" \\n \\u001f \u{2028}\",\"n\":12345678901234567890}"
        );
        let (at, what) = first_difference(php).unwrap();
        assert_eq!(at, 10);
        assert_eq!(what, r#"PHP writes "\/" where JSON.stringify writes "/""#);
        assert_eq!(first_difference(r#"{"a":"\\ \" \u0001"}"#), None);
        assert_eq!(unsafe_integers(php), ["12345678901234567890"]);
        assert!(unsafe_integers(r#"["12345678901234567890",1.5,-9007199254740991]"#).is_empty());
        // Not PHP output, but never a panic: a backslash before a multibyte character.
        assert_eq!(naive_from_canonical("\\é\\"), "\\é\\");
        assert_eq!(first_difference("\\é\\"), None);
    }
}
