//! Converting JavaScript arguments into core types, with a coded error for anything else.

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

// Everything here that can run the caller's JS (getters, proxies, iterators) or throw is
// imported with `catch`. A JS exception thrown through wasm frames skips the Rust code that
// restores the shadow stack pointer and frees memory: about 1,600 such calls overflowed the
// shadow stack and broke the instance for every later call ("memory access out of bounds").
// With `catch` the exception becomes an `Err` here and Rust returns normally.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Object, js_name = entries, catch)]
    fn try_object_entries(value: &JsValue) -> std::result::Result<Array, JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = getPrototypeOf, catch)]
    fn try_get_prototype_of(value: &JsValue) -> std::result::Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn try_is_array(value: &JsValue) -> std::result::Result<bool, JsValue>;
    /// A fresh array of the items (the caller's array may have getters or its own iterator).
    #[wasm_bindgen(js_namespace = Array, js_name = from, catch)]
    fn try_array_from(value: &JsValue) -> std::result::Result<Array, JsValue>;
}

#[wasm_bindgen(
    inline_js = "export function uint8View(buffer, offset, length) { return new Uint8Array(buffer, offset, length); }"
)]
extern "C" {
    /// `new Uint8Array(buffer, offset, length)`: throws on a detached buffer.
    #[wasm_bindgen(js_name = uint8View, catch)]
    fn try_uint8_array_view(
        buffer: &JsValue,
        offset: f64,
        length: f64,
    ) -> std::result::Result<Uint8Array, JsValue>;
}

#[wasm_bindgen(inline_js = r#"
export function plainHeaderText(headers) {
  // The common case in one crossing: a plain object (Node's req.headers) of string values,
  // as "name\0value\0name\0value". Anything else (Headers, Map, arrays, numbers, array
  // values, a NUL in a name or value, a proxy or getter that throws) answers undefined, and
  // the general reader runs with its exact errors.
  try {
    const proto = Object.getPrototypeOf(headers);
    if (proto !== Object.prototype && proto !== null) return undefined;
    let text = '';
    for (const name of Object.keys(headers)) {
      const value = headers[name];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string' || name.includes('\0') || value.includes('\0')) return undefined;
      text += name + '\0' + value + '\0';
    }
    return text;
  } catch {
    return undefined;
  }
}
"#)]
extern "C" {
    /// See the JS above: `Some` only for a plain object of string (or absent) values.
    #[wasm_bindgen(js_name = plainHeaderText)]
    fn plain_header_text(headers: &JsValue) -> Option<String>;
}

fn is_array(value: &JsValue) -> bool {
    try_is_array(value).unwrap_or(false)
}

/// `value[index]`, `None` if reading it throws.
fn get_index(value: &JsValue, index: u32) -> Option<JsValue> {
    Reflect::get_u32(value, index).ok()
}

use super::error::invalid_input;
use crate::core::error::{HooksealError, Provider, Result};
use crate::core::headers::HeaderList;

/// The raw body: `string` (UTF-8 encoded, as the server received it decoded), `Uint8Array`
/// (Node `Buffer` included) or `ArrayBuffer`. A parsed object is refused with a hint, since
/// re-serializing it would not give back the signed bytes.
pub fn body(p: Provider, value: &JsValue, max_bytes: usize) -> Result<Vec<u8>> {
    if let Some(js) = value.dyn_ref::<js_sys::JsString>() {
        // A string's UTF-8 is at least as long as its UTF-16 length: refuse a string that is
        // too long for sure before copying it into wasm memory, which never shrinks.
        let units = js.length() as usize;
        if units > max_bytes {
            return Err(too_large(p, units, max_bytes));
        }
    }
    if let Some(s) = value.as_string() {
        if s.len() > max_bytes {
            return Err(too_large(p, s.len(), max_bytes));
        }
        return Ok(s.into_bytes());
    }
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        return copy(p, bytes, max_bytes);
    }
    if let Some(buf) = value.dyn_ref::<ArrayBuffer>() {
        let len = buf.byte_length() as usize;
        if len > max_bytes {
            return Err(too_large(p, len, max_bytes));
        }
        let view = try_uint8_array_view(value, 0.0, len as f64).map_err(|_| bad_body(p, value))?;
        return copy(p, &view, max_bytes);
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
        return copy(p, &view, max_bytes);
    }
    Err(bad_body(p, value))
}

