//! Decoding the text form of a signature into bytes.
//!
//! Providers (and the proxies in front of them) disagree on how a MAC is written: lowercase
//! or uppercase hex, standard or URL-safe base64 with or without padding, and a scheme prefix
//! such as `sha256=` or `v1=`. Decoding is strict about the alphabet and the length so that a
//! wrong guess is reported as such instead of as a mismatch.

use crate::core::base64::{self, Alphabet, Padding};

/// Which text encoding a signature uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureEncoding {
    Hex,
    Base64,
    /// Hex when the text is exactly the hex length of the digest, otherwise base64.
    Auto,
}

impl SignatureEncoding {
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "hex" => Some(Self::Hex),
            "base64" => Some(Self::Base64),
            "auto" => Some(Self::Auto),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hex => "hex",
            Self::Base64 => "base64",
            Self::Auto => "auto",
        }
    }
}

/// Why a signature text could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeProblem {
    Empty,
    /// A character outside the encoding's alphabet.
    NotHex,
    NotBase64,
    /// Decoded fine, but to the wrong number of bytes for the digest.
    WrongLength {
        got: usize,
        expected: usize,
    },
}

impl DecodeProblem {
    pub fn describe(&self) -> String {
        match self {
            DecodeProblem::Empty => "the signature is empty".into(),
            DecodeProblem::NotHex => "the signature is not hexadecimal".into(),
            DecodeProblem::NotBase64 => "the signature is not base64".into(),
            DecodeProblem::WrongLength { got, expected } => format!(
                "the signature decodes to {got} bytes, but an HMAC-SHA256 is {expected} bytes"
            ),
        }
    }
}

/// Scheme prefixes tolerated in front of a signature (`sha256=abcd…`, `v1=abcd…`).
pub const KNOWN_PREFIXES: [&str; 4] = ["sha256=", "sha-256=", "v1=", "v1,"];

/// Splits a known scheme prefix (ASCII case-insensitive) off the signature text.
pub fn split_prefix(text: &str) -> (Option<&'static str>, &str) {
    for prefix in KNOWN_PREFIXES {
        // `get` rather than indexing: a prefix length inside a multi-byte character is no
        // match, not a panic path (and str's slice-error formatting) in the wasm.
        let head = text.as_bytes().get(..prefix.len());
        if let (Some(head), Some(rest)) = (head, text.get(prefix.len()..)) {
            if head.eq_ignore_ascii_case(prefix.as_bytes()) {
                return (Some(prefix), rest);
            }
        }
    }
    (None, text)
}

/// Decodes `text` (already without prefix, surrounding whitespace trimmed) to exactly
/// `expected_len` bytes.
pub fn decode_digest(
    text: &str,
    encoding: SignatureEncoding,
    expected_len: usize,
) -> Result<Vec<u8>, DecodeProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DecodeProblem::Empty);
    }
    let bytes = match encoding {
        SignatureEncoding::Hex => decode_hex(text)?,
        SignatureEncoding::Base64 => decode_base64(text)?,
        SignatureEncoding::Auto => {
            if text.len() == expected_len * 2 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
                decode_hex(text)?
            } else if text.bytes().all(|b| b.is_ascii_hexdigit()) && text.len() % 2 == 0 {
                // Hex of the wrong length: say so rather than "not base64".
                decode_hex(text)?
            } else {
                decode_base64(text)?
            }
        }
    };
    if bytes.len() != expected_len {
        return Err(DecodeProblem::WrongLength {
            got: bytes.len(),
            expected: expected_len,
        });
    }
    Ok(bytes)
}

/// Hex in either case.
pub fn decode_hex(text: &str) -> Result<Vec<u8>, DecodeProblem> {
    let raw = text.as_bytes();
    if raw.len() % 2 != 0 {
        return Err(DecodeProblem::NotHex);
    }
    // (Written by index, the digit test inlined: at opt-level "z", `push` and `hex_value`
    // stayed calls, ~1 µs of every Seqino verify for a 64-digit signature.)
    let mut out = vec![0u8; raw.len() / 2];
    let digit = |i: usize| hex_value(raw.get(i).copied().unwrap_or(0)).ok_or(DecodeProblem::NotHex);
    let mut i = 0;
    while let Some(slot) = out.get_mut(i) {
        *slot = digit(2 * i)? << 4 | digit(2 * i + 1)?;
        i += 1;
    }
    Ok(out)
}

