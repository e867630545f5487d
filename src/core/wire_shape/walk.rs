//! The walk of a JSON value along a static [`Kind`], stopping at the first mismatch.
//!
//! The walk recurses once per level of the *shape* (a handful for every provider type), and
//! skips anything the shape does not describe with the iterative `Cursor::skip_value`, so
//! input nesting never deepens the call stack. Like serde_json, it refuses a 128th level in
//! what it reads (counted from the document root) but skips values at any depth.

use std::ops::Range;

#[cfg(feature = "fast-json")]
use super::member_order::MemberOrders;
use super::member_order::{record, Guess};
use super::mismatch::{Category, Mismatch, Problem, Segment};
use super::scan::{overflows_f64, Cursor, Strings, MAX_DEPTH};
use super::{Kind, Retype, Shape};

/// Who reads the value in serde: serde_json itself, or serde's buffered copy of it (inside an
/// untagged enum). Some failures are classified differently by the two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reader {
    Direct,
    Buffered,
}

/// Where the top-level fields' values are (indexed like `Shape::fields`), and how to retype
/// them (object form only).
pub(super) struct Fields<'s> {
    pub spans: &'s mut [Option<Range<usize>>],
    pub retype: Option<Retype<'s>>,
}

type Spans<'s> = Option<Fields<'s>>;

pub(super) fn check_document(
    cur: Cursor<'_>,
    kind: &'static Kind,
    spans: Spans<'_>,
) -> Result<(), Mismatch> {
    let mut walker = Walker::new(cur);
    match (kind, spans) {
        (Kind::Object(shape), Some(spans)) => {
            walker.object(shape, kind, 0, Reader::Direct, Some(spans))?
        }
        _ => walker.value(kind, 0, Reader::Direct)?,
    }
    if walker.cur.skip_ws().is_some() {
        return Err(walker.fail(Problem::Json("more text after the value"), Reader::Direct));
    }
    Ok(())
}

/// One value at `cur`, as the document root (depth 0), leaving `cur` after it.
#[allow(dead_code)] // see `check_in_place`
pub(super) fn check_value<'a>(cur: &mut Cursor<'a>, kind: &'static Kind) -> Result<(), Mismatch> {
    let mut walker = Walker::new(cur.clone());
    walker.value(kind, 0, Reader::Direct)?;
    *cur = walker.cur;
    Ok(())
}

struct Walker<'a> {
    cur: Cursor<'a>,
    // (Not in Numeral's wasm, without `fast-json`: its budget is in bytes.)
    #[cfg(feature = "fast-json")]
    orders: MemberOrders<'a>,
}

impl<'a> Walker<'a> {
    fn new(cur: Cursor<'a>) -> Self {
        Walker {
            cur,
            #[cfg(feature = "fast-json")]
            orders: MemberOrders::default(),
        }
    }

    /// The mismatch for `problem`, classified the way serde_json would report it.
    fn fail(&self, problem: Problem, reader: Reader) -> Mismatch {
        let category = match (&problem, reader) {
            (Problem::Json(_) | Problem::TooDeep, _) => Category::Json,
            // serde_json reports items left after a struct's fields as trailing characters.
            (Problem::TooManyItems { .. }, Reader::Direct) => Category::Json,
            (Problem::Duplicate(_), Reader::Direct) => Category::Duplicate,
            // Inside an untagged enum every failure becomes "no variant matched".
            _ => Category::Shape,
        };
        Mismatch::new(problem, category)
    }

