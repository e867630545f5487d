//! Handing results to JavaScript.
//!
//! The typed event is passed as JSON text and built by the engine's native `JSON.parse`,
//! which measured faster than building it property by property from wasm (see bench/). The
//! text comes from `core::json::js_output`, so integers beyond 2^53 arrive as strings.

use serde::Serialize;
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

/// A serializable Rust value (a diagnosis) as a JS object.
pub fn to_js_value<T: Serialize>(p: Provider, value: &T) -> Result<JsValue> {
    let text = serde_json::to_string(value).map_err(|e| {
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
