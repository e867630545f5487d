//! [`RawJson`]: the exact text of one JSON value as received, borrowed from the body.
//!
//! What serde_json's `&RawValue` is, but produced by hookseal's own reader (`members`,
//! `core::wire_shape::scan`). Reading a `RawValue` goes through serde's typed machinery, whose
//! error messages format floats and escape strings for `Debug`: about 40 kB of every wasm that
//! reads an envelope, for messages the verifiers never show. Native code that wants serde's
//! types converts with [`RawJson::to_raw_value`].

use std::borrow::Cow;
use std::fmt;

use serde_json::value::RawValue;

use crate::core::wire_shape;

/// The text of one JSON value, exactly as received (no whitespace around it). Only hookseal's
/// readers make one, after checking its syntax.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct RawJson<'a>(&'a str);

impl<'a> RawJson<'a> {
    /// `text` must be one syntactically valid JSON value: callers are readers that checked it.
    pub(crate) fn checked(text: &'a str) -> Self {
        RawJson(text)
    }

    /// The value's text.
    pub fn get(&self) -> &'a str {
        self.0
    }

    /// The value as a decoded string; `None` when it is not a JSON string (or holds invalid
    /// UTF-8 or a lone surrogate escape, which serde refuses too).
    pub fn as_string(&self) -> Option<String> {
        wire_shape::decode_string(self.0.as_bytes())
    }

    /// [`Self::as_string`], borrowed from the text when the string has no escape.
    pub fn decoded(&self) -> Option<Cow<'a, str>> {
        wire_shape::decode_str(self.0.as_bytes())
    }

    /// Whether [`Self::as_string`] gives a string, without decoding one that has no escape
    /// (the reader checked its syntax and UTF-8: only an escape can make decoding fail).
    pub fn is_readable_string(&self) -> bool {
        self.0.starts_with('"') && (!self.0.contains('\\') || self.as_string().is_some())
    }

    /// `null`?
    pub fn is_null(&self) -> bool {
        self.0 == "null"
    }

    /// The same text as serde_json's owned `RawValue`, for serde's typed structs. (The text is
    /// valid JSON, so serde_json accepts it; were it ever not, `null` stands in: never a panic.)
    pub fn to_raw_value(&self) -> Box<RawValue> {
        RawValue::from_string(self.0.to_owned()).unwrap_or_else(|_| RawValue::NULL.to_owned())
    }
}

impl fmt::Debug for RawJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Display for RawJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
