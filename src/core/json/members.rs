//! The members of a JSON object as raw, borrowed slices, in order, duplicates included.
//!
//! serde_json's maps keep the last of two equal keys; a verifier that checked the first
//! `object_payload` and returned the second would be fooled. Collecting every member lets the
//! caller refuse duplicates of the members that matter.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};

/// One `"key": value` pair; `value` is the exact text of the value as received.
#[derive(Debug)]
pub struct Member<'a> {
    pub key: String,
    pub value: &'a RawValue,
}

/// The members of one object, in document order.
#[derive(Debug)]
pub struct Members<'a>(pub Vec<Member<'a>>);

impl<'a> Members<'a> {
    /// Parses `json` as an object and lists its top-level members. Deeper levels are checked
    /// for validity but not collected.
    pub fn parse(provider: Provider, what: &str, json: &'a [u8]) -> Result<Self> {
        let text = std::str::from_utf8(json).map_err(|e| {
            HooksealError::new(
                provider,
                ErrorCode::InvalidJson,
                format!("{what} is not valid UTF-8 (byte {})", e.valid_up_to()),
            )
        })?;
        Self::parse_str(provider, what, text)
    }

    pub fn parse_str(provider: Provider, what: &str, text: &'a str) -> Result<Self> {
        let mut de = serde_json::Deserializer::from_str(text);
        let members = Members::deserialize(&mut de)
            .map_err(|e| super::classify_parse_error(provider, what, &e))?;
        de.end()
            .map_err(|e| super::invalid_json(provider, what, &e))?;
        Ok(members)
    }

    /// The value of `key`; `duplicate_key` if it appears more than once.
    pub fn unique(&self, provider: Provider, key: &str) -> Result<Option<&'a RawValue>> {
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
    pub fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.0.iter().find(|m| m.key == key).map(|m| m.value)
    }

    /// Every key that appears more than once.
    pub fn duplicated_keys(&self) -> Vec<&str> {
        let mut dups: Vec<&str> = Vec::new();
        for (i, m) in self.0.iter().enumerate() {
            if self.0[..i].iter().any(|p| p.key == m.key) && !dups.contains(&m.key.as_str()) {
                dups.push(&m.key);
            }
        }
        dups
    }
}

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: &'de RawValue = map.next_value()?;
                    out.push(Member { key, value });
                }
                Ok(Members(out))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_keep_order_raw_text_and_duplicates() {
        let body = br#" { "a" : 1.50 , "b":{"x":[1, 2]}, "a":"second" } "#;
        let m = Members::parse(Provider::Core, "the body", body).unwrap();
        let keys: Vec<_> = m.0.iter().map(|m| m.key.as_str()).collect();
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
}
