//! The lexical layer: JSON tokens read the way serde_json reads a byte slice.
//!
//! Every function returns a [`Problem`] instead of panicking, whatever the bytes; indexes go
//! through `get`, or are guarded by the loop condition in the byte loops. Skipping a value keeps its open containers on a heap stack (a byte per
//! level), so hostile nesting costs memory bounded by the input's length, never call stack.

use super::mismatch::Problem;
use crate::core::json_escape::SHORT_ESCAPE;
use crate::core::php_json::MAX_DEPTH as PHP_MAX_DEPTH;
use crate::core::php_json_fixed_point::{
    escape_end as php_escape_end, plain_end as php_plain_end, string_end as php_string_end,
};

/// serde_json refuses a 128th nested container; so does the walk, counted from the document
/// root.
pub(crate) const MAX_DEPTH: usize = 127;

/// How strings are read. serde_json checks escapes in every string, but UTF-8 and surrogate
/// pairs only in the strings it decodes (keys of structs, `String` fields, everything an
/// untagged enum buffers); a skipped value (unknown member, `RawValue`) is only scanned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Strings {
    Scan,
    Decode,
}

/// The bytes that end a run of plain string content: the quote, the backslash and the
/// control characters (one table lookup per byte instead of three comparisons).
static STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// The end of the run of plain string content (no quote, backslash or control character)
/// starting at `start`.
///
/// Eight bytes at a time while it can: strings are most of every body, and a byte loop costs
/// about five instructions a byte. A word holds a stop byte exactly when one of the three
/// classic zero-byte tests below fires (borrows only start at a byte that matches, so a word
/// without one never reports one), and the lowest flag is the first stop. Without the
/// `fast-json` feature (Numeral's wasm), the byte loop alone.
#[inline(always)]
pub(crate) fn plain_end(bytes: &[u8], start: usize) -> usize {
    #[cfg(feature = "fast-json")]
    const ONES: u64 = 0x0101_0101_0101_0101;
    #[cfg(feature = "fast-json")]
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = start;
    #[cfg(feature = "fast-json")]
    while let Some(word) = bytes
        .get(i..i + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
    {
        let w = u64::from_le_bytes(word);
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        let stop = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (w.wrapping_sub(ONES * 0x20) & !w);
        let stop = stop & HIGH;
        if stop != 0 {
            // Borrows run towards later bytes only: the lowest flag is the first stop.
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && !STRING_STOP[usize::from(bytes[i])] {
        i += 1;
    }
    i
}

/// Where a 16-byte block has each byte [`Cursor::match_brackets`] looks at: bit k for byte k.
#[cfg(feature = "skips-left-to-parser")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct BlockMarks {
    quote: u32,
    backslash: u32,
    /// `{` or `[`.
    open: u32,
    /// `}` or `]`.
    close: u32,
}

/// [`BlockMarks`] with wasm's 16-lane comparisons: `[` and `{` differ only in bit 5, as do `]`
/// and `}`, so one comparison finds both. (Each mask is used alone: combined into a wider
/// one, LLVM's wasm backend miscompiles the shift, see scripts/check-wasm.mjs.)
#[cfg(all(
    feature = "skips-left-to-parser",
    target_arch = "wasm32",
    target_feature = "simd128"
))]
#[inline(always)]
fn block_marks(block: &[u8; 16]) -> BlockMarks {
    use core::arch::wasm32::{u8x16, u8x16_bitmask, u8x16_eq, u8x16_splat, v128_or};
    let [b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15] = *block;
    let v = u8x16(
        b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15,
    );
    let at = |v, b: u8| u32::from(u8x16_bitmask(u8x16_eq(v, u8x16_splat(b))));
    let folded = v128_or(v, u8x16_splat(0x20));
    BlockMarks {
        quote: at(v, b'"'),
        backslash: at(v, b'\\'),
        open: at(folded, b'{'),
        close: at(folded, b'}'),
    }
}