    /// The mismatch for a value of the wrong kind at the cursor.
    fn expected(&mut self, kind: &'static Kind, reader: Reader) -> Mismatch {
        let got = self.cur.describe_next();
        if reader == Reader::Direct {
            // serde_json reads the offending scalar to name it in its message, and reports a
            // problem in it (a lone surrogate, a number beyond f64) instead.
            let start = self.cur.pos();
            let problem = match self.cur.peek() {
                Some(b'"') => self.cur.string(Strings::Decode, None).err(),
                Some(b'-' | b'0'..=b'9') => match self.cur.number() {
                    Ok(lexeme) if overflows_f64(lexeme) => {
                        Some(Problem::Json("a number beyond the range of a double"))
                    }
                    Ok(_) => None,
                    Err(p) => Some(p),
                },
                Some(b't') => self.cur.literal(b"true").err(),
                Some(b'f') => self.cur.literal(b"false").err(),
                Some(b'n') => self.cur.literal(b"null").err(),
                _ => None,
            };
            self.cur.rewind(start);
            if let Some(problem) = problem {
                return self.fail(problem, reader);
            }
        }
        self.fail(
            Problem::Expected {
                expected: kind,
                got,
            },
            reader,
        )
    }

    fn value(&mut self, kind: &'static Kind, depth: usize, reader: Reader) -> Result<(), Mismatch> {
        let next = self.cur.skip_ws();
        // (A byte match: comparing `describe_next()` with "no value" was a memcmp per value.)
        if !matches!(
            next,
            Some(b'"' | b'{' | b'[' | b't' | b'f' | b'n' | b'-' | b'0'..=b'9')
        ) {
            return Err(self.fail(Problem::Json("expected a value"), reader));
        }
        let lexical = |w: &Self, p: Problem| w.fail(p, reader);
        match kind {
            Kind::Any | Kind::AnyObject => {
                // serde reads the whole value first (syntax errors win), then the type.
                let got = self.cur.describe_next();
                let start = self.cur.pos();
                self.cur
                    .skip_value(Strings::Scan, depth)
                    .map_err(|p| lexical(self, p))?;
                // A borrowed RawValue must be a valid str.
                if !self.cur.utf8_known() && std::str::from_utf8(self.cur.since(start)).is_err() {
                    return Err(lexical(self, Problem::Json("invalid UTF-8")));
                }
                if matches!(kind, Kind::AnyObject) && !matches!(next, Some(b'{')) {
                    return Err(self.fail(
                        Problem::Expected {
                            expected: kind,
                            got,
                        },
                        reader,
                    ));
                }
            }
            Kind::String => {
                if !matches!(next, Some(b'"')) {
                    return Err(self.expected(kind, reader));
                }
                self.cur
                    .string(Strings::Decode, None)
                    .map_err(|p| lexical(self, p))?;
            }
            Kind::Bool => match next {
                Some(b't') => self.cur.literal(b"true").map_err(|p| lexical(self, p))?,
                Some(b'f') => self.cur.literal(b"false").map_err(|p| lexical(self, p))?,
                _ => return Err(self.expected(kind, reader)),
            },
            Kind::Number | Kind::Integer(_) => {
                if !matches!(next, Some(b'-' | b'0'..=b'9')) {
                    return Err(self.expected(kind, reader));
                }
                let got = self.cur.describe_next();
                let lexeme = self.cur.number().map_err(|p| lexical(self, p))?;
                // serde_json computes the value, and refuses one beyond f64 as a syntax error.
                if overflows_f64(lexeme) {
                    return Err(lexical(
                        self,
                        Problem::Json("a number beyond the range of a double"),
                    ));
                }
                if let Kind::Integer(int) = kind {
                    if !integer_fits(lexeme, int.min(), int.max()) {
                        return Err(self.fail(
                            Problem::Expected {
                                expected: kind,
                                got,
                            },
                            reader,
                        ));
                    }
                }
            }
            Kind::StringOrNumber => match next {
                Some(b'"') => self
                    .cur
                    .string(Strings::Decode, None)
                    .map_err(|p| lexical(self, p))?,
                // Kept as a raw value: any number, unchecked.
                Some(b'-' | b'0'..=b'9') => {
                    self.cur.number().map_err(|p| lexical(self, p))?;
                }
                _ => return Err(self.expected(kind, reader)),
            },
            Kind::Nullable(inner) => {
                if matches!(next, Some(b'n')) {
                    self.cur.literal(b"null").map_err(|p| lexical(self, p))?;
                } else {
                    self.value(inner, depth, reader).map_err(|mut m| {
                        // Say "… or null" when the value itself had the wrong kind.
                        let here = m.path().count() == 0;
                        if let (Problem::Expected { expected, .. }, true) = (&mut m.problem, here) {
                            *expected = kind;
                        }
                        m
                    })?;
                }
            }
            Kind::ArrayOf(item) => {
                if !matches!(next, Some(b'[')) {
                    return Err(self.expected(kind, reader));
                }
                self.array(item, depth, reader)?;
            }
            Kind::Object(shape) => match next {
                Some(b'{' | b'[') => self.object(shape, kind, depth, reader, None)?,
                _ => return Err(self.expected(kind, reader)),
            },
            Kind::OneOf(values) => {
                if !matches!(next, Some(b'"')) {
                    return Err(self.expected(kind, reader));
                }
                let mut text = Vec::new();
                self.cur
                    .string(Strings::Decode, Some(&mut text))
                    .map_err(|p| lexical(self, p))?;
                if !values.iter().any(|v| v.as_bytes() == text.as_slice()) {
                    let got = "another string";
                    return Err(self.fail(
                        Problem::Expected {
                            expected: kind,
                            got,
                        },
                        reader,
                    ));
                }
            }
            Kind::AnyOf(alternatives) => self.any_of(kind, alternatives, depth, reader)?,
        }
        Ok(())
    }

