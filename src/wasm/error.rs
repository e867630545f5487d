//! `HooksealError`: a real `Error` subclass, defined once per wasm instance.
//!
//! The class lives in JS (only JS can subclass `Error` properly, with a stack trace) and is
//! handed out through `errorClass()` so that every entry file exports the very class the
//! verifiers throw: `instanceof HooksealError` holds in CommonJS and ESM alike.

use wasm_bindgen::prelude::*;

use crate::core::error::{ErrorCode, HooksealError, Provider};

#[wasm_bindgen(inline_js = r#"
export class HooksealError extends Error {
  constructor(code, provider, message, hint) {
    super(message);
    this.name = 'HooksealError';
    this.code = code;
    this.provider = provider;
    if (hint !== undefined) this.hint = hint;
  }
}
export function errorClass() { return HooksealError; }
export function makeError(code, provider, message, hint) {
  return new HooksealError(code, provider, message, hint);
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = errorClass)]
    fn error_class_js() -> JsValue;
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(code: &str, provider: &str, message: &str, hint: Option<String>) -> JsValue;
}

/// The `HooksealError` class, for the entry files to export.
#[wasm_bindgen(js_name = "__hooksealErrorClass")]
pub fn error_class() -> JsValue {
    error_class_js()
}

/// The JS error object for a core error.
pub fn to_js(err: HooksealError) -> JsValue {
    make_error(
        err.code.as_str(),
        err.provider.as_str(),
        &err.message,
        err.hint,
    )
}

/// Shorthand for input-conversion failures.
pub fn invalid_input(
    provider: Provider,
    message: impl Into<String>,
    hint: impl Into<String>,
) -> HooksealError {
    HooksealError::new(provider, ErrorCode::InvalidInput, message).with_hint(hint)
}
