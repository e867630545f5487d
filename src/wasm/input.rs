//! Converting JavaScript arguments into core types, with a coded error for anything else.

use js_sys::{Array, ArrayBuffer, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

// Everything here that can run the caller's JS (getters, proxies, iterators) or throw is
// imported with `catch`. A JS exception thrown through wasm frames skips the Rust code that
// restores the shadow stack pointer and frees memory: about 1,600 such calls overflowed the
// shadow stack and broke the instance for every later call ("memory access out of bounds").
// With `catch` the exception becomes an `Err` here and Rust returns normally.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn try_is_array(value: &JsValue) -> std::result::Result<bool, JsValue>;
    /// A fresh array of the items (the caller's array may have getters or its own iterator).
    #[wasm_bindgen(js_namespace = Array, js_name = from, catch)]
    fn try_array_from(value: &JsValue) -> std::result::Result<Array, JsValue>;
}

// A string body is made UTF-8 by `TextEncoder#encodeInto`, natively, straight into wasm memory:
// wasm-bindgen's own conversion (`as_string`) copies ASCII one character per step in JS, which
// cost a 3 KB Treezor delivery ~7 µs of its ~38 and a 22 KB one ~55 of ~270.
// Bytes are measured and copied by the built-in getters and `set`, never by the caller's
// object's own members: a `Uint8Array` or `ArrayBuffer` may have its own `length` or
// `byteLength` (a getter that throws, or says another length on each read), and js-sys's
// `to_vec` reads `length` three times, allocates by the first and copies by the true one:
// 5,000 bodies whose own `length` said 5 broke the instance ("memory access out of bounds",
// then "unreachable" on every later call).
#[wasm_bindgen(inline_js = r#"
export function uint8View(buffer, offset, length) { return new Uint8Array(buffer, offset, length); }
const typedArrayLength = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'length').get;
const arrayBufferLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
const setBytes = Uint8Array.prototype.set;
export function byteCount(value, isBuffer) {
  try {
    return isBuffer ? arrayBufferLength.call(value) : typedArrayLength.call(value);
  } catch {
    return -1;
  }
}
export function copyBytes(value, isBuffer, out) {
  try {
    setBytes.call(out, isBuffer ? new Uint8Array(value) : value);
    return true;
  } catch {
    return false;
  }
}
const encoder = new TextEncoder();
export function utf8Into(text, view) {
  const { read, written } = encoder.encodeInto(text, view);
  return read === text.length ? written : -1;
}
"#)]
extern "C" {
    /// The UTF-8 of `text` (a lone surrogate as U+FFFD, as every encoder writes it) written
    /// into `out`: its length, or -1 when it did not fit.
    #[wasm_bindgen(js_name = utf8Into)]
    fn utf8_into(text: &js_sys::JsString, out: &mut [u8]) -> f64;

    /// The length of a `Uint8Array` (`is_buffer`: of an `ArrayBuffer`) by the built-in
    /// getter; -1 for anything else (a `Proxy` of one).
    #[wasm_bindgen(js_name = byteCount)]
    fn byte_count(value: &JsValue, is_buffer: bool) -> f64;

    /// Its bytes copied into `out`, whose length must be `byte_count`'s; false if they could
    /// not be.
    #[wasm_bindgen(js_name = copyBytes)]
    fn copy_bytes(value: &JsValue, is_buffer: bool, out: &mut [u8]) -> bool;

    /// `new Uint8Array(buffer, offset, length)`: throws on a detached buffer.
    #[wasm_bindgen(js_name = uint8View, catch)]
    fn try_uint8_array_view(
        buffer: &JsValue,
        offset: f64,
        length: f64,
    ) -> std::result::Result<Uint8Array, JsValue>;
}

fn is_array(value: &JsValue) -> bool {
    try_is_array(value).unwrap_or(false)
}

use super::error::invalid_input;
use crate::core::body_limit::{DEFAULT_MAX_BODY_BYTES, MAX_BODY_BYTES_CEILING};
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::headers::HeaderList;

