//! PHP's `json_encode` (default flags) re-applied to raw JSON text, streamed into a sink.
//!
//! Treezor signs `base64(HMAC-SHA256(secret, json_encode($object_payload)))`. We receive
//! `object_payload` as JSON text that PHP wrote, possibly with other flags (pretty printed,
//! unescaped slashes or unicode) or re-indented on the way. [`write_canonical`] rewrites it token
//! by token into what `json_encode` writes by default, straight into the HMAC: no tree, no
//! floats, no allocation proportional to the payload.
//!
//! What PHP 8.2 does (`json_encode(json_decode($p))`, checked by `tests/php_oracle.rs`) and what
//! we do:
//! - Whitespace is dropped; key order is kept; `{}` and `[]` stay as they are. (`json_decode`
//!   to stdClass keeps them; `json_decode($p, true)` would turn `{}` into `[]` and
//!   `{"0":"a"}` into `["a"]`, so stdClass is the decoding that reproduces the wire.)
//! - Strings are decoded (every JSON escape, surrogate pairs joined) and re-escaped:
//!   `"` `\` `/` get a backslash, `\b \f \n \r \t`, other controls `\u00XX`, every non-ASCII
//!   code point `\uXXXX` in lowercase hex (UTF-16 pairs above U+FFFF, U+2028/2029 included),
//!   DEL (0x7F) stays raw.
//! - Numbers are copied exactly as received. PHP's round trip rewrites lexemes that PHP would
//!   never write (`1.50`->`1.5`, `1e5`->`100000`, `1.0`->`1`, integers beyond i64 become floats:
//!   `12345678901234567890`->`1.2345678901234567e+19`), but every lexeme `json_encode` writes
//!   (i64 integers; floats in shortest round-trip form such as `0.1`, `1.0e+25`, `2.5e-5`) comes
//!   back unchanged. The body Treezor sends was written by the same `json_encode` that produced
//!   the signed string, so its lexemes *are* the signed ones; copying them is exact even where
//!   PHP's own round trip is not (float `-0.0` is written `-0` but read back as integer `0`;
//!   a server with `serialize_precision=17` writes `0.10000000000000001`). Going through f64
//!   would only add ways to be wrong.
//! - Duplicate keys are kept (PHP's decoder would keep the last value; PHP's encoder never
//!   writes duplicates). A key starting with `\u0000` is kept (stdClass refuses it, a PHP array
//!   holds it and `json_encode` writes it).
//! - Refused with `invalid_json`, like `json_decode`: invalid UTF-8, raw control characters in
//!   strings, lone surrogate escapes, syntax errors, more than [`MAX_DEPTH`] nested containers.

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::hmac_key::HmacStream;
use crate::core::json_escape::{hex4, unicode_escape, SHORT_ESCAPE};

/// Where canonical bytes go: a buffer for diagnosis, or the HMAC directly.
pub trait CanonicalSink {
    fn write(&mut self, bytes: &[u8]);
}

