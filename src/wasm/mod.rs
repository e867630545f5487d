//! The JavaScript bindings: the only code that knows about wasm-bindgen and js-sys.
//!
//! Thin on purpose: convert JS inputs to core types (`input`), call the provider, hand the
//! result to JS as JSON text for the engine's own `JSON.parse` (`output`), and turn
//! `HooksealError` into a real JS `Error` subclass (`error`). One file per provider.

mod error;
mod input;
mod output;
mod seqino;
mod treezor;