/// The raw body: `string` (UTF-8 encoded, as the server received it decoded), `Uint8Array`
/// (Node `Buffer` included) or `ArrayBuffer`. A parsed object is refused with a hint, since
/// re-serializing it would not give back the signed bytes.
pub fn body(p: Provider, value: &JsValue, max_bytes: usize) -> Result<Vec<u8>> {
    if let Some(js) = value.dyn_ref::<js_sys::JsString>() {
        return string_body(p, js, max_bytes);
    }
    if value.is_instance_of::<Uint8Array>() {
        return copy(p, value, false, max_bytes);
    }
    if value.is_instance_of::<ArrayBuffer>() {
        return copy(p, value, true, max_bytes);
    }
    if ArrayBuffer::is_view(value) {
        // Another typed array or a DataView: its bytes, as a view.
        let buffer: ArrayBuffer = Reflect::get(value, &"buffer".into())
            .ok()
            .and_then(|b| b.dyn_into().ok())
            .ok_or_else(|| bad_body(p, value))?;
        let offset = get_f64(value, "byteOffset").unwrap_or(0.0) as u32;
        let length = get_f64(value, "byteLength").unwrap_or(0.0) as u32;
        if length as usize > max_bytes {
            return Err(too_large(p, length as usize, max_bytes));
        }
        let view = try_uint8_array_view(&buffer, f64::from(offset), f64::from(length))
            .map_err(|_| bad_body(p, value))?;
        return copy(p, &view, false, max_bytes);
    }
    Err(bad_body(p, value))
}

/// A body read whatever `maxBodyBytes` says (the signing helpers, Treezor's `explain`, which
/// reports a body over the limit itself), up to [`MAX_BODY_BYTES_CEILING`].
pub fn body_up_to_ceiling(p: Provider, value: &JsValue) -> Result<Vec<u8>> {
    body(p, value, MAX_BODY_BYTES_CEILING).map_err(|e| match e.code {
        ErrorCode::BodyTooLarge => over_ceiling(p),
        _ => e,
    })
}

/// The error for a body over [`MAX_BODY_BYTES_CEILING`] where no `maxBodyBytes` applies.
pub fn over_ceiling(p: Provider) -> HooksealError {
    HooksealError::new(
        p,
        ErrorCode::BodyTooLarge,
        format!("the body is more than {MAX_BODY_BYTES_CEILING} bytes (256 MiB), the most hookseal reads into the wasm's memory"),
    )
    .with_hint("no webhook is this large: check what is passed as the body")
}

/// A string body's UTF-8 (see `utf8Into`).
fn string_body(p: Provider, js: &js_sys::JsString, max_bytes: usize) -> Result<Vec<u8>> {
    // A string's UTF-8 is at least as long as its UTF-16 length: a string that is too long
    // for sure is refused before it is copied into wasm memory, which never shrinks.
    let units = js.length() as usize;
    if units > max_bytes {
        return Err(too_large(p, units, max_bytes));
    }
    // A byte per UTF-16 unit holds ASCII, as most bodies are, and an eighth more the few
    // accents of French or English text (an invoice's lines add ~3%).
    let mut bytes = vec![0; units.saturating_add(units / 8).min(max_bytes)];
    let written = utf8_into(js, &mut bytes);
    if written >= 0.0 {
        bytes.truncate(written as usize);
        return Ok(bytes);
    }
    // Mostly not ASCII, or too large: wasm-bindgen's own conversion (slower), which gives the
    // size too.
    let text = js.as_string().unwrap_or_default();
    if text.len() > max_bytes {
        return Err(too_large(p, text.len(), max_bytes));
    }
    Ok(text.into_bytes())
}

/// The bytes of a `Uint8Array` (`is_buffer`: of an `ArrayBuffer`), as many as it really has.
fn copy(p: Provider, value: &JsValue, is_buffer: bool, max_bytes: usize) -> Result<Vec<u8>> {
    let len = byte_count(value, is_buffer);
    if len < 0.0 {
        return Err(not_own_bytes(p));
    }
    let len = len as usize;
    if len > max_bytes {
        // Refused before copying a byte into wasm memory.
        return Err(too_large(p, len, max_bytes));
    }
    let mut bytes = vec![0; len];
    if !copy_bytes(value, is_buffer, &mut bytes) {
        return Err(not_own_bytes(p));
    }
    Ok(bytes)
}

/// A body that passes for a `Uint8Array` or `ArrayBuffer` (`instanceof`) without being one.
fn not_own_bytes(p: Provider) -> HooksealError {
    invalid_input(
        p,
        "the body passes for a Uint8Array or ArrayBuffer but holds no bytes of its own (a Proxy of one?)",
        "pass the raw body itself: the Buffer, Uint8Array or ArrayBuffer you received",
    )
}

