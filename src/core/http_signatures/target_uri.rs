//! The few parts of an absolute request URL that RFC 9421's derived components need.
//!
//! A full URL parser would normalize (percent-decoding, IDNA, dot segments) and so change the
//! very bytes the sender signed. RFC 9421 signs the path and query as they appear in the
//! request, so this splitter only cuts `scheme://authority/path?query#fragment` apart and
//! normalizes what the RFC says to normalize: the scheme and host are lowercased and a default
//! port is dropped from `@authority`.

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};

/// `https://Example.com:443/a/b?x=1` cut into the pieces the derived components use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetUri<'a> {
    /// Lowercased, e.g. `https`.
    pub scheme: String,
    /// Host (lowercased) and non-default port, without userinfo: `example.com`, `[::1]:8080`.
    pub authority: String,
    /// As received; `/` when the URL has none.
    pub path: &'a str,
    /// The text after `?` (without it), or `None` when the URL has no `?`.
    pub query: Option<&'a str>,
    /// The URL as given, without a `#fragment` (fragments are never sent over HTTP).
    pub without_fragment: &'a str,
}

impl<'a> TargetUri<'a> {
    /// Splits an absolute `http`/`https` URL. Anything else is `invalid_input` with an example
    /// of what is expected.
    pub fn parse(url: &'a str) -> Result<Self> {
        let bad = |why: &str| {
            HooksealError::new(
                Provider::Core,
                ErrorCode::InvalidInput,
                format!("`url` is not an absolute URL: {why}"),
            )
            .with_hint(
                "pass the full URL the sender posted to, e.g. `https://example.com/webhooks`, \
                 not only the path",
            )
        };
        if url.bytes().any(|b| b <= b' ' || b == 0x7f) {
            return Err(bad("it contains whitespace or control characters"));
        }
        let without_fragment = match url.find('#') {
            Some(i) => url.get(..i).unwrap_or(url),
            None => url,
        };
        let (scheme, rest) = crate::core::text::split_once(without_fragment, "://")
            .ok_or_else(|| bad("it has no `scheme://`"))?;
        let scheme_ok = scheme
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
        if !scheme_ok {
            return Err(bad("the scheme is not valid"));
        }
        let scheme = scheme.to_ascii_lowercase();
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        // `find` of ASCII bytes gives char boundaries: the `get`s never miss.
        let raw_authority = rest.get(..authority_end).unwrap_or(rest);
        let path_and_query = rest.get(authority_end..).unwrap_or_default();
        let (path, query) = match path_and_query.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path_and_query, None),
        };
        let path = if path.is_empty() { "/" } else { path };
        let authority = normalize_authority(&scheme, raw_authority)
            .ok_or_else(|| bad("the host is missing or the port is not a number"))?;
        Ok(TargetUri {
            scheme,
            authority,
            path,
            query,
            without_fragment,
        })
    }

    /// `@request-target`: path and query as in the request line (origin form).
    pub fn request_target(&self) -> String {
        match self.query {
            Some(q) => format!("{}?{q}", self.path),
            None => self.path.to_string(),
        }
    }

    /// `@query`: with its leading `?`, and `?` alone when there is no query (RFC 9421 §2.2.7).
    pub fn query_component(&self) -> String {
        format!("?{}", self.query.unwrap_or(""))
    }
}

/// Drops userinfo, lowercases the host and removes the scheme's default port.
fn normalize_authority(scheme: &str, raw: &str) -> Option<String> {
    let host_port = match raw.rsplit_once('@') {
        Some((_, hp)) => hp,
        None => raw,
    };
    // An IPv6 literal holds colons of its own: the port comes after `]`.
    let (host, port) = if host_port.starts_with('[') {
        let close = host_port.find(']')?;
        let h = host_port.get(..close + 1)?;
        let after = host_port.get(close + 1..)?;
        match after {
            "" => (h, None),
            _ => (h, Some(after.strip_prefix(':')?)),
        }
    } else {
        match host_port.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    if host.is_empty() {
        return None;
    }
    let port = match port {
        None | Some("") => None,
        Some(p) if p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => Some(p),
        Some(_) => return None,
    };
    let default_port = match scheme {
        "http" => Some("80"),
        "https" => Some("443"),
        _ => None,
    };
    let host = host.to_ascii_lowercase();
    Some(match port {
        Some(p) if Some(p) != default_port => format!("{host}:{p}"),
        _ => host,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_normalizes() {
        let u =
            TargetUri::parse("HTTPS://user:pw@Example.COM:443/foo/Bar?param=Value&Pet=dog#frag")
                .unwrap();
        assert_eq!(u.scheme, "https");
        assert_eq!(u.authority, "example.com");
        assert_eq!(u.path, "/foo/Bar");
        assert_eq!(u.query, Some("param=Value&Pet=dog"));
        assert_eq!(u.request_target(), "/foo/Bar?param=Value&Pet=dog");
        assert_eq!(u.query_component(), "?param=Value&Pet=dog");
        assert_eq!(
            u.without_fragment,
            "HTTPS://user:pw@Example.COM:443/foo/Bar?param=Value&Pet=dog"
        );
    }

    #[test]
    fn ports_paths_and_queries_at_the_edges() {
        let u = TargetUri::parse("http://example.com:8080").unwrap();
        assert_eq!((u.authority.as_str(), u.path), ("example.com:8080", "/"));
        assert_eq!(u.query_component(), "?");
        assert_eq!(u.request_target(), "/");
        assert_eq!(
            TargetUri::parse("http://example.com:80/")
                .unwrap()
                .authority,
            "example.com"
        );
        assert_eq!(
            TargetUri::parse("https://example.com:80/")
                .unwrap()
                .authority,
            "example.com:80"
        );
        let u = TargetUri::parse("https://[2001:DB8::1]:8443?").unwrap();
        assert_eq!(u.authority, "[2001:db8::1]:8443");
        assert_eq!((u.path, u.query), ("/", Some("")));
        assert_eq!(u.request_target(), "/?");
        assert_eq!(u.query_component(), "?");
        assert_eq!(
            TargetUri::parse("https://[::1]/x").unwrap().authority,
            "[::1]"
        );
    }

    #[test]
    fn refuses_what_is_not_an_absolute_url() {
        for url in [
            "/webhooks",
            "example.com/webhooks",
            "https:///x",
            "https://example.com:port/",
            "https://example.com:123456/",
            "https://[::1/",
            "https://[::1]x/",
            "1http://example.com/",
            "https://exa mple.com/",
            "https://example.com/\r\nx",
            "",
        ] {
            let e = TargetUri::parse(url).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidInput, "{url}");
            assert!(e.hint.is_some());
        }
    }
}