impl CanonicalSink for Vec<u8> {
    fn write(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

impl CanonicalSink for HmacStream {
    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }
}

/// Deepest container nesting accepted. `json_decode`'s default depth is 512, and with it PHP
/// 8.2 accepts 511 nested arrays/objects and refuses 512 ("Maximum stack depth exceeded").
pub const MAX_DEPTH: usize = 511;

/// Writes the PHP `json_encode` form of the JSON text `json` into `sink`.
///
/// On error the sink has received a prefix of the output and must be discarded.
pub fn write_canonical(
    provider: Provider,
    json: &[u8],
    sink: &mut dyn CanonicalSink,
) -> Result<()> {
    let text = std::str::from_utf8(json).map_err(|e| {
        HooksealError::new(
            provider,
            ErrorCode::InvalidJson,
            format!("payload is not valid UTF-8 (byte {})", e.valid_up_to()),
        )
    })?;
    write_canonical_str(provider, text, sink)
}

/// [`write_canonical`] for text already known to be UTF-8 (a slice of a body serde_json has
/// read), without validating it a second time.
///
/// The sink is a trait object: [`Out`] hands it 512-byte chunks, so a virtual call per chunk
/// costs nothing measurable, and the reader is compiled once for every sink (a copy per sink
/// type was 3.5 kB of Treezor's wasm).
pub fn write_canonical_str(
    provider: Provider,
    text: &str,
    sink: &mut dyn CanonicalSink,
) -> Result<()> {
    let mut reader = Reader {
        provider,
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let mut out = Out::new(sink);
    let mut nesting = Nesting::default();
    let mut state = State::Value;
    loop {
        reader.skip_whitespace();
        state = match state {
            State::Value => reader.value(&mut out, &mut nesting)?,
            State::ArrayFirst if matches!(reader.peek(), Some(b']')) => {
                reader.close(&mut out, &mut nesting)
            }
            State::ArrayFirst => reader.value(&mut out, &mut nesting)?,
            State::ObjectFirst if matches!(reader.peek(), Some(b'}')) => {
                reader.close(&mut out, &mut nesting)
            }
            State::ObjectFirst | State::Key if matches!(reader.peek(), Some(b'"')) => {
                reader.string(&mut out)?;
                State::Colon
            }
            State::ObjectFirst => return Err(reader.unexpected("a key or '}'")),
            State::Key => return Err(reader.unexpected("a key")),
            State::Colon if matches!(reader.peek(), Some(b':')) => {
                reader.pos += 1;
                out.byte(b':');
                State::Value
            }
            State::Colon => return Err(reader.unexpected("':'")),
            State::AfterValue => match (nesting.top(), reader.peek()) {
                (None, _) => break,
                (Some(kind), Some(b',')) => {
                    reader.pos += 1;
                    out.byte(b',');
                    match kind {
                        Container::Array => State::Value,
                        Container::Object => State::Key,
                    }
                }
                (Some(Container::Array), Some(b']')) | (Some(Container::Object), Some(b'}')) => {
                    reader.close(&mut out, &mut nesting)
                }
                (Some(Container::Array), _) => return Err(reader.unexpected("',' or ']'")),
                (Some(Container::Object), _) => return Err(reader.unexpected("',' or '}'")),
            },
        };
    }
    reader.skip_whitespace();
    if reader.peek().is_some() {
        return Err(reader.unexpected("the end of the payload"));
    }
    out.flush();
    Ok(())
}

/// The canonical form as a string, for diagnosis (`explain`) and tests.
pub fn to_canonical_string(provider: Provider, json: &[u8]) -> Result<String> {
    let mut buf = Vec::with_capacity(json.len() + json.len() / 4);
    write_canonical(provider, json, &mut buf)?;
    // Every byte written is ASCII; this cannot fail, but a panic is never an option.
    String::from_utf8(buf).map_err(|_| {
        HooksealError::new(
            provider,
            ErrorCode::InvalidJson,
            "canonical form is not UTF-8",
        )
    })
}

/// Writes `s` as PHP's `json_encode` writes a string, quotes included (for signers that build
/// bodies, e.g. `signTreezor`).
pub fn encode_string_php(s: &str, sink: &mut dyn CanonicalSink) {
    let mut out = Out::new(sink);
    out.byte(b'"');
    let bytes = s.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let run = plain_run(bytes, pos);
        if run > pos {
            out.bytes(bytes.get(pos..run).unwrap_or_default());
            pos = run;
        }
        if let Some(c) = s.get(pos..).and_then(|rest| rest.chars().next()) {
            out.code_point(c as u32);
            pos += c.len_utf8();
        }
    }
    out.byte(b'"');
    out.flush();
}

/// How `json_encode` writes each ASCII byte inside a string: 0 = as is, `u` = `\u00XX`,
/// anything else = a backslash followed by that byte. One table for input scanning and output.
pub(crate) const ESCAPE: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[b'/' as usize] = b'/';
    table
};

/// End of the run of bytes from `start` that are copied unchanged (ASCII that needs no escape).
/// The same bytes need no decoding in the input, so one scan serves both sides.
fn plain_run(bytes: &[u8], start: usize) -> usize {
    // Indexing guarded by the loop condition and by `b < 0x80` (the table's length): the
    // per-byte `get` and `Option` comparison were calls at opt-level "z", and the most
    // frequent ones in Treezor's verify.
    let mut end = start;
    while end < bytes.len() {
        let b = bytes[end];
        if b >= 0x80 || ESCAPE[usize::from(b)] != 0 {
            break;
        }
        end += 1;
    }
    end
}

/// What the parser expects next (after whitespace).
#[derive(Clone, Copy)]
enum State {
    Value,
    ArrayFirst,
    ObjectFirst,
    Key,
    Colon,
    AfterValue,
}

#[derive(Clone, Copy)]
enum Container {
    Array,
    Object,
}

