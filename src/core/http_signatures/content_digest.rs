//! RFC 9530 `Content-Digest`: a dictionary of `algorithm=:digest:` over the body as sent.
//!
//! An HTTP message signature covers the `Content-Digest` header, not the body; this check is
//! what ties the signature to the bytes received. Every digest we can compute must match:
//! a sender listing `sha-256` and `sha-512` gets both checked, so a forged second digest
//! cannot ride along with a genuine first one. Legacy or unknown algorithms are skipped, but
//! a header holding only those proves nothing and is refused.

use super::structured_fields::{parse_dictionary, BareItem, Member};
use crate::core::constant_time::ct_eq;
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::signature_encoding::encode_base64;
use sha2::{Digest, Sha256, Sha512};

/// The digest algorithms of the RFC 9530 registry that are not deprecated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DigestAlgorithm {
    Sha256,
    Sha512,
}

impl DigestAlgorithm {
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "sha-256" => Some(Self::Sha256),
            "sha-512" => Some(Self::Sha512),
            _ => None,
        }
    }

    pub const fn key(self) -> &'static str {
        match self {
            Self::Sha256 => "sha-256",
            Self::Sha512 => "sha-512",
        }
    }

    pub fn digest(self, body: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha256 => Sha256::digest(body).to_vec(),
            Self::Sha512 => Sha512::digest(body).to_vec(),
        }
    }
}

/// The header value a sender would write for `body`, e.g. `sha-256=:X48E9q...=:`. Used by
/// `explain` to show what the body received hashes to, and by tests to sign.
pub fn content_digest_value(algorithm: DigestAlgorithm, body: &[u8]) -> String {
    format!(
        "{}=:{}:",
        algorithm.key(),
        encode_base64(&algorithm.digest(body))
    )
}

/// Checks a `Content-Digest` value against the raw body and returns the algorithms checked.
///
/// - not a dictionary, a member that is not a byte sequence, a digest of the wrong length,
///   or no `sha-256`/`sha-512` member: `malformed_signature`;
/// - a digest that differs from the body's: `signature_mismatch`.
pub fn check_content_digest(value: &str, body: &[u8]) -> Result<Vec<DigestAlgorithm>> {
    let dict = parse_dictionary("Content-Digest", value).map_err(|e| {
        if e.code == ErrorCode::MissingSignature {
            HooksealError::new(
                Provider::Core,
                ErrorCode::MalformedSignature,
                "the `Content-Digest` header is empty",
            )
        } else {
            e
        }
    })?;
    let mut checked = Vec::new();
    for entry in &dict.entries {
        let Some(algorithm) = DigestAlgorithm::from_key(&entry.key) else {
            continue;
        };
        let received = match &entry.member {
            Member::Item(item) => match &item.value {
                BareItem::ByteSequence(bytes) => bytes,
                _ => return Err(not_bytes(&entry.key)),
            },
            Member::InnerList(_) => return Err(not_bytes(&entry.key)),
        };
        let computed = algorithm.digest(body);
        if received.len() != computed.len() {
            return Err(HooksealError::new(
                Provider::Core,
                ErrorCode::MalformedSignature,
                format!(
                    "the `{}` digest in `Content-Digest` is {} bytes; it must be {}",
                    entry.key,
                    received.len(),
                    computed.len()
                ),
            ));
        }
        if !ct_eq(received, &computed) {
            return Err(HooksealError::new(
                Provider::Core,
                ErrorCode::SignatureMismatch,
                "Content-Digest does not match the body received",
            )
            .with_hint(
                "verify the raw body exactly as received: a body parsed and re-serialized \
                 (e.g. by a JSON middleware) or re-encoded no longer matches",
            ));
        }
        checked.push(algorithm);
    }
    if checked.is_empty() {
        let mut listed = String::new();
        for (i, e) in dict.entries.iter().enumerate() {
            if i > 0 {
                listed.push_str(", ");
            }
            listed.push_str(&e.key);
        }
        return Err(HooksealError::new(
            Provider::Core,
            ErrorCode::MalformedSignature,
            format!(
                "`Content-Digest` lists no supported algorithm (found: {listed}; supported: sha-256, sha-512)"
            ),
        ));
    }
    Ok(checked)
}

fn not_bytes(key: &str) -> HooksealError {
    HooksealError::new(
        Provider::Core,
        ErrorCode::MalformedSignature,
        format!("the `{key}` member of `Content-Digest` is not a byte sequence `:base64:`"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 9530 Appendix B.1 / RFC 9421 Appendix B.2: `{"hello": "world"}` (18 bytes).
    const BODY: &[u8] = b"{\"hello\": \"world\"}";
    const SHA512: &str = "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";

    #[test]
    fn rfc_values_and_both_algorithms() {
        assert_eq!(content_digest_value(DigestAlgorithm::Sha512, BODY), SHA512);
        assert_eq!(
            check_content_digest(SHA512, BODY).unwrap(),
            [DigestAlgorithm::Sha512]
        );
        let both = format!(
            "{}, {SHA512}",
            content_digest_value(DigestAlgorithm::Sha256, BODY)
        );
        assert_eq!(
            check_content_digest(&both, BODY).unwrap(),
            [DigestAlgorithm::Sha256, DigestAlgorithm::Sha512]
        );
        // A legacy algorithm next to a supported one is skipped.
        let with_md5 = format!("md5=:AAAA:, {SHA512}");
        assert!(check_content_digest(&with_md5, BODY).is_ok());
    }

    #[test]
    fn mismatch_and_malformed() {
        let e = check_content_digest(SHA512, b"{\"hello\":\"world\"}").unwrap_err();
        assert_eq!(e.code, ErrorCode::SignatureMismatch);
        assert_eq!(e.message, "Content-Digest does not match the body received");
        // One good digest does not excuse a bad one.
        let forged = format!("{SHA512}, sha-256=:{}:", encode_base64(&[0u8; 32]));
        assert_eq!(
            check_content_digest(&forged, BODY).unwrap_err().code,
            ErrorCode::SignatureMismatch
        );
        for bad in [
            "",
            "md5=:AAAA:",
            "sha-256=abc",
            "sha-256=(:AAAA:)",
            "sha-256=:AAAA:",
            "sha-256",
            "sha-256=:AAAA",
            "SHA-256=:AAAA:",
        ] {
            assert_eq!(
                check_content_digest(bad, BODY).unwrap_err().code,
                ErrorCode::MalformedSignature,
                "{bad}"
            );
        }
    }
}
