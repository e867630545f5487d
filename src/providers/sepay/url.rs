//! URL syntax check for the webhook management API (`webhook_url`, `oauth2_access_token_url`).
//!
//! SePay posts to these URLs from its servers, so they must be absolute `http`/`https` URLs
//! with a host. This is a syntax check of what SePay can call, not a full WHATWG parser: it
//! says precisely what is wrong with the common mistakes (no scheme, spaces, empty host, bad
//! port) and accepts what browsers and HTTP clients accept.

use crate::core::text::quote;

/// `Ok` for an absolute http(s) URL; otherwise why not.
pub fn check_http_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Err("the URL is empty".into());
    }
    if let Some(c) = url.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "the URL contains {}; encode it or remove it",
            match c {
                ' ' => "a space".to_string(),
                c => format!("the character U+{:04X}", u32::from(c)),
            }
        ));
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        url.get(8..).unwrap_or_default()
    } else if lower.starts_with("http://") {
        url.get(7..).unwrap_or_default()
    } else if crate::core::text::contains(url, "://") {
        return Err("only http:// and https:// URLs can receive webhooks".into());
    } else {
        return Err("the URL must be absolute, starting with https:// (or http://)".into());
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..authority_end).unwrap_or(rest);
    // Credentials in the URL are allowed by the syntax; only the host and port matter here.
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    let (host, port) = split_port(host_port)?;
    check_host(host)?;
    if let Some(port) = port {
        match port.parse::<u32>() {
            Ok(p) if (1..=65_535).contains(&p) && port.bytes().all(|b| b.is_ascii_digit()) => {}
            _ => {
                return Err(format!(
                    "the port {} is not a number from 1 to 65535",
                    quote(port)
                ))
            }
        }
    }
    Ok(())
}

fn split_port(host_port: &str) -> Result<(&str, Option<&str>), String> {
    if host_port.starts_with('[') {
        let close = host_port
            .find(']')
            .ok_or("an IPv6 host is missing its closing `]`")?;
        // `close` is at an ASCII `]`: the `get`s never miss.
        let host = host_port.get(..=close).unwrap_or(host_port);
        return match host_port.get(close + 1..).unwrap_or_default() {
            "" => Ok((host, None)),
            after => after
                .strip_prefix(':')
                .map(|p| (host, Some(p)))
                .ok_or_else(|| "unexpected text after the IPv6 host".to_string()),
        };
    }
    Ok(match host_port.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (host_port, None),
    })
}

fn check_host(host: &str) -> Result<(), String> {
    if host.is_empty() {
        return Err("the URL has no host".into());
    }
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        let ok = inner.contains(':')
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
        return if ok {
            Ok(())
        } else {
            Err(format!("{} is not an IPv6 address", quote(host)))
        };
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    for label in name.split('.') {
        let valid = !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        if !valid {
            return Err(format!("{} is not a valid host name", quote(host)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted() {
        for url in [
            "https://example.com/webhook/payment",
            "http://localhost:8080/hook?x=1#f",
            "HTTPS://EXAMPLE.COM",
            "https://user:pw@example.com:443/",
            "https://[2001:db8::1]:8443/x",
            "https://192.168.1.10/sepay",
            "https://xn--nhqa-5ra.vn/",
            "https://thanh-toán.vn/webhook",
            "https://example.com.",
        ] {
            assert_eq!(check_http_url(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn refused_with_a_reason() {
        for url in [
            "",
            "example.com/webhook",
            "ftp://example.com/",
            "https://",
            "https:///path",
            "https://exa mple.com",
            "https://example.com/a b",
            "https://example.com:0/",
            "https://example.com:99999/",
            "https://example.com:/",
            "https://example.com:+80/",
            "https://-bad.com/",
            "https://a..b/",
            "https://[::1/",
            "https://[zz]/",
            "https://[::1]x/",
            "https://exa%mple.com/",
            "https:/\tx",
        ] {
            assert!(check_http_url(url).is_err(), "{url}");
        }
    }
}