    /// The common scalar members (strings, string-or-number, null where allowed) read
    /// without the general `value` dispatch. True when the value was read and is of the kind;
    /// false says nothing: the caller rewinds and lets `value` read it and name any problem.
    #[inline(always)]
    fn scalar(&mut self, kind: &'static Kind) -> bool {
        if takes_string(kind) && self.cur.php_form_string() {
            return true;
        }
        let (kind, nullable) = match kind {
            Kind::Nullable(inner) => (*inner, true),
            _ => (kind, false),
        };
        match (self.cur.peek(), kind) {
            (Some(b'"'), Kind::String | Kind::StringOrNumber) => {
                self.cur.string(Strings::Decode, None).is_ok()
            }
            (Some(b'-' | b'0'..=b'9'), Kind::StringOrNumber) => self.cur.number().is_ok(),
            (Some(b'n'), Kind::String | Kind::StringOrNumber) if nullable => {
                self.cur.literal(b"null").is_ok()
            }
            _ => false,
        }
    }

    fn array(&mut self, item: &'static Kind, depth: usize, reader: Reader) -> Result<(), Mismatch> {
        self.open(depth, reader)?;
        if matches!(self.cur.skip_ws(), Some(b']')) {
            self.cur.eat(b']');
            return Ok(());
        }
        let mut index = 0;
        loop {
            self.value(item, depth + 1, reader)
                .map_err(|m| m.within(Segment::Index(index)))?;
            index += 1;
            match self.cur.skip_ws() {
                Some(b',') => self.cur.eat(b','),
                Some(b']') => {
                    self.cur.eat(b']');
                    return Ok(());
                }
                _ => return Err(self.fail(Problem::Json("expected a comma or ]"), reader)),
            };
        }
    }

    /// Consumes `{` or `[`, refusing one level too many.
    fn open(&mut self, depth: usize, reader: Reader) -> Result<(), Mismatch> {
        if depth + 1 > MAX_DEPTH {
            return Err(self.fail(Problem::TooDeep, reader));
        }
        if !(self.cur.eat(b'{') || self.cur.eat(b'[')) {
            return Err(self.fail(Problem::Json("expected { or ["), reader));
        }
        Ok(())
    }

