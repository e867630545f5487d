//! The JavaScript bindings: the only code that knows about wasm-bindgen and js-sys.
//!
//! Thin on purpose: convert JS inputs to core types (`input`), call the provider, hand the
//! result to JS as JSON text for the engine's own `JSON.parse` (`output`), and turn
//! `HooksealError` into a real JS `Error` subclass (`error`). One file per provider, behind the
//! provider's cargo feature: the npm build makes one wasm per provider.

// A one-provider build leaves the helpers only other providers use unused.
#![cfg_attr(
    not(all(
        feature = "seqino",
        feature = "treezor",
        feature = "sepay",
        feature = "numeral"
    )),
    allow(dead_code)
)]

#[cfg(feature = "bench-floor")]
mod bench_floor;
#[cfg(feature = "bench-to-js")]
mod bench_to_js;
mod error;
mod input;
#[cfg(feature = "numeral")]
mod numeral;
mod output;
#[cfg(feature = "sepay")]
mod sepay;
#[cfg(feature = "seqino")]
mod seqino;
#[cfg(feature = "fast-json")]
mod small_blocks;
#[cfg(feature = "treezor")]
mod treezor;

// The argument types every provider's declarations name (`Body`, `HeaderBag`, `VerifyOptions`)
// are declared once for the whole package, in pkg-template/shared.d.ts.

use wasm_bindgen::prelude::*;

// The allocator of every wasm: talc (maintained, made for wasm) instead of std's dlmalloc
// (measured: -6.8 kB per wasm); in the `fast-json` builds behind free lists for small blocks
// (`small_blocks`, which says why and what it measured).
#[cfg(all(not(target_feature = "atomics"), feature = "fast-json"))]
#[global_allocator]
static ALLOCATOR: small_blocks::SmallBlocks<talc::wasm::WasmDynamicTalc> =
    small_blocks::SmallBlocks::new(talc::wasm::new_wasm_dynamic_allocator());
#[cfg(all(not(target_feature = "atomics"), not(feature = "fast-json")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Size of this instance's linear memory in bytes: for the memory tests (tests/js/), which
/// check that large or hostile bodies do not make it grow without bound. Not public API: the
/// package exports the sum over the loaded providers (pkg-template/src/shared.js).
#[wasm_bindgen(js_name = "__wasmMemoryBytes")]
pub fn wasm_memory_bytes() -> f64 {
    (::core::arch::wasm32::memory_size(0) as f64) * 65536.0
}
