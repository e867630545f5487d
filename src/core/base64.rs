//! Base64 (RFC 4648), standard and URL-safe alphabets, with the padding rules of the `base64`
//! crate's engines, which hookseal used before: the same texts are accepted and refused.
//!
//! Why not that crate: its fast engine, decode tables and error type cost 4 to 6 kB of every
//! wasm, for texts of a few hundred bytes at most (signatures, digests, one PEM key). This is
//! a bit accumulator and a `match`. Refusals carry no detail: every caller reports "not
//! base64" in its own words. `tests` compares both on every short text over the alphabets.

/// Which two symbols stand for 62 and 63.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alphabet {
    /// `+` and `/`.
    Standard,
    /// `-` and `_`.
    UrlSafe,
}

/// What decoding requires of the trailing `=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Padding {
    /// Present, and as many as the last group needs (`STANDARD`, `URL_SAFE`).
    Canonical,
    /// Absent (`STANDARD_NO_PAD`, `URL_SAFE_NO_PAD`).
    Absent,
    /// Either canonical or absent; also a lone `=` after three symbols
    /// (`DecodePaddingMode::Indifferent`).
    Either,
}

fn value(b: u8, alphabet: Alphabet) -> Option<u32> {
    let v = match (b, alphabet) {
        (b'A'..=b'Z', _) => b - b'A',
        (b'a'..=b'z', _) => b - b'a' + 26,
        (b'0'..=b'9', _) => b - b'0' + 52,
        (b'+', Alphabet::Standard) | (b'-', Alphabet::UrlSafe) => 62,
        (b'/', Alphabet::Standard) | (b'_', Alphabet::UrlSafe) => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Decodes `text`; `None` for a symbol outside the alphabet, misplaced or wrong padding, a
/// length that cannot be base64, or set bits after the last whole byte (non-canonical).
pub fn decode(text: &[u8], alphabet: Alphabet, padding: Padding) -> Option<Vec<u8>> {
    let n = text.len();
    // Padding ends the text and sits in its last group (the last 4 bytes, or the bytes after
    // the last whole 4), after at least two symbols of it.
    let symbols = text.iter().position(|&b| b == b'=').unwrap_or(n);
    let pads = n - symbols;
    if pads > 0 {
        let last_group = if n % 4 == 0 {
            n.saturating_sub(4)
        } else {
            n - n % 4
        };
        let padded_only = text.get(symbols..)?.iter().all(|&b| b == b'=');
        if !padded_only || symbols < last_group + 2 {
            return None;
        }
    }
    // One symbol alone cannot make a byte.
    if symbols % 4 == 1 {
        return None;
    }
    let padding_ok = match padding {
        Padding::Canonical => n % 4 == 0,
        Padding::Absent => pads == 0,
        Padding::Either => true,
    };
    if !padding_ok {
        return None;
    }
    let mut out = Vec::with_capacity(symbols / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in text.get(..symbols)? {
        acc = acc << 6 | value(b, alphabet)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // The bits after the last byte must be zero: otherwise two texts would mean one value.
    (acc == 0).then_some(out)
}

/// Standard alphabet, padded.
pub fn encode(bytes: &[u8]) -> String {
    fn symbol(v: u32) -> char {
        let v = (v & 63) as u8;
        char::from(match v {
            0..=25 => b'A' + v,
            26..=51 => b'a' + (v - 26),
            52..=61 => b'0' + (v - 52),
            62 => b'+',
            _ => b'/',
        })
    }
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let group = b(0) << 16 | b(1) << 8 | b(2);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(symbol(group >> (18 - 6 * i)));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use base64::engine::general_purpose::{
        GeneralPurpose, GeneralPurposeConfig, STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD,
    };
    use base64::engine::DecodePaddingMode;
    use base64::Engine as _;

    use super::*;

    const INDIFFERENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );

    fn engines() -> [(&'static GeneralPurpose, Alphabet, Padding); 5] {
        [
            (&STANDARD, Alphabet::Standard, Padding::Canonical),
            (&STANDARD_NO_PAD, Alphabet::Standard, Padding::Absent),
            (&URL_SAFE, Alphabet::UrlSafe, Padding::Canonical),
            (&URL_SAFE_NO_PAD, Alphabet::UrlSafe, Padding::Absent),
            (&INDIFFERENT, Alphabet::Standard, Padding::Either),
        ]
    }

    fn agree(text: &[u8]) {
        for (engine, alphabet, padding) in engines() {
            assert_eq!(
                decode(text, alphabet, padding),
                engine.decode(text).ok(),
                "{:?} {alphabet:?} {padding:?}",
                String::from_utf8_lossy(text)
            );
        }
    }

    /// Every text of up to 6 bytes over a set of symbols that covers every rule (both
    /// alphabets' extra symbols, padding, bytes with set trailing bits, an outsider).
    #[test]
    fn decodes_like_the_base64_crate_exhaustively() {
        const SYMBOLS: &[u8] = b"AQgw/+-_=9 \n";
        let mut text = Vec::new();
        fn walk(text: &mut Vec<u8>, depth: usize) {
            agree(text);
            if depth == 0 {
                return;
            }
            for &s in SYMBOLS {
                text.push(s);
                walk(text, depth - 1);
                text.pop();
            }
        }
        walk(&mut text, 6);
    }

    #[test]
    fn decodes_like_the_base64_crate_on_encodings() {
        for len in 0..70usize {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 151 + 7) as u8).collect();
            let std = encode(&bytes);
            assert_eq!(std, STANDARD.encode(&bytes));
            let url = URL_SAFE.encode(&bytes);
            for text in [
                std.clone(),
                std.trim_end_matches('=').to_string(),
                url.clone(),
                url.trim_end_matches('=').to_string(),
                format!("{std}="),
                format!("={std}"),
                std.replacen('A', "=", 1),
                format!("{}==", std.trim_end_matches('=')),
            ] {
                agree(text.as_bytes());
            }
        }
    }
}
