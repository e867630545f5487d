//! The members of a JSON object as raw, borrowed slices, in order, duplicates included.
//!
//! serde_json's maps keep the last of two equal keys; a verifier that checked the first
//! `object_payload` and returned the second would be fooled. Collecting every member lets the
//! caller refuse duplicates of the members that matter.
//!
//! Read with the crate's own lexer (`core::wire_shape::scan`), as serde_json reads a `{String:
//! &RawValue}` map: keys decoded (valid UTF-8, no lone surrogate escape), values only scanned,
//! at any depth. Not through serde: see [`RawJson`] for why.

use std::borrow::Cow;

use super::raw::RawJson;
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::wire_shape::decode_str;
use crate::core::wire_shape::scan::{overflows_f64, Cursor, Strings};
use crate::core::wire_shape::Problem;

/// The `walk` hook of the plain readers: every value skipped. One named function (not a
/// closure per caller) so that the generic reader is compiled once for all of them.
fn skip_every_value(_: &str, _: &[Member<'_>], _: &mut Cursor<'_>) -> bool {
    false
}

/// One `"key": value` pair; `value` is the exact text of the value as received.
#[derive(Debug)]
pub struct Member<'a> {
    /// The decoded name: borrowed from the text unless it has an escape (few names do, and
    /// copying each cost an allocation per member on every delivery).
    pub key: Cow<'a, str>,
    pub value: RawJson<'a>,
}

/// The members of one object, in document order.
#[derive(Debug)]
pub struct Members<'a>(pub Vec<Member<'a>>);

impl<'a> Members<'a> {
    /// Parses `json` as an object and lists its top-level members. Deeper levels are checked
    /// for validity but not collected.
    pub fn parse(provider: Provider, what: &str, json: &'a [u8]) -> Result<Self> {
        Self::parse_walking(provider, what, json, &mut skip_every_value)
    }

    /// [`Self::parse`] with a `walk` hook, as [`Self::parse_str_walking`].
    pub(crate) fn parse_walking(
        provider: Provider,
        what: &str,
        json: &'a [u8],
        walk: &mut dyn FnMut(&str, &[Member<'a>], &mut Cursor<'a>) -> bool,
    ) -> Result<Self> {
        let text = std::str::from_utf8(json).map_err(|e| {
            HooksealError::new(
                provider,
                ErrorCode::InvalidJson,
                format!("{what} is not valid UTF-8 (byte {})", e.valid_up_to()),
            )
        })?;
        Self::parse_str_walking(provider, what, text, walk)
    }

    pub fn parse_str(provider: Provider, what: &str, text: &'a str) -> Result<Self> {
        Self::parse_str_walking(provider, what, text, &mut skip_every_value)
    }

    /// [`Self::parse_str`], where `walk` may read a member's value itself instead of having
    /// it skipped: given the key, the members before it and the cursor on the value, it
    /// returns true when it has read exactly that value (the cursor after it). On false the
    /// value is skipped from where it began, as by `parse_str`. This saves a verifier a
    /// second pass over the one member it checks in depth.
    pub(crate) fn parse_str_walking(
        provider: Provider,
        what: &str,
        text: &'a str,
        // `dyn`: one copy of this loop in the wasm, not one per hook (the call is once per
        // member of an envelope, a handful).
        walk: &mut dyn FnMut(&str, &[Member<'a>], &mut Cursor<'a>) -> bool,
    ) -> Result<Self> {
        let mut cur = Cursor::new_str(text);
        let syntax =
            |cur: &Cursor<'_>, problem: Problem| invalid_json(provider, what, cur, problem);
        if cur.skip_ws() != Some(b'{') {
            return Err(not_an_object(provider, what, &mut cur));
        }
        cur.eat(b'{');
        // Envelopes have a handful of members: one allocation for the usual ones.
        let mut members = Vec::with_capacity(8);
        if cur.skip_ws() == Some(b'}') {
            cur.eat(b'}');
        } else {
            loop {
                if cur.skip_ws() != Some(b'"') {
                    return Err(syntax(&cur, Problem::Json("expected a member name")));
                }
                let key = member_name(&mut cur, text).map_err(|p| syntax(&cur, p))?;
                cur.colon().map_err(|p| syntax(&cur, p))?;
                cur.skip_ws();
                let start = cur.pos();
                if !walk(&key, &members, &mut cur) {
                    cur.rewind(start);
                    cur.skip_value(Strings::Scan, 1)
                        .map_err(|p| syntax(&cur, p))?;
                }
                let value = text
                    .get(start..cur.pos())
                    .ok_or_else(|| syntax(&cur, Problem::Json("invalid UTF-8 in a string")))?;
                members.push(Member {
                    key,
                    value: RawJson::checked(value),
                });
                match cur.skip_ws() {
                    Some(b',') => {
                        cur.eat(b',');
                    }
                    Some(b'}') => {
                        cur.eat(b'}');
                        break;
                    }
                    _ => {
                        return Err(syntax(
                            &cur,
                            Problem::Json("expected a comma or the end of the object"),
                        ))
                    }
                }
            }
        }
        if cur.skip_ws().is_some() {
            return Err(syntax(&cur, Problem::Json("more text after the object")));
        }
        Ok(Members(members))
    }

    /// The value of `key`; `duplicate_key` if it appears more than once.
    pub fn unique(&self, provider: Provider, key: &str) -> Result<Option<RawJson<'a>>> {
        let mut found = None;
        for m in &self.0 {
            if m.key == key {
                if found.is_some() {
                    return Err(HooksealError::new(
                        provider,
                        ErrorCode::DuplicateKey,
                        format!("the member \"{key}\" appears more than once"),
                    )
                    .with_hint("a body with two copies of a signed member is refused: one copy could be verified and the other used"));
                }
                found = Some(m.value);
            }
        }
        Ok(found)
    }

    /// The value of `key`, first occurrence, without checking for duplicates.
    pub fn get(&self, key: &str) -> Option<RawJson<'a>> {
        self.0.iter().find(|m| m.key == key).map(|m| m.value)
    }

