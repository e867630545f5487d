//! The first place where a value differs from its shape, for messages such as
//! `object_payload.payins[0].amount: expected a string, got a number`.

use std::fmt;

use super::Kind;
use crate::core::error::{ErrorCode, HooksealError, Provider};

/// One step of the path to a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// A member of an object (its wire name).
    Member(&'static str),
    /// An item of an array (also a field given positionally, in serde's sequence form).
    Index(usize),
}

/// What is wrong at the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The value is not of the expected kind (or not in its range, or not one of its values).
    Expected {
        expected: &'static Kind,
        got: &'static str,
    },
    /// A member the shape requires is absent.
    Missing(&'static str),
    /// A member appears twice.
    Duplicate(&'static str),
    /// A member the shape does not list, in a shape that refuses others.
    Unknown(String),
    /// An array standing for a struct has fewer items than the struct has required fields.
    TooFewItems { fields: usize, got: usize },
    /// An array standing for a struct has more items than the struct has fields.
    TooManyItems { fields: usize },
    /// Not valid JSON here (syntax, invalid UTF-8 or a lone surrogate in a decoded string).
    Json(&'static str),
    /// Nested deeper than serde_json's limit of 127 containers.
    TooDeep,
}

/// How serde_json would classify the same failure, so callers keep their error codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// A syntax error (serde_json's `Category::Syntax`).
    Json,
    /// "duplicate field" (which callers report as `duplicate_key`).
    Duplicate,
    /// Any other data error: wrong type, missing member…
    Shape,
}

/// The first mismatch found: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// Innermost segment first: segments are pushed while the walk unwinds.
    reversed_path: Vec<Segment>,
    pub problem: Problem,
    pub category: Category,
}

impl Mismatch {
    pub(super) fn new(problem: Problem, category: Category) -> Self {
        Mismatch {
            reversed_path: Vec::new(),
            problem,
            category,
        }
    }

    /// Adds the segment leading to the place of the problem (called while unwinding).
    pub(super) fn within(mut self, segment: Segment) -> Self {
        self.reversed_path.push(segment);
        self
    }

    /// The path from the checked value to the problem, outermost first.
    pub fn path(&self) -> impl Iterator<Item = &Segment> {
        self.reversed_path.iter().rev()
    }

    /// The path written after `root` (`object_payload.payins[0].amount`); `root` alone for
    /// the checked value itself.
    pub fn path_from(&self, root: &str) -> String {
        let mut out = String::from(root);
        for segment in self.path() {
            match segment {
                Segment::Member(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    /// `path: problem`, with the path written from `root`.
    pub fn describe(&self, root: &str) -> String {
        let path = self.path_from(root);
        if path.is_empty() {
            self.problem.to_string()
        } else {
            format!("{path}: {}", self.problem)
        }
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(""))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Expected { expected, got } => {
                write!(f, "expected {}, got {got}", Described(expected))
            }
            Problem::Missing(name) => write!(f, "the member `{name}` is missing"),
            Problem::Duplicate(name) => write!(f, "the member `{name}` appears twice"),
            Problem::Unknown(name) => write!(f, "`{name}` is not a member of this object"),
            Problem::TooFewItems { fields, got } => write!(
                f,
                "an array in place of an object lists its {fields} members in order; got {got} items"
            ),
            Problem::TooManyItems { fields } => write!(
                f,
                "an array in place of an object lists its {fields} members in order; got more items"
            ),
            Problem::Json(what) => write!(f, "not valid JSON ({what})"),
            Problem::TooDeep => f.write_str("nested deeper than 127 levels"),
        }
    }
}

/// A kind in words: "a string", "an array of a string or null"…
struct Described<'k>(&'k Kind);

impl fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Kind::String => f.write_str("a string"),
            Kind::Bool => f.write_str("a boolean"),
            Kind::Number => f.write_str("a number"),
            Kind::Integer(int) => write!(f, "an integer from {} to {}", int.min(), int.max()),
            Kind::StringOrNumber => f.write_str("a string or a number"),
            Kind::Any => f.write_str("a JSON value"),
            Kind::AnyObject => f.write_str("an object"),
            Kind::Nullable(inner) => write!(f, "{} or null", Described(inner)),
            Kind::ArrayOf(item) => write!(f, "an array of {}", Described(item)),
            Kind::Object(_) => f.write_str("an object"),
            Kind::OneOf(values) => {
                f.write_str("one of")?;
                for (i, v) in values.iter().enumerate() {
                    f.write_str(if i == 0 { " " } else { ", " })?;
                    f.write_str(&crate::core::text::quote(v))?;
                }
                Ok(())
            }
            Kind::AnyOf(kinds) => {
                for (i, k) in kinds.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    write!(f, "{}", Described(k))?;
                }
                Ok(())
            }
        }
    }
}

impl Mismatch {
    /// The coded error for a document (`what`, e.g. "the Seqino event") off its shape, coded
    /// as serde's error was: a syntax error, a member twice, or a shape problem.
    pub fn to_error(&self, provider: Provider, what: &str) -> HooksealError {
        let place = self.describe("");
        match self.category {
            Category::Json => HooksealError::new(
                provider,
                ErrorCode::InvalidJson,
                format!("{what} is not valid JSON: {place}"),
            ),
            Category::Duplicate => HooksealError::new(provider, ErrorCode::DuplicateKey, format!("{what} has a member twice: {place}"))
                .with_hint("a body with two copies of a member is refused: one copy could be verified and the other used"),
            Category::Shape => HooksealError::new(
                provider,
                ErrorCode::SchemaMismatch,
                format!("{what} does not have the documented shape: {place}"),
            ),
        }
    }
}
