//! Rebuilding the signature base of RFC 9421 §2.5: the exact bytes the sender signed.
//!
//! One line per covered component, in the order the sender listed them, `"name": value`,
//! then the `"@signature-params": ` line carrying the inner list exactly as it appears in
//! `Signature-Input`. Lines are joined by a single LF, with no trailing newline. A base that
//! differs by one byte from the sender's fails verification, so nothing here guesses: a
//! component this module cannot reproduce exactly is refused with a coded error.

use super::structured_fields::{BareItem, InnerList};
use super::target_uri::TargetUri;
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::headers::HeaderList;

/// What the derived components are computed from: the request line and the header fields.
///
/// `method` and `url` are options because a caller may only have headers and a body at hand;
/// they are needed only when a signature covers a derived component, and then their absence
/// is reported with a hint instead of failing as a mismatch.
#[derive(Clone, Copy, Debug)]
pub struct RequestContext<'a> {
    /// The request method as received, e.g. `POST` (case-sensitive, RFC 9110 §9.1).
    pub method: Option<&'a str>,
    /// The absolute URL the sender posted to, e.g. `https://example.com/webhooks?x=1`.
    pub url: Option<&'a str>,
    pub headers: &'a HeaderList,
}

impl<'a> RequestContext<'a> {
    pub fn new(method: Option<&'a str>, url: Option<&'a str>, headers: &'a HeaderList) -> Self {
        RequestContext {
            method,
            url,
            headers,
        }
    }
}

/// The derived components this module reproduces (RFC 9421 §2.2). `@status` is for
/// responses, and `@query-param` needs the sender's re-encoding rules: both are refused.
pub const SUPPORTED_DERIVED: [&str; 7] = [
    "@method",
    "@authority",
    "@scheme",
    "@target-uri",
    "@request-target",
    "@path",
    "@query",
];

/// Checks the covered-components inner list of one `Signature-Input` member and returns the
/// component names in order.
///
/// Refused (`malformed_signature`): non-string items, component parameters (`;sf`, `;key`,
/// `;bs`, `;req`, `;tr`, `;name`: each changes how a value is computed, and none is used by
/// the providers we verify), upper-case names, duplicates, `@signature-params` itself and
/// unknown derived components.
pub fn covered_components(list: &InnerList) -> Result<Vec<String>> {
    let malformed =
        |msg: String| HooksealError::new(Provider::Core, ErrorCode::MalformedSignature, msg);
    let mut names: Vec<String> = Vec::with_capacity(list.items.len());
    for item in &list.items {
        let BareItem::String(name) = &item.value else {
            return Err(malformed(
                "a covered component is not a quoted string".into(),
            ));
        };
        if let Some((param, _)) = item.params.0.first() {
            return Err(malformed(format!(
                "the covered component `{name}` has the parameter `{param}`, which hookseal does not support"
            )));
        }
        if name.is_empty()
            || name
                .bytes()
                .any(|b| b.is_ascii_uppercase() || !b.is_ascii_graphic())
        {
            return Err(malformed(format!(
                "the covered component `{name}` is not a lowercase field name"
            )));
        }
        if name == "@signature-params" {
            return Err(malformed(
                "`@signature-params` cannot be a covered component".into(),
            ));
        }
        if name.starts_with('@') && !SUPPORTED_DERIVED.contains(&name.as_str()) {
            return Err(malformed(format!(
                "the derived component `{name}` is not supported (supported: {})",
                crate::core::text::join(&SUPPORTED_DERIVED, ", ")
            )));
        }
        if names.contains(name) {
            return Err(malformed(format!(
                "the component `{name}` is covered twice"
            )));
        }
        names.push(name.clone());
    }
    Ok(names)
}

/// The value of one component, as it goes after `"name": ` in the base.
pub fn component_value(request: &RequestContext<'_>, name: &str) -> Result<String> {
    match name {
        "@method" => {
            let method = request
                .method
                .filter(|m| !m.is_empty())
                .ok_or_else(|| needs_request_line("@method", "the request method"))?;
            if !method.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(HooksealError::new(
                    Provider::Core,
                    ErrorCode::InvalidInput,
                    "`method` must be an HTTP method such as `POST`",
                ));
            }
            Ok(method.to_string())
        }
        derived if derived.starts_with('@') => {
            let url = request
                .url
                .filter(|u| !u.is_empty())
                .ok_or_else(|| needs_request_line(derived, "the request URL"))?;
            let uri = TargetUri::parse(url)?;
            match derived {
                "@authority" => Ok(uri.authority),
                "@scheme" => Ok(uri.scheme),
                "@target-uri" => Ok(uri.without_fragment.to_string()),
                "@request-target" => Ok(uri.request_target()),
                "@path" => Ok(uri.path.to_string()),
                "@query" => Ok(uri.query_component()),
                other => Err(HooksealError::new(
                    Provider::Core,
                    ErrorCode::MalformedSignature,
                    format!("the derived component `{other}` is not supported"),
                )),
            }
        }
        field => header_value(request.headers, field),
    }
}

/// RFC 9421 §2.1: each field line's value with surrounding whitespace removed, repeated
/// lines joined by `, `.
fn header_value(headers: &HeaderList, name: &str) -> Result<String> {
    let mut values = headers.values(name).peekable();
    if values.peek().is_none() {
        return Err(HooksealError::new(
            Provider::Core,
            ErrorCode::MissingHeader,
            format!("the signature covers the `{name}` header, but the request has none"),
        )
        .with_hint("pass every header as received; a proxy may have removed it"));
    }
    let mut out = String::new();
    for (i, v) in values.enumerate() {
        // A line break inside a value would forge extra lines in the base.
        if v.bytes().any(|b| b == b'\r' || b == b'\n') {
            return Err(HooksealError::new(
                Provider::Core,
                ErrorCode::InvalidInput,
                format!("the `{name}` header value contains a line break"),
            ));
        }
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(v.trim_matches(|c| c == ' ' || c == '\t'));
    }
    Ok(out)
}