fn too_large(p: Provider, len: usize, max: usize) -> HooksealError {
    crate::core::body_limit::check_body_size(p, len, max)
        .err()
        .unwrap_or_else(|| {
            HooksealError::new(
                p,
                crate::core::error::ErrorCode::BodyTooLarge,
                "the body is too large",
            )
        })
}

fn bad_body(p: Provider, value: &JsValue) -> HooksealError {
    if value.is_object() && !value.is_function() {
        invalid_input(
            p,
            "the body is a parsed object, not the raw body",
            "pass the raw body exactly as received (express.raw(), `await request.text()`, `await request.arrayBuffer()`): re-serializing a parsed object does not give back the signed bytes",
        )
    } else {
        invalid_input(
            p,
            format!(
                "the body must be a string, Uint8Array or ArrayBuffer, not {}",
                type_name(value)
            ),
            "pass the raw body exactly as received",
        )
    }
}

/// What `headerPairs` (below) could not read, by the number it returns it under (3: reading
/// threw, answered by the catch-all arm of `header_problem`).
const NO_HEADERS: u32 = 1;
const NOT_AN_OBJECT: u32 = 2;
const UNREADABLE: u32 = 4;
const NOT_A_PAIR: u32 = 5;
const NAME_NOT_A_STRING: u32 = 6;
const VALUES_UNREADABLE: u32 = 7;
const VALUE_NOT_A_STRING: u32 = 8;
const VALUE_OF_WRONG_TYPE: u32 = 9;
const TOO_MANY: u32 = 10;

