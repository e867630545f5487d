//! `application/x-www-form-urlencoded` bodies, decoded as the WHATWG URL standard says.
//!
//! Written here rather than pulled in as a dependency: it is twenty lines, and the one
//! decision that matters for a verifier is ours to make — bytes that are not UTF-8 after
//! percent-decoding are refused instead of being replaced with U+FFFD (a replaced value
//! would no longer be what was sent).

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};

const P: Provider = Provider::Sepay;

/// The `name=value` pairs of `body`, in order, repeats kept.
pub fn parse_form(body: &[u8]) -> Result<Vec<(String, String)>> {
    body.split(|&b| b == b'&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let (name, value) = match piece.iter().position(|&b| b == b'=') {
                Some(i) => (&piece[..i], &piece[i + 1..]),
                None => (piece, &piece[piece.len()..]),
            };
            Ok((decode_component(name)?, decode_component(value)?))
        })
        .collect()
}

/// `+` is a space, `%XX` is a byte; a `%` not followed by two hex digits stays as it is.
pub fn decode_component(raw: &[u8]) -> Result<String> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                raw.get(i + 1).and_then(|&b| hex_digit(b)),
                raw.get(i + 2).and_then(|&b| hex_digit(b)),
            ) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| {
        HooksealError::new(
            P,
            ErrorCode::SchemaMismatch,
            "a form field is not UTF-8 once percent-decoded",
        )
        .with_hint("SePay sends UTF-8; a body in another charset cannot be typed")
    })
}

fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(body: &str) -> Vec<(String, String)> {
        parse_form(body.as_bytes()).unwrap()
    }

    #[test]
    fn decodes_plus_percent_and_keeps_order_and_repeats() {
        assert_eq!(
            pairs("a=1&b=x+y%2Bz&&c&a=%C3%A9&d="),
            [
                ("a".into(), "1".into()),
                ("b".into(), "x y+z".into()),
                ("c".into(), String::new()),
                ("a".into(), "é".into()),
                ("d".into(), String::new()),
            ]
        );
    }

    #[test]
    fn broken_escapes_stay_literal_and_equals_in_value_is_kept() {
        assert_eq!(
            pairs("a=%&b=%4&c=%zz&d=1=2"),
            [
                ("a".into(), "%".into()),
                ("b".into(), "%4".into()),
                ("c".into(), "%zz".into()),
                ("d".into(), "1=2".into()),
            ]
        );
    }

    #[test]
    fn not_utf8_is_refused_not_replaced() {
        assert_eq!(
            parse_form(b"a=%FF").unwrap_err().code,
            ErrorCode::SchemaMismatch
        );
        assert_eq!(
            parse_form(b"a=\xff").unwrap_err().code,
            ErrorCode::SchemaMismatch
        );
        assert!(parse_form(b"").unwrap().is_empty());
    }
}