    /// A struct: an object, or serde's sequence form (an array of the fields in order).
    fn object(
        &mut self,
        shape: &'static Shape,
        kind: &'static Kind,
        depth: usize,
        reader: Reader,
        spans: Spans<'_>,
    ) -> Result<(), Mismatch> {
        match self.cur.skip_ws() {
            Some(b'{') => self.members(shape, depth, reader, spans),
            Some(b'[') => self.items(shape, depth, reader, spans),
            _ => Err(self.expected(kind, reader)),
        }
    }

    fn members(
        &mut self,
        shape: &'static Shape,
        depth: usize,
        reader: Reader,
        mut spans: Spans<'_>,
    ) -> Result<(), Mismatch> {
        #[cfg(feature = "fast-json")]
        #[cfg_attr(not(feature = "repeated-shapes"), allow(unused_variables))]
        let (mut order, whole) = self.orders.take(shape);
        #[cfg(feature = "repeated-shapes")]
        if let (Some(n), None) = (whole, &spans) {
            let start = self.cur.pos();
            if self.members_as_before(shape, order.get(..n).unwrap_or_default(), depth, reader) {
                self.orders.put_back(shape, order, whole);
                return Ok(());
            }
            self.cur.rewind(start);
        }
        self.open(depth, reader)?;
        let mut seen = Seen::new(shape.fields.len());
        let mut name = Vec::new();
        #[cfg(not(feature = "fast-json"))]
        let mut order = Vec::new();
        // Where the next member's field is looked for first when the learnt order has no
        // guess: senders write members in a fixed order, often the declared one.
        let mut next_field = 0;
        let mut k = 0;
        if matches!(self.cur.skip_ws(), Some(b'}')) {
            self.cur.eat(b'}');
        } else {
            loop {
                if !matches!(self.cur.skip_ws(), Some(b'"')) {
                    return Err(self.fail(Problem::Json("expected a member name"), reader));
                }
                let index =
                    self.member_name(shape, &mut order, k, next_field, &mut name, reader)?;
                k += 1;
                self.cur.colon().map_err(|p| self.fail(p, reader))?;
                next_field = index.map_or(next_field, |i| i + 1);
                match (index, index.and_then(|i| shape.fields.get(i))) {
                    (Some(i), Some(field)) => {
                        // serde refuses the second copy before reading it.
                        if !seen.insert(i) {
                            return Err(self.fail(Problem::Duplicate(field.wire_name), reader));
                        }
                        self.cur.skip_ws();
                        let start = self.cur.pos();
                        let kind = spans
                            .as_ref()
                            .and_then(|f| f.retype.and_then(|retype| retype(i, f.spans)))
                            .unwrap_or(field.kind);
                        if !(cfg!(feature = "fast-json") && self.scalar(kind)) {
                            self.cur.rewind(start);
                            self.value(kind, depth + 1, reader)
                                .map_err(|m| m.within(Segment::Member(field.wire_name)))?;
                        }
                        if let Some(span) = spans.as_mut().and_then(|f| f.spans.get_mut(i)) {
                            *span = Some(start..self.cur.pos());
                        }
                    }
                    _ if !shape.open => {
                        // Decoded above, so valid UTF-8 (from_utf8_lossy would add 1 kB).
                        let name = String::from_utf8(name).unwrap_or_default();
                        return Err(self.fail(Problem::Unknown(name), reader));
                    }
                    _ => self
                        .cur
                        .skip_value(Strings::Scan, depth + 1)
                        .map_err(|p| self.fail(p, reader))?,
                }
                match self.cur.skip_ws() {
                    Some(b',') => self.cur.eat(b','),
                    Some(b'}') => {
                        self.cur.eat(b'}');
                        break;
                    }
                    _ => return Err(self.fail(Problem::Json("expected a comma or }"), reader)),
                };
            }
        }
        // serde reports the first missing field in declaration order, after the object.
        for (i, field) in shape.fields.iter().enumerate() {
            if !seen.contains(i) && field.required() {
                return Err(self.fail(Problem::Missing(field.wire_name), reader));
            }
        }
        // A copy for the next object of the shape (`members_as_before`).
        #[cfg(feature = "repeated-shapes")]
        let whole = order
            .get(..k)
            .is_some_and(|read| read.iter().all(|g| !matches!(g, Guess::None)))
            .then_some(k);
        #[cfg(feature = "fast-json")]
        self.orders.put_back(shape, order, whole);
        Ok(())
    }

