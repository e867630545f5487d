//! JSON's string escapes, read without a `match` per byte. The short-escape table serves the
//! three readers of escaped text (the shape walk's lexer, the PHP canonical writer and its
//! fixed-point check); the `\uXXXX` digit reader the last two (the lexer keeps its own byte
//! loop: in Numeral's wasm, at the edge of its 60 kB gzip budget, sharing it cost 0.1 kB).
//!
//! Treezor's bodies are `json_encode` output: every `/` and every non-ASCII character is an
//! escape, a dozen in a typical transaction: each is read with a table lookup or a few
//! arithmetic steps instead of a `match` per byte.

/// The byte each short escape (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`) stands for,
/// indexed by the byte after the backslash; 0 for every other byte (`u` included).
pub(crate) static SHORT_ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[b'/' as usize] = b'/';
    table[b'b' as usize] = 0x08;
    table[b'f' as usize] = 0x0c;
    table[b'n' as usize] = b'\n';
    table[b'r' as usize] = b'\r';
    table[b't' as usize] = b'\t';
    table
};

/// The escape `\uXXXX` for the UTF-16 code unit `unit`, in lowercase hex as PHP's
/// `json_encode` spells it: the one spelling of the writers here (the PHP canonical form and
/// the Latin-1 form handed to JavaScript).
#[inline(always)]
pub(crate) fn unicode_escape(unit: u32) -> [u8; 6] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hex = |shift: u32| HEX[((unit >> shift) & 0xf) as usize];
    [b'\\', b'u', hex(12), hex(8), hex(4), hex(0)]
}

/// A hex digit's value, with [`UPPER`] set for `A`–`F`; [`NOT_HEX`] for every other byte.
/// (Arithmetic: a table would cost the wasm 256 bytes for no measurable speed.)
#[inline(always)]
fn hex_digit(byte: u8) -> u8 {
    let letter = (byte | 0x20).wrapping_sub(b'a');
    if byte.wrapping_sub(b'0') < 10 {
        byte - b'0'
    } else if letter < 6 {
        (10 + letter) | if byte < b'a' { UPPER } else { 0 }
    } else {
        NOT_HEX
    }
}
const UPPER: u8 = 0x10;
const NOT_HEX: u8 = 0xff;

/// The four hex digits of a `\uXXXX` escape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hex4 {
    /// The UTF-16 code unit they spell.
    pub unit: u16,
    /// No digit is an uppercase `A`–`F`: the spelling PHP writes.
    pub lowercase: bool,
}

/// The four bytes at `at` as hex digits (either case), or `None` when any is missing or not
/// a hex digit.
#[cfg_attr(feature = "fast-json", inline(always))]
pub(crate) fn hex4(bytes: &[u8], at: usize) -> Option<Hex4> {
    let digits: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
    let (a, b, c, d) = (
        hex_digit(digits[0]),
        hex_digit(digits[1]),
        hex_digit(digits[2]),
        hex_digit(digits[3]),
    );
    let all = a | b | c | d;
    // NOT_HEX has bits above UPPER; a digit has none.
    if all & !(UPPER | 0x0f) != 0 {
        return None;
    }
    Some(Hex4 {
        unit: u16::from(a & 0x0f) << 12
            | u16::from(b & 0x0f) << 8
            | u16::from(c & 0x0f) << 4
            | u16::from(d & 0x0f),
        lowercase: all & UPPER == 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digits a `match` per byte accepts, with their value: `hex4`'s source of truth.
    fn reference(byte: u8) -> Option<(u8, bool)> {
        match byte {
            b'0'..=b'9' => Some((byte - b'0', false)),
            b'a'..=b'f' => Some((byte - b'a' + 10, false)),
            b'A'..=b'F' => Some((byte - b'A' + 10, true)),
            _ => None,
        }
    }

    #[test]
    fn hex4_reads_every_byte_in_every_position_like_a_match() {
        for byte in 0..=255u8 {
            for position in 0..4 {
                let mut digits = *b"0a0B";
                digits[position] = byte;
                let expected = digits.iter().try_fold((0u16, true), |(unit, lower), &d| {
                    let (value, upper) = reference(d)?;
                    Some((unit << 4 | u16::from(value), lower && !upper))
                });
                let got = hex4(&digits, 0).map(|h| (h.unit, h.lowercase));
                // "0a0B" has an uppercase B unless it was replaced.
                assert_eq!(got, expected, "{digits:?}");
            }
        }
        assert_eq!(
            hex4(b"\\u00e9", 2),
            Some(Hex4 {
                unit: 0xe9,
                lowercase: true
            })
        );
        assert_eq!(
            hex4(b"D83D", 0).map(|h| (h.unit, h.lowercase)),
            Some((0xd83d, false))
        );
    }

    #[test]
    fn hex4_refuses_short_or_out_of_range_input() {
        assert_eq!(hex4(b"00e", 0), None);
        assert_eq!(hex4(b"00e9", 1), None);
        assert_eq!(hex4(b"00e9", usize::MAX), None);
        assert_eq!(hex4(b"", 0), None);
    }

    #[test]
    fn short_escapes_are_json_s_eight() {
        let short: Vec<(u8, u8)> = (0..=255u8)
            .filter(|&b| SHORT_ESCAPE[usize::from(b)] != 0)
            .map(|b| (b, SHORT_ESCAPE[usize::from(b)]))
            .collect();
        assert_eq!(
            short,
            [
                (b'"', b'"'),
                (b'/', b'/'),
                (b'\\', b'\\'),
                (b'b', 8),
                (b'f', 12),
                (b'n', 10),
                (b'r', 13),
                (b't', 9)
            ]
        );
    }
}
