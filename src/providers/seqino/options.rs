//! What can be configured about Seqino's scheme, and the documented defaults.

use crate::core::body_limit::DEFAULT_MAX_BODY_BYTES;
use crate::core::signature_encoding::SignatureEncoding;

/// Headers searched, in order, when no `header` is configured.
///
/// ASSUMPTION: Seqino does not publish its header name. These are the names webhook senders
/// commonly use; the first one present is read. Set `header` once you know it (`explain()`
/// reports which header carried a signature).
pub const DEFAULT_SIGNATURE_HEADERS: [&str; 5] = [
    "x-seqino-signature",
    "x-webhook-signature",
    "x-signature",
    "x-hub-signature-256",
    "signature",
];

/// How the 64-hex-character secret becomes the HMAC key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeqinoKeyForm {
    /// The secret's characters as UTF-8 bytes (64 bytes). The default (ASSUMPTION).
    Utf8,
    /// The 32 bytes the hex characters spell.
    Hex,
}

impl SeqinoKeyForm {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "utf8" => Some(Self::Utf8),
            "hex" => Some(Self::Hex),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Utf8 => "utf8",
            Self::Hex => "hex",
        }
    }
}

/// Options of [`super::SeqinoVerifier`].
#[derive(Clone, Debug)]
pub struct SeqinoOptions {
    /// One secret, or several during a rotation (any may match).
    pub secrets: Vec<String>,
    /// The header carrying the signature; `None` searches [`DEFAULT_SIGNATURE_HEADERS`].
    pub header: Option<String>,
    /// Default `Auto`: hex when 64 hex digits, else base64.
    pub encoding: SignatureEncoding,
    /// Default `Utf8` (ASSUMPTION, see [`SeqinoKeyForm`]).
    pub key: SeqinoKeyForm,
    /// When set, the signed body's `timestamp` must be within this many seconds of now.
    /// Off by default: Seqino retries failed deliveries later with the original body.
    pub tolerance_seconds: Option<u64>,
    pub max_body_bytes: usize,
}

impl SeqinoOptions {
    pub fn new(secret: impl Into<String>) -> Self {
        Self::with_secrets(vec![secret.into()])
    }

    pub fn with_secrets(secrets: Vec<String>) -> Self {
        SeqinoOptions {
            secrets,
            header: None,
            encoding: SignatureEncoding::Auto,
            key: SeqinoKeyForm::Utf8,
            tolerance_seconds: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}
