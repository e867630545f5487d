//! Compact JSON text of a `Serialize` value: what `serde_json::to_string` writes for the
//! types hookseal serializes (diagnoses, added fields), in a few hundred bytes of wasm.
//!
//! Why not serde_json's serializer: it brings its error type (whose `custom` parses line and
//! column out of the message), itoa and its own escaping into every wasm, only to write
//! diagnoses that `JSON.parse` reads back at once. Floats are refused: no serialized type has
//! one (diagnosis times are integers), and writing them exactly would take ryu.
//!
//! Differences from serde_json that `JSON.parse` cannot see: none for these types (same
//! escapes, same order, integer map keys quoted the same way). `tests` compares the two.

use std::fmt::{self, Write as _};

use serde::ser::{self, Serialize};

use crate::core::php_json::ESCAPE;
use crate::core::wire_shape::scan::plain_end;

/// Appends `s` as a JSON string. `JSON.parse` needs `"`, `\` and the C0 controls escaped;
/// everything else (non-ASCII included) may stay as it is. serde_json escapes the same way.
pub fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut copied = 0;
    loop {
        // The bytes to escape are exactly those that end a plain run when reading a string,
        // so the reader's word-at-a-time scan finds them (no test per byte).
        let i = plain_end(bytes, copied);
        // `i` is at an ASCII byte or the end, hence a char boundary: the `get` never misses.
        out.push_str(s.get(copied..i).unwrap_or_default());
        let Some(&b) = bytes.get(i) else { break };
        out.push('\\');
        // PHP's table spells these bytes as JSON does (`/`, which it also escapes, is not
        // among them).
        let short = ESCAPE.get(usize::from(b)).copied().unwrap_or(b'u');
        if short == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        } else {
            out.push(char::from(short));
        }
        copied = i + 1;
    }
    out.push('"');
}

/// `value` as compact JSON text.
pub fn to_json_string<T: Serialize + ?Sized>(value: &T) -> Result<String, WriteError> {
    let mut out = String::with_capacity(128);
    value.serialize(&mut Writer {
        out: &mut out,
        raw: false,
    })?;
    Ok(out)
}

/// Why a value could not be written (a float, a non-string map key, or a `Serialize` impl's
/// own error).
#[derive(Debug)]
pub struct WriteError(String);

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

impl ser::Error for WriteError {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        WriteError(msg.to_string())
    }
}

fn unsupported(what: &str) -> WriteError {
    WriteError(format!("{what} cannot be written as JSON here"))
}

/// serde_json's `RawValue` serializes as a struct of this name whose one field is the text.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

struct Writer<'o> {
    out: &'o mut String,
    /// The next string is a raw value's text: copied as it is, not quoted.
    raw: bool,
}

impl Writer<'_> {
    fn int(&mut self, v: impl fmt::Display) -> Result<(), WriteError> {
        // Writing to a String cannot fail.
        let _ = write!(self.out, "{v}");
        Ok(())
    }
}

/// An open array or object: whether an item was written yet, and (for a raw value) that the
/// field is to be copied as it is.
struct Compound<'w, 'o> {
    w: &'w mut Writer<'o>,
    first: bool,
    raw: bool,
    /// The closing bracket(s): `]`, `}`, or `}}` for a variant written as `{"name":{...}}`.
    close: &'static str,
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if !self.first {
            self.w.out.push(',');
        }
        self.first = false;
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.comma();
        value.serialize(&mut *self.w)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), WriteError> {
        self.key(key);
        value.serialize(&mut *self.w)
    }

    /// `"key":` (nothing for a raw value's one field). Not generic: `field` is instantiated
    /// for every field type, and stays a call.
    fn key(&mut self, key: &str) {
        if self.raw {
            self.w.raw = true;
            return;
        }
        self.comma();
        push_json_string(self.w.out, key);
        self.w.out.push(':');
    }

    fn end(self) -> Result<(), WriteError> {
        if self.raw {
            // A raw value's field was its text; were it not, nothing stays pending.
            self.w.raw = false;
        } else {
            self.w.out.push_str(self.close);
        }
        Ok(())
    }
}

impl<'w, 'o> Writer<'o> {
    fn open(&'w mut self, open: &str, close: &'static str) -> Compound<'w, 'o> {
        self.out.push_str(open);
        Compound {
            w: self,
            first: true,
            raw: false,
            close,
        }
    }

    /// `{"variant":` then the variant's content.
    fn variant_open(
        &'w mut self,
        variant: &str,
        open: &str,
        close: &'static str,
    ) -> Compound<'w, 'o> {
        self.out.push('{');
        push_json_string(self.out, variant);
        self.out.push(':');
        self.open(open, close)
    }
}