    /// Reads the object at the cursor (on its `{`) as a copy of the last object of its shape,
    /// whose members were `steps`: each name as written there, in that order, with nothing
    /// between tokens, each value read as `members` reads it. True when the object was read
    /// to its `}`; false says nothing (the caller rewinds and reads it with `members`, which
    /// names any problem).
    ///
    /// Why: an array of transactions repeats one object's members, and `members` spent ~170
    /// native instructions a member on finding each name's field, on the colon, the
    /// whitespace, the seen set and the spans, where this compares each name as written and
    /// reads its value. The verdict is `members`': that last object was read without error,
    /// so `steps` names each field once, every required one among them, and members the shape
    /// does not list only where it is open; and each value here is read by the same calls.
    #[cfg(feature = "repeated-shapes")]
    fn members_as_before(
        &mut self,
        shape: &'static Shape,
        steps: &[Guess<'a>],
        depth: usize,
        reader: Reader,
    ) -> bool {
        if depth + 1 > MAX_DEPTH || !self.cur.eat(b'{') {
            return false;
        }
        for (k, step) in steps.iter().enumerate() {
            let (name, field) = match *step {
                Guess::Field(i) => match shape.fields.get(i) {
                    Some(field) => (field.wire_name.as_bytes(), Some(field)),
                    None => return false,
                },
                Guess::Unknown(raw) => (raw, None),
                Guess::None => return false,
            };
            if !self.cur.eat_member_head(name, k > 0) {
                return false;
            }
            let read = match field {
                Some(field) => {
                    let start = self.cur.pos();
                    self.scalar(field.kind) || {
                        self.cur.rewind(start);
                        self.value(field.kind, depth + 1, reader).is_ok()
                    }
                }
                None => self.cur.skip_value(Strings::Scan, depth + 1).is_ok(),
            };
            if !read {
                return false;
            }
        }
        self.cur.eat(b'}')
    }

    /// Reads the member name at the cursor (on its quote): the index of its field, or `None`
    /// for a member the shape does not list. `name` holds the decoded name when it had
    /// escapes or the shape is closed (for the message), and is empty otherwise.
    #[inline(always)]
    fn member_name(
        &mut self,
        shape: &'static Shape,
        order: &mut Vec<Guess<'a>>,
        k: usize,
        next_field: usize,
        name: &mut Vec<u8>,
        reader: Reader,
    ) -> Result<Option<usize>, Mismatch> {
        name.clear();
        if !cfg!(feature = "fast-json") {
            // serde decodes every member name of a struct to match it.
            self.cur
                .string(Strings::Decode, Some(name))
                .map_err(|p| self.fail(p, reader))?;
            return Ok(find_field(shape, name, next_field));
        }
        // A name written plainly decodes to itself: compared in place, it needs no copy.
        match order.get(k).copied() {
            Some(Guess::Field(i)) => {
                let field = shape.fields.get(i).map(|f| f.wire_name.as_bytes());
                if field.is_some_and(|f| self.cur.eat_plain_string(f)) {
                    return Ok(Some(i));
                }
            }
            Some(Guess::Unknown(raw)) if self.cur.eat_plain_string(raw) => return Ok(None),
            _ => {}
        }
        if let Some(i) = find_plain_field(&mut self.cur, shape, next_field) {
            record(order, k, Guess::Field(i));
            return Ok(Some(i));
        }
        let start = self.cur.pos();
        self.cur
            .string(Strings::Decode, None)
            .map_err(|p| self.fail(p, reader))?;
        let raw = self.cur.since(start);
        let raw = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
        // Without an escape the name was just compared with every field: an unknown member,
        // decoded only for the message that names it.
        let escaped = raw.contains(&b'\\');
        if escaped || !shape.open {
            let end = self.cur.pos();
            self.cur.rewind(start);
            self.cur
                .string(Strings::Decode, Some(name))
                .map_err(|p| self.fail(p, reader))?;
            debug_assert_eq!(self.cur.pos(), end);
        }
        if !escaped {
            record(order, k, Guess::Unknown(raw));
            return Ok(None);
        }
        record(order, k, Guess::None);
        Ok(find_field(shape, name, next_field))
    }

    /// serde's sequence form of a struct: its fields in declaration order. A field left off
    /// the end must have a default (an `Option` alone is not enough here).
    fn items(
        &mut self,
        shape: &'static Shape,
        depth: usize,
        reader: Reader,
        mut spans: Spans<'_>,
    ) -> Result<(), Mismatch> {
        self.open(depth, reader)?;
        let fields = shape.fields.len();
        let mut closed = matches!(self.cur.skip_ws(), Some(b']'));
        if closed {
            self.cur.eat(b']');
        }
        let mut got = 0;
        for (i, field) in shape.fields.iter().enumerate() {
            if !closed && i > 0 {
                match self.cur.skip_ws() {
                    Some(b',') => self.cur.eat(b','),
                    Some(b']') => {
                        closed = true;
                        self.cur.eat(b']')
                    }
                    _ => return Err(self.fail(Problem::Json("expected a comma or ]"), reader)),
                };
            }
            if closed {
                if !field.default {
                    return Err(self.fail(Problem::TooFewItems { fields, got }, reader));
                }
                continue;
            }
            self.cur.skip_ws();
            let start = self.cur.pos();
            self.value(field.kind, depth + 1, reader)
                .map_err(|m| m.within(Segment::Index(i)))?;
            if let Some(span) = spans.as_mut().and_then(|f| f.spans.get_mut(i)) {
                *span = Some(start..self.cur.pos());
            }
            got += 1;
        }
        if !closed {
            match self.cur.skip_ws() {
                Some(b']') => {
                    self.cur.eat(b']');
                }
                Some(b',') => return Err(self.fail(Problem::TooManyItems { fields }, reader)),
                _ => return Err(self.fail(Problem::Json("expected a comma or ]"), reader)),
            }
        }
        Ok(())
    }

    /// An untagged enum: serde buffers the value (decoding every string and number in it),
    /// then tries each alternative in order on the buffer.
    fn any_of(
        &mut self,
        kind: &'static Kind,
        alternatives: &'static [Kind],
        depth: usize,
        reader: Reader,
    ) -> Result<(), Mismatch> {
        let start = self.cur.pos();
        if reader == Reader::Direct {
            self.cur
                .skip_value(Strings::Decode, depth)
                .map_err(|p| self.fail(p, reader))?;
            self.cur.rewind(start);
        }
        // The alternative that got furthest into the value says most about it.
        let reach = |m: &Mismatch| match (&m.problem, m.path().count()) {
            (Problem::Expected { .. }, 0) => 0,
            (_, len) => len + 1,
        };
        let mut furthest: Option<Mismatch> = None;
        for alternative in alternatives {
            self.cur.rewind(start);
            match self.value(alternative, depth, Reader::Buffered) {
                Ok(()) => return Ok(()),
                Err(m) => {
                    if reach(&m) > furthest.as_ref().map_or(0, reach) {
                        furthest = Some(m);
                    }
                }
            }
        }
        self.cur.rewind(start);
        // None got into it: say which kinds were expected.
        let mut mismatch = furthest.unwrap_or_else(|| self.expected(kind, reader));
        mismatch.category = Category::Shape;
        Err(mismatch)
    }
}

/// The fields of one object already read: bits of a word for the first 64 (a u128 shift is
/// a call on wasm32), a vector only beyond. One allocation per object was measurable.
struct Seen {
    bits: u64,
    more: Vec<bool>,
}

impl Seen {
    fn new(fields: usize) -> Self {
        Seen {
            bits: 0,
            more: vec![false; fields.saturating_sub(64)],
        }
    }

