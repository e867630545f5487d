//! Whether JSON text is already in PHP's `json_encode` form: the fixed points of
//! `php_json::write_canonical`, found without writing anything.
//!
//! A Treezor body is `json_encode` output, so its `object_payload` is usually the signed
//! string byte for byte. Checking that is one read with no output: the verifier then hashes
//! the payload as it lies in the body instead of rewriting it into the HMAC.
//!
//! The contract, pinned by `tests/proptest_php_canonical.rs` against the writer itself: for
//! text that the envelope reader accepted as one JSON value (`core::wire_shape::scan`),
//! `is_php_canonical(text)` is true exactly when `write_canonical(text)` succeeds and writes
//! `text` unchanged.

use super::json_escape::{hex4, SHORT_ESCAPE};
use super::php_json::{ESCAPE, MAX_DEPTH};

/// True when `json` (one JSON value, syntax already checked) is exactly what
/// `php_json::write_canonical` would write for it.
pub fn is_php_canonical(json: &[u8]) -> bool {
    let mut i = 0;
    let mut depth = 0usize;
    while i < json.len() {
        match json[i] {
            b'"' => match string_end(json, i + 1) {
                Some(end) => i = end,
                None => return false,
            },
            // The writer drops whitespace between tokens.
            b' ' | b'\t' | b'\n' | b'\r' => return false,
            b'{' | b'[' => {
                depth += 1;
                // The writer refuses what `json_decode` refuses.
                if depth > MAX_DEPTH {
                    return false;
                }
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            // Numbers, literals, `:` and `,` are copied as they are.
            _ => i += 1,
        }
    }
    true
}

/// After the string whose content starts at `start`: the index past its closing quote, or
/// `None` when the writer would write it differently (or refuse it).
#[inline(always)]
pub(crate) fn string_end(json: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    loop {
        i = plain_end(json, i);
        match json.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i = escape_end(json, i)?,
            // A raw `/`, non-ASCII or control byte: PHP escapes each of them.
            _ => return None,
        }
    }
}

/// The end of the run from `start` of bytes the writer copies as they are: ASCII that
/// `json_encode` does not escape (the stop bytes are `"`, `\`, `/`, controls, non-ASCII).
/// Eight bytes at a time; see `wire_shape::scan::plain_end` for why the lowest flag of a word
/// is exact.
#[inline(always)]
pub(crate) fn plain_end(bytes: &[u8], start: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x;
    let mut i = start;
    while let Some(word) = bytes
        .get(i..i + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
    {
        let w = u64::from_le_bytes(word);
        let stop = (zero_byte(w ^ (ONES * u64::from(b'"')))
            | zero_byte(w ^ (ONES * u64::from(b'\\')))
            | zero_byte(w ^ (ONES * u64::from(b'/')))
            | (w.wrapping_sub(ONES * 0x20) & !w)
            | w)
            & HIGH;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] < 0x80 && ESCAPE[usize::from(bytes[i])] == 0 {
        i += 1;
    }
    i
}

/// After the escape at `at` (its backslash), when it is the writer's own spelling of the
/// character it encodes. Inlined: Treezor's payloads escape every `/` and accent (516
/// escapes in bench/'s 22 KB delivery), and inlining it made that delivery's `isValid` ~1.03x
/// faster (paired A/B), for +0.6 kB gzip.
#[inline(always)]
pub(crate) fn escape_end(json: &[u8], at: usize) -> Option<usize> {
    match json.get(at + 1)? {
        // The writer's short escapes: exactly these characters, spelt this way.
        &c if SHORT_ESCAPE[usize::from(c)] != 0 => Some(at + 2),
        b'u' => {
            let unit = lower_hex4(json, at + 2)?;
            match unit {
                // ASCII: only the controls without a short escape are written `\u00XX`.
                0..=0x7f => (ESCAPE[unit as usize] == b'u').then_some(at + 6),
                // A high surrogate must be followed by a low one, spelt the same way.
                0xd800..=0xdbff => {
                    if json.get(at + 6..at + 8)? != b"\\u" {
                        return None;
                    }
                    let low = lower_hex4(json, at + 8)?;
                    (0xdc00..=0xdfff).contains(&low).then_some(at + 12)
                }
                // A lone low surrogate: the writer refuses it.
                0xdc00..=0xdfff => None,
                _ => Some(at + 6),
            }
        }
        _ => None,
    }
}

/// Four hex digits at `at` in PHP's lowercase spelling.
#[inline(always)]
fn lower_hex4(json: &[u8], at: usize) -> Option<u32> {
    hex4(json, at)
        .filter(|digits| digits.lowercase)
        .map(|digits| u32::from(digits.unit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::Provider;
    use crate::core::php_json::to_canonical_string;

    /// The contract on one text: a fixed point of the writer, and nothing else.
    fn agrees(json: &str) -> bool {
        let fixed =
            to_canonical_string(Provider::Treezor, json.as_bytes()).is_ok_and(|c| c == json);
        assert_eq!(is_php_canonical(json.as_bytes()), fixed, "{json}");
        fixed
    }

    #[test]
    fn php_output_is_a_fixed_point() {
        for json in [
            r#"{"payins":[{"payinId":"8513424","userFirstname":"\u00c9lodie","DbtrIBAN":"FR76\/1","emoji":"\ud83d\ude00","amount":"17.01"}]}"#,
            r#"["\u0000\u001f","\b\f\n\r\t","\"\\\/","\u2028\u2029","\u00e9\uffff"]"#,
            "[\"\x7f\"]",
            r#"{"a":[],"b":{},"c":null,"d":true,"e":false,"f":-1.5e+300,"g":0,"h":""}"#,
            "\"a long string of plain ASCII with no escape in it at all, longer than a word\"",
            "12345678901234567890",
        ] {
            assert!(agrees(json), "{json}");
        }
    }

    #[test]
    fn anything_php_would_spell_otherwise_is_not() {
        for json in [
            // Whitespace between tokens, kept inside strings only.
            r#"{"a": 1}"#,
            "[1,\n2]",
            " 1",
            // Characters PHP escapes, written raw.
            r#"["FR76/1"]"#,
            r#"["Élodie"]"#,
            r#"["😀"]"#,
            // Escapes PHP spells another way.
            r#"["\u00C9"]"#,
            r#"["\u0041"]"#,
            r#"["\u0022"]"#,
            r#"["\u002f"]"#,
            r#"["\u0009"]"#,
            r#"["\u007f"]"#,
            r#"["\u001F"]"#,
            r#"["\uD83D\uDE00"]"#,
            r#"["\ud83d\uDE00"]"#,
            // Refused by the writer: lone surrogates.
            r#"["\ud83d"]"#,
            r#"["\ud83dx"]"#,
            r#"["\ud83d\u0041"]"#,
            r#"["\ude00"]"#,
            // A slash deep in a long plain run, past the first words.
            r#"["abcdefghijklmnopqrstuvwxyz/0123456789"]"#,
        ] {
            assert!(!agrees(json), "{json}");
        }
    }

    #[test]
    fn nesting_is_refused_where_the_writer_refuses_it() {
        let at_limit = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(agrees(&at_limit));
        let beyond = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(!agrees(&beyond));
    }

    #[test]
    fn truncated_escapes_are_not_canonical() {
        for json in [&b"[\"\\u00e"[..], b"[\"\\", b"[\"abc", b"[\"\\ud83d\\ude0"] {
            assert!(!is_php_canonical(json));
        }
    }
}
