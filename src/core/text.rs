//! Small string helpers that stand in for std's where std's would cost the wasm more than the
//! job: searching for a `&str` pattern brings the Two-Way searcher (~3 kB), `[T]::join` is
//! instantiated once per element type (~1 kB each), `{:?}` of a string brings Unicode
//! printability tables and `char::escape_debug` (~3 kB). The texts here are short (header
//! values, PEM keys, messages), so plain loops do.

/// Byte offset of the first occurrence of `needle` in `haystack` (`str::find` with a `&str`).
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    h.windows(n.len()).position(|w| w == n)
}

/// `str::contains` with a `&str` pattern.
pub fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// `str::split_once` with a `&str` pattern.
pub fn split_once<'a>(text: &'a str, separator: &str) -> Option<(&'a str, &'a str)> {
    let i = find(text, separator)?;
    // A match of a whole string starts and ends on char boundaries: the `get`s never miss.
    Some((text.get(..i)?, text.get(i + separator.len()..)?))
}

/// `items.join(separator)`, one small loop for every element type.
pub fn join<S: AsRef<str>>(items: &[S], separator: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(item.as_ref());
    }
    out
}

/// `s` in double quotes with `"`, `\` and control characters escaped: what `{:?}` shows for
/// the ASCII names in messages, without Rust's Unicode escaping rules.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                // `\u{7f}`: hex without leading zeros, as Rust writes it.
                out.push_str("\\u{");
                let code = u32::from(c);
                let mut started = false;
                for shift in (0..8).rev() {
                    let d = (code >> (shift * 4)) & 15;
                    started |= d != 0 || shift == 0;
                    if started {
                        out.push(char::from_digit(d, 16).unwrap_or('0'));
                    }
                }
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_std() {
        for (h, n) in [
            ("", ""),
            ("abc", ""),
            ("abc", "c"),
            ("a://b://c", "://"),
            ("ééx", "x"),
            ("ab", "abc"),
            ("-----BEGIN X-----", "-----"),
        ] {
            assert_eq!(find(h, n), h.find(n), "{h} {n}");
            assert_eq!(contains(h, n), h.contains(n));
            assert_eq!(split_once(h, n), h.split_once(n));
        }
        let words = ["a", "", "ü"];
        assert_eq!(join(&words, ", "), words.join(", "));
        let owned: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        assert_eq!(join(&owned, "; "), owned.join("; "));
        assert_eq!(join::<&str>(&[], "x"), "");
        for s in [
            "plain",
            "with \"quotes\" and \\",
            "tab\tnl\ncr\r",
            "é 😀",
            "\u{1}\u{7f}",
        ] {
            assert_eq!(quote(s), format!("{s:?}"));
        }
    }
}