/// [`BlockMarks`] a byte at a time, where wasm's SIMD is not there (native builds and tests).
#[cfg(all(
    feature = "skips-left-to-parser",
    not(all(target_arch = "wasm32", target_feature = "simd128"))
))]
fn block_marks(block: &[u8; 16]) -> BlockMarks {
    let mut marks = BlockMarks {
        quote: 0,
        backslash: 0,
        open: 0,
        close: 0,
    };
    for (k, &b) in block.iter().enumerate() {
        let bit = 1 << k;
        match b {
            b'"' => marks.quote |= bit,
            b'\\' => marks.backslash |= bit,
            b'{' | b'[' => marks.open |= bit,
            b'}' | b']' => marks.close |= bit,
            _ => {}
        }
    }
    marks
}

/// Bit k of the result: the parity of the set bits 0 to k of `quotes` (of a 16-bit mask), i.e.
/// whether an odd number of quotes stands at or before byte k.
#[cfg(feature = "skips-left-to-parser")]
#[inline(always)]
fn prefix_xor(quotes: u32) -> u32 {
    let mut x = quotes;
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x
}

/// `a == b`, eight bytes at a time: member names are compared on every member, and wasm's
/// `memcmp` goes byte by byte. The last word (or half word) overlaps the one before it, so a
/// name of any length takes at most one comparison per eight bytes and no byte loop.
#[inline(always)]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    // (Explicit loops and `get`s: at opt-level "z" chunk iterators stayed calls. Words are
    // compared as integers, not as `Option`s: at "z" `Option<u64> != Option<u64>` stayed a
    // call through memory, ~2% of a Treezor `isValid`.)
    let word = |s: &[u8], i: usize| {
        s.get(i..i + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            .map_or(0, u64::from_le_bytes)
    };
    let half = |s: &[u8], i: usize| {
        s.get(i..i + 4)
            .and_then(|w| <[u8; 4]>::try_from(w).ok())
            .map_or(0, u32::from_le_bytes)
    };
    // Every word read below lies within both slices (same length n), so no `0` stands in
    // for a missing word.
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            if word(a, i) != word(b, i) {
                return false;
            }
            i += 8;
        }
        return word(a, n - 8) == word(b, n - 8);
    }
    if n >= 4 {
        return half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4);
    }
    let mut i = 0;
    while i < n {
        if a.get(i).copied().unwrap_or(0) != b.get(i).copied().unwrap_or(0) {
            return false;
        }
        i += 1;
    }
    true
}

/// A position in the input.
#[derive(Clone)]
pub(crate) struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// The input came as a `str`: the UTF-8 check of decoded strings is already done.
    utf8_known: bool,
    /// While [`Self::track_php_form`] is on: everything read since is exactly what PHP's
    /// `json_encode` writes (`php_json_fixed_point`'s contract). A deviation turns it off for
    /// good; reading the same text again (a rewind) finds the same deviations.
    php_form: bool,
    /// What [`Self::skip_value`] checks of a skipped object or array: everything, or only
    /// where it ends (see [`Skipped`]). Only kept where it is honoured (+40 B gzip in the
    /// other wasm for nothing).
    #[cfg(feature = "skips-left-to-parser")]
    skipped: Skipped,
}

/// How much of a value the shape does not describe (an invoice's lines, an unknown member)
/// is checked when it is skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skipped {
    /// Its syntax, as serde_json's `IgnoredAny` reads it: every verdict is the walk's own.
    Checked,
    /// Objects and arrays are stepped over by matching their brackets outside strings, their
    /// syntax unchecked: for a caller that has the whole text read by a JSON parser next
    /// (wasm `verify` hands it to `JSON.parse`, which refuses exactly what the check would
    /// refuse there) and checks again when that parser refuses it. On valid JSON the walk
    /// ends every value where the checked walk ends it, so it reads the same members and
    /// gives the same verdict; on invalid JSON its verdict means nothing. Only in builds
    /// with the `skips-left-to-parser` feature (Seqino's); elsewhere the same as `Checked`.
    LeftToParser,
}