/// The open containers, one bit each: the whole stack for [`MAX_DEPTH`] fits in 64 bytes, so
/// depth costs neither recursion nor allocation.
#[derive(Default)]
struct Nesting {
    objects: [u64; MAX_DEPTH.div_ceil(64)],
    depth: usize,
}

impl Nesting {
    fn push(&mut self, kind: Container) -> bool {
        let Some(word) = self.objects.get_mut(self.depth / 64) else {
            return false;
        };
        if self.depth >= MAX_DEPTH {
            return false;
        }
        let bit = 1u64 << (self.depth % 64);
        match kind {
            Container::Object => *word |= bit,
            Container::Array => *word &= !bit,
        }
        self.depth += 1;
        true
    }

    fn pop(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn top(&self) -> Option<Container> {
        let index = self.depth.checked_sub(1)?;
        let word = self.objects.get(index / 64)?;
        Some(if word & (1u64 << (index % 64)) != 0 {
            Container::Object
        } else {
            Container::Array
        })
    }
}

struct Reader<'a> {
    provider: Provider,
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    fn skip_whitespace(&mut self) {
        while self.pos < self.bytes.len()
            && matches!(self.bytes[self.pos], b' ' | b'\t' | b'\n' | b'\r')
        {
            self.pos += 1;
        }
    }

    fn error(&self, what: &str) -> HooksealError {
        HooksealError::new(
            self.provider,
            ErrorCode::InvalidJson,
            format!("payload is not valid JSON at byte {}: {what}", self.pos),
        )
    }

    fn unexpected(&self, expected: &str) -> HooksealError {
        match self.peek() {
            None => self.error(&format!("it ends where {expected} was expected")),
            Some(b) if b.is_ascii_graphic() => self.error(&format!(
                "found '{}' where {expected} was expected",
                b as char
            )),
            Some(b) => self.error(&format!(
                "found byte 0x{b:02x} where {expected} was expected"
            )),
        }
    }

    fn value(&mut self, out: &mut Out<'_>, nesting: &mut Nesting) -> Result<State> {
        let (open, kind, next) = match self.peek() {
            Some(b'[') => (b'[', Container::Array, State::ArrayFirst),
            Some(b'{') => (b'{', Container::Object, State::ObjectFirst),
            Some(b'"') => {
                self.string(out)?;
                return Ok(State::AfterValue);
            }
            Some(b'-' | b'0'..=b'9') => {
                self.number(out)?;
                return Ok(State::AfterValue);
            }
            Some(b't') => return self.literal(out, b"true"),
            Some(b'f') => return self.literal(out, b"false"),
            Some(b'n') => return self.literal(out, b"null"),
            _ => return Err(self.unexpected("a value")),
        };
        if !nesting.push(kind) {
            return Err(self
                .error(&format!("it nests deeper than {MAX_DEPTH} levels"))
                .with_hint("PHP's json_decode refuses this depth too (default depth 512)"));
        }
        self.pos += 1;
        out.byte(open);
        Ok(next)
    }

    /// Consumes the closing bracket the caller has seen and writes it.
    fn close(&mut self, out: &mut Out<'_>, nesting: &mut Nesting) -> State {
        if let Some(b) = self.peek() {
            out.byte(b);
            self.pos += 1;
        }
        nesting.pop();
        State::AfterValue
    }

    fn literal(&mut self, out: &mut Out<'_>, word: &[u8]) -> Result<State> {
        if self.bytes.get(self.pos..self.pos + word.len()) != Some(word) {
            return Err(self.unexpected("true, false or null"));
        }
        self.pos += word.len();
        out.bytes(word);
        Ok(State::AfterValue)
    }

