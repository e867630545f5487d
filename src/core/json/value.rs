//! A whole JSON document as a [`JsonValue`], read with the crate's own lexer, with the values
//! and refusals of `serde_json::from_str::<serde_json::Value>` (see [`super::RawJson`] for why
//! not through serde in wasm).
//!
//! Why not `serde_json::Value` itself: its map is a `BTreeMap` and its numbers go through
//! serde_json's float parser and formatter, about 12 kB of the SePay wasm, for a settings
//! check (`validate_webhook_config`). Here numbers keep their lexeme and are classified the
//! way serde_json would store them; objects keep serde_json's `Map` order (sorted keys, the
//! last of two equal keys wins); nesting stops at 128 levels, as serde_json's does. Native
//! callers holding a `serde_json::Value` convert with `From`.

use crate::core::wire_shape::scan::{overflows_f64, Cursor, Strings, MAX_DEPTH};
use crate::core::wire_shape::Problem;

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonValue {
    Null,
    Bool(bool),
    Number(JsonNumber),
    String(String),
    Array(Vec<JsonValue>),
    Object(JsonObject),
}

/// A number as written (valid JSON syntax, within the range of a double).
#[derive(Clone, Debug, PartialEq)]
pub struct JsonNumber(String);

impl JsonNumber {
    /// The value if serde_json would store it as an `i64`: an integer lexeme within range
    /// (serde_json reads `-0` as a float).
    pub fn as_i64(&self) -> Option<i64> {
        self.integer().filter(|l| *l != "-0")?.parse().ok()
    }

    /// Whether serde_json would store it as a `u64`: a non-negative integer lexeme within
    /// range.
    pub fn is_u64(&self) -> bool {
        self.integer().is_some_and(|l| l.parse::<u64>().is_ok())
    }

    /// Whether serde_json would store it as an integer (else as an `f64`).
    pub fn is_integer(&self) -> bool {
        self.as_i64().is_some() || self.is_u64()
    }

    /// The lexeme.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn integer(&self) -> Option<&str> {
        let l = self.0.as_str();
        (!l.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))).then_some(l)
    }
}

/// An object's members, sorted by key, each key once (the last one written wins), as in
/// serde_json's `Map`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JsonObject(Vec<(String, JsonValue)>);

impl JsonObject {
    pub fn get(&self, key: &str) -> Option<&JsonValue> {
        let i = self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()?;
        self.0.get(i).map(|(_, v)| v)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    pub fn insert(&mut self, key: String, value: JsonValue) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            Ok(i) => {
                if let Some(slot) = self.0.get_mut(i) {
                    slot.1 = value;
                }
            }
            Err(i) => self.0.insert(i, (key, value)),
        }
    }
}

