//! Header lookup as HTTP defines it: names are case-insensitive, and a field may be repeated.
//!
//! The wasm layer fills a [`HeaderList`] from a Fetch `Headers`, a plain object or Node's
//! `IncomingHttpHeaders` (whose values may be arrays); Rust users fill it from their server's
//! types. Values are kept as received, in order.

/// An ordered list of header fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderList {
    fields: Vec<(String, String)>,
}

impl HeaderList {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends one field; repeated names are kept as separate values.
    pub fn append(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.fields.push((name.into(), value.into()));
    }

    /// Every value of `name`, in the order received.
    pub fn values<'a, 'n>(&'a self, name: &'n str) -> impl Iterator<Item = &'a str> + use<'a, 'n> {
        self.fields
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first value of `name`.
    pub fn first(&self, name: &str) -> Option<&str> {
        self.values(name).next()
    }

    /// All values of `name` joined with ", ", as a Fetch `Headers.get` would return them
    /// (RFC 9110 §5.3). Used where a structured field may have been split over lines.
    pub fn combined(&self, name: &str) -> Option<String> {
        let mut values = self.values(name);
        let first = values.next()?;
        let mut out = first.to_string();
        for v in values {
            out.push_str(", ");
            out.push_str(v);
        }
        Some(out)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.first(name).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Every field as (name, value).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

impl<N: Into<String>, V: Into<String>> FromIterator<(N, V)> for HeaderList {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(iter: I) -> Self {
        let mut list = HeaderList::new();
        for (n, v) in iter {
            list.append(n, v);
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_ignores_case_and_keeps_repeats() {
        let h: HeaderList = [
            ("X-Sig", "a"),
            ("content-type", "application/json"),
            ("x-sig", "b"),
        ]
        .into_iter()
        .collect();
        assert_eq!(h.first("x-SIG"), Some("a"));
        assert_eq!(h.values("X-SIG").collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(h.combined("x-sig").as_deref(), Some("a, b"));
        assert_eq!(h.first("missing"), None);
        assert!(h.contains("Content-Type"));
    }
}