    /// Checks the JSON number grammar and copies the lexeme unchanged (see the module docs).
    fn number(&mut self, out: &mut Out<'_>) -> Result<()> {
        let start = self.pos;
        if matches!(self.peek(), Some(b'-')) {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.unexpected("a digit")),
        }
        if matches!(self.peek(), Some(b'.')) {
            self.pos += 1;
            self.required_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.required_digits()?;
        }
        out.bytes(self.bytes.get(start..self.pos).unwrap_or_default());
        Ok(())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn required_digits(&mut self) -> Result<()> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.unexpected("a digit"));
        }
        self.digits();
        Ok(())
    }

    /// Decodes the string at `pos` (on its opening quote) and writes it re-escaped.
    fn string(&mut self, out: &mut Out<'_>) -> Result<()> {
        self.pos += 1;
        out.byte(b'"');
        loop {
            let run = plain_run(self.bytes, self.pos);
            if run > self.pos {
                out.bytes(self.bytes.get(self.pos..run).unwrap_or_default());
                self.pos = run;
            }
            match self.peek() {
                None => return Err(self.error("a string is not closed")),
                Some(b'"') => {
                    self.pos += 1;
                    out.byte(b'"');
                    return Ok(());
                }
                Some(b'\\') => {
                    let code_point = self.escape()?;
                    out.code_point(code_point);
                }
                Some(0x00..=0x1f) => {
                    return Err(self
                        .error("a string contains a raw control character")
                        .with_hint("JSON requires control characters to be escaped (\\u00XX)"))
                }
                Some(b) if b.is_ascii() => {
                    // `/`: plain in JSON input, escaped by PHP.
                    self.pos += 1;
                    out.code_point(u32::from(b));
                }
                Some(_) => {
                    // Non-ASCII: the whole UTF-8 sequence (the text was validated up front).
                    let Some(c) = self
                        .text
                        .get(self.pos..)
                        .and_then(|rest| rest.chars().next())
                    else {
                        return Err(self.error("broken UTF-8 sequence"));
                    };
                    self.pos += c.len_utf8();
                    out.code_point(c as u32);
                }
            }
        }
    }

    /// Decodes the escape at `pos` (on its backslash) into a code point; joins surrogate pairs.
    fn escape(&mut self) -> Result<u32> {
        let Some(kind) = self.bytes.get(self.pos + 1).copied() else {
            return Err(self.error("a string is not closed"));
        };
        match SHORT_ESCAPE[usize::from(kind)] {
            0 if kind == b'u' => {}
            0 => return Err(self.error("unknown escape sequence")),
            byte => {
                self.pos += 2;
                return Ok(u32::from(byte));
            }
        }
        let high = self.hex4()?;
        match high {
            0xd800..=0xdbff => {
                if self.bytes.get(self.pos..self.pos + 2) == Some(&b"\\u"[..]) {
                    let low = self.hex4()?;
                    if (0xdc00..=0xdfff).contains(&low) {
                        return Ok(0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00));
                    }
                }
                Err(self.lone_surrogate())
            }
            0xdc00..=0xdfff => Err(self.lone_surrogate()),
            _ => Ok(high),
        }
    }

    /// Reads `\uXXXX` at `pos` (either hex case) and returns the code unit.
    fn hex4(&mut self) -> Result<u32> {
        let Some(digits) = hex4(self.bytes, self.pos + 2) else {
            return Err(self.error("\\u must be followed by four hex digits"));
        };
        self.pos += 6;
        Ok(u32::from(digits.unit))
    }

    fn lone_surrogate(&self) -> HooksealError {
        self.error("a \\u escape is half of a UTF-16 surrogate pair")
            .with_hint("\\uD800-\\uDBFF must be followed by \\uDC00-\\uDFFF; PHP's json_decode refuses a lone half too")
    }
}

/// Output buffered in small stack chunks: the HMAC gets a few large updates instead of one per
/// token, and nothing is allocated.
struct Out<'s> {
    sink: &'s mut dyn CanonicalSink,
    buf: [u8; CHUNK],
    len: usize,
}

/// Size of the stack buffer [`Out`] fills before handing bytes to the sink.
const CHUNK: usize = 512;

impl<'s> Out<'s> {
    fn new(sink: &'s mut dyn CanonicalSink) -> Self {
        Out {
            sink,
            buf: [0; CHUNK],
            len: 0,
        }
    }