    /// Marks field `i`; false when it was already marked.
    fn insert(&mut self, i: usize) -> bool {
        if i < 64 {
            let bit = 1u64 << i;
            let fresh = self.bits & bit == 0;
            self.bits |= bit;
            return fresh;
        }
        match self.more.get_mut(i - 64) {
            Some(seen) => !std::mem::replace(seen, true),
            None => false,
        }
    }

    fn contains(&self, i: usize) -> bool {
        if i < 64 {
            return self.bits & (1u64 << i) != 0;
        }
        self.more.get(i - 64).copied().unwrap_or(false)
    }
}

/// The field whose name is the string at the cursor written without escapes, consumed.
fn find_plain_field(cur: &mut Cursor<'_>, shape: &Shape, from: usize) -> Option<usize> {
    search_from(shape.fields.len(), from, |i| {
        shape
            .fields
            .get(i)
            .is_some_and(|f| cur.eat_plain_string(f.wire_name.as_bytes()))
    })
}

/// The index of the field named `name`.
fn find_field(shape: &Shape, name: &[u8], from: usize) -> Option<usize> {
    search_from(shape.fields.len(), from, |i| {
        shape
            .fields
            .get(i)
            .is_some_and(|f| f.wire_name.as_bytes() == name)
    })
}

/// The first of `count` field indexes, from `from` round to `from - 1`, that `found` accepts:
/// senders write members in a fixed order, usually the declared one, so the search mostly
/// ends at its first try.
#[inline(always)]
fn search_from(count: usize, from: usize, mut found: impl FnMut(usize) -> bool) -> Option<usize> {
    let from = if from < count { from } else { 0 };
    for step in 0..count {
        let i = if from + step < count {
            from + step
        } else {
            from + step - count
        };
        if found(i) {
            return Some(i);
        }
    }
    None
}

/// Whether serde_json reads the number `lexeme` as an integer within `min..=max`. It reads a
/// fraction, an exponent, `-0` and integers beyond i64/u64 as floats, which integer types
/// refuse.
fn integer_fits(lexeme: &[u8], min: i64, max: u64) -> bool {
    let (negative, digits) = match lexeme.strip_prefix(b"-") {
        Some(rest) => (true, rest),
        None => (false, lexeme),
    };
    if digits.is_empty() || digits.len() > 20 || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let value = digits
        .iter()
        .fold(0u128, |acc, d| acc * 10 + u128::from(d - b'0'));
    if negative {
        let too_far = value == 0 || value > 1u128 << 63;
        !too_far && -(value as i128) >= i128::from(min)
    } else {
        value <= u128::from(max)
    }
}

/// Whether any string is a value of `kind` (what [`Walker::scalar`] reads with
/// `Cursor::string` alone).
#[inline(always)]
fn takes_string(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::String | Kind::StringOrNumber | Kind::Nullable(Kind::String | Kind::StringOrNumber)
    )
}

#[cfg(test)]
mod seen_tests {
    use super::Seen;

    #[test]
    fn seen_marks_each_field_once_below_and_beyond_a_word() {
        let mut seen = Seen::new(130);
        for i in [0, 1, 63, 64, 65, 127, 128, 129] {
            assert!(!seen.contains(i));
            assert!(seen.insert(i), "{i}");
            assert!(seen.contains(i));
            assert!(!seen.insert(i), "{i}");
        }
        assert!(!seen.contains(62) && !seen.contains(66));
        // Past the fields: never seen, never marked.
        assert!(!seen.insert(130) && !seen.contains(130));
    }
}
