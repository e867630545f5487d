//! Handing results to JavaScript.
//!
//! The typed event is passed as JSON text and built by the engine's native `JSON.parse`,
//! which measured faster than building it property by property from wasm (see bench/). The
//! text comes from `core::json::js_output`, so integers beyond 2^53 arrive as strings.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsValue;

use super::error::to_js;
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};

/// Parses JSON text produced by the core into a JS value.
pub fn parse_json(p: Provider, text: &str) -> Result<JsValue> {
    js_sys::JSON::parse(text).map_err(|_| {
        HooksealError::new(
            p,
            ErrorCode::InvalidJson,
            "the result could not be handed to JavaScript",
        )
    })
}

#[wasm_bindgen(inline_js = r#"
const decoder = new TextDecoder();
export function parseVerifiedBody(body, members) {
  let text;
  if (typeof body === 'string') {
    // A lone surrogate was verified as U+FFFD: only a well-formed string is the verified text.
    const wellFormed = typeof body.isWellFormed === 'function' ? body.isWellFormed() : !/[\ud800-\udfff]/.test(body);
    if (!wellFormed) return undefined;
    text = body;
  } else {
    let bytes;
    if (body instanceof ArrayBuffer) bytes = new Uint8Array(body);
    else if (ArrayBuffer.isView(body) && body.buffer instanceof ArrayBuffer) bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    else return undefined; // e.g. shared memory, which another thread could change meanwhile
    text = decoder.decode(bytes);
  }
  if (members) {
    // Members to add to the body's object, spliced in before its closing brace (the last one:
    // only whitespace follows a JSON value): one JSON.parse, no second object to assign.
    const end = text.lastIndexOf('}');
    if (end < 0) return undefined;
    text = text.slice(0, end) + ',' + members + text.slice(end);
  }
  return JSON.parse(text);
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = parseVerifiedBody, catch)]
    fn parse_verified_body_js(
        body: &JsValue,
        members: &str,
    ) -> std::result::Result<JsValue, JsValue>;
}

/// The event as `JSON.parse` of the body the caller passed, when that is exactly the verified
/// text and every number in it survives `JSON.parse` (`js_output::is_js_exact`): no rewritten
/// copy is made in wasm and none crosses back to JS. `None`: use the rewritten text.
///
/// Exact only if no JS code ran between copying the body into wasm and this call (the caller
/// reads headers and options first), and if the bytes were JSON that `verify` accepted.
pub fn parse_verified_body(body: &JsValue, verified: &[u8]) -> Option<JsValue> {
    if !crate::core::json::js_output::is_js_exact(verified) {
        return None;
    }
    parse_exact_body_with(body, "")
}

/// [`parse_verified_body`] for a caller that has already found the verified bytes
/// `js_output::is_js_exact`, with `members` (JSON object members, `"a":1,"b":2`, none named
/// like one of the body's) added to the body's object; the body must then be a non-empty
/// object. An empty `members` adds nothing, and the body may be any JSON value.
pub fn parse_exact_body_with(body: &JsValue, members: &str) -> Option<JsValue> {
    parse_verified_body_js(body, members)
        .ok()
        .filter(|v| !v.is_undefined())
}

/// A serializable Rust value (a diagnosis) as a JS object.
pub fn to_js_value<T: Serialize>(p: Provider, value: &T) -> Result<JsValue> {
    let text = crate::core::json::writer::to_json_string(value).map_err(|e| {
        HooksealError::new(
            p,
            ErrorCode::InvalidInput,
            format!("could not serialize: {e}"),
        )
    })?;
    parse_json(p, &text)
}

/// A core result as the value/exception pair wasm-bindgen turns into return/throw.
pub fn throw<T>(r: Result<T>) -> std::result::Result<T, JsValue> {
    r.map_err(to_js)
}