// The header bag is walked in JavaScript: a Headers object, a Map or an array of pairs is
// iterated, a plain object's own enumerable members are read, numbers become their decimal text.
// In Rust, through js-sys, this walk cost 4-5 kB of every wasm; here it is a few lines of the
// glue, and Rust only copies strings. Returns [name, value, name, value, ...] (all strings),
// or { fail, name, value } naming what could not be read (the codes above). With `wanted` (a
// Set of lowercase names), only the headers named there are returned, though every value is
// still checked: a verifier that reads one header of Node's usual nine then copies one into
// wasm, not nine (~2.5 µs of a 2 KB Seqino verify). A non-ASCII name that lowercases onto a
// wanted one (the Kelvin sign) only passes the filter: Rust still compares ASCII-insensitively.
#[wasm_bindgen(inline_js = r#"
// `wanted` gets `lengths`: a bit (1 << n) for each length n of its names (bit 31 for 31 and
// more), or every bit when a name is not ASCII. Only a name of one of those lengths can
// lowercase onto an ASCII name: JS toLowerCase changes the length of U+0130 alone, into text
// that is not ASCII. So most of a request's headers are passed over without lowercasing them.
export function wantedHeaderNames(wanted) {
  let lengths = 0;
  for (const name of wanted) lengths = /^[\x00-\x7f]*$/.test(name) ? lengths | 1 << Math.min(name.length, 31) : -1;
  // Defined, not assigned: a setter of that name on Object.prototype would take an assignment.
  Object.defineProperty(wanted, 'lengths', { value: lengths, writable: true });
  return wanted;
}
export function headerPairs(bag, wanted) {
  // Never throws: an exception through wasm frames would break the instance (see above).
  try { return joinPairs(readHeaderPairs(bag, wanted)); } catch { return { fail: 3 }; }
}
// The pairs as one "name\0value\0…" string: one crossing and one copy instead of two of each
// per header (~1 µs per header, more than the HMAC of a small body). An array when a name
// or value holds a NUL itself.
function joinPairs(read) {
  if (!Array.isArray(read)) return read;
  for (const s of read) if (s.includes('\0')) return read;
  return read.join('\0');
}
// At most this many headers and header values are read: an iterator that never ends hung the
// call, and a value array of length 2^32 - 1 (sparse, or a Proxy's) took seconds to a minute.
// Node reads at most 2000 headers of a request (server.maxHeadersCount).
const MAX_HEADER_ENTRIES = 100000;
function readHeaderPairs(bag, wanted) {
  const out = [];
  const fail = (kind, name, value) => ({ fail: kind, name, value });
  let entries = 0;
  if (bag === undefined || bag === null) return fail(1);
  if (typeof bag !== 'object') return fail(2, '', bag);
  let proto;
  try { proto = Object.getPrototypeOf(bag); } catch { return fail(3); }
  const push = (name, value) => {
    if (value === undefined || value === null) return undefined;
    const keep = wanted === undefined
      || (wanted.lengths >>> Math.min(name.length, 31) & 1) === 1 && wanted.has(name.toLowerCase());
    if (typeof value === 'string') { if (keep) out.push(name, value); return undefined; }
    if (typeof value === 'number') { if (keep) out.push(name, value.toString(10)); return undefined; }
    let isArray = false;
    try { isArray = Array.isArray(value); } catch { isArray = false; }
    if (!isArray) return fail(9, name, value);
    let items;
    try {
      if (!(value.length <= MAX_HEADER_ENTRIES - entries)) return fail(10);
      items = Array.from(value);
    } catch { return fail(7, name); }
    entries += items.length;
    if (entries > MAX_HEADER_ENTRIES) return fail(10);
    for (let i = 0; i < items.length; i++) {
      if (typeof items[i] !== 'string') return fail(8, name);
      if (keep) out.push(name, items[i]);
    }
    return undefined;
  };
  if (proto !== null && proto !== Object.prototype) {
    let it = null;
    try {
      const f = bag[Symbol.iterator];
      if (typeof f === 'function') {
        const r = f.call(bag);
        if (r !== null && typeof r === 'object' && typeof r.next === 'function') it = r;
      }
    } catch { it = null; }
    if (it !== null) {
      for (;;) {
        if (++entries > MAX_HEADER_ENTRIES) return fail(10);
        let done, pair;
        try { const step = it.next(); done = step.done; pair = step.value; } catch { return fail(4); }
        if (done) return out;
        let isArray = false;
        try { isArray = Array.isArray(pair); } catch { isArray = false; }
        if (!isArray) return fail(5);
        let name;
        try { name = pair[0]; } catch { name = undefined; }
        if (typeof name !== 'string') return fail(6);
        let value;
        try { value = pair[1]; } catch { return fail(3); }
        const failed = push(name, value);
        if (failed) return failed;
      }
    }
  }
  // Own enumerable names, then each value read once, as Object.entries would (without its
  // array per entry).
  let names;
  try { names = Object.keys(bag); } catch { return fail(3); }
  if (names.length > MAX_HEADER_ENTRIES) return fail(10);
  for (const name of names) {
    let value;
    try { value = bag[name]; } catch { return fail(3); }
    const failed = push(name, value);
    if (failed) return failed;
  }
  return out;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = headerPairs)]
    fn header_pairs(bag: &JsValue, wanted: &JsValue) -> JsValue;

    #[wasm_bindgen(js_name = wantedHeaderNames)]
    fn wanted_header_names(wanted: &JsValue) -> JsValue;
}

/// Headers: a Fetch `Headers`, a `Map`, an array of `[name, value]` pairs, or a plain object
/// (Node's `IncomingHttpHeaders`, whose values may be arrays). Names in any case.
pub fn headers(p: Provider, value: &JsValue) -> Result<HeaderList> {
    headers_among(p, value, &JsValue::UNDEFINED)
}

/// The names a verifier reads, for [`headers_among`]: a JS `Set` of them lowercased the way
/// the filter lowercases a received name (JS `toLowerCase`, not only ASCII), built once per
/// verifier. Two names equal but for ASCII case (how `HeaderList` compares) then always
/// lowercase alike, non-ASCII ones included.
pub fn header_names<'n>(names: impl IntoIterator<Item = &'n str>) -> JsValue {
    let set = js_sys::Set::new(&JsValue::UNDEFINED);
    for name in names {
        set.add(&js_sys::JsString::from(name).to_lower_case().into());
    }
    wanted_header_names(&set)
}

/// [`headers`], keeping only the headers named in `wanted` (from [`header_names`]; undefined
/// keeps all). Every value is still checked, so the verdict on a malformed bag is the same.
pub fn headers_among(p: Provider, value: &JsValue, wanted: &JsValue) -> Result<HeaderList> {
    let read = header_pairs(value, wanted);
    if let Some(text) = read.as_string() {
        return Ok(HeaderList::from_nul_separated(text));
    }
    if !is_array(&read) {
        return Err(header_problem(p, &read, value));
    }
    let pairs: &Array = read.unchecked_ref();
    let mut list = HeaderList::new();
    let mut i = 0;
    while i + 1 < pairs.length() {
        list.append(
            pairs.get(i).as_string().unwrap_or_default(),
            pairs.get(i + 1).as_string().unwrap_or_default(),
        );
        i += 2;
    }
    Ok(list)
}

