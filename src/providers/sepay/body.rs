//! Reading a (verified) SePay body in whichever format the webhook is configured to send.
//!
//! The format comes from the Content-Type header: JSON, `application/x-www-form-urlencoded`
//! or `multipart/form-data`. Without a usable Content-Type, the body is sniffed (a proxy may
//! have rewritten it to `text/plain`): `{` starts JSON, `--` starts multipart, anything else
//! is read as a form. Authentication always ran on the raw bytes before anything here.
//!
//! The JavaScript output is JSON text for `JSON.parse`: for a JSON body the body itself made
//! JS-safe by `to_js_json` (so every member SePay sent is there, lexemes untouched), for a
//! form or multipart body a JSON object written here, with the documented integers as
//! numbers. Both then get the members the type promises and the body may lack: null for an
//! absent `code` / `subAccount`, and `transactionDateIso`.

use crate::closed_string_enum;
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::json::js_output::to_js_json;
use crate::core::json::members::Members;

use super::form::parse_form;
use super::multipart::parse_multipart;
use super::transaction::{
    member_kind, MemberKind, SepayTransaction, WireValue, ISO_MEMBER, MEMBERS,
};

const P: Provider = Provider::Sepay;

closed_string_enum!(
    /// How a delivery's body was encoded.
    pub SepayBodyFormat {
        Json = "json",
        Form = "form",
        Multipart = "multipart",
    }
);

/// The format of a body, and the multipart boundary when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyEncoding {
    pub format: SepayBodyFormat,
    pub boundary: Option<String>,
    /// True when the format was guessed from the bytes (no usable Content-Type).
    pub sniffed: bool,
}

/// Chooses the format from the Content-Type header (media type ASCII case-insensitive).
pub fn body_encoding(content_type: Option<&str>, body: &[u8]) -> Result<BodyEncoding> {
    let (media_type, params) = match content_type {
        Some(ct) => ct.split_once(';').unwrap_or((ct, "")),
        None => ("", ""),
    };
    let media_type = media_type.trim().to_ascii_lowercase();
    let known = |format| BodyEncoding {
        format,
        boundary: None,
        sniffed: false,
    };
    match media_type.as_str() {
        "application/json" => return Ok(known(SepayBodyFormat::Json)),
        t if t.starts_with("application/") && t.ends_with("+json") => {
            return Ok(known(SepayBodyFormat::Json))
        }
        "application/x-www-form-urlencoded" => return Ok(known(SepayBodyFormat::Form)),
        "multipart/form-data" => {
            let boundary = content_type_parameter(params, "boundary").ok_or_else(|| {
                HooksealError::new(
                    P,
                    ErrorCode::SchemaMismatch,
                    "the Content-Type is multipart/form-data but has no boundary parameter",
                )
                .with_hint("pass the Content-Type header exactly as received")
            })?;
            return Ok(BodyEncoding {
                format: SepayBodyFormat::Multipart,
                boundary: Some(boundary),
                sniffed: false,
            });
        }
        _ => {}
    }
    let trimmed = body.trim_ascii_start();
    if trimmed.starts_with(b"{") {
        return Ok(BodyEncoding {
            format: SepayBodyFormat::Json,
            boundary: None,
            sniffed: true,
        });
    }
    if let Some(first_line) = body.strip_prefix(b"--") {
        // The boundary is the rest of the first line.
        let end = first_line
            .iter()
            .position(|&b| matches!(b, b'\r' | b'\n' | b' ' | b'\t'))
            .unwrap_or(first_line.len());
        if let Ok(boundary) = std::str::from_utf8(&first_line[..end]) {
            if !boundary.is_empty() {
                return Ok(BodyEncoding {
                    format: SepayBodyFormat::Multipart,
                    boundary: Some(boundary.to_string()),
                    sniffed: true,
                });
            }
        }
    }
    Ok(BodyEncoding {
        format: SepayBodyFormat::Form,
        boundary: None,
        sniffed: true,
    })
}

