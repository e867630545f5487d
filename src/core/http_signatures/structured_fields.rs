//! The part of RFC 8941 (Structured Field Values) that `Signature-Input`, `Signature` and
//! `Content-Digest` use: a dictionary whose members are items or inner lists, with parameters.
//!
//! The parser follows the RFC's parsing algorithms (§4.2) but is stricter in two places where
//! leniency would let two parsers disagree about what was signed: a key repeated in a
//! dictionary or in one parameter list is refused instead of "last one wins".
//!
//! It works on bytes with an explicit cursor and never recurses beyond the fixed depth of the
//! grammar (dictionary -> inner list -> item), so any input, however long or hostile, ends in
//! a value or a coded error. Each dictionary member also keeps the exact text it was parsed
//! from, because RFC 9421 signs `@signature-params` as received, not as re-serialized.

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};

/// A bare item (RFC 8941 §3.3). Dates and display strings (RFC 9651) are not accepted: no
/// header this module reads uses them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BareItem {
    Integer(i64),
    /// A decimal, kept as thousandths (the RFC allows at most three fractional digits).
    Decimal(i64),
    String(String),
    Token(String),
    ByteSequence(Vec<u8>),
    Boolean(bool),
}

/// Parameters in the order received. Keys are unique (duplicates are refused).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parameters(pub Vec<(String, BareItem)>);

impl Parameters {
    pub fn get(&self, key: &str) -> Option<&BareItem> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An item with its parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub value: BareItem,
    pub params: Parameters,
}

/// `( item item ... );params`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InnerList {
    pub items: Vec<Item>,
    pub params: Parameters,
}

/// What a dictionary key maps to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Member {
    Item(Item),
    InnerList(InnerList),
}

/// One `key=value` of a dictionary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DictEntry {
    pub key: String,
    pub member: Member,
    /// The member's text exactly as received: from the first byte of the value (or of its
    /// parameters, for a bare key) to the end of its parameters.
    pub raw: String,
}

/// A dictionary in the order received. Keys are unique (duplicates are refused).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dictionary {
    pub entries: Vec<DictEntry>,
}

impl Dictionary {
    pub fn get(&self, key: &str) -> Option<&DictEntry> {
        self.entries.iter().find(|e| e.key == key)
    }
}

/// Parses the (combined) value of a dictionary-valued header such as `Signature-Input`.
///
/// `field` is the header's name, used in messages. An empty value is `missing_signature`;
/// anything that is not a valid dictionary is `malformed_signature` saying what and where.
pub fn parse_dictionary(field: &str, text: &str) -> Result<Dictionary> {
    // HTTP strips optional whitespace around a field value; RFC 8941 then discards leading SP.
    let trimmed = text.trim_matches(|c| c == ' ' || c == '\t');
    if trimmed.is_empty() {
        return Err(HooksealError::new(
            Provider::Core,
            ErrorCode::MissingSignature,
            format!("the `{field}` header is empty"),
        ));
    }
    let mut parser = Parser {
        src: trimmed,
        bytes: trimmed.as_bytes(),
        pos: 0,
    };
    parser.dictionary().map_err(|problem| {
        HooksealError::new(
            Provider::Core,
            ErrorCode::MalformedSignature,
            format!(
                "the `{field}` header is not a valid structured-field dictionary: {} (at byte {})",
                problem.what, problem.at
            ),
        )
    })
}

/// What went wrong and where, before it is turned into a [`HooksealError`] naming the field.
#[derive(Debug)]
struct Problem {
    what: String,
    at: usize,
}