/// The coded error for what `headerPairs` could not read (`failed` is its `{ fail, name,
/// value }`; `bag` what the caller passed).
fn header_problem(p: Provider, failed: &JsValue, bag: &JsValue) -> HooksealError {
    const PASS_HEADERS: &str = "pass a Headers object or req.headers";
    const STRINGS: &str = "header values are strings (or arrays of strings)";
    let kind = get_f64(failed, "fail").unwrap_or(0.0) as u32;
    let name = get(failed, "name")
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    match kind {
        NO_HEADERS => invalid_input(
            p,
            "no headers were given",
            "pass the request's headers (a Headers object or req.headers)",
        ),
        NOT_AN_OBJECT => invalid_input(
            p,
            format!("headers must be an object, not {}", type_name(bag)),
            PASS_HEADERS,
        ),
        UNREADABLE => invalid_input(p, "the headers could not be read", PASS_HEADERS),
        NOT_A_PAIR => invalid_input(
            p,
            "a header entry is not a [name, value] pair",
            PASS_HEADERS,
        ),
        NAME_NOT_A_STRING => invalid_input(p, "a header name is not a string", PASS_HEADERS),
        VALUES_UNREADABLE => invalid_input(
            p,
            format!("the values of header `{name}` could not be read"),
            STRINGS,
        ),
        VALUE_NOT_A_STRING => invalid_input(
            p,
            format!("a value of header `{name}` is not a string"),
            STRINGS,
        ),
        TOO_MANY => invalid_input(
            p,
            "there are more than 100000 headers or header values",
            "pass the request's headers (a Headers object or req.headers): no request has that many",
        ),
        VALUE_OF_WRONG_TYPE => {
            let value = get(failed, "value").unwrap_or(JsValue::UNDEFINED);
            invalid_input(
                p,
                format!("the value of header `{name}` is {}", type_name(&value)),
                STRINGS,
            )
        }
        // 3 (reading threw), and anything unforeseen.
        _ => invalid_input(
            p,
            "the headers could not be read (reading them threw)",
            PASS_HEADERS,
        ),
    }
}

pub fn now_ms(p: Provider, opts: &JsValue) -> Result<i64> {
    now_ms_if(p, opts, true)
}

/// [`now_ms`] for a verifier that reads the clock only when `needed` (a time window is set):
/// `opts.now` is checked either way, and the clock is not read for nothing (0 stands for it).
pub fn now_ms_if(p: Provider, opts: &JsValue, needed: bool) -> Result<i64> {
    match option(p, opts, "now")? {
        None if !needed => Ok(0),
        None => Ok(js_sys::Date::now() as i64),
        Some(v) => match v.as_f64() {
            Some(n) if n.is_finite() => Ok(n as i64),
            _ => Err(invalid_input(
                p,
                "`now` must be a number of milliseconds since the epoch",
                "pass Date.now() or a Date's getTime()",
            )),
        },
    }
}

/// An option, `obj[key]`: `None` when `obj` is not an object or the member is undefined or
/// null. A getter (or a Proxy's trap) that throws is refused, not taken for an absent option:
/// it was, and a `publicKeys` whose getter threw left Numeral trusting its published keys, a
/// `now` whose getter threw the clock.
pub fn option(p: Provider, obj: &JsValue, key: &str) -> Result<Option<JsValue>> {
    if !obj.is_object() {
        return Ok(None);
    }
    match Reflect::get(obj, &JsValue::from_str(key)) {
        Ok(v) if v.is_undefined() || v.is_null() => Ok(None),
        Ok(v) => Ok(Some(v)),
        Err(_) => Err(invalid_input(
            p,
            format!("`{key}` could not be read (reading it threw)"),
            format!("pass `{key}` as a plain value"),
        )),
    }
}