fn copy(p: Provider, bytes: &Uint8Array, max_bytes: usize) -> Result<Vec<u8>> {
    let len = bytes.length() as usize;
    if len > max_bytes {
        // Refused before copying a byte into wasm memory.
        return Err(too_large(p, len, max_bytes));
    }
    Ok(bytes.to_vec())
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

/// Headers: a Fetch `Headers`, a `Map`, an array of `[name, value]` pairs, or a plain object
/// (Node's `IncomingHttpHeaders`, whose values may be arrays). Names in any case.
pub fn headers(p: Provider, value: &JsValue) -> Result<HeaderList> {
    let mut list = HeaderList::new();
    if value.is_undefined() || value.is_null() {
        return Err(invalid_input(
            p,
            "no headers were given",
            "pass the request's headers (a Headers object or req.headers)",
        ));
    }
    if !value.is_object() {
        return Err(invalid_input(
            p,
            format!("headers must be an object, not {}", type_name(value)),
            "pass a Headers object or req.headers",
        ));
    }
    // Each header read one by one costs four crossings and two string copies (~1 µs), more
    // than the HMAC of a small body: the usual plain object comes over as one string.
    if let Some(text) = plain_header_text(value) {
        return Ok(HeaderList::from_nul_separated(text));
    }
    let unreadable = || {
        invalid_input(
            p,
            "the headers could not be read (reading them threw)",
            "pass a Headers object or req.headers",
        )
    };
    let prototype = try_get_prototype_of(value).map_err(|_| unreadable())?;
    let is_plain =
        prototype.is_null() || prototype == JsValue::from(Object::get_prototype_of(&Object::new()));
    if !is_plain {
        // Headers, Map and arrays are iterables of [name, value].
        if let Ok(Some(iter)) = js_sys::try_iter(value) {
            for pair in iter {
                let pair = pair.map_err(|_| {
                    invalid_input(
                        p,
                        "the headers could not be read",
                        "pass a Headers object or req.headers",
                    )
                })?;
                // Not `dyn_into`: its Array.isArray check throws on a revoked proxy.
                if !is_array(&pair) {
                    return Err(invalid_input(
                        p,
                        "a header entry is not a [name, value] pair",
                        "pass a Headers object or req.headers",
                    ));
                }
                let name = get_index(&pair, 0)
                    .and_then(|n| n.as_string())
                    .ok_or_else(|| {
                        invalid_input(
                            p,
                            "a header name is not a string",
                            "pass a Headers object or req.headers",
                        )
                    })?;
                let value = get_index(&pair, 1).ok_or_else(unreadable)?;
                push_value(p, &mut list, &name, &value)?;
            }
            return Ok(list);
        }
    }
    let entries = try_object_entries(value).map_err(|_| unreadable())?;
    for entry in entries.iter() {
        let pair: Array = entry.unchecked_into();
        let name = pair.get(0).as_string().unwrap_or_default();
        push_value(p, &mut list, &name, &pair.get(1))?;
    }
    Ok(list)
}

fn push_value(p: Provider, list: &mut HeaderList, name: &str, value: &JsValue) -> Result<()> {
    if value.is_undefined() || value.is_null() {
        return Ok(());
    }
    if let Some(s) = value.as_string() {
        list.append(name, s);
    } else if let Some(n) = value.as_f64() {
        list.append(name, js_number_text(n));
    } else if is_array(value) {
        let items = try_array_from(value).map_err(|_| {
            invalid_input(
                p,
                format!("the values of header `{name}` could not be read"),
                "header values are strings (or arrays of strings)",
            )
        })?;
        for item in items.iter() {
            if let Some(s) = item.as_string() {
                list.append(name, s);
            } else {
                return Err(invalid_input(
                    p,
                    format!("a value of header `{name}` is not a string"),
                    "header values are strings (or arrays of strings)",
                ));
            }
        }
    } else {
        return Err(invalid_input(
            p,
            format!("the value of header `{name}` is {}", type_name(value)),
            "header values are strings (or arrays of strings)",
        ));
    }
    Ok(())
}

/// A number-valued header as JS would print it (`String(n)`); JS does the formatting so the
/// wasm carries no float formatter.
fn js_number_text(n: f64) -> String {
    String::from(
        js_sys::Number::from(n)
            .to_string_with_radix(10)
            .unwrap_or_else(|_| js_sys::JsString::from("")),
    )
}

/// `opts.now` if given (ms since the epoch), else `Date.now()`.
pub fn now_ms(p: Provider, opts: &JsValue) -> Result<i64> {
    match get(opts, "now") {
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

/// `obj[key]` unless `obj` is not an object or the member is undefined/null.
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

/// The options object of a constructor: must be an object.
pub fn options_object(p: Provider, value: &JsValue) -> Result<()> {
    if value.is_object() {
        Ok(())
    } else {
        Err(invalid_input(
            p,
            "the options must be an object",
            "e.g. new SeqinoVerifier({ secret: process.env.SEQINO_SECRET })",
        ))
    }
}

/// An optional string option.
pub fn opt_string(p: Provider, obj: &JsValue, key: &str) -> Result<Option<String>> {
    match get(obj, key) {
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
    let Some(v) = get(obj, key) else {
        return Err(HooksealError::new(p, crate::core::error::ErrorCode::InvalidSecret, format!("`{key}` is missing"))
            .with_hint(format!("pass `{key}`: the value the provider gave you (an array of several during a rotation); is the environment variable set?")));
    };
    if let Some(s) = v.as_string() {
        return Ok(vec![s]);
    }
    if is_array(&v) {
        return try_array_from(&v)
            .map_err(|_| invalid_input(p, format!("`{key}` could not be read"), "pass strings"))?
            .iter()
            .map(|item| {
                item.as_string().ok_or_else(|| {
                    invalid_input(p, format!("every `{key}` must be a string"), "pass strings")
                })
            })
            .collect();
    }
    Err(invalid_input(
        p,
        format!("`{key}` must be a string or an array of strings"),
        "pass the secret as text",
    ))
}

/// An optional non-negative whole number option.
pub fn opt_u64(p: Provider, obj: &JsValue, key: &str) -> Result<Option<u64>> {
    match get(obj, key) {
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
