//! A whole JSON document as a `serde_json::Value`, read the way `serde_json::from_str::<Value>`
//! reads it (same values, same refusals) but with the crate's own lexer instead of serde's
//! typed machinery (see [`super::RawJson`] for why that matters in wasm).
//!
//! Numbers go through `serde_json::Number`'s own `FromStr` (serde_json's number parser,
//! without serde), so integers, `-0` and floats come out exactly as serde_json makes them.
//! Objects keep the last of two equal keys, as serde_json's `Map` does; nesting stops at 128
//! levels, as serde_json's does.

use serde_json::{Map, Number, Value};

use crate::core::wire_shape::scan::{Cursor, Strings, MAX_DEPTH};
use crate::core::wire_shape::Problem;

/// Parses `text` (one JSON value, whitespace around it allowed). The error says what is wrong
/// and at which byte.
pub fn parse_value(text: &str) -> Result<Value, String> {
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
fn read(cur: &mut Cursor<'_>, depth: usize) -> Result<Value, Problem> {
    match cur.skip_ws() {
        Some(b'n') => cur.literal(b"null").map(|()| Value::Null),
        Some(b't') => cur.literal(b"true").map(|()| Value::Bool(true)),
        Some(b'f') => cur.literal(b"false").map(|()| Value::Bool(false)),
        Some(b'"') => string(cur).map(Value::String),
        Some(b'-' | b'0'..=b'9') => {
            let lexeme = cur.number()?;
            std::str::from_utf8(lexeme)
                .ok()
                .and_then(|l| l.parse::<Number>().ok())
                .map(Value::Number)
                .ok_or(Problem::Json("a number beyond the range of a double"))
        }
        Some(b @ (b'[' | b'{')) => {
            if depth + 1 > MAX_DEPTH {
                return Err(Problem::TooDeep);
            }
            cur.eat(b);
            if b == b'[' {
                array(cur, depth + 1).map(Value::Array)
            } else {
                object(cur, depth + 1).map(Value::Object)
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

fn array(cur: &mut Cursor<'_>, depth: usize) -> Result<Vec<Value>, Problem> {
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

fn object(cur: &mut Cursor<'_>, depth: usize) -> Result<Map<String, Value>, Problem> {
    let mut map = Map::new();
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
    use super::*;

    /// The same value as serde_json, or both refuse.
    fn agree(text: &str) {
        let ours = parse_value(text);
        let serde = serde_json::from_str::<Value>(text);
        match (&ours, &serde) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
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
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            r#""a\u00e9\ud83d\ude00\n""#,
            r#""\ud800""#,
            r#""\udc00x""#,
            "[]",
            "[1,2,[3]]",
            "{}",
            r#"{"a":1,"a":2}"#,
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
