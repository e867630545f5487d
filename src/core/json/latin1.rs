//! A JSON text as Latin-1 bytes: the same value, in a form JavaScript turns into a string
//! without decoding UTF-8.
//!
//! Why: a verified body becomes the caller's object through `JSON.parse` of its text, and the
//! engines' UTF-8 decoders are slow on text that is not pure ASCII. Node 20 decodes a 2 KB
//! French invoice in ~9 µs (`TextDecoder` or `Buffer#toString`, ~225 MB/s), a third of the
//! `JSON.parse` that follows, while `Buffer#toString('latin1')` of the same length takes
//! ~0.4 µs and `JSON.parse` reads the one-byte string it makes as fast as the decoded one.
//! The bytes are already in wasm memory, so rewriting them here is the cheaper road.
//!
//! Characters up to U+00FF become one byte each; any other non-ASCII character becomes a
//! `\uXXXX` escape, which `JSON.parse` reads back as the same character. That is only the same
//! value because in valid JSON a non-ASCII character can only stand inside a string. U+0080 to
//! U+009F are escaped too, so that the bytes read the same under `windows-1252`, which the
//! Encoding standard (and so `TextDecoder('latin1')`) substitutes for Latin-1.
//!
//! Text that is not JSON stays not JSON, so that a caller may leave part of the syntax check
//! to `JSON.parse` of this form (Seqino's `verify`): a character kept as one byte is the same
//! UTF-16 unit either way, and an escape is refused wherever the character was (outside a
//! string, after `\u` and fewer than four hex digits), but one: right after a backslash that
//! opens an escape, `\—` (not JSON) would become `\\u2014` (an escaped backslash, then
//! `u2014`). There is no Latin-1 form of such text (`None`).

use crate::core::json_escape::unicode_escape;

/// The Latin-1 form of the JSON text `bytes`; `None` when they are not valid UTF-8 (where
/// `TextDecoder` substitutes U+FFFD: the caller leaves that case to it).
pub fn latin1_json(bytes: &[u8]) -> Option<Vec<u8>> {
    // One byte out per byte in, but for escapes (6 bytes for a 2- or 3-byte character, 12 for
    // a 4-byte one), which grow the buffer when they need room.
    let mut out = vec![0u8; bytes.len() + 16];
    let mut written = 0;
    let mut read = 0;
    // (Index loops with `get`, words as integers, the UTF-8 check done here rather than by
    // `str::from_utf8` first: at opt-level "z", `chars()`, `Vec::push` and `copy_from_slice`
    // stay calls, which made an earlier version slower than the decoder it replaces.)
    while read < bytes.len() {
        // Runs of ASCII, eight bytes at a time: most of every body, even a French or
        // Vietnamese one (member names, numbers, identifiers, punctuation).
        let word = bytes
            .get(read..read + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok());
        let slots = out
            .get_mut(written..written + 8)
            .and_then(|s| <&mut [u8; 8]>::try_from(s).ok());
        if let (Some(word), Some(slots)) = (word, slots) {
            // The whole word is copied; only its ASCII prefix counts (the rest is written
            // over), so a word with an accent in it still moves its ASCII bytes at once.
            *slots = word;
            let high = u64::from_le_bytes(word) & 0x8080_8080_8080_8080;
            if high == 0 {
                read += 8;
                written += 8;
                continue;
            }
            let ascii = (high.trailing_zeros() / 8) as usize;
            read += ascii;
            written += ascii;
        }
        if out.len() < written + 12 {
            out.resize(2 * out.len() + 12, 0);
        }
        let (code, len) = utf8_char(bytes, read)?;
        let one_byte = code < 0x80 || (0xa0..=0xff).contains(&code);
        // (Valid JSON never has a backslash there: no cost on it.)
        if !one_byte && opens_escape_before(bytes, read) {
            return None;
        }
        read += len;
        if one_byte {
            if let Some(slot) = out.get_mut(written) {
                *slot = code as u8;
            }
            written += 1;
        } else if code < 0x1_0000 {
            written = escape(&mut out, written, code);
        } else {
            // Beyond the BMP: a surrogate pair, as JSON escapes it.
            let above = code - 0x1_0000;
            written = escape(&mut out, written, 0xd800 | above >> 10);
            written = escape(&mut out, written, 0xdc00 | (above & 0x3ff));
        }
    }
    out.truncate(written);
    Some(out)
}

