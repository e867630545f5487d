//! `multipart/form-data` bodies (RFC 7578 over RFC 2046), text fields only.
//!
//! A small parser of our own: SePay sends a dozen short text fields, and a general multipart
//! crate brings streaming, files and an async runtime we do not need. Hostile input is the
//! design case, so every index is checked, the number of parts and of header lines per part
//! is bounded, and every failure is a coded error, never a panic.

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::text::quote;

const P: Provider = Provider::Sepay;

/// SePay sends about twelve fields; a thousand leaves room and bounds the work.
pub const MAX_PARTS: usize = 1000;
/// Content-Disposition and perhaps Content-Type; more is not a form field.
pub const MAX_HEADER_LINES: usize = 16;

/// The longest boundary RFC 2046 §5.1.1 allows.
pub const MAX_BOUNDARY_LEN: usize = 70;

fn malformed(what: impl Into<String>) -> HooksealError {
    HooksealError::new(
        P,
        ErrorCode::SchemaMismatch,
        format!("the multipart body is malformed: {}", what.into()),
    )
    .with_hint("pass the raw body exactly as received, with the Content-Type header that came with it (it carries the boundary)")
}

/// The `(name, value)` of every part, in order.
pub fn parse_multipart(body: &[u8], boundary: &str) -> Result<Vec<(String, String)>> {
    if boundary.is_empty() || boundary.len() > MAX_BOUNDARY_LEN {
        return Err(malformed(format!(
            "the boundary must be 1 to {MAX_BOUNDARY_LEN} characters"
        )));
    }
    let mut dash = Vec::with_capacity(boundary.len() + 2);
    dash.extend_from_slice(b"--");
    dash.extend_from_slice(boundary.as_bytes());

    let mut pos = first_delimiter(body, &dash)
        .ok_or_else(|| malformed("the boundary from Content-Type does not occur in the body"))?;
    let mut parts = Vec::new();
    loop {
        let mut i = pos + dash.len();
        if body.get(i..i + 2) == Some(b"--") {
            // The close delimiter; anything after it is an epilogue, ignored by definition.
            return Ok(parts);
        }
        while matches!(body.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        i = skip_line_break(body, i)
            .ok_or_else(|| malformed("a boundary line is not followed by a line break"))?;

        let mut name = None;
        let mut header_lines = 0;
        loop {
            let (line_end, next) =
                line_end(body, i).ok_or_else(|| malformed("the part headers never end"))?;
            let line = &body[i..line_end];
            i = next;
            if line.is_empty() {
                break;
            }
            header_lines += 1;
            if header_lines > MAX_HEADER_LINES {
                return Err(malformed(format!(
                    "a part has more than {MAX_HEADER_LINES} header lines"
                )));
            }
            if let Some(n) = disposition_name(line)? {
                name = Some(n);
            }
        }

        let (content_end, next_pos) = next_delimiter(body, i, &dash)
            .ok_or_else(|| malformed("the body ends before the closing boundary"))?;
        let name =
            name.ok_or_else(|| malformed("a part has no Content-Disposition with a field name"))?;
        let value = String::from_utf8(body[i..content_end].to_vec())
            .map_err(|_| malformed(format!("the value of `{name}` is not UTF-8")))?;
        parts.push((name, value));
        if parts.len() > MAX_PARTS {
            return Err(malformed(format!("more than {MAX_PARTS} parts")));
        }
        pos = next_pos;
    }
}

/// The first delimiter: at the very start, or at the start of a line after a preamble.
fn first_delimiter(body: &[u8], dash: &[u8]) -> Option<usize> {
    if body.starts_with(dash) && is_delimiter_end(body, dash.len()) {
        return Some(0);
    }
    next_delimiter(body, 0, dash).map(|(_, start)| start)
}

/// The next `CRLF--boundary` (or `LF--boundary`) at or after `from`: returns where the
/// content before it ends (the line break belongs to the delimiter) and where `--` starts.
fn next_delimiter(body: &[u8], from: usize, dash: &[u8]) -> Option<(usize, usize)> {
    let mut search = from;
    loop {
        let lf = search + find(body.get(search..)?, b'\n')?;
        let start = lf + 1;
        if body.get(start..)?.starts_with(dash) && is_delimiter_end(body, start + dash.len()) {
            let content_end = if lf > from && body[lf - 1] == b'\r' {
                lf - 1
            } else {
                lf
            };
            return Some((content_end, start));
        }
        search = start;
    }
}

/// After `--boundary` comes `--`, padding or a line break; anything else means the text
/// only starts like the boundary.
fn is_delimiter_end(body: &[u8], i: usize) -> bool {
    matches!(body.get(i), Some(b'-' | b' ' | b'\t' | b'\r' | b'\n'))
}

fn find(haystack: &[u8], byte: u8) -> Option<usize> {
    haystack.iter().position(|&b| b == byte)
}

fn skip_line_break(body: &[u8], i: usize) -> Option<usize> {
    match body.get(i..)? {
        [b'\r', b'\n', ..] => Some(i + 2),
        [b'\n', ..] => Some(i + 1),
        _ => None,
    }
}

/// End of the line starting at `i` (without its CR LF or LF) and the start of the next.
fn line_end(body: &[u8], i: usize) -> Option<(usize, usize)> {
    let lf = i + find(body.get(i..)?, b'\n')?;
    let end = if lf > i && body[lf - 1] == b'\r' {
        lf - 1
    } else {
        lf
    };
    Some((end, lf + 1))
}

/// The `name` parameter of a `Content-Disposition` header line; `None` for other headers.
fn disposition_name(line: &[u8]) -> Result<Option<String>> {
    let line = std::str::from_utf8(line).map_err(|_| malformed("a part header is not UTF-8"))?;
    let (field, value) = line
        .split_once(':')
        .ok_or_else(|| malformed(format!("a part header line has no colon: {}", quote(line))))?;
    if !field.trim().eq_ignore_ascii_case("content-disposition") {
        return Ok(None);
    }
    let mut rest = value;
    // Skip the disposition type (`form-data`).
    rest = rest
        .find(';')
        .and_then(|i| rest.get(i + 1..))
        .unwrap_or_default();
    while !rest.trim_start().is_empty() {
        rest = rest.trim_start();
        let eq = rest
            .find('=')
            .ok_or_else(|| malformed("a Content-Disposition parameter has no value"))?;
        // `eq` is at an ASCII `=`: the `get`s never miss.
        let key = rest.get(..eq).unwrap_or_default().trim();
        let (param, after) = parameter_value(rest.get(eq + 1..).unwrap_or_default())?;
        if key.eq_ignore_ascii_case("name") {
            return Ok(Some(param));
        }
        rest = after.trim_start();
        rest = rest.strip_prefix(';').unwrap_or(rest);
    }
    Ok(None)
}

/// A quoted string (with `\"` and `\\` escapes) or a token up to `;`, and what follows.
fn parameter_value(text: &str) -> Result<(String, &str)> {
    let text = text.trim_start();
    let Some(quoted) = text.strip_prefix('"') else {
        let end = text.find(';').unwrap_or(text.len());
        let (token, after) = (
            text.get(..end).unwrap_or_default(),
            text.get(end..).unwrap_or_default(),
        );
        return Ok((token.trim().to_string(), after));
    };
    let mut out = String::new();
    let mut chars = quoted.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((out, quoted.get(i + 1..).unwrap_or_default())),
            '\\' => match chars.next() {
                Some((_, escaped)) => out.push(escaped),
                None => break,
            },
            c => out.push(c),
        }
    }
    Err(malformed(
        "a quoted Content-Disposition parameter is not closed",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str, boundary: &str) -> Result<Vec<(String, String)>> {
        parse_multipart(body.as_bytes(), boundary)
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn crlf_body_with_preamble_epilogue_and_empty_value() {
        let body = "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n92704\r\n--XyZ\r\ncontent-disposition: form-data; name=code\r\nContent-Type: text/plain\r\n\r\n\r\n--XyZ\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\nline one\r\nline two\r\n--XyZ--\r\nepilogue";
        assert_eq!(
            parse(body, "XyZ").unwrap(),
            pairs(&[
                ("id", "92704"),
                ("code", ""),
                ("content", "line one\r\nline two")
            ])
        );
    }

    #[test]
    fn lf_only_and_escaped_names() {
        let body =
            "--b\nContent-Disposition: form-data; filename=\"x;y\"; name=\"a\\\"b\"\n\nv\n--b--";
        assert_eq!(parse(body, "b").unwrap(), pairs(&[("a\"b", "v")]));
    }

    #[test]
    fn boundary_lookalikes_inside_content_are_content() {
        let body =
            "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--bb\r\n--b--\r\n";
        assert_eq!(parse(body, "b").unwrap(), pairs(&[("a", "x\r\n--bb")]));
    }

    #[test]
    fn hostile_and_truncated_inputs_are_errors() {
        let cases: &[(&str, &str)] = &[
            ("", "b"),
            ("--b", "b"),
            ("--b\r\n", "b"),
            ("--b\r\nContent-Disposition: form-data; name=\"a\"", "b"),
            (
                "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue",
                "b",
            ),
            (
                "--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--b--",
                "b",
            ),
            (
                "--b\r\nContent-Disposition: form-data\r\n\r\nv\r\n--b--",
                "b",
            ),
            ("--b\r\nno colon here\r\n\r\nv\r\n--b--", "b"),
            ("--bX\r\n", "b"),
            ("--b junk\r\n", "b"),
            ("x", ""),
            ("x", &"b".repeat(71)),
        ];
        for (body, boundary) in cases {
            let err = parse(body, boundary).unwrap_err();
            assert_eq!(err.code, ErrorCode::SchemaMismatch, "{body:?}");
        }
        let many_headers = format!(
            "--b\r\n{}\r\nv\r\n--b--",
            "X-A: 1\r\n".repeat(MAX_HEADER_LINES + 1)
        );
        assert!(parse(&many_headers, "b").is_err());
        let many_parts = format!(
            "{}--b--",
            "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n".repeat(MAX_PARTS + 1)
        );
        assert!(parse(&many_parts, "b").is_err());
        assert!(parse_multipart(
            b"--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\r\n--b--",
            "b"
        )
        .is_err());
    }

    /// Every prefix of a valid body, and every single-byte corruption of it, returns instead
    /// of panicking.
    #[test]
    fn no_prefix_or_corruption_panics() {
        let body = b"--b\r\nContent-Disposition: form-data; name=\"a\"; filename=\"f\\\\\"\r\n\r\nv\r\n--b\r\nContent-Disposition: form-data; name=b\r\n\r\n\r\n--b--\r\n";
        for end in 0..=body.len() {
            let _ = parse_multipart(&body[..end], "b");
        }
        for i in 0..body.len() {
            for replacement in [b'\r', b'\n', b'-', b'"', b'\\', b';', b'=', b':', 0xff] {
                let mut copy = body.to_vec();
                copy[i] = replacement;
                let _ = parse_multipart(&copy, "b");
            }
        }
    }
}
