//! The JavaScript bindings: the only code that knows about wasm-bindgen and js-sys.
//!
//! Thin on purpose: convert JS inputs to core types (`input`), call the provider, hand the
//! result to JS as JSON text for the engine's own `JSON.parse` (`output`), and turn
//! `HooksealError` into a real JS `Error` subclass (`error`). One file per provider.

#[cfg(feature = "bench-to-js")]
mod bench_to_js;
mod error;
mod input;
mod numeral;
mod output;
mod sepay;
mod seqino;
mod treezor;

use wasm_bindgen::prelude::*;

/// Size of this instance's linear memory in bytes: for the memory tests (tests/js/), which
/// check that large or hostile bodies do not make it grow without bound. Not public API.
#[wasm_bindgen(js_name = "__wasmMemoryBytes")]
pub fn wasm_memory_bytes() -> f64 {
    (::core::arch::wasm32::memory_size(0) as f64) * 65536.0
}

#[wasm_bindgen(typescript_custom_section)]
const SHARED_TS: &str = r#"
/** The raw body, exactly as received: never a parsed object. */
export type Body = string | Uint8Array | ArrayBuffer;
/** Request headers: a Fetch `Headers`, Node's `req.headers`, a Map or a plain object; names in any case. */
export type HeaderBag = Headers | Map<string, string> | Iterable<[string, string]> | Record<string, string | string[] | undefined>;
export interface VerifyOptions {
  /** Milliseconds since the epoch, like Date.now(). Default: Date.now(). */
  now?: number;
}
"#;