fn needs_request_line(component: &str, what: &str) -> HooksealError {
    HooksealError::new(
        Provider::Core,
        ErrorCode::InvalidInput,
        format!(
            "the signature covers `{component}`, which is computed from {what}, but none was given"
        ),
    )
    .with_hint("pass `method` and `url`, they are signed")
}

/// Builds the signature base for `components` (from [`covered_components`]) and the
/// `Signature-Input` member text `signature_params` (the inner list with its parameters, as
/// received).
pub fn build_signature_base(
    request: &RequestContext<'_>,
    components: &[String],
    signature_params: &str,
) -> Result<String> {
    let mut base = String::new();
    for name in components {
        let value = component_value(request, name)?;
        base.push('"');
        base.push_str(name);
        base.push_str("\": ");
        base.push_str(&value);
        base.push('\n');
    }
    base.push_str("\"@signature-params\": ");
    base.push_str(signature_params);
    Ok(base)
}

#[cfg(test)]
mod tests {
    use super::super::structured_fields::{parse_dictionary, Member};
    use super::*;

    fn list(text: &str) -> (InnerList, String) {
        let d = parse_dictionary("Signature-Input", text).unwrap();
        let e = &d.entries[0];
        match &e.member {
            Member::InnerList(l) => (l.clone(), e.raw.clone()),
            _ => panic!(),
        }
    }

    #[test]
    fn every_derived_component_and_repeated_headers() {
        let headers: HeaderList = [
            ("X-Multi", " a "),
            ("Content-Type", "application/json"),
            ("x-multi", "\tb"),
            ("x-empty", ""),
        ]
        .into_iter()
        .collect();
        let req = RequestContext::new(
            Some("POST"),
            Some("https://Example.com:443/p/a%20th?q=1&r#f"),
            &headers,
        );
        let (l, raw) = list(
            r#"s=("@method" "@authority" "@scheme" "@target-uri" "@request-target" "@path" "@query" "x-multi" "x-empty" "content-type");created=1"#,
        );
        let comps = covered_components(&l).unwrap();
        let base = build_signature_base(&req, &comps, &raw).unwrap();
        assert_eq!(
            base,
            concat!(
                "\"@method\": POST\n",
                "\"@authority\": example.com\n",
                "\"@scheme\": https\n",
                "\"@target-uri\": https://Example.com:443/p/a%20th?q=1&r\n",
                "\"@request-target\": /p/a%20th?q=1&r\n",
                "\"@path\": /p/a%20th\n",
                "\"@query\": ?q=1&r\n",
                "\"x-multi\": a, b\n",
                "\"x-empty\": \n",
                "\"content-type\": application/json\n",
                "\"@signature-params\": (\"@method\" \"@authority\" \"@scheme\" \"@target-uri\" \"@request-target\" \"@path\" \"@query\" \"x-multi\" \"x-empty\" \"content-type\");created=1",
            )
        );
    }

    #[test]
    fn missing_parts_are_named() {
        let headers = HeaderList::new();
        let no_line = RequestContext::new(None, None, &headers);
        for comp in ["@method", "@authority", "@path", "@query", "@target-uri"] {
            let e = component_value(&no_line, comp).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidInput, "{comp}");
            assert!(e.message.contains(comp));
            assert_eq!(
                e.hint.as_deref(),
                Some("pass `method` and `url`, they are signed")
            );
        }
        let e = component_value(&no_line, "content-digest").unwrap_err();
        assert_eq!(e.code, ErrorCode::MissingHeader);
        assert!(e.message.contains("`content-digest`"));
        let bad_url = RequestContext::new(Some("POST"), Some("/webhooks"), &headers);
        assert_eq!(
            component_value(&bad_url, "@path").unwrap_err().code,
            ErrorCode::InvalidInput
        );
        let bad_method = RequestContext::new(Some("PO ST"), None, &headers);
        assert_eq!(
            component_value(&bad_method, "@method").unwrap_err().code,
            ErrorCode::InvalidInput
        );
        let injected: HeaderList = [("x", "a\n\"@method\": GET")].into_iter().collect();
        let req = RequestContext::new(None, None, &injected);
        assert_eq!(
            component_value(&req, "x").unwrap_err().code,
            ErrorCode::InvalidInput
        );
    }

    #[test]
    fn refused_covered_lists() {
        for (text, needle) in [
            (r#"s=("a" "a")"#, "twice"),
            (r#"s=("Content-Type")"#, "lowercase"),
            (r#"s=("")"#, "lowercase"),
            (r#"s=(a)"#, "quoted string"),
            (r#"s=("@signature-params")"#, "cannot"),
            (r#"s=("@status")"#, "not supported"),
            (r#"s=("@query-param";name="Pet")"#, "parameter `name`"),
            (r#"s=("x";sf)"#, "parameter `sf`"),
        ] {
            let (l, _) = list(text);
            let e = covered_components(&l).unwrap_err();
            assert_eq!(e.code, ErrorCode::MalformedSignature, "{text}");
            assert!(e.message.contains(needle), "{text}: {}", e.message);
        }
    }
}
