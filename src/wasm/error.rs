//! `HooksealError`: a real `Error` subclass, ONE class for every provider's wasm instance.
//!
//! The class lives in JS (only JS can subclass `Error` properly, with a stack trace), in the
//! package's shared module (`pkg-template/src/shared.js`), which every provider's glue imports
//! under the name `@hookseal/shared`: the npm build points that name at one file per module
//! system (`shared.mjs`, `shared.cjs`), so `instanceof HooksealError` holds for errors from any
//! provider, in CommonJS and ESM alike.
//!
//! For a method, `makeError` gives back the error's fields, not the error: the method's JS
//! wrapper constructs it once the wasm has returned (`pkg-template/src/methods.js`), so its stack
//! starts at the method, and capturing it does not walk the wasm's frames. The wasm only ever
//! returns the value as the call's error (`output::throw`), which the wrapper catches.
//! Constructors, which have no wrapper, get the error itself (`output::throw_in_constructor`).

use wasm_bindgen::prelude::*;

use crate::core::error::{ErrorCode, HooksealError, Provider};

#[wasm_bindgen(module = "@hookseal/shared")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(
        code: &str,
        provider: &str,
        message: &str,
        hint: Option<String>,
        by_method: bool,
    ) -> JsValue;
}

/// The JS error for a core error a method (or function) of the API returns: the method's JS
/// wrapper constructs it once the wasm has returned.
pub fn to_js(err: HooksealError) -> JsValue {
    js_error(err, true)
}

/// The JS error for a core error a constructor returns: constructed now, with the stack of the
/// call. Constructors have no JS wrapper to make the fields into the error.
pub fn to_js_in_constructor(err: HooksealError) -> JsValue {
    js_error(err, false)
}

fn js_error(err: HooksealError, by_method: bool) -> JsValue {
    make_error(
        err.code.as_str(),
        err.provider.as_str(),
        &err.message,
        err.hint,
        by_method,
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
