//! A compact, table-driven check of a JSON value against the shape of a Rust type, with the
//! verdict serde_json's `Deserialize` would give but without its code.
//!
//! Why: the typed event structs describe what a provider sends, and verifying a webhook means
//! telling whether the body has that shape. Deriving serde's `Deserialize` for them and calling
//! it monomorphizes a deserializer per struct (most of the wasm's size), although the wasm only
//! needs the verdict: the JavaScript object is built by `JSON.parse` of the raw body. Here each
//! type is a static [`Kind`] (a few words per field), produced by `#[derive(WireShape)]`
//! (crate `hookseal-derive`) from the same struct and serde attributes serde reads, and one
//! walker ([`check`]) reads any shape. Native users who want the Rust structs still get them
//! from serde, after the same check (see the providers' `into_typed`).
//!
//! Agreement with serde_json is the contract, quirks included: a struct also accepts an array
//! of its fields in order (serde's sequence form), `Option` fields may be absent from an
//! object but not from such an array, a member named twice is an error, unknown members are
//! skipped unchecked, strings that serde decodes must be valid UTF-8 without lone surrogate
//! escapes while skipped ones are only scanned. `tests/wire_shape_agreement.rs` compares the
//! two on every fixture and on mutations of every field.
//!
//! - [`scan`]: the lexical layer (strings, numbers, skipping a value without recursion).
//! - [`walk`]: the shape-driven walk; recursion is bounded by the static shape, not the input.
//! - [`mismatch`]: the first problem found, as a path and what was expected.

mod member_order;
mod mismatch;
// Also the lexer of core::json (members, values): one JSON reader in the crate.
pub(crate) mod scan;
mod walk;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::ops::Range;

use serde_json::value::RawValue;

pub use hookseal_derive::WireShape;
pub use mismatch::{Category, Mismatch, Problem, Segment};
pub use scan::Skipped;

