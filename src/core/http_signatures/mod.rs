//! HTTP Message Signatures (RFC 9421) with `Content-Digest` (RFC 9530), independent of any
//! provider.
//!
//! - [`structured_fields`]: the RFC 8941 dictionaries `Signature-Input` and `Signature` are
//!   written in;
//! - [`target_uri`]: the parts of the request URL the derived components are made of;
//! - [`signature_base`]: the exact bytes the sender signed;
//! - [`content_digest`]: the check that binds the body to the signed `Content-Digest`;
//! - [`keys`]: trusted keys, each bound to one algorithm;
//! - [`verify`]: [`HttpSignatureVerifier`], which puts them together.

pub mod content_digest;
pub mod keys;
pub mod signature_base;
pub mod structured_fields;
pub mod target_uri;
pub mod verify;

pub use content_digest::{check_content_digest, content_digest_value, DigestAlgorithm};
pub use keys::{Algorithm, TrustedKey};
pub use signature_base::{build_signature_base, RequestContext};
pub use verify::{Explanation, HttpSignatureVerifier, SignatureCheck, VerifiedSignature};