/// Whether this build keeps [`Cursor::php_form`] (Treezor's); elsewhere every check of it is
/// compiled out.
const TRACK_PHP_FORM: bool = cfg!(feature = "walk-php-form");

/// Whether skipped strings are read by [`Cursor::skipped_string`]'s own loop. Not in Numeral's
/// wasm (without `fast-json`: its size budget is tight), nor in Treezor's, where nearly all
/// that is skipped is read while PHP's form is tracked, which the loop does not do (+0.4 kB
/// gzip for nothing). Native builds (tests, fuzzing) always keep it, so it stays checked.
const INLINE_SCANNED_STRINGS: bool =
    cfg!(feature = "fast-json") && !(cfg!(target_arch = "wasm32") && TRACK_PHP_FORM);

fn json(what: &'static str) -> Problem {
    Problem::Json(what)
}

impl<'a> Cursor<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Cursor {
            bytes,
            pos: 0,
            utf8_known: false,
            php_form: false,
            #[cfg(feature = "skips-left-to-parser")]
            skipped: Skipped::Checked,
        }
    }

    /// Starts checking that the text read from here on is in PHP's `json_encode` form: no
    /// whitespace between tokens, `/` and non-ASCII characters escaped, every escape spelt as
    /// PHP spells it (lowercase `\uXXXX`, short escapes where they exist), no deeper nesting
    /// than `json_decode` accepts. Numbers and literals are taken as written (the canonical
    /// writer copies them).
    pub fn track_php_form(&mut self) {
        self.php_form = TRACK_PHP_FORM;
    }

    /// Whether everything read since [`Self::track_php_form`] was in PHP's form; stops
    /// checking. Always false in builds without the `walk-php-form` feature.
    pub fn take_php_form(&mut self) -> bool {
        std::mem::replace(&mut self.php_form, false)
    }

    /// Turns `php_form` off unless the text just read `fits` PHP's form (in builds that keep
    /// it).
    #[inline(always)]
    fn php_form_unless(&mut self, fits: bool) {
        if TRACK_PHP_FORM && !fits {
            self.php_form = false;
        }
    }

    /// A cursor over text already known to be UTF-8 (a `str`): decoded strings skip their
    /// UTF-8 check, the same verdicts for less work.
    pub fn new_str(text: &'a str) -> Self {
        Cursor {
            utf8_known: true,
            ..Cursor::new(text.as_bytes())
        }
    }

    pub fn utf8_known(&self) -> bool {
        self.utf8_known
    }

    /// The cursor with skipped objects and arrays checked as `skipped` says.
    pub fn skipping(self, skipped: Skipped) -> Self {
        #[cfg(feature = "skips-left-to-parser")]
        return Cursor { skipped, ..self };
        #[cfg(not(feature = "skips-left-to-parser"))]
        {
            let _ = skipped;
            self
        }
    }

    #[inline(always)]
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Goes back to a position returned by [`Self::pos`] (to try another kind).
    pub fn rewind(&mut self, pos: usize) {
        self.pos = pos.min(self.bytes.len());
    }

    /// The bytes from `start` to the cursor.
    pub fn since(&self, start: usize) -> &'a [u8] {
        self.bytes.get(start..self.pos).unwrap_or_default()
    }

    #[inline(always)]
    pub fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    fn advance(&mut self) {
        self.pos = (self.pos + 1).min(self.bytes.len());
    }

    /// Skips JSON whitespace; returns the next byte.
    #[inline(always)]
    pub fn skip_ws(&mut self) -> Option<u8> {
        // One comparison for the usual case, a token right here (whitespace is all <= ' ');
        // the loop is out of line, so the many places this is inlined stay small.
        match self.bytes.get(self.pos) {
            Some(&b) if b > b' ' => Some(b),
            _ => self.skip_ws_from_here(),
        }
    }

    #[inline(never)]
    fn skip_ws_from_here(&mut self) -> Option<u8> {
        let bytes = self.bytes;
        let mut i = self.pos;
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        // PHP writes no whitespace between tokens.
        self.php_form_unless(i == self.pos);
        self.pos = i;
        bytes.get(i).copied()
    }

    /// Consumes `b` if it is next (no whitespace skipped).
    #[inline(always)]
    pub fn eat(&mut self, b: u8) -> bool {
        let found = self.peek() == Some(b);
        if found {
            self.advance();
        }
        found
    }

    /// Consumes the string here when it is exactly `name` with no escape in it: a member
    /// name compared in place, without decoding it. `name` must be plain printable ASCII (the
    /// derive refuses any other wire name), so the match decodes to `name` itself.
    #[inline(always)]
    pub fn eat_plain_string(&mut self, name: &[u8]) -> bool {
        let start = self.pos + 1;
        let end = start + name.len();
        // The closing quote first: it turns most other names away without comparing them.
        let found = matches!(self.bytes.get(end), Some(b'"'))
            && matches!(self.bytes.get(self.pos), Some(b'"'))
            && matches!(self.bytes.get(start..end), Some(raw) if same_bytes(raw, name));
        if found {
            self.pos = end + 1;
        }
        found
    }

    /// Consumes a member's head as PHP writes it, `,"name":` (`"name":` for the first member,
    /// without `comma`), when it is exactly that here: the comma, the name compared in place
    /// and the colon in one comparison (`Walker::members_as_before`). `name` must be plain
    /// printable ASCII, as for [`Self::eat_plain_string`].
    #[cfg(feature = "repeated-shapes")]
    #[inline(always)]
    pub fn eat_member_head(&mut self, name: &[u8], comma: bool) -> bool {
        let c = usize::from(comma);
        let n = name.len();
        let Some(head) = self.bytes.get(self.pos..self.pos + c + n + 3) else {
            return false;
        };
        let found = (!comma || head.first() == Some(&b','))
            && head.get(c) == Some(&b'"')
            && head.get(c + n + 1..) == Some(b"\":".as_slice())
            && head
                .get(c + 1..c + 1 + n)
                .is_some_and(|raw| same_bytes(raw, name));
        if found {
            self.pos += c + n + 3;
        }
        found
    }

    /// Steps over the string here when it is in PHP's form, while that form is tracked: the
    /// walk's usual case in Treezor's wasm, read without [`Self::string`]'s call. False (the
    /// cursor unmoved) for anything else, which [`Self::string`] then reads.
    #[inline(always)]
    pub fn php_form_string(&mut self) -> bool {
        if !(TRACK_PHP_FORM && self.php_form && self.peek() == Some(b'"')) {
            return false;
        }
        match php_string_end(self.bytes, self.pos + 1) {
            Some(end) => {
                self.pos = end;
                true
            }
            None => false,
        }
    }

    /// Consumes the literal `true`, `false` or `null`.
    pub fn literal(&mut self, word: &'static [u8]) -> Result<(), Problem> {
        let end = self.pos.saturating_add(word.len());
        if self.bytes.get(self.pos..end) != Some(word) {
            return Err(json("a misspelt true, false or null"));
        }
        self.pos = end;
        Ok(())
    }

    /// What the value starting here is, in words ("a string"…), for messages.
    pub fn describe_next(&self) -> &'static str {
        match self.peek() {
            Some(b'"') => "a string",
            Some(b'{') => "an object",
            Some(b'[') => "an array",
            Some(b't' | b'f') => "a boolean",
            Some(b'n') => "null",
            Some(b'-' | b'0'..=b'9') => "a number",
            _ => "no value",
        }
    }

    /// Reads the string starting here (on its quote). With `out`, its decoded bytes are
    /// appended there (and it is checked as with `Strings::Decode`).
    pub fn string(&mut self, mode: Strings, mut out: Option<&mut Vec<u8>>) -> Result<(), Problem> {
        if !self.eat(b'"') {
            return Err(json("expected a string"));
        }
        // The walk's usual case in Treezor's wasm: PHP's form tracked and nothing to write.
        // A string in that form is valid in both modes (ASCII, escapes as PHP spells them,
        // surrogates in pairs) and keeps the form; any other goes through the loop below,
        // which finds where the form ends or what is wrong.
        if TRACK_PHP_FORM && self.php_form && out.is_none() {
            if let Some(end) = php_string_end(self.bytes, self.pos) {
                self.pos = end;
                return Ok(());
            }
        }
        let decode = mode == Strings::Decode || out.is_some();
        // Raw bytes are checked run by run between escapes: an escape always encodes whole
        // characters, so this is the same as checking the decoded string.
        let mut run = self.pos;
        // While tracking PHP's form: the end of the escapes already found spelt as PHP spells
        // them (a surrogate pair is checked as one, at its first half).
        let mut php_checked = self.pos;
        loop {
            // Most bytes are plain: step over them in one tight loop (the hot path of every
            // verifier). While tracking PHP's form the loop also stops at `/` and non-ASCII
            // bytes, which PHP escapes (and which PHP-encoded text never has).
            // (An explicit loop: at opt-level "z" an iterator adapter with a closure is a call
            // per byte.)
            self.pos = if TRACK_PHP_FORM && self.php_form {
                php_plain_end(self.bytes, self.pos)
            } else {
                plain_end(self.bytes, self.pos)
            };
            match self.peek() {
                None => return Err(json("a string is not terminated")),
                Some(b @ (b'"' | b'\\')) => {
                    let raw = self.bytes.get(run..self.pos).unwrap_or_default();
                    // Still in PHP's form here: the whole run was read by `php_plain_end`,
                    // which stops at every non-ASCII byte (and one turns the form off), so
                    // the run is ASCII and needs no UTF-8 check.
                    let ascii = TRACK_PHP_FORM && self.php_form;
                    if decode && !self.utf8_known && !ascii && std::str::from_utf8(raw).is_err() {
                        return Err(json("invalid UTF-8 in a string"));
                    }
                    if let Some(out) = out.as_deref_mut() {
                        out.extend_from_slice(raw);
                    }
                    if TRACK_PHP_FORM && b == b'\\' && self.php_form && self.pos >= php_checked {
                        match php_escape_end(self.bytes, self.pos) {
                            // PHP's own spelling is a valid escape in both modes (four hex
                            // digits, a high surrogate paired with a low one, no lone low
                            // one): with nothing to write, step over it without reading it
                            // a second time.
                            Some(end) if out.is_none() => {
                                self.pos = end;
                                run = end;
                                continue;
                            }
                            Some(end) => php_checked = end,
                            None => self.php_form = false,
                        }
                    }
                    self.advance();
                    if b == b'"' {
                        return Ok(());
                    }
                    self.escape(decode, out.as_deref_mut())?;
                    run = self.pos;
                }
                Some(0x00..=0x1f) => return Err(json("a control character in a string")),
                // `/` or non-ASCII, where PHP's form was being tracked: PHP escapes them.
                Some(_) => {
                    self.php_form_unless(false);
                    self.advance();
                }
            }
        }
    }

    /// The escape after a backslash.
    fn escape(&mut self, decode: bool, out: Option<&mut Vec<u8>>) -> Result<(), Problem> {
        let Some(c) = self.peek() else {
            return Err(json("a string is not terminated"));
        };
        self.advance();
        let byte = match SHORT_ESCAPE[usize::from(c)] {
            0 if c == b'u' => return self.unicode_escape(decode, out),
            0 => return Err(json("an invalid escape in a string")),
            byte => byte,
        };
        if let Some(out) = out {
            out.push(byte);
        }
        Ok(())
    }

    /// `\uXXXX` (after the `u`). Decoding requires surrogates in pairs, as serde_json does
    /// for `String`; scanning only requires four hex digits.
    fn unicode_escape(&mut self, decode: bool, out: Option<&mut Vec<u8>>) -> Result<(), Problem> {
        let lone = || json("a lone UTF-16 surrogate escape");
        let first = self.hex4()?;
        if !decode {
            return Ok(());
        }
        let code = match first {
            0xDC00..=0xDFFF => return Err(lone()),
            0xD800..=0xDBFF => {
                if !(self.eat(b'\\') && self.eat(b'u')) {
                    return Err(lone());
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(lone());
                }
                0x10000 + ((u32::from(first) - 0xD800) << 10 | (u32::from(second) - 0xDC00))
            }
            _ => u32::from(first),
        };
        let c = char::from_u32(code).ok_or_else(lone)?;
        if let Some(out) = out {
            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
        Ok(())
    }

    fn hex4(&mut self) -> Result<u16, Problem> {
        let mut value: u16 = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(d @ b'0'..=b'9') => d - b'0',
                Some(d @ b'a'..=b'f') => d - b'a' + 10,
                Some(d @ b'A'..=b'F') => d - b'A' + 10,
                _ => return Err(json("a \\u escape without four hex digits")),
            };
            value = value << 4 | u16::from(digit);
            self.advance();
        }
        Ok(value)
    }

    /// Reads a number (serde_json's grammar) and returns its lexeme.
    pub fn number(&mut self) -> Result<&'a [u8], Problem> {
        let start = self.pos;
        self.eat(b'-');
        match self.peek() {
            Some(b'0') => {
                self.advance();
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(json("a number with a leading zero"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(json("a malformed number")),
        }
        if self.eat(b'.') {
            self.required_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.advance();
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            self.required_digits()?;
        }
        Ok(self.since(start))
    }

    #[inline(always)]
    fn digits(&mut self) {
        let bytes = self.bytes;
        let mut i = self.pos;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        self.pos = i;
    }

    fn required_digits(&mut self) -> Result<(), Problem> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(json("a malformed number"));
        }
        self.digits();
        Ok(())
    }

    /// Skips one value (after whitespace), checking its syntax; `depth` is the number of
    /// containers already open around it. With `Strings::Decode` every string and key is
    /// decoded, every number must fit an f64 and nesting stops at [`MAX_DEPTH`], as when serde
    /// buffers an untagged enum.
    pub fn skip_value(&mut self, mode: Strings, depth: usize) -> Result<(), Problem> {
        // (Not while PHP's form is tracked: that needs every token read.)
        #[cfg(feature = "skips-left-to-parser")]
        if self.skipped == Skipped::LeftToParser
            && mode == Strings::Scan
            && !(TRACK_PHP_FORM && self.php_form)
            && matches!(self.skip_ws(), Some(b'{' | b'['))
        {
            return self.match_brackets();
        }
        // The open containers, innermost last: true for an object.
        let mut open: Vec<bool> = Vec::new();
        loop {
            // A value is expected here.
            match self.skip_ws() {
                Some(b @ (b'{' | b'[')) => {
                    // serde_json skips (`ignore_value`) at any depth with a heap stack, as
                    // here (a byte per level); it limits only what it deserializes.
                    if mode == Strings::Decode && depth + open.len() + 1 > MAX_DEPTH {
                        return Err(Problem::TooDeep);
                    }
                    // PHP's json_decode refuses deeper nesting, so its writer writes none.
                    self.php_form_unless(depth + open.len() < PHP_MAX_DEPTH);
                    self.advance();
                    let object = b == b'{';
                    let close = if object { b'}' } else { b']' };
                    if self.skip_ws() == Some(close) {
                        self.advance();
                    } else {
                        open.push(object);
                        if object {
                            self.member_name(mode)?;
                        }
                        continue;
                    }
                }
                Some(b'"') => self.skipped_string(mode)?,
                Some(b'-' | b'0'..=b'9') => {
                    let lexeme = self.number()?;
                    if mode == Strings::Decode && overflows_f64(lexeme) {
                        return Err(json("a number beyond the range of a double"));
                    }
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                _ => return Err(json("expected a value")),
            }
            // After a value: close finished containers, or go on to the next item.
            loop {
                let Some(&object) = open.last() else {
                    return Ok(());
                };
                match self.skip_ws() {
                    Some(b',') => {
                        self.advance();
                        if object {
                            self.member_name(mode)?;
                        }
                        break;
                    }
                    Some(b'}') if object => {
                        self.advance();
                        open.pop();
                    }
                    Some(b']') if !object => {
                        self.advance();
                        open.pop();
                    }
                    _ => return Err(json("expected a comma or the end of the container")),
                }
            }
        }
    }

    /// Steps over the object or array starting here ([`Skipped::LeftToParser`]): to the
    /// bracket that brings the nesting back to zero, strings stepped over whole (an escaped
    /// quote does not end one). Nothing else is looked at, so bracket kinds are not paired
    /// and tokens not read; an unclosed container or string is the only error. Iterative, a
    /// counter for the depth: no input makes it recurse or allocate.
    ///
    /// Sixteen bytes at a time (`block_marks`): this is most of what Seqino's `verify` reads
    /// outside the hash (an invoice's lines), and its tokens are a few bytes long, so reading
    /// token by token cost a branch every few bytes. Which brackets stand inside strings comes
    /// from the quotes before them (`prefix_xor`); a block with a backslash, where a quote may
    /// be escaped, and the last bytes go one at a time.
    #[cfg(feature = "skips-left-to-parser")]
    fn match_brackets(&mut self) -> Result<(), Problem> {
        let bytes = self.bytes;
        let mut i = self.pos;
        let mut depth = 0usize;
        // All sixteen bits set while the next byte is inside a string, else none.
        let mut in_string = 0u32;
        loop {
            let block = bytes
                .get(i..i + 16)
                .and_then(|b| <&[u8; 16]>::try_from(b).ok());
            if let Some(marks) = block.map(block_marks).filter(|m| m.backslash == 0) {
                // Bit k: byte k is inside a string (a bracket there is text).
                let inside = (prefix_xor(marks.quote) ^ in_string) & 0xffff;
                in_string = if inside & 0x8000 == 0 { 0 } else { 0xffff };
                let open = marks.open & !inside;
                let close = marks.close & !inside;
                let closes = close.count_ones() as usize;
                if depth > closes {
                    // The nesting cannot reach zero in this block, whatever the order.
                    depth = depth - closes + open.count_ones() as usize;
                } else {
                    let mut brackets = open | close;
                    while brackets != 0 {
                        let k = brackets.trailing_zeros();
                        if open >> k & 1 == 1 {
                            depth += 1;
                        } else {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                self.pos = i + k as usize + 1;
                                return Ok(());
                            }
                        }
                        brackets &= brackets - 1;
                    }
                }
                i += 16;
                continue;
            }
            if i >= bytes.len() {
                break;
            }
            // One byte at a time to the end of this block (an escape may end past it).
            let end = (i + 16).min(bytes.len());
            while let Some(&b) = bytes.get(i).filter(|_| i < end) {
                if in_string != 0 {
                    match b {
                        b'\\' => i += 1,
                        b'"' => in_string = 0,
                        _ => {}
                    }
                } else {
                    match b {
                        b'"' => in_string = 0xffff,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                self.pos = i + 1;
                                return Ok(());
                            }
                        }
                        _ => {}
                    }
                }
                i += 1;
            }
        }
        Err(json(if in_string != 0 {
            "a string is not terminated"
        } else {
            "an object or array is not closed"
        }))
    }

    /// `"name" :` inside an object being skipped.
    ///
    /// Inline where skipped objects are read by `skipped_string`'s loop (Seqino's invoice
    /// lines, SePay): a call per member name was ~15 of its ~110 instructions.
    #[cfg_attr(
        all(feature = "fast-json", not(feature = "walk-php-form")),
        inline(always)
    )]
    fn member_name(&mut self, mode: Strings) -> Result<(), Problem> {
        if !matches!(self.skip_ws(), Some(b'"')) {
            return Err(json("expected a member name"));
        }
        self.skipped_string(mode)?;
        self.colon()
    }

    /// A string inside a value being skipped: [`Self::string`] with nothing written.
    ///
    /// In `Strings::Scan` mode, with PHP's form not tracked, inline and in one small loop:
    /// the same verdicts and the same position as `string` (escapes and control characters
    /// checked, UTF-8 not), for the bulk of what Seqino's walk skips (invoice lines no type
    /// describes), without the general function's bookkeeping for decoding and PHP's form.
    /// Measured together with `decode_hex`'s loop on a 2 KB Seqino delivery: `verify`
    /// 1.03-1.04x, `isValid` 1.05-1.06x.
    #[inline(always)]
    fn skipped_string(&mut self, mode: Strings) -> Result<(), Problem> {
        if !INLINE_SCANNED_STRINGS || mode == Strings::Decode || (TRACK_PHP_FORM && self.php_form) {
            return self.string(mode, None);
        }
        // On the opening quote.
        let mut i = self.pos + 1;
        loop {
            i = plain_end(self.bytes, i);
            self.pos = i.min(self.bytes.len());
            match self.bytes.get(i) {
                Some(b'"') => {
                    self.advance();
                    return Ok(());
                }
                Some(b'\\') => {
                    self.advance();
                    self.escape(false, None)?;
                    i = self.pos;
                }
                Some(_) => return Err(json("a control character in a string")),
                None => return Err(json("a string is not terminated")),
            }
        }
    }

    /// The `:` after a member name.
    #[cfg_attr(feature = "fast-json", inline(always))]
    pub fn colon(&mut self) -> Result<(), Problem> {
        self.skip_ws();
        if self.eat(b':') {
            Ok(())
        } else {
            Err(json("expected a colon after a member name"))
        }
    }
}