/// A parameter of a header value like `form-data; boundary="abc"` (quotes removed).
pub fn content_type_parameter(params: &str, wanted: &str) -> Option<String> {
    params.split(';').find_map(|param| {
        let (key, value) = param.split_once('=')?;
        if !key.trim().eq_ignore_ascii_case(wanted) {
            return None;
        }
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// A body read into members and typed.
#[derive(Debug)]
pub struct DecodedBody<'a> {
    pub format: SepayBodyFormat,
    pub transaction: SepayTransaction,
    source: Source<'a>,
}

#[derive(Debug)]
enum Source<'a> {
    Json(&'a [u8], Vec<String>),
    Fields(Vec<(String, String)>),
}

/// Reads and types `body` (already authenticated) in the format `content_type` names.
pub fn decode<'b>(body: &'b [u8], content_type: Option<&str>) -> Result<DecodedBody<'b>> {
    let encoding = body_encoding(content_type, body)?;
    match encoding.format {
        SepayBodyFormat::Json => {
            let members = Members::parse(P, "the SePay body", body)?;
            let wire: Vec<(&str, WireValue<'_>)> = members
                .0
                .iter()
                .map(|m| (&*m.key, WireValue::Json(m.value)))
                .collect();
            let transaction = SepayTransaction::from_members(&wire)?;
            let keys = members.0.iter().map(|m| m.key.to_string()).collect();
            Ok(DecodedBody {
                format: encoding.format,
                transaction,
                source: Source::Json(body, keys),
            })
        }
        SepayBodyFormat::Form | SepayBodyFormat::Multipart => {
            let fields = match &encoding.boundary {
                Some(boundary) => parse_multipart(body, boundary)?,
                None => parse_form(body)?,
            };
            let wire: Vec<(&str, WireValue<'_>)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), WireValue::Text(v)))
                .collect();
            let transaction = SepayTransaction::from_members(&wire)?;
            Ok(DecodedBody {
                format: encoding.format,
                transaction,
                source: Source::Fields(fields),
            })
        }
    }
}

impl DecodedBody<'_> {
    /// The JSON text the JavaScript side parses into a `SepayTransaction`.
    pub fn to_js_json(&self) -> Result<String> {
        let tx = &self.transaction;
        let (mut out, present): (String, Vec<&str>) = match &self.source {
            Source::Json(raw, keys) => {
                let compact = to_js_json(P, raw)?;
                let open = compact
                    .strip_suffix('}')
                    .ok_or_else(|| {
                        HooksealError::new(P, ErrorCode::InvalidJson, "the body is not an object")
                    })?
                    .to_string();
                (open, keys.iter().map(String::as_str).collect())
            }
            Source::Fields(fields) => {
                let mut out = String::from("{");
                for (i, (name, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_json_string(&mut out, name);
                    out.push(':');
                    push_field_value(&mut out, tx, name, value);
                }
                (out, fields.iter().map(|(n, _)| n.as_str()).collect())
            }
        };
        let mut needs_comma = out.len() > 1;
        let mut member = |out: &mut String, name: &str, value: Option<&str>| {
            if needs_comma {
                out.push(',');
            }
            needs_comma = true;
            push_json_string(out, name);
            out.push(':');
            match value {
                Some(v) => push_json_string(out, v),
                None => out.push_str("null"),
            }
        };
        for (name, kind) in MEMBERS {
            if kind == MemberKind::NullableText && !present.contains(&name) {
                member(&mut out, name, None);
            }
        }
        // Last, so that it wins over a member of the same name in the body.
        member(&mut out, ISO_MEMBER, tx.transaction_date_iso.as_deref());
        out.push('}');
        Ok(out)
    }
}

/// A form value as JSON: documented members as their typed values, others as strings.
fn push_field_value(out: &mut String, tx: &SepayTransaction, name: &str, value: &str) {
    match name {
        "id" => out.push_str(&tx.id.to_string()),
        "transferAmount" => out.push_str(&tx.transfer_amount.to_string()),
        "accumulated" => out.push_str(&tx.accumulated.to_string()),
        _ if value.is_empty() && member_kind(name) == Some(MemberKind::NullableText) => {
            out.push_str("null")
        }
        _ => push_json_string(out, value),
    }
}

/// Appends `s` as a JSON string (shared with the diagnosis writer).
pub use crate::core::json::writer::push_json_string;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_choose_the_format() {
        let json = body_encoding(Some("application/json; charset=utf-8"), b"").unwrap();
        assert_eq!(json.format, SepayBodyFormat::Json);
        assert!(!json.sniffed);
        assert_eq!(
            body_encoding(Some("Application/X-WWW-Form-Urlencoded"), b"{")
                .unwrap()
                .format,
            SepayBodyFormat::Form
        );
        let mp = body_encoding(
            Some("multipart/form-data; charset=utf-8; BOUNDARY=\"abc def\""),
            b"",
        )
        .unwrap();
        assert_eq!(mp.format, SepayBodyFormat::Multipart);
        assert_eq!(mp.boundary.as_deref(), Some("abc def"));
        assert_eq!(
            body_encoding(Some("multipart/form-data"), b"")
                .unwrap_err()
                .code,
            ErrorCode::SchemaMismatch
        );
    }

    #[test]
    fn sniffing_without_a_usable_content_type() {
        let s = body_encoding(None, b" {\"id\":1}").unwrap();
        assert_eq!((s.format, s.sniffed), (SepayBodyFormat::Json, true));
        let s = body_encoding(Some("text/plain"), b"--xyz\r\n").unwrap();
        assert_eq!(s.format, SepayBodyFormat::Multipart);
        assert_eq!(s.boundary.as_deref(), Some("xyz"));
        let s = body_encoding(None, b"id=1&gateway=x").unwrap();
        assert_eq!(s.format, SepayBodyFormat::Form);
        assert_eq!(
            body_encoding(None, b"--\r\n").unwrap().format,
            SepayBodyFormat::Form
        );
    }

    #[test]
    fn json_strings_escape_what_json_parse_needs() {
        let mut out = String::new();
        push_json_string(&mut out, "a\"b\\c\nd\u{1}é\u{2028}");
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\u0001é\u{2028}\"");
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, "a\"b\\c\nd\u{1}é\u{2028}");
    }
}