    /// Every key that appears more than once.
    pub fn duplicated_keys(&self) -> Vec<&str> {
        let mut dups: Vec<&str> = Vec::new();
        for (i, m) in self.0.iter().enumerate() {
            if self.0.iter().take(i).any(|p| p.key == m.key) && !dups.contains(&&*m.key) {
                dups.push(&m.key);
            }
        }
        dups
    }
}

/// The member name at the cursor (on its quote), decoded, the cursor after it: the text's
/// own slice when it has no escape.
fn member_name<'a>(cur: &mut Cursor<'a>, text: &'a str) -> Result<Cow<'a, str>, Problem> {
    let start = cur.pos();
    cur.string(Strings::Decode, None)?;
    let escaped = cur.since(start).contains(&b'\\');
    // Between the quotes, which are ASCII: a slice on character boundaries.
    match text.get(start + 1..cur.pos().saturating_sub(1)) {
        Some(plain) if !escaped => Ok(Cow::Borrowed(plain)),
        _ => {
            // Checked above: decoding cannot fail.
            decode_str(cur.since(start)).ok_or(Problem::Json("invalid UTF-8 in a string"))
        }
    }
}

/// `{what} is not valid JSON: …` at the cursor.
fn invalid_json(
    provider: Provider,
    what: &str,
    cur: &Cursor<'_>,
    problem: Problem,
) -> HooksealError {
    let detail = match problem {
        Problem::Json(detail) => detail.to_string(),
        other => other.to_string(),
    };
    HooksealError::new(
        provider,
        ErrorCode::InvalidJson,
        format!("{what} is not valid JSON: {detail} (at byte {})", cur.pos()),
    )
}