/// What a JSON value must be.
#[derive(Debug, PartialEq, Eq)]
pub enum Kind {
    /// A string (serde: `String`, `Cow<str>`, open string enums). Decoded, so it must be
    /// valid UTF-8 without lone surrogate escapes.
    String,
    /// `true` or `false`.
    Bool,
    /// Any number whose value fits an `f64` (serde: `f32`, `f64`).
    Number,
    /// An integer lexeme (no fraction, no exponent, not `-0`) within the type's range (serde:
    /// the integer types; serde_json reads anything else as a float, which they refuse).
    Integer(Int),
    /// A string or any number, kept as received (`TreezorStringOrNumber`).
    StringOrNumber,
    /// Any value, unchecked beyond its syntax (serde_json's `RawValue`).
    Any,
    /// Any object, unchecked beyond its syntax: a `RawValue` whose `Deserialize` then refuses
    /// anything but an object (`NumeralObject`). Unlike [`Kind::Object`], no sequence form.
    AnyObject,
    /// `null` or the inner kind (`Option<T>`).
    Nullable(&'static Kind),
    /// An array of the inner kind (`Vec<T>`).
    ArrayOf(&'static Kind),
    /// An object of the shape, or an array of its fields in order (serde's sequence form of a
    /// struct).
    Object(&'static Shape),
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// The first of these kinds that matches (serde's untagged enums). As serde buffers the
    /// value first, every string and number in it is decoded, members skipped included.
    AnyOf(&'static [Kind]),
}

/// An integer type, for its range. (A tag rather than the bounds keeps every `Kind` three
/// words long, and the tables small.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Int {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
}

impl Int {
    pub const fn min(self) -> i64 {
        match self {
            Int::I8 => i8::MIN as i64,
            Int::I16 => i16::MIN as i64,
            Int::I32 => i32::MIN as i64,
            Int::I64 => i64::MIN,
            Int::U8 | Int::U16 | Int::U32 | Int::U64 => 0,
        }
    }

    pub const fn max(self) -> u64 {
        match self {
            Int::I8 => i8::MAX as u64,
            Int::I16 => i16::MAX as u64,
            Int::I32 => i32::MAX as u64,
            Int::I64 => i64::MAX as u64,
            Int::U8 => u8::MAX as u64,
            Int::U16 => u16::MAX as u64,
            Int::U32 => u32::MAX as u64,
            Int::U64 => u64::MAX,
        }
    }
}

/// The members of a struct.
#[derive(Debug, PartialEq, Eq)]
pub struct Shape {
    /// The Rust type's name, for tests and debugging.
    pub name: &'static str,
    /// In declaration order (the order of serde's sequence form).
    pub fields: &'static [Field],
    /// Whether members not listed are allowed (serde's default; false with
    /// `deny_unknown_fields`).
    pub open: bool,
}

/// One member of a [`Shape`].
#[derive(Debug, PartialEq, Eq)]
pub struct Field {
    /// The name on the wire (after `rename` / `rename_all`).
    pub wire_name: &'static str,
    /// A reference, so the many fields of one kind share it.
    pub kind: &'static Kind,
    /// `#[serde(default)]` on the field or its struct: it may be absent anywhere.
    pub default: bool,
    /// An `Option`: it may be absent from an object (serde reads a missing `Option` as
    /// `None`), but not from the end of an array in the sequence form.
    pub optional: bool,
}

impl Field {
    /// Whether an object must have this member.
    pub const fn required(&self) -> bool {
        !self.default && !self.optional
    }
}

/// The wire kind of a Rust type: implemented by `#[derive(WireShape)]` for structs and
/// untagged enums, and here for the standard types serde reads.
pub trait WireKind {
    const KIND: Kind;
    /// True for `Option<T>` only (see [`Field::optional`]).
    const OPTIONAL: bool = false;
}

/// Checks `json` (one JSON value, whitespace around it allowed) against `kind`. Returns the
/// first problem in document order, as serde would stop at it.
pub fn check(json: &[u8], kind: &'static Kind) -> Result<(), Mismatch> {
    walk::check_document(scan::Cursor::new(json), kind, None)
}

/// [`check`] of text already known to be UTF-8 (the same verdicts, less work).
pub fn check_str(json: &str, kind: &'static Kind) -> Result<(), Mismatch> {
    walk::check_document(scan::Cursor::new_str(json), kind, None)
}

/// [`check_str`] of the value at `cur`, read where it stands inside a larger document (the
/// same verdict as `check_str` of the value's own text). On success the cursor is after the
/// value, and the result says whether the value's text is in PHP's `json_encode` form
/// (`php_json_fixed_point::is_php_canonical` of it; always false without the `walk-php-form`
/// feature); on a mismatch the cursor is left where it was.
// Only the providers that check one member of a larger document in place use it (Treezor).
#[allow(dead_code)]
pub(crate) fn check_in_place(
    cur: &mut scan::Cursor<'_>,
    kind: &'static Kind,
) -> Result<bool, Mismatch> {
    cur.track_php_form();
    let result = walk::check_value(cur, kind);
    let php_form = cur.take_php_form();
    result.map(|()| php_form)
}

/// Like [`check`] for a struct kind, and returns where each top-level field's value is in
/// `json` (indexed like `Shape::fields`; `None` when absent), so a caller can read the few
/// members it needs without a second parse.
pub fn check_fields(
    json: &[u8],
    kind: &'static Kind,
) -> Result<Vec<Option<Range<usize>>>, Mismatch> {
    fields_of(scan::Cursor::new(json), kind, None)
}

/// The bytes of field `i`'s value, from the spans [`check_fields`] returned; empty when the
/// field was absent.
pub fn field_bytes<'a>(json: &'a [u8], spans: &[Option<Range<usize>>], i: usize) -> &'a [u8] {
    spans
        .get(i)
        .cloned()
        .flatten()
        .and_then(|span| json.get(span))
        .unwrap_or_default()
}

/// [`check_fields`] of text already known to be UTF-8 (the same verdicts, less work).
pub fn check_fields_str(
    json: &str,
    kind: &'static Kind,
) -> Result<Vec<Option<Range<usize>>>, Mismatch> {
    fields_of(scan::Cursor::new_str(json), kind, None)
}

/// The kind a top-level field is read as instead of its declared one, chosen from the spans
/// of the fields read before it (`None`: the declared kind).
pub type Retype<'r> = &'r dyn Fn(usize, &[Option<Range<usize>>]) -> Option<&'static Kind>;

/// [`check_fields_str`] where a top-level field's kind may depend on the fields before it
/// (an event's `data` on its `event_type`): `retype(i, spans)` is called before field `i` of
/// the object form is read, with the spans found so far, and returns the kind to read it as
/// (`None`: the declared one). One walk where a caller would otherwise read the field twice.
/// `skipped` says how much of what no shape describes is checked (see [`Skipped`]).
pub fn check_fields_str_retyped(
    json: &str,
    kind: &'static Kind,
    retype: Retype<'_>,
    skipped: Skipped,
) -> Result<Vec<Option<Range<usize>>>, Mismatch> {
    fields_of(
        scan::Cursor::new_str(json).skipping(skipped),
        kind,
        Some(retype),
    )
}

fn fields_of(
    cur: scan::Cursor<'_>,
    kind: &'static Kind,
    retype: Option<Retype<'_>>,
) -> Result<Vec<Option<Range<usize>>>, Mismatch> {
    let count = match kind {
        Kind::Object(shape) => shape.fields.len(),
        _ => 0,
    };
    let mut spans = vec![None; count];
    let fields = walk::Fields {
        spans: &mut spans,
        retype,
    };
    walk::check_document(cur, kind, Some(fields))?;
    Ok(spans)
}

/// The JSON string `raw` (a whole string token, quotes included) decoded; `None` when it is not
/// one, or has invalid UTF-8 or a lone surrogate escape.
pub fn decode_string(raw: &[u8]) -> Option<String> {
    // Not `decode_str(raw).map(Cow::into_owned)`: that shape cost Numeral's wasm 0.13 kB gzip.
    match plain_content(raw) {
        Some(plain) => Some(plain.to_owned()),
        None => decode_escapes(raw),
    }
}

/// [`decode_string`], borrowed from `raw` when the string has no escape.
pub fn decode_str(raw: &[u8]) -> Option<Cow<'_, str>> {
    match plain_content(raw) {
        Some(plain) => Some(Cow::Borrowed(plain)),
        None => decode_escapes(raw).map(Cow::Owned),
    }
}

