//! Handing results to JavaScript.
//!
//! The typed event is passed as JSON text and built by the engine's native `JSON.parse`,
//! which measured faster than building it property by property from wasm (see bench/). The
//! text comes from `core::json::js_output`, so integers beyond 2^53 arrive as strings.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsValue;

use super::error::{to_js, to_js_in_constructor};
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::json::latin1::latin1_json;

/// Parses JSON text produced by the core into a JS value.
pub fn parse_json(p: Provider, text: &str) -> Result<JsValue> {
    parse_json_bytes(p, text.as_bytes())
}

/// [`parse_json`] for JSON text as bytes in wasm memory, such as a verified body: decoded in JS
/// by `TextDecoder` (which would replace invalid UTF-8, as it does when the caller decodes a
/// body), or made a string from its Latin-1 form where that is faster (`latin1_for_js`).
pub fn parse_json_bytes(p: Provider, text: &[u8]) -> Result<JsValue> {
    let parsed = parse_bytes_js(text);
    if parsed.is_undefined() {
        return Err(not_handed(p));
    }
    Ok(parsed)
}

/// The error when JS refused to take a result (`JSON.parse` threw, or setting a member did).
pub fn not_handed(p: Provider) -> HooksealError {
    HooksealError::new(
        p,
        ErrorCode::InvalidJson,
        "the result could not be handed to JavaScript",
    )
}

#[wasm_bindgen(inline_js = r#"
const decoder = new TextDecoder();
// Latin-1 bytes as a string with one copy, in Node: Buffer#latin1Slice, which takes a plain
// Uint8Array too (checked here once), without the Buffer that Buffer#toString('latin1') needs
// made first (0.42 against 0.88 µs on 2.8 kB; Seqino verify 1.01x at 2 and 64 KB), else that.
// Undefined elsewhere (TextDecoder('latin1') decodes windows-1252, and much more slowly).
// (An ASCII body read this way instead of by TextDecoder measured no faster in Treezor's
// verify, 0.98-1.01x, so it is left to TextDecoder.)
const latin1 = (() => {
  if (typeof Buffer !== 'function' || typeof Buffer.from !== 'function') return undefined;
  try {
    const slice = Buffer.prototype.latin1Slice;
    if (typeof slice === 'function' && slice.call(new Uint8Array([104, 233]), 0, 2) === 'h\u00e9') {
      return (bytes) => slice.call(bytes, 0, bytes.length);
    }
  } catch { /* not Node's own Buffer */ }
  return (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
})();
export function hasFastLatin1() {
  return latin1 !== undefined;
}
// Each returns undefined where JSON.parse throws (JSON.parse itself never returns undefined):
// an exception must not cross wasm frames. Caught here rather than by wasm-bindgen's `catch`,
// whose wrapper (a closure and `apply` per call, ~0.08 µs timed alone, below the noise of a
// call) also made every wasm 17-90 B larger gzipped.
export function parseVerifiedLatin1(bytes) {
  try {
    return JSON.parse(latin1(bytes));
  } catch {
    return undefined;
  }
}
export function parseText(bytes) {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
}
export function parseVerifiedString(body) {
  try {
    // A lone surrogate was verified as U+FFFD: only a well-formed string is the verified text.
    const wellFormed = typeof body.isWellFormed === 'function' ? body.isWellFormed() : !/[\ud800-\udfff]/.test(body);
    return wellFormed ? JSON.parse(body) : undefined;
  } catch {
    return undefined;
  }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = parseVerifiedString)]
    fn parse_verified_string_js(body: &JsValue) -> JsValue;

    #[wasm_bindgen(js_name = parseVerifiedLatin1)]
    fn parse_verified_latin1_js(bytes: &[u8]) -> JsValue;

    #[wasm_bindgen(js_name = parseText)]
    fn parse_text_js(bytes: &[u8]) -> JsValue;

    #[wasm_bindgen(js_name = hasFastLatin1)]
    fn has_fast_latin1() -> bool;
}