impl JsonValue {
    pub fn is_null(&self) -> bool {
        matches!(self, JsonValue::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsonValue::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            JsonValue::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    pub fn is_u64(&self) -> bool {
        matches!(self, JsonValue::Number(n) if n.is_u64())
    }

    pub fn as_array(&self) -> Option<&Vec<JsonValue>> {
        match self {
            JsonValue::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&JsonObject> {
        match self {
            JsonValue::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn is_array(&self) -> bool {
        matches!(self, JsonValue::Array(_))
    }

    pub fn is_object(&self) -> bool {
        matches!(self, JsonValue::Object(_))
    }
}

/// The same value: numbers by serde_json's own text of them (its `Display`), which reads
/// back as the same number.
impl From<&serde_json::Value> for JsonValue {
    fn from(value: &serde_json::Value) -> Self {
        use serde_json::Value;
        match value {
            Value::Null => JsonValue::Null,
            Value::Bool(b) => JsonValue::Bool(*b),
            Value::Number(n) => JsonValue::Number(JsonNumber(n.to_string())),
            Value::String(s) => JsonValue::String(s.clone()),
            Value::Array(items) => JsonValue::Array(items.iter().map(JsonValue::from).collect()),
            Value::Object(map) => {
                let mut object = JsonObject::default();
                for (k, v) in map {
                    object.insert(k.clone(), JsonValue::from(v));
                }
                JsonValue::Object(object)
            }
        }
    }
}

/// Parses `text` (one JSON value, whitespace around it allowed). The error says what is wrong
/// and at which byte.
pub fn parse_value(text: &str) -> Result<JsonValue, String> {
    let mut cur = Cursor::new_str(text);
    let value = read(&mut cur, 0).map_err(|p| at(&cur, p))?;
    if cur.skip_ws().is_some() {
        return Err(at(&cur, Problem::Json("more text after the value")));
    }
    Ok(value)
}

fn at(cur: &Cursor<'_>, problem: Problem) -> String {
    let detail = match problem {
        Problem::Json(detail) => detail.to_string(),
        other => other.to_string(),
    };
    format!("{detail} (at byte {})", cur.pos())
}

/// One value; `depth` containers are open around it. Recursion is bounded by `MAX_DEPTH`.
fn read(cur: &mut Cursor<'_>, depth: usize) -> Result<JsonValue, Problem> {
    match cur.skip_ws() {
        Some(b'n') => cur.literal(b"null").map(|()| JsonValue::Null),
        Some(b't') => cur.literal(b"true").map(|()| JsonValue::Bool(true)),
        Some(b'f') => cur.literal(b"false").map(|()| JsonValue::Bool(false)),
        Some(b'"') => string(cur).map(JsonValue::String),
        Some(b'-' | b'0'..=b'9') => {
            let lexeme = cur.number()?;
            if overflows_f64(lexeme) {
                return Err(Problem::Json("a number beyond the range of a double"));
            }
            // A number lexeme is ASCII.
            let lexeme = String::from_utf8(lexeme.to_vec()).unwrap_or_default();
            Ok(JsonValue::Number(JsonNumber(lexeme)))
        }
        Some(b @ (b'[' | b'{')) => {
            if depth + 1 > MAX_DEPTH {
                return Err(Problem::TooDeep);
            }
            cur.eat(b);
            if b == b'[' {
                array(cur, depth + 1).map(JsonValue::Array)
            } else {
                object(cur, depth + 1).map(JsonValue::Object)
            }
        }
        _ => Err(Problem::Json("expected a value")),
    }
}

fn string(cur: &mut Cursor<'_>) -> Result<String, Problem> {
    let mut bytes = Vec::new();
    cur.string(Strings::Decode, Some(&mut bytes))?;
    String::from_utf8(bytes).map_err(|_| Problem::Json("invalid UTF-8 in a string"))
}

fn array(cur: &mut Cursor<'_>, depth: usize) -> Result<Vec<JsonValue>, Problem> {
    let mut items = Vec::new();
    if cur.skip_ws() == Some(b']') {
        cur.eat(b']');
        return Ok(items);
    }
    loop {
        items.push(read(cur, depth)?);
        match cur.skip_ws() {
            Some(b',') => {
                cur.eat(b',');
            }
            Some(b']') => {
                cur.eat(b']');
                return Ok(items);
            }
            _ => return Err(Problem::Json("expected a comma or the end of the array")),
        }
    }
}

fn object(cur: &mut Cursor<'_>, depth: usize) -> Result<JsonObject, Problem> {
    let mut map = JsonObject::default();
    if cur.skip_ws() == Some(b'}') {
        cur.eat(b'}');
        return Ok(map);
    }
    loop {
        if cur.skip_ws() != Some(b'"') {
            return Err(Problem::Json("expected a member name"));
        }
        let key = string(cur)?;
        cur.colon()?;
        let value = read(cur, depth)?;
        map.insert(key, value);
        match cur.skip_ws() {
            Some(b',') => {
                cur.eat(b',');
            }
            Some(b'}') => {
                cur.eat(b'}');
                return Ok(map);
            }
            _ => return Err(Problem::Json("expected a comma or the end of the object")),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    /// Whether `ours` is the value serde_json read: same structure, same key order, numbers
    /// stored the same way (i64, u64 or f64) with the same value.
    fn same(ours: &JsonValue, serde: &Value) -> bool {
        match (ours, serde) {
            (JsonValue::Null, Value::Null) => true,
            (JsonValue::Bool(a), Value::Bool(b)) => a == b,
            (JsonValue::String(a), Value::String(b)) => a == b,
            (JsonValue::Number(a), Value::Number(b)) => {
                a.as_i64() == b.as_i64()
                    && a.is_u64() == b.is_u64()
                    && (a.is_integer()
                        || (b.is_f64() && a.as_str().parse::<f64>().ok() == b.as_f64()))
            }
            (JsonValue::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
            }
            (JsonValue::Object(a), Value::Object(b)) => {
                a.keys().eq(b.keys().map(String::as_str))
                    && b.iter().all(|(k, v)| a.get(k).is_some_and(|x| same(x, v)))
            }
            _ => false,
        }
    }

    /// The same value as serde_json, or both refuse; and `From` gives the same value too.
    fn agree(text: &str) {
        let ours = parse_value(text);
        let serde = serde_json::from_str::<Value>(text);
        match (&ours, &serde) {
            (Ok(a), Ok(b)) => {
                assert!(same(a, b), "{text}: ours {a:?}, serde_json {b:?}");
                assert!(same(&JsonValue::from(b), b), "{text}: From");
            }
            (Err(_), Err(_)) => {}
            _ => panic!("{text}: ours {ours:?}, serde_json {serde:?}"),
        }
    }

    #[test]
    fn agrees_with_serde_json() {
        for text in [
            "null",
            "true",
            " false ",
            "0",
            "-0",
            "12",
            "-12",
            "1.5",
            "-1.25e3",
            "1E400",
            "1e-400",
            "1e21",
            "100.0",
            "18446744073709551615",
            "18446744073709551616",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            r#""a\u00e9\ud83d\ude00\n""#,
            r#""\ud800""#,
            r#""\udc00x""#,
            "[]",
            "[1,2,[3]]",
            "{}",
            r#"{"a":1,"a":2}"#,
            r#"{"b":1,"a":2,"é":3,"Z":4,"aa":[{"y":1,"x":2}]}"#,
            r#"{"webhook_url":"https://x","only_va":1,"va":[1,"2"]}"#,
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "[1 2]",
            "01",
            "1.",
            "-",
            "\"\u{1}\"",
            "nul",
            "[",
            "",
            "1 2",
            "{\"a\":1}x",
            r#"{"\u0061":1}"#,
            "\"\\x\"",
        ] {
            agree(text);
        }
        agree(&format!("{}1{}", "[".repeat(127), "]".repeat(127)));
        agree(&format!("{}1{}", "[".repeat(128), "]".repeat(128)));
        agree(&format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)));
    }
}
