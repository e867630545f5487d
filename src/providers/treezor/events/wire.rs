//! Lenient building blocks for Treezor's wire format.
//!
//! Treezor's payloads come from several systems (PHP, Go, Java) and the same field is a string
//! in one event and a number in another (`walletId`), a date is `2021-04-21`, `0000-00-00`,
//! `2024-07-24T08:48:35.426Z` or a PHP `DateTime` object. These types accept every form seen in
//! the documentation and keep the value as received: no number is parsed into a float, no date
//! is reinterpreted.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::core::wire_shape::{Kind, WireKind, WireShape};
use crate::open_string_enum;

/// A field Treezor sends as a string in some events and as a number in others (ids, status
/// codes, counters). A number keeps its exact lexeme: `4611686018427387905` stays exact.
/// In JavaScript an integer beyond 2^53 arrives as a string.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string | number"))]
pub enum TreezorStringOrNumber {
    String(String),
    /// The number exactly as written on the wire.
    Number(String),
}

impl TreezorStringOrNumber {
    /// The text of the value: the string itself, or the number's lexeme.
    pub fn as_str(&self) -> &str {
        match self {
            TreezorStringOrNumber::String(s) | TreezorStringOrNumber::Number(s) => s,
        }
    }
}

impl std::fmt::Display for TreezorStringOrNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Its `Deserialize` below: a string (decoded), or a number of any size (kept as raw text).
impl WireKind for TreezorStringOrNumber {
    const KIND: Kind = Kind::StringOrNumber;
}

impl<'de> Deserialize<'de> for TreezorStringOrNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Through RawValue so a number's lexeme is kept exactly (no f64 on the way).
        let raw = Box::<RawValue>::deserialize(d)?;
        let text = raw.get();
        match text.as_bytes().first() {
            Some(b'"') => serde_json::from_str(text)
                .map(TreezorStringOrNumber::String)
                .map_err(D::Error::custom),
            Some(b'-' | b'0'..=b'9') => Ok(TreezorStringOrNumber::Number(text.to_string())),
            _ => Err(D::Error::custom(format!(
                "expected a string or a number, found {}",
                json_kind(text)
            ))),
        }
    }
}

impl Serialize for TreezorStringOrNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            TreezorStringOrNumber::String(text) => s.serialize_str(text),
            TreezorStringOrNumber::Number(lexeme) => RawValue::from_string(lexeme.clone())
                .map_err(serde::ser::Error::custom)?
                .serialize(s),
        }
    }
}

/// Any JSON value, kept as received, for fields whose shape Treezor does not document
/// (`metadata`, `additionalData`). `unknown` in TypeScript: check before use.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "unknown"))]
pub struct TreezorAnyJson(pub Box<RawValue>);

impl WireKind for TreezorAnyJson {
    const KIND: Kind = Kind::Any;
}

impl<'de> Deserialize<'de> for TreezorAnyJson {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(d).map(TreezorAnyJson)
    }
}

impl Serialize for TreezorAnyJson {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// A PHP `DateTime` serialized by `json_encode`:
/// `{"date": "2022-05-04 00:00:00.000000", "timezone_type": 3, "timezone": "UTC"}`.
/// (One seed example spells it `timesone_type`; every member is optional but `date`.)
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct TreezorPhpDateTime {
    /// Local time in `timezone`, `YYYY-MM-DD HH:MM:SS[.ffffff]`.
    pub date: String,
    /// 1 = UTC offset, 2 = abbreviation, 3 = identifier (`Europe/Paris`, `UTC`).
    #[serde(default)]
    pub timezone_type: Option<i32>,
    #[serde(default)]
    pub timezone: Option<String>,
}

impl TreezorPhpDateTime {
    /// Milliseconds since the epoch when the zone is UTC (the only zone that needs no
    /// time-zone database); `None` otherwise.
    pub fn utc_ms(&self) -> Option<i64> {
        let utc = matches!(
            self.timezone.as_deref(),
            Some("UTC" | "Z" | "+00:00" | "GMT")
        );
        utc.then(|| crate::core::time_window::parse_rfc3339_ms(&format!("{}Z", self.date)))
            .flatten()
    }
}

/// A date as Treezor sends it: text in any of its formats (`2021-04-21`, `0000-00-00`,
/// `2021-04-21 11:50:50`, RFC 3339, `0001-01-01 00:00:00 +0000 UTC`), or a PHP `DateTime`.
/// Kept as received; `0000-00-00` means "not set".
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize, WireShape)]
#[serde(untagged)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum TreezorDateValue {
    Text(String),
    PhpDateTime(TreezorPhpDateTime),
}