/// The error for a document that is not an object. Like serde_json, reads the scalar it got
/// first, and reports a problem in it (a bad escape, a number beyond f64) as invalid JSON.
fn not_an_object(provider: Provider, what: &str, cur: &mut Cursor<'_>) -> HooksealError {
    let got = cur.describe_next();
    let problem = match cur.peek() {
        Some(b'"') => cur.string(Strings::Decode, None).err(),
        Some(b'-' | b'0'..=b'9') => match cur.number() {
            Ok(lexeme) if overflows_f64(lexeme) => {
                Some(Problem::Json("a number beyond the range of a double"))
            }
            Ok(_) => None,
            Err(p) => Some(p),
        },
        Some(b't') => cur.literal(b"true").err(),
        Some(b'f') => cur.literal(b"false").err(),
        Some(b'n') => cur.literal(b"null").err(),
        Some(b'[') => None,
        _ => Some(Problem::Json("expected a value")),
    };
    match problem {
        Some(p) => invalid_json(provider, what, cur, p),
        None => HooksealError::new(
            provider,
            ErrorCode::SchemaMismatch,
            format!("{what} does not have the documented shape: expected an object, got {got}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_keep_order_raw_text_and_duplicates() {
        let body = br#" { "a" : 1.50 , "b":{"x":[1, 2]}, "a":"second" } "#;
        let m = Members::parse(Provider::Core, "the body", body).unwrap();
        let keys: Vec<_> = m.0.iter().map(|m| &*m.key).collect();
        assert_eq!(keys, ["a", "b", "a"]);
        assert_eq!(m.get("a").unwrap().get(), "1.50");
        assert_eq!(m.get("b").unwrap().get(), r#"{"x":[1, 2]}"#);
        assert_eq!(m.duplicated_keys(), ["a"]);
        assert_eq!(
            m.unique(Provider::Treezor, "a").unwrap_err().code,
            ErrorCode::DuplicateKey
        );
        assert!(m.unique(Provider::Treezor, "b").unwrap().is_some());
        let span = crate::core::json::span_within(body, m.get("b").unwrap().get()).unwrap();
        assert_eq!(&body[span], br#"{"x":[1, 2]}"#);
    }

    #[test]
    fn escaped_keys_are_decoded_before_comparison() {
        // "\u0061" is "a": a duplicate spelled differently is still a duplicate.
        let m = Members::parse(Provider::Core, "the body", br#"{"a":1,"\u0061":2}"#).unwrap();
        assert_eq!(m.duplicated_keys(), ["a"]);
        // A plain name is the text's own slice; only an escaped one is a decoded copy.
        assert!(matches!(m.0[0].key, Cow::Borrowed("a")));
        assert!(matches!(&m.0[1].key, Cow::Owned(k) if k == "a"));
    }

    #[test]
    fn not_an_object_invalid_or_too_deep() {
        assert_eq!(
            Members::parse(Provider::Core, "b", b"[1]")
                .unwrap_err()
                .code,
            ErrorCode::SchemaMismatch
        );
        assert_eq!(
            Members::parse(Provider::Core, "b", b"{\"a\":}")
                .unwrap_err()
                .code,
            ErrorCode::InvalidJson
        );
        assert_eq!(
            Members::parse(Provider::Core, "b", b"{} x")
                .unwrap_err()
                .code,
            ErrorCode::InvalidJson
        );
        assert_eq!(
            Members::parse(Provider::Core, "b", b"{\"a\":\"\xff\"}")
                .unwrap_err()
                .code,
            ErrorCode::InvalidJson
        );
        let deep = format!("{{\"a\":{}}}", "[".repeat(100_000));
        assert_eq!(
            Members::parse(Provider::Core, "b", deep.as_bytes())
                .unwrap_err()
                .code,
            ErrorCode::InvalidJson
        );
    }

    /// serde_json's reading of the same document (what this module did before it had its
    /// own reader): the members, or whether serde_json calls it a syntax error.
    fn serde_reading(text: &str) -> std::result::Result<Vec<(String, String)>, bool> {
        use serde::de::{Deserializer, MapAccess, Visitor};
        use serde_json::value::RawValue;
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Vec<(String, String)>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: &'de RawValue = map.next_value()?;
                    out.push((key, value.get().to_string()));
                }
                Ok(out)
            }
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let members = de
            .deserialize_map(V)
            .map_err(|e| e.is_syntax() || e.is_eof())?;
        de.end().map_err(|_| true)?;
        Ok(members)
    }

    #[test]
    fn reads_like_serde_json() {
        for text in [
            r#"{}"#,
            r#" { "a" : 1 , "b" : [1,{"c":null}] } "#,
            r#"{"a":1,"a":2}"#,
            r#"{"\u0061\n":"x\ud800"}"#,
            r#"{"\ud800":1}"#,
            r#"{"a":"\ud800"}"#,
            r#"{"a":1,}"#,
            r#"{"a" 1}"#,
            r#"{"a":1 "b":2}"#,
            r#"{"a":01}"#,
            r#"{"a":1e999}"#,
            r#"{a:1}"#,
            r#"{"a":1}}"#,
            r#"{"a":1} x"#,
            "[1,2]",
            "[1,",
            "\"s\"",
            "\"\\x\"",
            "12",
            "1e400",
            "-",
            "true",
            "nul",
            "null",
            "",
            " ",
            "{",
            r#"{"a":"#,
            r#"{"a":"\u12"}"#,
            "{\"a\":\"\u{1}\"}",
            r#"{"a":[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]}"#,
            r#"{"a":{"b":{"c":[1,2,{"d":"\u00e9"}]}}}"#,
        ] {
            let ours = Members::parse_str(Provider::Core, "b", text);
            match (ours, serde_reading(text)) {
                (Ok(m), Ok(expected)) => {
                    let got: Vec<_> =
                        m.0.iter()
                            .map(|m| (m.key.to_string(), m.value.get().to_string()))
                            .collect();
                    assert_eq!(got, expected, "{text}");
                }
                (Err(e), Err(syntax)) => {
                    let code = if syntax {
                        ErrorCode::InvalidJson
                    } else {
                        ErrorCode::SchemaMismatch
                    };
                    assert_eq!(e.code, code, "{text}: {}", e.message);
                }
                (ours, serde) => panic!("{text}: ours {ours:?}, serde_json {serde:?}"),
            }
        }
        let deep = format!("{{\"a\":{}1{}}}", "[".repeat(5000), "]".repeat(5000));
        assert_eq!(
            Members::parse_str(Provider::Core, "b", &deep)
                .unwrap()
                .0
                .len(),
            1
        );
        assert!(
            serde_reading(&deep).is_ok(),
            "serde_json skips raw values at any depth too"
        );
    }
}
