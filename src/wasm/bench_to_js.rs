//! Two honest ways to hand a verified event to JS, side by side for bench/to-js.mjs (built
//! only with the `bench-to-js` feature). Both validate the typed event first; they differ only
//! in how the JS object is built.

use wasm_bindgen::prelude::*;

use crate::core::error::Provider;
use crate::core::json::js_output::to_js_json;
use crate::providers::seqino::SeqinoEvent;

/// What the package does: core writes JSON text, the engine's `JSON.parse` builds the object.
#[wasm_bindgen(js_name = benchJsonParse)]
pub fn bench_json_parse(body: &[u8]) -> JsValue {
    let _ = SeqinoEvent::from_json(body).expect("valid fixture");
    js_sys::JSON::parse(&to_js_json(Provider::Seqino, body).expect("valid")).expect("valid")
}

/// The alternative: a serde tree built property by property from wasm by serde-wasm-bindgen.
#[wasm_bindgen(js_name = benchSerdeWasmBindgen)]
pub fn bench_serde_wasm_bindgen(body: &[u8]) -> JsValue {
    let _ = SeqinoEvent::from_json(body).expect("valid fixture");
    let value: serde_json::Value = serde_json::from_slice(body).expect("valid");
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&value, &serializer).expect("serializable")
}
