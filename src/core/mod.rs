//! Provider-independent building blocks. Nothing here knows about JavaScript.

pub mod base64;
pub mod body_limit;
pub mod constant_time;
pub mod error;
pub mod headers;
pub mod hmac_key;
pub mod http_signatures;
pub mod json;
pub mod json_escape;
pub mod open_enum;
pub mod php_json;
pub mod php_json_fixed_point;
pub mod rsa_verify;
pub mod secret;
pub mod signature_encoding;
pub mod text;
pub mod time_window;
pub mod wire_shape;

pub use error::{ErrorCode, HooksealError, Provider, Result};
pub use headers::HeaderList;