type Parsed<T> = std::result::Result<T, Problem>;

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn fail<T>(&self, what: impl Into<String>) -> Parsed<T> {
        Err(Problem {
            what: what.into(),
            at: self.pos,
        })
    }

    fn skip_sp(&mut self) {
        while self.peek() == Some(b' ') {
            self.pos += 1;
        }
    }

    /// Optional whitespace around dictionary commas (RFC 8941 §4.2.2 step 3).
    fn skip_ows(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// RFC 8941 §4.2.2.
    fn dictionary(&mut self) -> Parsed<Dictionary> {
        let mut dict = Dictionary::default();
        loop {
            let key_at = self.pos;
            let key = self.key()?;
            if dict.get(&key).is_some() {
                return Err(Problem {
                    what: format!("the key `{key}` appears twice"),
                    at: key_at,
                });
            }
            let value_start;
            let member = if self.peek() == Some(b'=') {
                self.pos += 1;
                value_start = self.pos;
                self.item_or_inner_list()?
            } else {
                // A bare key is the boolean true, possibly with parameters.
                value_start = self.pos;
                let params = self.parameters()?;
                Member::Item(Item {
                    value: BareItem::Boolean(true),
                    params,
                })
            };
            let raw = self.src.get(value_start..self.pos).unwrap_or_default();
            dict.entries.push(DictEntry {
                key,
                member,
                raw: raw.to_string(),
            });
            self.skip_ows();
            match self.peek() {
                None => return Ok(dict),
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ows();
                    if self.peek().is_none() {
                        return self.fail("a comma ends the dictionary");
                    }
                }
                Some(_) => return self.fail("expected `,` between dictionary members"),
            }
        }
    }

    fn item_or_inner_list(&mut self) -> Parsed<Member> {
        if self.peek() == Some(b'(') {
            self.inner_list().map(Member::InnerList)
        } else {
            self.item().map(Member::Item)
        }
    }

    /// RFC 8941 §4.2.1.2.
    fn inner_list(&mut self) -> Parsed<InnerList> {
        // The caller saw `(`.
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_sp();
            match self.peek() {
                None => return self.fail("an inner list is not closed with `)`"),
                Some(b')') => {
                    self.pos += 1;
                    let params = self.parameters()?;
                    return Ok(InnerList { items, params });
                }
                Some(_) => {
                    items.push(self.item()?);
                    match self.peek() {
                        Some(b' ' | b')') => {}
                        None => return self.fail("an inner list is not closed with `)`"),
                        Some(_) => {
                            return self.fail("expected a space or `)` after an inner-list item")
                        }
                    }
                }
            }
        }
    }

    /// RFC 8941 §4.2.3.
    fn item(&mut self) -> Parsed<Item> {
        let value = self.bare_item()?;
        let params = self.parameters()?;
        Ok(Item { value, params })
    }

    /// RFC 8941 §4.2.3.2.
    fn parameters(&mut self) -> Parsed<Parameters> {
        let mut params = Parameters::default();
        while self.peek() == Some(b';') {
            self.pos += 1;
            self.skip_sp();
            let key_at = self.pos;
            let key = self.key()?;
            let value = if self.peek() == Some(b'=') {
                self.pos += 1;
                self.bare_item()?
            } else {
                BareItem::Boolean(true)
            };
            if params.get(&key).is_some() {
                return Err(Problem {
                    what: format!("the parameter `{key}` appears twice"),
                    at: key_at,
                });
            }
            params.0.push((key, value));
        }
        Ok(params)
    }

    /// RFC 8941 §4.2.3.3: `( lcalpha / "*" ) *( lcalpha / DIGIT / "_" / "-" / "." / "*" )`.
    fn key(&mut self) -> Parsed<String> {
        let start = self.pos;
        match self.peek() {
            Some(b'a'..=b'z' | b'*') => self.pos += 1,
            Some(b'A'..=b'Z') => return self.fail("keys must be lowercase"),
            None => return self.fail("expected a key, found the end"),
            Some(_) => return self.fail("expected a key (a lowercase letter or `*`)"),
        }
        while matches!(
            self.peek(),
            Some(b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' | b'.' | b'*')
        ) {
            self.pos += 1;
        }
        Ok(self
            .src
            .get(start..self.pos)
            .unwrap_or_default()
            .to_string())
    }

    /// RFC 8941 §4.2.3.1.
    fn bare_item(&mut self) -> Parsed<BareItem> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'"') => self.string().map(BareItem::String),
            Some(b':') => self.byte_sequence().map(BareItem::ByteSequence),
            Some(b'?') => self.boolean().map(BareItem::Boolean),
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'*') => Ok(BareItem::Token(self.token())),
            None => self.fail("expected a value, found the end"),
            Some(_) => self.fail("expected a value (number, \"string\", token, :bytes: or ?1/?0)"),
        }
    }

    /// RFC 8941 §4.2.4: at most 15 integer digits; a decimal has at most 12 digits before the
    /// dot and 1 to 3 after it.
    fn number(&mut self) -> Parsed<BareItem> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return self.fail("expected a digit after `-`");
        }
        let mut whole: i64 = 0;
        let mut whole_digits = 0usize;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            whole_digits += 1;
            if whole_digits > 15 {
                return self.fail("an integer has more than 15 digits");
            }
            whole = whole * 10 + i64::from(d - b'0');
            self.pos += 1;
        }
        let sign = if negative { -1 } else { 1 };
        if self.peek() != Some(b'.') {
            return Ok(BareItem::Integer(sign * whole));
        }
        if whole_digits > 12 {
            return self.fail("a decimal has more than 12 digits before the dot");
        }
        self.pos += 1;
        let mut thousandths: i64 = 0;
        let mut frac_digits = 0usize;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            frac_digits += 1;
            if frac_digits > 3 {
                return self.fail("a decimal has more than 3 digits after the dot");
            }
            thousandths = thousandths * 10 + i64::from(d - b'0');
            self.pos += 1;
        }
        if frac_digits == 0 {
            return self.fail("a decimal ends with a dot");
        }
        for _ in frac_digits..3 {
            thousandths *= 10;
        }
        Ok(BareItem::Decimal(sign * (whole * 1000 + thousandths)))
    }

    /// RFC 8941 §4.2.5: printable ASCII, with `\"` and `\\` the only escapes.
    fn string(&mut self) -> Parsed<String> {
        // The caller saw `"`.
        self.pos += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return self.fail("a string is not closed with `\"`"),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(c @ (b'"' | b'\\')) => {
                            out.push(char::from(c));
                            self.pos += 1;
                        }
                        _ => return self.fail("a string has a `\\` not followed by `\"` or `\\`"),
                    }
                }
                Some(c @ 0x20..=0x7e) => {
                    out.push(char::from(c));
                    self.pos += 1;
                }
                Some(_) => return self.fail("a string holds a character outside printable ASCII"),
            }
        }
    }

    /// RFC 8941 §4.2.6: `( ALPHA / "*" ) *( tchar / ":" / "/" )`.
    fn token(&mut self) -> String {
        let start = self.pos;
        // The caller checked the first character.
        self.pos += 1;
        while let Some(c) = self.peek() {
            let tchar = c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~:/".contains(&c);
            if !tchar {
                break;
            }
            self.pos += 1;
        }
        self.src
            .get(start..self.pos)
            .unwrap_or_default()
            .to_string()
    }

    /// RFC 8941 §4.2.7: `:` base64 `:`.
    fn byte_sequence(&mut self) -> Parsed<Vec<u8>> {
        // The caller saw `:`.
        self.pos += 1;
        let start = self.pos;
        loop {
            match self.peek() {
                None => return self.fail("a byte sequence is not closed with `:`"),
                Some(b':') => break,
                Some(c) if c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=') => {
                    self.pos += 1;
                }
                Some(_) => return self.fail("a byte sequence holds a character outside base64"),
            }
        }
        let text = self.src.get(start..self.pos).unwrap_or_default();
        // Base64 as RFC 8941 §3.3.5 writes it: standard alphabet; padding "SHOULD" be
        // present, so accept it either way, but refuse non-zero trailing bits (two texts, one
        // value).
        let decoded = crate::core::base64::decode(
            text.as_bytes(),
            crate::core::base64::Alphabet::Standard,
            crate::core::base64::Padding::Either,
        )
        .ok_or_else(|| Problem {
            what: "a byte sequence is not valid base64".into(),
            at: start,
        })?;
        self.pos += 1;
        Ok(decoded)
    }

    /// RFC 8941 §4.2.8: `?0` or `?1`.
    fn boolean(&mut self) -> Parsed<bool> {
        // The caller saw `?`.
        self.pos += 1;
        let value = match self.peek() {
            Some(b'1') => true,
            Some(b'0') => false,
            _ => return self.fail("a boolean is not `?0` or `?1`"),
        };
        self.pos += 1;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(text: &str) -> ErrorCode {
        parse_dictionary("Signature-Input", text).unwrap_err().code
    }

    #[test]
    fn signature_input_with_every_parameter_kind() {
        let d = parse_dictionary(
            "Signature-Input",
            r#"sig1=("@method" "content-digest";sf);created=1734087053;alg="rsa-v1_5-sha256";t=tok/x:1;b=?0;n=-1.5;bs=:AQI=:, sig2=()"#,
        )
        .unwrap();
        assert_eq!(d.entries.len(), 2);
        let Member::InnerList(list) = &d.entries[0].member else {
            panic!("inner list expected")
        };
        assert_eq!(
            list.items[0].value,
            BareItem::String("@method".into()),
            "first component"
        );
        assert_eq!(
            list.items[1].params.get("sf"),
            Some(&BareItem::Boolean(true))
        );
        assert_eq!(
            list.params.get("created"),
            Some(&BareItem::Integer(1734087053))
        );
        assert_eq!(
            list.params.get("alg"),
            Some(&BareItem::String("rsa-v1_5-sha256".into()))
        );
        assert_eq!(
            list.params.get("t"),
            Some(&BareItem::Token("tok/x:1".into()))
        );
        assert_eq!(list.params.get("b"), Some(&BareItem::Boolean(false)));
        assert_eq!(list.params.get("n"), Some(&BareItem::Decimal(-1500)));
        assert_eq!(
            list.params.get("bs"),
            Some(&BareItem::ByteSequence(vec![1, 2]))
        );
        assert_eq!(
            d.entries[0].raw,
            r#"("@method" "content-digest";sf);created=1734087053;alg="rsa-v1_5-sha256";t=tok/x:1;b=?0;n=-1.5;bs=:AQI=:"#
        );
        assert_eq!(d.get("sig2").unwrap().raw, "()");
    }

    #[test]
    fn raw_keeps_received_spacing_and_escapes() {
        let d = parse_dictionary("Signature-Input", r#"a=(  "x"   "y" );k="q\"\\",b"#).unwrap();
        assert_eq!(d.entries[0].raw, r#"(  "x"   "y" );k="q\"\\""#);
        let Member::InnerList(list) = &d.entries[0].member else {
            panic!()
        };
        assert_eq!(
            list.params.get("k"),
            Some(&BareItem::String(r#"q"\"#.into()))
        );
        assert_eq!(d.entries[1].raw, "");
        assert_eq!(
            d.entries[1].member,
            Member::Item(Item {
                value: BareItem::Boolean(true),
                params: Parameters::default()
            })
        );
    }

    #[test]
    fn byte_sequence_members_with_params() {
        let d = parse_dictionary("Signature", "sig1=:AAEC:;x=1 ,\tsig2=:/w==:").unwrap();
        assert_eq!(
            d.get("sig1").unwrap().member,
            Member::Item(Item {
                value: BareItem::ByteSequence(vec![0, 1, 2]),
                params: Parameters(vec![("x".into(), BareItem::Integer(1))]),
            })
        );
        assert_eq!(
            d.get("sig2").unwrap().member,
            Member::Item(Item {
                value: BareItem::ByteSequence(vec![255]),
                params: Parameters::default()
            })
        );
    }

    #[test]
    fn empty_is_missing_and_garbage_is_malformed_with_a_reason() {
        assert_eq!(code_of(""), ErrorCode::MissingSignature);
        assert_eq!(code_of("  \t "), ErrorCode::MissingSignature);
        let cases = [
            ("Sig=()", "lowercase"),
            ("sig=(", "not closed"),
            ("sig=(\"a\"", "not closed"),
            ("sig=(\"a\"x)", "space or `)`"),
            ("sig=(\"a)", "string is not closed"),
            ("sig=\"a\\n\"", "`\\`"),
            ("sig=\"é\"", "printable ASCII"),
            ("sig=:abc", "byte sequence is not closed"),
            ("sig=:ab$c:", "outside base64"),
            ("sig=:a:", "not valid base64"),
            ("sig=?2", "boolean"),
            ("sig=-", "digit"),
            ("sig=1234567890123456", "15 digits"),
            ("sig=1.", "ends with a dot"),
            ("sig=1.2345", "3 digits"),
            ("sig=1234567890123.5", "12 digits"),
            ("sig=1, sig=2", "appears twice"),
            ("sig=1;a;a", "appears twice"),
            ("sig=1,", "comma ends"),
            ("sig=1 x", "expected `,`"),
            ("sig=@", "expected a value"),
            ("sig=", "found the end"),
            ("sig=();", "found the end"),
            ("=1", "expected a key"),
        ];
        for (text, needle) in cases {
            let err = parse_dictionary("Signature-Input", text).unwrap_err();
            assert_eq!(err.code, ErrorCode::MalformedSignature, "{text}");
            assert!(err.message.contains(needle), "{text}: {}", err.message);
            assert!(err.message.contains("`Signature-Input`"), "{text}");
        }
    }

    #[test]
    fn every_prefix_and_every_single_byte_change_is_handled_without_panic() {
        let valid = r#"sig1=("@method" "@authority" "@request-target" "content-digest");alg="rsa-v1_5-sha256";keyid="x";created=1734087053, sig2=:dGVzdA==:;p=?1;d=2.5"#;
        for end in 0..=valid.len() {
            let _ = parse_dictionary("Signature-Input", &valid[..end]);
        }
        let noise = [
            0u8, b'(', b')', b'"', b':', b';', b'=', b',', b' ', b'\\', 0xff,
        ];
        for at in 0..valid.len() {
            for n in noise {
                let mut bytes = valid.as_bytes().to_vec();
                bytes[at] = n;
                let text = String::from_utf8_lossy(&bytes);
                if let Err(e) = parse_dictionary("Signature-Input", &text) {
                    assert!(matches!(
                        e.code,
                        ErrorCode::MalformedSignature | ErrorCode::MissingSignature
                    ));
                }
            }
        }
    }
}