/// Whether the bytes before `at` end with a backslash that opens an escape (the last of an odd
/// run: in an even one, each pair is an escaped backslash).
fn opens_escape_before(bytes: &[u8], at: usize) -> bool {
    let before = bytes.get(..at).unwrap_or_default();
    before.iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// The character starting at `at` and its length in bytes, when a well-formed UTF-8 sequence
/// starts there (Unicode's table 3-7: no overlong form, no surrogate, nothing beyond U+10FFFF).
#[inline(always)]
fn utf8_char(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    let byte = |k: usize| bytes.get(at + k).copied().unwrap_or(0);
    let lead = byte(0);
    // The length, and the range of the second byte (which is where overlong forms,
    // surrogates and code points beyond U+10FFFF show).
    let (len, second) = match lead {
        0x00..=0x7f => return Some((u32::from(lead), 1)),
        0xc2..=0xdf => (2, 0x80..=0xbf),
        0xe0 => (3, 0xa0..=0xbf),
        0xe1..=0xec | 0xee..=0xef => (3, 0x80..=0xbf),
        0xed => (3, 0x80..=0x9f),
        0xf0 => (4, 0x90..=0xbf),
        0xf1..=0xf3 => (4, 0x80..=0xbf),
        0xf4 => (4, 0x80..=0x8f),
        _ => return None,
    };
    if !second.contains(&byte(1)) {
        return None;
    }
    let mut code = u32::from(lead) & (0x7f >> len);
    for k in 1..len {
        let b = byte(k);
        if k > 1 && !(0x80..=0xbf).contains(&b) {
            return None;
        }
        code = code << 6 | u32::from(b & 0x3f);
    }
    Some((code, len))
}

/// Writes `\uXXXX` for the code unit `unit` at `at` (room checked by the caller); returns the
/// position after it.
fn escape(out: &mut [u8], at: usize, unit: u32) -> usize {
    if let Some(slots) = out
        .get_mut(at..at + 6)
        .and_then(|s| <&mut [u8; 6]>::try_from(s).ok())
    {
        *slots = unicode_escape(unit);
    }
    at + 6
}

#[cfg(test)]
mod tests {
    use super::latin1_json;

    /// The Latin-1 bytes as the string JavaScript makes of them (one char per byte).
    fn as_latin1(bytes: &[u8]) -> String {
        bytes.iter().map(|&b| char::from(b)).collect()
    }

    #[test]
    fn the_latin1_form_parses_to_the_same_value() {
        for text in [
            r#"{}"#,
            r#"{"name":"Société Générale de Conseil","label":"n°12 — été"}"#,
            r#"{"description":"Thanh toán đơn hàng DH102969","amount":2277000}"#,
            r#"["😀","12345678😀12345678","1234567é","12345678é",""]"#,
            "[\"\u{7f}\u{80}\u{9f}\u{a0}\u{ff}\u{100}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}\"]",
            // Non-ASCII member names, and escapes already in the text.
            r#"{"clé":"\u00e9\"\\","€":[1.5e3,-0,true,null]}"#,
            "{\"line\":\"a\u{2028}b\u{2029}c\"}",
        ] {
            let ours = latin1_json(text.as_bytes()).unwrap();
            let expected: serde_json::Value = serde_json::from_str(text).unwrap();
            let got: serde_json::Value = serde_json::from_str(&as_latin1(&ours)).unwrap();
            assert_eq!(got, expected, "{text}");
            // Nothing a windows-1252 decoder reads differently from Latin-1.
            assert!(!ours.iter().any(|b| (0x80..=0x9f).contains(b)), "{text}");
        }
    }

    #[test]
    fn ascii_and_latin1_characters_keep_one_byte_each() {
        assert_eq!(latin1_json(b"{\"a\":\"b/c\"}").unwrap(), b"{\"a\":\"b/c\"}");
        assert_eq!(
            latin1_json("\"été\"".as_bytes()).unwrap(),
            b"\"\xe9t\xe9\"".to_vec()
        );
        assert_eq!(
            latin1_json("\"—😀\u{85}\"".as_bytes()).unwrap(),
            b"\"\\u2014\\ud83d\\ude00\\u0085\"".to_vec()
        );
        // Escapes beyond the first guess of the length: the buffer grows.
        let many = "\"".to_string() + &"—".repeat(500) + "\"";
        let ours = latin1_json(many.as_bytes()).unwrap();
        assert_eq!(ours.len(), 2 + 6 * 500);
    }

    /// What `latin1_json` must give, character by character: `None` for invalid UTF-8 and for
    /// a backslash opening an escape (the last of an odd run) before a character that would
    /// be escaped; else each character kept as one byte or written as `\uXXXX` units.
    fn expected_form(bytes: &[u8]) -> Option<String> {
        let text = std::str::from_utf8(bytes).ok()?;
        let mut run = 0;
        let after_escape_start = text.chars().any(|c| {
            let escaped = matches!(u32::from(c), 0x80..=0x9f | 0x100..);
            let hit = escaped && run % 2 == 1;
            run = if c == '\\' { run + 1 } else { 0 };
            hit
        });
        if after_escape_start {
            return None;
        }
        Some(
            text.chars()
                .flat_map(|c| match u32::from(c) {
                    0x80..=0x9f | 0x100.. => {
                        let mut units = [0u16; 2];
                        c.encode_utf16(&mut units)
                            .iter()
                            .map(|u| format!("\\u{u:04x}"))
                            .collect::<Vec<_>>()
                    }
                    _ => vec![c.to_string()],
                })
                .collect(),
        )
    }

    #[test]
    fn every_short_sequence_gets_std_s_utf8_verdict_and_character() {
        // Every sequence of one to three bytes, and four-byte ones around each boundary.
        let check = |bytes: &[u8]| {
            assert_eq!(
                latin1_json(bytes).map(|o| as_latin1(&o)),
                expected_form(bytes),
                "{bytes:x?}"
            );
        };
        for a in 0..=255u8 {
            check(&[a]);
            for b in 0..=255u8 {
                check(&[a, b]);
                for c in 0..=255u8 {
                    check(&[a, b, c]);
                }
            }
        }
        for a in 0xf0..=0xf5u8 {
            for b in 0x7f..=0xc0u8 {
                for c in [0x7f, 0x80, 0xbf, 0xc0] {
                    for d in [0x7f, 0x80, 0xa5, 0xbf, 0xc0] {
                        check(&[a, b, c, d]);
                        check(&[b'x', a, b, c, d, b'y']);
                    }
                }
            }
        }
    }

    /// Text that is not JSON must not become JSON (the caller's `JSON.parse` may be the
    /// syntax check): a backslash opening an escape before a character that would be escaped.
    #[test]
    fn a_backslash_opening_an_escape_before_an_escaped_character_has_no_form() {
        for text in ["\"\\—\"", "\"a\\\\\\😀\"", "\"\\\u{85}\"", "[\"x\"\\—]"] {
            assert!(
                serde_json::from_str::<serde::de::IgnoredAny>(text).is_err(),
                "{text}"
            );
            assert_eq!(latin1_json(text.as_bytes()), None, "{text}");
        }
        // An escaped backslash, then the character: JSON, with its form.
        for text in ["\"\\\\—\"", "\"\\\\\\\\😀\"", "\"\\\\é\\\\\""] {
            assert!(
                serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok(),
                "{text}"
            );
            assert!(latin1_json(text.as_bytes()).is_some(), "{text}");
        }
        // A backslash before a character kept as one byte: not JSON either way.
        assert_eq!(
            latin1_json("\"\\é\"".as_bytes()).unwrap(),
            b"\"\\\xe9\"".to_vec()
        );
    }

    /// The loop reads eight bytes at a time, then one: each kind of sequence, valid or not,
    /// at every position within and across those words, and at the end.
    #[test]
    fn sequences_at_every_offset_of_the_ascii_blocks() {
        let sequences: [&[u8]; 14] = [
            "é".as_bytes(),
            "°".as_bytes(),
            "\u{a0}".as_bytes(),
            "ÿ".as_bytes(),
            "\u{85}".as_bytes(),
            "—".as_bytes(),
            "😀".as_bytes(),
            "é—é".as_bytes(),
            b"\\\xe2\x80\x94", // a backslash opening an escape, then a dash
            b"\xc3",           // a lead byte alone
            b"\xc3(",          // a lead byte before ASCII
            b"\xc0\xaf",       // an overlong '/'
            b"\xed\xa0\x80",   // a surrogate
            b"\xc2\xc3\xa9",   // a lead byte before a character
        ];
        for sequence in sequences {
            for before in 0..40 {
                for after in [0, 1, 7, 8, 9, 15, 16, 17, 31] {
                    let mut bytes = b"{\"k\":\"".repeat(before / 6 + 1);
                    bytes.truncate(before);
                    bytes.extend_from_slice(sequence);
                    bytes.extend(std::iter::repeat_n(b'x', after));
                    assert_eq!(
                        latin1_json(&bytes).map(|o| as_latin1(&o)),
                        expected_form(&bytes),
                        "{bytes:x?}"
                    );
                }
            }
        }
    }

    #[test]
    fn invalid_utf8_is_left_to_the_caller() {
        for bytes in [
            &b"\"\xff\""[..],
            b"\"12345678\xc3\"",
            b"\"\xed\xa0\x80\"", // a surrogate, which UTF-8 never encodes
            b"\"\xc0\xaf\"",     // an overlong '/'
            b"\"abc\xf4\x90\x80\x80\"",
        ] {
            assert_eq!(latin1_json(bytes), None, "{bytes:?}");
        }
    }
}
