//! Header lookup as HTTP defines it: names are case-insensitive, and a field may be repeated.
//!
//! The wasm layer fills a [`HeaderList`] from a Fetch `Headers`, a plain object or Node's
//! `IncomingHttpHeaders` (whose values may be arrays); Rust users fill it from their server's
//! types. Values are kept as received, in order.

/// An ordered list of header fields.
///
/// All names and values live in one string, each field two ranges into it: filling the list
/// costs one or two allocations, not two per field (a request carries a dozen headers, and a
/// verifier reads one or two of them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderList {
    text: String,
    /// (name start, name end, value start, value end) in `text`.
    fields: Vec<[usize; 4]>,
}

impl HeaderList {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends one field; repeated names are kept as separate values.
    pub fn append(&mut self, name: impl AsRef<str>, value: impl AsRef<str>) {
        let start = self.text.len();
        self.text.push_str(name.as_ref());
        let middle = self.text.len();
        self.text.push_str(value.as_ref());
        self.fields.push([start, middle, middle, self.text.len()]);
    }

    /// The fields of `"name\0value\0name\0value\0"` (the last NUL optional; a name
    /// without a value is dropped), keeping the string itself as the list's storage.
    pub fn from_nul_separated(text: String) -> Self {
        let mut fields = Vec::new();
        let mut offset = 0;
        let mut parts = text.split('\0').map(|part| {
            let range = [offset, offset + part.len()];
            offset += part.len() + 1;
            range
        });
        while let (Some([a, b]), Some([c, d])) = (parts.next(), parts.next()) {
            fields.push([a, b, c, d]);
        }
        HeaderList { text, fields }
    }

    fn field(&self, &[a, b, c, d]: &[usize; 4]) -> (&str, &str) {
        (
            self.text.get(a..b).unwrap_or_default(),
            self.text.get(c..d).unwrap_or_default(),
        )
    }

    /// Every value of `name`, in the order received.
    pub fn values<'a, 'n>(&'a self, name: &'n str) -> impl Iterator<Item = &'a str> + use<'a, 'n> {
        self.iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
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
        self.fields.iter().map(|f| self.field(f))
    }
}

impl<N: AsRef<str>, V: AsRef<str>> FromIterator<(N, V)> for HeaderList {
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

    #[test]
    fn nul_separated_text_is_the_same_list() {
        let appended: HeaderList = [("X-Sig", "a"), ("empty", ""), ("x-sig", "b, c")]
            .into_iter()
            .collect();
        for text in [
            "X-Sig\0a\0empty\0\0x-sig\0b, c\0",
            "X-Sig\0a\0empty\0\0x-sig\0b, c",
        ] {
            let parsed = HeaderList::from_nul_separated(text.to_string());
            assert_eq!(
                parsed.iter().collect::<Vec<_>>(),
                appended.iter().collect::<Vec<_>>()
            );
            assert_eq!(parsed.values("X-SIG").collect::<Vec<_>>(), ["a", "b, c"]);
        }
        let dangling = HeaderList::from_nul_separated("a\0b\0name-only".to_string());
        assert_eq!(dangling.iter().collect::<Vec<_>>(), [("a", "b")]);
        assert!(HeaderList::from_nul_separated(String::new()).is_empty());
    }
}