/// Whether serde_json would refuse the number `lexeme` (valid syntax) as out of range when
/// reading it as an f64: its magnitude is at least 10^309, or is at least 10^308 and its
/// first 17 significant digits exceed f64::MAX's. (serde_json rounds on the way, so a value
/// within one unit in the last place of f64::MAX may be judged differently; no provider sends
/// such numbers.)
pub(crate) fn overflows_f64(lexeme: &[u8]) -> bool {
    // Without an exponent, a number below 309 characters has at most 308 integer digits, so
    // its magnitude is below 10^308 < f64::MAX. That is every number providers send, and it
    // spares each the digit copy below (an allocation per number read).
    if lexeme.len() < 309 && !lexeme.iter().any(|&b| matches!(b, b'e' | b'E')) {
        return false;
    }
    let body = lexeme.strip_prefix(b"-").unwrap_or(lexeme);
    let (mantissa, exponent) = match body.iter().position(|b| matches!(b, b'e' | b'E')) {
        Some(i) => (
            body.get(..i).unwrap_or_default(),
            body.get(i + 1..).unwrap_or_default(),
        ),
        None => (body, &b""[..]),
    };
    let (int, frac) = match mantissa.iter().position(|&b| b == b'.') {
        Some(i) => (
            mantissa.get(..i).unwrap_or_default(),
            mantissa.get(i + 1..).unwrap_or_default(),
        ),
        None => (mantissa, &b""[..]),
    };
    // The significant digits, and the power of ten of the first one.
    let digits: Vec<u8> = int.iter().chain(frac).copied().collect();
    let Some(first) = digits.iter().position(|&d| d != b'0') else {
        return false; // zero, whatever its exponent
    };
    let significant = digits.get(first..).unwrap_or_default();
    let explicit: i64 = {
        let (negative, digits) = match exponent.first() {
            Some(b'-') => (true, exponent.get(1..).unwrap_or_default()),
            Some(b'+') => (false, exponent.get(1..).unwrap_or_default()),
            _ => (false, exponent),
        };
        // Saturate: an exponent of a million digits is as far out of range as 10^9.
        let magnitude = digits.iter().fold(0i64, |acc, d| {
            (acc * 10 + i64::from(d - b'0')).min(1_000_000_000)
        });
        if negative {
            -magnitude
        } else {
            magnitude
        }
    };
    let leading = int.len() as i64 - 1 - first as i64;
    let power = leading.saturating_add(explicit);
    match power.cmp(&308) {
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => {
            const MAX: &[u8] = b"17976931348623157";
            let head = significant.get(..MAX.len()).unwrap_or(significant);
            head > MAX
        }
    }
}