/// The content of the JSON string `raw` when it has no escape: its value as it stands, with
/// no decoding (envelope members, event names: most strings). Always `None` in Numeral's
/// wasm (without `fast-json`), whose size budget is tight.
fn plain_content(raw: &[u8]) -> Option<&str> {
    let last = raw.len().saturating_sub(1);
    if cfg!(feature = "fast-json")
        && last > 0
        && raw.first() == Some(&b'"')
        && raw.get(last) == Some(&b'"')
        && scan::plain_end(raw, 1) == last
    {
        return std::str::from_utf8(raw.get(1..last)?).ok();
    }
    None
}

/// [`decode_string`] by the reader, escapes and all.
fn decode_escapes(raw: &[u8]) -> Option<String> {
    let mut cursor = scan::Cursor::new(raw);
    // Decoding only shortens: room for all of it at once, where growing from empty took
    // three or four allocations for a base64 signature with its `/` escaped.
    let mut out = Vec::with_capacity(raw.len());
    cursor.string(scan::Strings::Decode, Some(&mut out)).ok()?;
    if cursor.skip_ws().is_some() {
        return None;
    }
    String::from_utf8(out).ok()
}

/// The kind of a Rust type, as a `&'static` for [`check`].
pub const fn kind_of<T: WireKind + ?Sized>() -> &'static Kind {
    // Promoted to a static: `Kind` has no interior mutability and no destructor.
    &T::KIND
}

// The standard types serde reads, with the kinds serde_json accepts for them.

impl WireKind for String {
    const KIND: Kind = Kind::String;
}

impl WireKind for str {
    const KIND: Kind = Kind::String;
}

impl WireKind for Cow<'_, str> {
    const KIND: Kind = Kind::String;
}

impl WireKind for bool {
    const KIND: Kind = Kind::Bool;
}

impl WireKind for f32 {
    const KIND: Kind = Kind::Number;
}

impl WireKind for f64 {
    const KIND: Kind = Kind::Number;
}

macro_rules! integers {
    ($($t:ty => $int:ident),+) => {
        $(impl WireKind for $t {
            const KIND: Kind = Kind::Integer(Int::$int);
        })+
    };
}

// Not usize/isize: their range differs between wasm32 and 64-bit hosts.
integers!(i8 => I8, i16 => I16, i32 => I32, i64 => I64, u8 => U8, u16 => U16, u32 => U32, u64 => U64);

impl<T: WireKind> WireKind for Option<T> {
    const KIND: Kind = Kind::Nullable(kind_of::<T>());
    const OPTIONAL: bool = true;
}

impl<T: WireKind> WireKind for Vec<T> {
    const KIND: Kind = Kind::ArrayOf(kind_of::<T>());
}

impl<T: WireKind + ?Sized> WireKind for Box<T> {
    const KIND: Kind = T::KIND;
}

impl<T: WireKind + ?Sized> WireKind for &T {
    const KIND: Kind = T::KIND;
}

impl WireKind for RawValue {
    const KIND: Kind = Kind::Any;
}