impl TreezorDateValue {
    /// False for the "no date" placeholders Treezor uses: empty, `0000-00-00`,
    /// `0000-00-00 00:00:00`.
    pub fn is_set(&self) -> bool {
        let text = match self {
            TreezorDateValue::Text(t) => t.as_str(),
            TreezorDateValue::PhpDateTime(d) => d.date.as_str(),
        };
        !(text.trim().is_empty() || text.starts_with("0000-00-00"))
    }
}

open_string_enum!(
    /// The lifecycle status of payins, payouts, refunds and mandates
    /// (`payinStatus`, `payoutStatus`, `payinrefundStatus`, `mandateStatus`). Open: Treezor
    /// may add values.
    pub TreezorStatus {
        Pending = "PENDING",
        Validated = "VALIDATED",
        Canceled = "CANCELED",
    }
);

/// What kind of JSON value `text` (valid JSON) is, for messages.
pub(crate) fn json_kind(text: &str) -> &'static str {
    match text.as_bytes().first() {
        Some(b'"') => "a string",
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        Some(_) => "a number",
        None => "nothing",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Row {
        a: Option<TreezorStringOrNumber>,
        #[serde(default)]
        d: Option<TreezorDateValue>,
    }

    #[test]
    fn string_or_number_keeps_the_lexeme() {
        let r: Row = serde_json::from_str(r#"{"a":4611686018427387905123}"#).unwrap();
        assert_eq!(
            r.a,
            Some(TreezorStringOrNumber::Number(
                "4611686018427387905123".into()
            ))
        );
        let r: Row = serde_json::from_str(r#"{"a":"3404621"}"#).unwrap();
        assert_eq!(r.a.unwrap().as_str(), "3404621");
        let r: Row = serde_json::from_str(r#"{"a":3225.50}"#).unwrap();
        assert_eq!(r.a.unwrap().as_str(), "3225.50");
        let r: Row = serde_json::from_str(r#"{"a":null}"#).unwrap();
        assert!(r.a.is_none());
        assert!(serde_json::from_str::<Row>(r#"{"a":true}"#).is_err());
        assert!(serde_json::from_str::<Row>(r#"{"a":{}}"#).is_err());
        let n = TreezorStringOrNumber::Number("12.50".into());
        assert_eq!(serde_json::to_string(&n).unwrap(), "12.50");
    }

    #[test]
    fn dates_accept_text_placeholders_and_php_datetime() {
        let r: Row = serde_json::from_str(r#"{"a":null,"d":"0000-00-00"}"#).unwrap();
        assert!(!r.d.unwrap().is_set());
        let r: Row = serde_json::from_str(
            r#"{"a":null,"d":{"date":"2022-05-04 00:00:00.000000","timezone_type":3,"timezone":"UTC"}}"#,
        )
        .unwrap();
        let Some(TreezorDateValue::PhpDateTime(d)) = r.d else {
            panic!()
        };
        assert_eq!(d.utc_ms(), Some(1_651_622_400_000));
        // The seed's misspelt `timesone_type` is accepted (and ignored).
        let r: Row = serde_json::from_str(
            r#"{"a":null,"d":{"date":"2024-11-21 00:00:00","timesone_type":3,"timezone":"UTC"}}"#,
        )
        .unwrap();
        assert!(r.d.unwrap().is_set());
        let paris = TreezorPhpDateTime {
            date: "2024-11-21 00:00:00".into(),
            timezone_type: Some(3),
            timezone: Some("Europe/Paris".into()),
        };
        assert_eq!(paris.utc_ms(), None);
    }
}
