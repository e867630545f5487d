//! The size limit every verifier applies before it reads a body.
//!
//! Webhook bodies are small (a few KB); a multi-megabyte body is a mistake or an attack, and in
//! wasm each byte is copied into linear memory, which never shrinks. So every verifier refuses
//! bodies over `maxBodyBytes` before hashing or parsing anything.

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};

/// 1 MiB: far above any documented delivery, far below what hurts.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;

/// 256 MiB: the most `maxBodyBytes` may be, and the most the signing helpers take. In wasm the
/// body is copied into linear memory (4 GiB at most, one allocation under 2 GiB), and reading
/// it makes more (Seqino's Latin-1 form, a JS-safe rewrite of large integers, up to twice the
/// body again): at 2^31 bytes the copy alone failed, and a failed allocation aborts, which is a
/// trap, not an error. A quarter of a gigabyte is a thousand times any webhook.
pub const MAX_BODY_BYTES_CEILING: usize = 256 << 20;

pub fn check_body_size(provider: Provider, len: usize, max: usize) -> Result<()> {
    if len > max {
        return Err(HooksealError::new(
            provider,
            ErrorCode::BodyTooLarge,
            format!("the body is {len} bytes; this verifier accepts at most {max} (maxBodyBytes)"),
        )
        .with_hint("raise maxBodyBytes if the provider really sends bodies this large"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_the_limit_passes_one_over_fails() {
        assert!(check_body_size(Provider::Seqino, 10, 10).is_ok());
        assert_eq!(
            check_body_size(Provider::Seqino, 11, 10).unwrap_err().code,
            ErrorCode::BodyTooLarge
        );
    }
}