    #[inline(always)]
    fn byte(&mut self, b: u8) {
        if self.len >= CHUNK {
            self.flush();
        }
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    fn bytes(&mut self, bytes: &[u8]) {
        if bytes.len() > CHUNK - self.len {
            self.flush();
            if bytes.len() >= CHUNK {
                // Long runs (large strings) go to the sink as they are, without a copy.
                self.sink.write(bytes);
                return;
            }
        }
        if let Some(slot) = self.buf.get_mut(self.len..self.len + bytes.len()) {
            slot.copy_from_slice(bytes);
            self.len += bytes.len();
        }
    }

    fn flush(&mut self) {
        if let Some(pending) = self.buf.get(..self.len) {
            if !pending.is_empty() {
                self.sink.write(pending);
            }
        }
        self.len = 0;
    }

    /// One decoded character, escaped as `json_encode` escapes it.
    fn code_point(&mut self, code_point: u32) {
        match ESCAPE.get(code_point as usize) {
            Some(0) => self.byte(code_point as u8),
            Some(b'u') => self.utf16_unit(code_point),
            Some(&short) => self.bytes(&[b'\\', short]),
            None if code_point <= 0xffff => self.utf16_unit(code_point),
            None => {
                let v = code_point - 0x10000;
                self.utf16_unit(0xd800 | (v >> 10));
                self.utf16_unit(0xdc00 | (v & 0x3ff));
            }
        }
    }

    /// `\uXXXX`, lowercase hex, as PHP writes it.
    fn utf16_unit(&mut self, unit: u32) {
        self.bytes(&unicode_escape(unit));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::hmac_key::HmacKey;
    use base64::Engine as _;

    fn canon(json: &str) -> String {
        to_canonical_string(Provider::Treezor, json.as_bytes()).expect(json)
    }

    fn refused(json: &[u8]) -> HooksealError {
        match to_canonical_string(Provider::Treezor, json) {
            Ok(out) => panic!("accepted {:?} as {out}", String::from_utf8_lossy(json)),
            Err(e) => e,
        }
    }

    /// PROVIDERS.md's vector, computed with PHP 8.2.
    #[test]
    fn treezor_vector_streams_into_the_hmac() {
        let payload = r#"{"payins":[{"payinId":"8513424","userFirstname":"Élodie","DbtrIBAN":"FR76/1","emoji":"😀","amount":"17.01"}]}"#;
        assert_eq!(
            canon(payload),
            r#"{"payins":[{"payinId":"8513424","userFirstname":"\u00c9lodie","DbtrIBAN":"FR76\/1","emoji":"\ud83d\ude00","amount":"17.01"}]}"#
        );
        let mut stream = HmacKey::new(b"test_secret").stream();
        write_canonical(Provider::Treezor, payload.as_bytes(), &mut stream).unwrap();
        let signature = base64::engine::general_purpose::STANDARD.encode(stream.finish());
        assert_eq!(signature, "6JjZD/GchUarjsTEPh4v0feKYs5NFxZM4AVsItDkq2g=");
    }

    /// Expectations printed by PHP 8.2: `echo json_encode(json_decode($input));`.
    #[test]
    fn strings_are_re_escaped_like_php() {
        let cases = [
            (
                r#"["\u0000\u001f\u007f\u2028\u2029\/\\\"\b\f\n\r\t\ud83d\ude00é"]"#,
                "[\"\\u0000\\u001f\x7f\\u2028\\u2029\\/\\\\\\\"\\b\\f\\n\\r\\t\\ud83d\\ude00\\u00e9\"]",
            ),
            (r#"["\u00e9\u00E9\u0041\u002F"]"#, r#"["\u00e9\u00e9A\/"]"#),
            (r#""\uD83D\uDE00""#, r#""\ud83d\ude00""#),
            ("\"\u{2028}\u{feff}\u{ffff}\u{10ffff}\"", r#""\u2028\ufeff\uffff\udbff\udfff""#),
            ("\"<&'>\x7f\"", "\"<&'>\x7f\""),
            (r#"{"a\u0000":1}"#, r#"{"a\u0000":1}"#),
            (r#"{"":{}}"#, r#"{"":{}}"#),
        ];
        for (input, php) in cases {
            assert_eq!(canon(input), php, "{input}");
        }
    }

    #[test]
    fn whitespace_goes_order_and_empty_containers_stay() {
        let pretty =
            "{\n    \"b\" : [ ] ,\r\n\t\"a\": { },\"c\" :[1, {\"x\":null} ,true,false]\n}\n";
        assert_eq!(
            canon(pretty),
            r#"{"b":[],"a":{},"c":[1,{"x":null},true,false]}"#
        );
        assert_eq!(canon(" \"x\" "), r#""x""#);
        assert_eq!(canon("null"), "null");
    }

    /// Lexemes are copied; the comments give what PHP's decode+encode round trip makes of them
    /// (the ones it changes are lexemes `json_encode` never writes; see the module docs).
    #[test]
    fn number_lexemes_are_kept() {
        for n in [
            "0",
            "-9223372036854775808",
            "9223372036854775807",
            "0.1",
            "1.0e+25",
            "2.5e-5",
            "-1.5e+300",
            "0.30000000000000004",
            "-0",                   // PHP: 0 (but float -0.0 is written "-0")
            "1.50",                 // PHP: 1.5
            "1e5",                  // PHP: 100000
            "1E-5",                 // PHP: 1.0e-5
            "12345678901234567890", // PHP: 1.2345678901234567e+19
        ] {
            assert_eq!(canon(&format!("[ {n} ]")), format!("[{n}]"));
        }
    }

    #[test]
    fn invalid_json_is_refused_with_a_code() {
        let cases: &[&[u8]] = &[
            b"",
            b"  ",
            b"[1,]",
            b"{\"a\":1,}",
            b"{\"a\" 1}",
            b"{1:2}",
            b"[1 2]",
            b"[1]]",
            b"[1",
            b"{\"a\":1]",
            b"01",
            b"-",
            b"1.",
            b".5",
            b"+1",
            b"1e",
            b"1e+",
            b"True",
            b"nul",
            b"[true1]",
            b"\"abc",
            b"\"\\x\"",
            b"\"\\u12\"",
            b"\"\\u12g4\"",
            b"\"\x01\"",
            b"\"\xc3\"",
            b"\"\xed\xa0\x80\"",
            b"\"\xc0\xaf\"",
            b"\xef\xbb\xbf[1]",
            b"[1]\x00",
            b"\x0c[1]",
            b"[1] x",
            b"\"\\",
        ];
        for &input in cases {
            assert_eq!(refused(input).code, ErrorCode::InvalidJson);
        }
    }

    #[test]
    fn lone_surrogates_are_refused() {
        for input in [
            r#""\ud800""#,
            r#""\ude00""#,
            r#""\ud83d\u0041""#,
            r#""\ud83d\n""#,
            r#""\ude00\ud83d""#,
            r#""\ud83d\ud83d""#,
        ] {
            let e = refused(input.as_bytes());
            assert_eq!(e.code, ErrorCode::InvalidJson);
            assert!(e.hint.is_some(), "{input}");
        }
    }

    /// PHP 8.2 with the default depth: 511 nested containers decode, 512 do not.
    #[test]
    fn depth_limit_matches_php_and_deep_input_does_not_overflow() {
        let nest = |n: usize, open: &str, inner: &str, close: &str| {
            format!("{}{inner}{}", open.repeat(n), close.repeat(n))
        };
        let ok = nest(MAX_DEPTH, "[", "", "]");
        assert_eq!(canon(&ok), ok);
        let ok = nest(MAX_DEPTH, "{\"a\":", "1", "}");
        assert_eq!(canon(&ok), ok);
        refused(nest(MAX_DEPTH + 1, "[", "", "]").as_bytes());
        refused(nest(MAX_DEPTH + 1, "{\"a\":", "1", "}").as_bytes());
        let e = refused("[".repeat(100_000).as_bytes());
        assert!(e.message.contains("deeper"), "{}", e.message);
    }

    #[test]
    fn chunking_does_not_change_the_output() {
        let long = "é/a\"".repeat(700) + &"x".repeat(3000);
        let payload = format!("{{\"k\":[{:?}, \"{}\"]}}", long, long.replace('"', "\\\""));
        let expected = {
            let mut s = String::from("\"");
            for c in long.chars() {
                match c {
                    'é' => s.push_str("\\u00e9"),
                    '/' => s.push_str("\\/"),
                    '"' => s.push_str("\\\""),
                    c => s.push(c),
                }
            }
            s + "\""
        };
        assert_eq!(
            canon(&payload),
            format!("{{\"k\":[{expected},{expected}]}}")
        );

        // The HMAC sees the same bytes whatever the chunk boundaries.
        let key = HmacKey::new(b"k");
        let mut stream = key.stream();
        write_canonical(Provider::Treezor, payload.as_bytes(), &mut stream).unwrap();
        assert_eq!(stream.finish(), key.tag(&[canon(&payload).as_bytes()]));
    }

    #[test]
    fn encode_string_php_matches_the_canonical_writer() {
        let s = "Élodie \u{0}\u{1f}\x7f/\\\"\u{8}\u{c}\n\r\t😀\u{2028}";
        let mut out = Vec::new();
        encode_string_php(s, &mut out);
        assert_eq!(
            out,
            b"\"\\u00c9lodie \\u0000\\u001f\x7f\\/\\\\\\\"\\b\\f\\n\\r\\t\\ud83d\\ude00\\u2028\""
        );
        let json = serde_json::to_string(s).unwrap();
        assert_eq!(out, canon(&json).into_bytes());
    }

    #[test]
    fn errors_are_attributed_to_the_caller() {
        let e = to_canonical_string(Provider::Core, b"[").unwrap_err();
        assert_eq!(e.provider, Provider::Core);
        assert_eq!(e.code, ErrorCode::InvalidJson);
    }
}
