//! # hookseal
//!
//! Verifies incoming webhooks from payment and e-invoicing providers on the raw bytes as
//! received, and returns them as typed events.
//!
//! - [`core`]: provider-independent parts (HMAC with precomputed key state, constant-time
//!   comparison, signature decoding, raw JSON scanning, header lookup, time windows, errors).
//! - [`providers`]: one module per provider, each with its verifier and typed events.
//! - `wasm` (wasm32 only): the JavaScript bindings of the npm package.
//!
//! No function in this crate panics on any input: in WebAssembly a panic aborts the instance
//! for every later call.

// `&text[a..b]` on a str carries a panic path that formats chars and ranges with `Debug` and
// pulls in Unicode tables: one such function cost Treezor's wasm 3.8 kB gzip of its 60 kB
// budget. Use `get` or `split_at_checked` (tests may slice); `scripts/test` runs clippy on
// the library.
#![cfg_attr(not(test), warn(clippy::string_slice))]

// Lets `#[derive(WireShape)]` name `::hookseal::…` inside this crate too.
extern crate self as hookseal;

pub mod core;
pub mod providers;

#[cfg(target_arch = "wasm32")]
mod wasm;

// The wasm's small-block allocator holds no JS: its unit tests run natively, over std's.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "wasm/small_blocks.rs"]
mod small_blocks;

pub use crate::core::{ErrorCode, HeaderList, HooksealError, Provider};