impl<'w, 'o> ser::Serializer for &'w mut Writer<'o> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Compound<'w, 'o>;
    type SerializeTuple = Compound<'w, 'o>;
    type SerializeTupleStruct = Compound<'w, 'o>;
    type SerializeTupleVariant = Compound<'w, 'o>;
    type SerializeMap = Compound<'w, 'o>;
    type SerializeStruct = Compound<'w, 'o>;
    type SerializeStructVariant = Compound<'w, 'o>;

    fn serialize_bool(self, v: bool) -> Result<(), WriteError> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), WriteError> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), WriteError> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), WriteError> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), WriteError> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), WriteError> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), WriteError> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), WriteError> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), WriteError> {
        self.int(v)
    }
    fn serialize_f32(self, _: f32) -> Result<(), WriteError> {
        Err(unsupported("a float"))
    }
    fn serialize_f64(self, _: f64) -> Result<(), WriteError> {
        Err(unsupported("a float"))
    }
    fn serialize_char(self, v: char) -> Result<(), WriteError> {
        push_json_string(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), WriteError> {
        if std::mem::take(&mut self.raw) {
            self.out.push_str(v);
        } else {
            push_json_string(self.out, v);
        }
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), WriteError> {
        // serde_json: an array of numbers.
        let mut seq = self.open("[", "]");
        for b in v {
            seq.item(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), WriteError> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), WriteError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), WriteError> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), WriteError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), WriteError> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.out.push('{');
        push_json_string(self.out, variant);
        self.out.push(':');
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, WriteError> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, WriteError> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, WriteError> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, WriteError> {
        Ok(self.variant_open(variant, "[", "]}"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, WriteError> {
        Ok(self.open("{", "}"))
    }
    fn serialize_struct(
        self,
        name: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, WriteError> {
        let raw = name == RAW_VALUE_TOKEN;
        let mut c = self.open(if raw { "" } else { "{" }, "}");
        c.raw = raw;
        Ok(c)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, WriteError> {
        Ok(self.variant_open(variant, "{", "}}"))
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.item(value)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.item(value)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.item(value)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.item(value)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), WriteError> {
        self.comma();
        // A key must come out as a JSON string; serde_json quotes integer and bool keys.
        let start = self.w.out.len();
        key.serialize(&mut *self.w)?;
        let written = self.w.out.get(start..).unwrap_or_default();
        if !written.starts_with('"') {
            if written.starts_with(['[', '{', 'n']) {
                return Err(unsupported("a map key that is not a string"));
            }
            self.w.out.insert(start, '"');
            self.w.out.push('"');
        }
        self.w.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;
    use serde_json::value::RawValue;

    use super::*;

    #[derive(Serialize)]
    enum Variant {
        Unit,
        Newtype(u8),
        Tuple(u8, &'static str),
        Struct { a: bool },
    }

    #[derive(Serialize)]
    struct Everything {
        s: &'static str,
        c: char,
        n: i64,
        u: u64,
        b: bool,
        none: Option<u8>,
        some: Option<&'static str>,
        list: Vec<u16>,
        tuple: (u8, i8),
        variants: Vec<Variant>,
        map: BTreeMap<String, i32>,
        int_keys: BTreeMap<u32, bool>,
        raw: Box<RawValue>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        unit: (),
    }

    /// The same text as serde_json for every shape a serialized type can take.
    #[test]
    fn writes_what_serde_json_writes() {
        let all = Everything {
            s: "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f} é 😀 </script>",
            c: '\u{0}',
            n: i64::MIN,
            u: u64::MAX,
            b: true,
            none: None,
            some: Some(""),
            list: vec![0, 1, 65535],
            tuple: (255, -128),
            variants: vec![
                Variant::Unit,
                Variant::Newtype(7),
                Variant::Tuple(1, "x"),
                Variant::Struct { a: false },
            ],
            map: [("k\"1".to_string(), -1), ("b".to_string(), 2)]
                .into_iter()
                .collect(),
            int_keys: [(3, true), (10, false)].into_iter().collect(),
            raw: RawValue::from_string(r#"{"x": [1, 2.50]}"#.to_string()).unwrap(),
            skipped: None,
            unit: (),
        };
        assert_eq!(
            to_json_string(&all).unwrap(),
            serde_json::to_string(&all).unwrap()
        );
        for s in [
            "",
            "plain",
            "\u{0}\u{1}\u{2}\u{1e}",
            "\\\\\"\"",
            "ünïcödé\u{2028}",
            "a/b",
        ] {
            let mut ours = String::new();
            push_json_string(&mut ours, s);
            assert_eq!(ours, serde_json::to_string(s).unwrap());
        }
        // Every ASCII character before, inside and after a word's worth of plain text.
        for c in (0u8..0x80).map(char::from) {
            for s in [
                format!("{c}"),
                format!("abcdefghij{c}klm{c}{c}nopqrstuvwxyz{c}"),
            ] {
                let mut ours = String::new();
                push_json_string(&mut ours, &s);
                assert_eq!(ours, serde_json::to_string(&s).unwrap(), "{c:?}");
            }
        }
    }

    #[test]
    fn floats_are_refused() {
        assert!(to_json_string(&1.5f64).is_err());
        assert!(to_json_string(&vec![0.0f32]).is_err());
    }
}