/// The event as `JSON.parse` of the verified body, when every number in it survives
/// `JSON.parse` (`js_output::is_js_exact`): no rewritten copy is made in wasm. `None`: use the
/// rewritten text.
///
/// A string body is parsed as the caller's own string, which nothing can change and which is
/// the verified text unless it holds a lone surrogate (verified as U+FFFD: then `None`).
/// Bytes are parsed as `verified` itself, the copy in wasm memory that was checked: not the
/// caller's buffer, which JS (or another thread, for shared memory) could have changed since.
///
/// Exact if the bytes were JSON that `verify` accepted. A caller whose walk left the syntax of
/// skipped values to this parse (Seqino's `verify`, `wire_shape::Skipped::LeftToParser`) may
/// pass bytes that are not JSON: then `None`, since `JSON.parse` refuses the body's text and
/// its Latin-1 form alike (that form only rewrites non-ASCII characters, which valid JSON holds
/// in strings alone, and an escape or a character outside a string is a syntax error either
/// way).
///
/// Bytes that are not all ASCII reach Node as the Latin-1 form of `verified`
/// (`core::json::latin1`: Node's UTF-8 decoding is the slow part); ASCII, invalid UTF-8 (which
/// `TextDecoder` replaces, as it does when the caller decodes a body), and every body in
/// runtimes without Node's `Buffer` are decoded by `TextDecoder`.
pub fn parse_verified_body(body: &JsValue, verified: &[u8]) -> Option<JsValue> {
    if !crate::core::json::js_output::is_js_exact(verified) {
        return None;
    }
    parse_exact_body(body, verified)
}

/// [`parse_verified_body`] for bytes already known to pass `is_js_exact`.
pub fn parse_exact_body(body: &JsValue, verified: &[u8]) -> Option<JsValue> {
    let parsed = if body.is_string() {
        parse_verified_string_js(body)
    } else {
        parse_bytes_js(verified)
    };
    (!parsed.is_undefined()).then_some(parsed)
}

/// `JSON.parse` of JSON text in wasm memory: its Latin-1 form where JS makes that string
/// faster (`latin1_for_js`), else decoded by `TextDecoder`. Undefined: `JSON.parse` refused it.
fn parse_bytes_js(text: &[u8]) -> JsValue {
    match latin1_for_js(text) {
        Some(bytes) => parse_verified_latin1_js(&bytes),
        None => parse_text_js(text),
    }
}

/// The Latin-1 form of the JSON text `json` (`core::json::latin1`), when JS makes its string
/// faster than it decodes the UTF-8: not for ASCII, which every decoder reads fast, nor where
/// there is no fast Latin-1 decoder (outside Node), nor for invalid UTF-8, nor in the wasm of
/// providers built without the `latin1-text` feature.
fn latin1_for_js(json: &[u8]) -> Option<Vec<u8>> {
    if !cfg!(feature = "latin1-text") || json.is_ascii() || !fast_latin1() {
        return None;
    }
    latin1_json(json)
}

/// [`has_fast_latin1`], asked once: the runtime does not change under an instance.
fn fast_latin1() -> bool {
    use std::sync::atomic::{AtomicU8, Ordering::Relaxed};
    // 0: not asked yet, 1: no, 2: yes.
    static KNOWN: AtomicU8 = AtomicU8::new(0);
    match KNOWN.load(Relaxed) {
        0 => {
            let fast = has_fast_latin1();
            KNOWN.store(if fast { 2 } else { 1 }, Relaxed);
            fast
        }
        known => known == 2,
    }
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

/// A method's (or function's) core result as the value/exception pair wasm-bindgen turns into
/// return/throw; the method's JS wrapper makes the exception the `HooksealError` (error.rs).
pub fn throw<T>(r: Result<T>) -> std::result::Result<T, JsValue> {
    r.map_err(to_js)
}

/// `throw` for a constructor: the exception is the `HooksealError` itself.
pub fn throw_in_constructor<T>(r: Result<T>) -> std::result::Result<T, JsValue> {
    r.map_err(to_js_in_constructor)
}
