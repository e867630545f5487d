//! What can be configured about Numeral's schemes, and the documented defaults.

use crate::core::body_limit::DEFAULT_MAX_BODY_BYTES;

/// Default window for `created` (RFC 9421) and `TX-Numeral-Request-Timestamp` (legacy):
/// Numeral retries within minutes, and 5 minutes is the common replay window.
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;

/// Which bytes the older `TX-Numeral-Signature-<N>` scheme signs.
///
/// ASSUMPTION: Numeral's page on that scheme says the signature is RSA PKCS#1 v1.5 with
/// SHA-256 over the request and its `TX-Numeral-Request-Timestamp`, without spelling out the
/// bytes. The default is the most common construction; `explain()` tries every variant and
/// says which one a real delivery uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumeralLegacyMessage {
    /// `<timestamp>.<raw body>` (the default).
    TimestampDotBody,
    /// `<timestamp><raw body>`, no separator.
    TimestampBody,
    /// The raw body alone (the timestamp is then unsigned, so not checked).
    Body,
    /// Refuse deliveries that only carry the older scheme.
    Off,
}

impl NumeralLegacyMessage {
    /// The variants that sign something, in the order `explain()` tries them.
    pub const CANDIDATES: [NumeralLegacyMessage; 3] = [
        NumeralLegacyMessage::TimestampDotBody,
        NumeralLegacyMessage::TimestampBody,
        NumeralLegacyMessage::Body,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "timestamp.body" => Some(Self::TimestampDotBody),
            "timestampbody" => Some(Self::TimestampBody),
            "body" => Some(Self::Body),
            "off" => Some(Self::Off),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::TimestampDotBody => "timestamp.body",
            Self::TimestampBody => "timestampbody",
            Self::Body => "body",
            Self::Off => "off",
        }
    }

    /// Whether the timestamp is part of the signed bytes (and so worth checking).
    pub fn signs_timestamp(self) -> bool {
        matches!(self, Self::TimestampDotBody | Self::TimestampBody)
    }

    /// The signed bytes for this variant, or `None` for `Off`.
    pub fn message(self, timestamp: &str, body: &[u8]) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(timestamp.len() + 1 + body.len());
        match self {
            Self::TimestampDotBody => {
                out.extend_from_slice(timestamp.as_bytes());
                out.push(b'.');
            }
            Self::TimestampBody => out.extend_from_slice(timestamp.as_bytes()),
            Self::Body => {}
            Self::Off => return None,
        }
        out.extend_from_slice(body);
        Some(out)
    }
}

/// Options of [`super::NumeralVerifier`].
#[derive(Clone, Debug)]
pub struct NumeralOptions {
    /// Trusted public keys in PEM (SPKI or PKCS#1). Empty: Numeral's two published keys.
    /// Several: any may match (a rotation).
    pub public_keys: Vec<String>,
    /// How far `created` (or the legacy timestamp) may be from now, each way.
    pub tolerance_seconds: u64,
    /// The older scheme's signed bytes; default [`NumeralLegacyMessage::TimestampDotBody`].
    pub legacy: NumeralLegacyMessage,
    pub max_body_bytes: usize,
}

impl Default for NumeralOptions {
    fn default() -> Self {
        NumeralOptions {
            public_keys: Vec::new(),
            tolerance_seconds: DEFAULT_TOLERANCE_SECONDS,
            legacy: NumeralLegacyMessage::TimestampDotBody,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

impl NumeralOptions {
    /// Options trusting `public_keys` (PEM) instead of the published ones.
    pub fn with_public_keys(public_keys: Vec<String>) -> Self {
        NumeralOptions {
            public_keys,
            ..Self::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_names_round_trip_and_messages() {
        for m in [
            NumeralLegacyMessage::TimestampDotBody,
            NumeralLegacyMessage::TimestampBody,
            NumeralLegacyMessage::Body,
            NumeralLegacyMessage::Off,
        ] {
            assert_eq!(NumeralLegacyMessage::parse(m.as_str()), Some(m));
        }
        assert_eq!(NumeralLegacyMessage::parse("Body"), None);
        let t = "1734087053";
        assert_eq!(
            NumeralLegacyMessage::TimestampDotBody.message(t, b"{}"),
            Some(b"1734087053.{}".to_vec())
        );
        assert_eq!(
            NumeralLegacyMessage::TimestampBody.message(t, b"{}"),
            Some(b"1734087053{}".to_vec())
        );
        assert_eq!(
            NumeralLegacyMessage::Body.message(t, b"{}"),
            Some(b"{}".to_vec())
        );
        assert_eq!(NumeralLegacyMessage::Off.message(t, b"{}"), None);
    }
}