/// `obj[key]` unless `obj` is not an object or the member is undefined/null (or reading it
/// threw: for what is not an option, see [`option`]).
pub fn get(obj: &JsValue, key: &str) -> Option<JsValue> {
    if !obj.is_object() {
        return None;
    }
    Reflect::get(obj, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn get_f64(obj: &JsValue, key: &str) -> Option<f64> {
    get(obj, key).and_then(|v| v.as_f64())
}

/// The options object of a constructor: must be an object (not an array); `example` is the
/// hint, a constructor call of the provider's.
pub fn options_object(p: Provider, value: &JsValue, example: &str) -> Result<()> {
    // An array is an object with no option in it: taken as one, `new NumeralVerifier([])`
    // made a verifier trusting the published keys, where the caller surely meant something else.
    // (`is_array`, the caught `Array.isArray`: it throws on a revoked Proxy.)
    if value.is_object() && !is_array(value) {
        Ok(())
    } else {
        Err(invalid_input(p, "the options must be an object", example))
    }
}

/// An optional string option.
pub fn opt_string(p: Provider, obj: &JsValue, key: &str) -> Result<Option<String>> {
    match option(p, obj, key)? {
        None => Ok(None),
        Some(v) => v.as_string().map(Some).ok_or_else(|| {
            invalid_input(
                p,
                format!("`{key}` must be a string"),
                format!("check the `{key}` option"),
            )
        }),
    }
}

/// A required secret option: one string, or an array of strings (rotation).
pub fn secret_list(p: Provider, obj: &JsValue, key: &str) -> Result<Vec<String>> {
    let Some(v) = option(p, obj, key)? else {
        return Err(HooksealError::new(p, crate::core::error::ErrorCode::InvalidSecret, format!("`{key}` is missing"))
            .with_hint(format!("pass `{key}`: the value the provider gave you (an array of several during a rotation); is the environment variable set?")));
    };
    if let Some(s) = v.as_string() {
        return Ok(vec![s]);
    }
    if is_array(&v) {
        let items = try_array_from(&v)
            .map_err(|_| invalid_input(p, format!("`{key}` could not be read"), "pass strings"))?;
        let mut list = Vec::with_capacity(items.length() as usize);
        for i in 0..items.length() {
            let item = items.get(i).as_string().ok_or_else(|| {
                invalid_input(p, format!("every `{key}` must be a string"), "pass strings")
            })?;
            list.push(item);
        }
        return Ok(list);
    }
    Err(invalid_input(
        p,
        format!("`{key}` must be a string or an array of strings"),
        "pass the secret as text",
    ))
}

/// An optional non-negative whole number option.
pub fn opt_u64(p: Provider, obj: &JsValue, key: &str) -> Result<Option<u64>> {
    match option(p, obj, key)? {
        None => Ok(None),
        Some(v) => match v.as_f64() {
            Some(n)
                if n.is_finite()
                    && n >= 0.0
                    && n.fract() == 0.0
                    && n <= 9_007_199_254_740_991.0 =>
            {
                Ok(Some(n as u64))
            }
            _ => Err(invalid_input(
                p,
                format!("`{key}` must be a non-negative whole number"),
                format!("check the `{key}` option"),
            )),
        },
    }
}

/// The `maxBodyBytes` option: [`DEFAULT_MAX_BODY_BYTES`] when absent, refused above
/// [`MAX_BODY_BYTES_CEILING`] (where a body could no longer be read in wasm memory).
pub fn max_body_bytes(p: Provider, obj: &JsValue) -> Result<usize> {
    match opt_u64(p, obj, "maxBodyBytes")? {
        None => Ok(DEFAULT_MAX_BODY_BYTES),
        Some(n) if n <= MAX_BODY_BYTES_CEILING as u64 => Ok(n as usize),
        Some(n) => Err(invalid_input(
            p,
            format!("`maxBodyBytes` is {n}; it can be at most {MAX_BODY_BYTES_CEILING} (256 MiB)"),
            "the body is copied into the wasm's memory, which holds 4 GiB at most: keep the limit near the largest delivery you expect (the default is 1 MiB)",
        )),
    }
}

/// A string argument (such as a signature).
pub fn string_arg(p: Provider, value: &JsValue, what: &str) -> Result<String> {
    value.as_string().ok_or_else(|| {
        invalid_input(
            p,
            format!("{what} must be a string, not {}", type_name(value)),
            format!("pass {what} as text"),
        )
    })
}

fn type_name(value: &JsValue) -> String {
    value
        .js_typeof()
        .as_string()
        .unwrap_or_else(|| "unknown".into())
}