#[inline(always)]
fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Lowercase hex, the form most providers send.
pub fn encode_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

/// Standard base64 with padding.
pub fn encode_base64(bytes: &[u8]) -> String {
    base64::encode(bytes)
}

/// Standard or URL-safe alphabet, padded or not.
pub fn decode_base64(text: &str) -> Result<Vec<u8>, DecodeProblem> {
    let alphabet = if text.bytes().any(|b| b == b'-' || b == b'_') {
        Alphabet::UrlSafe
    } else {
        Alphabet::Standard
    };
    let padding = if text.ends_with('=') {
        Padding::Canonical
    } else {
        Padding::Absent
    };
    base64::decode(text.as_bytes(), alphabet, padding).ok_or(DecodeProblem::NotBase64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAC_HEX: &str = "0774c7717ffe7655f7e92a6ea129490cad878f177a4d9fab969f83783951a1d9";

    #[test]
    fn hex_in_any_case_and_auto() {
        let lower = decode_digest(MAC_HEX, SignatureEncoding::Hex, 32).unwrap();
        let upper = decode_digest(&MAC_HEX.to_uppercase(), SignatureEncoding::Hex, 32).unwrap();
        assert_eq!(lower, upper);
        assert_eq!(
            decode_digest(MAC_HEX, SignatureEncoding::Auto, 32).unwrap(),
            lower
        );
        assert_eq!(encode_hex(&lower), MAC_HEX);
    }

    #[test]
    fn base64_every_alphabet_and_padding() {
        let bytes: Vec<u8> = (0u8..32)
            .map(|i| i.wrapping_mul(37).wrapping_add(250))
            .collect();
        let std = encode_base64(&bytes);
        assert!(std.ends_with('='));
        let url = std.replace('+', "-").replace('/', "_");
        for text in [
            std.clone(),
            std.trim_end_matches('=').to_string(),
            url.clone(),
            url.trim_end_matches('=').to_string(),
        ] {
            assert_eq!(
                decode_digest(&text, SignatureEncoding::Base64, 32).unwrap(),
                bytes,
                "{text}"
            );
            assert_eq!(
                decode_digest(&text, SignatureEncoding::Auto, 32).unwrap(),
                bytes,
                "{text}"
            );
        }
    }

    #[test]
    fn problems_are_named() {
        assert_eq!(
            decode_digest("", SignatureEncoding::Auto, 32),
            Err(DecodeProblem::Empty)
        );
        assert_eq!(
            decode_digest("zz", SignatureEncoding::Hex, 32),
            Err(DecodeProblem::NotHex)
        );
        assert_eq!(
            decode_digest("abc", SignatureEncoding::Hex, 32),
            Err(DecodeProblem::NotHex)
        );
        assert_eq!(
            decode_digest("%%%%", SignatureEncoding::Base64, 32),
            Err(DecodeProblem::NotBase64)
        );
        assert_eq!(
            decode_digest(&MAC_HEX[..62], SignatureEncoding::Auto, 32),
            Err(DecodeProblem::WrongLength {
                got: 31,
                expected: 32
            })
        );
    }

    #[test]
    fn prefixes_split_case_insensitively() {
        assert_eq!(split_prefix("sha256=abc"), (Some("sha256="), "abc"));
        assert_eq!(split_prefix("SHA256=abc"), (Some("sha256="), "abc"));
        assert_eq!(split_prefix("v1=abc"), (Some("v1="), "abc"));
        assert_eq!(split_prefix("abc"), (None, "abc"));
        assert_eq!(split_prefix("sha"), (None, "sha"));
    }
}
