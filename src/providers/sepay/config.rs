//! Checking a create / update request of SePay's webhook management API before sending it.
//!
//! SePay answers a bad request with one `validation_error`; this returns every problem at once,
//! each with the field, a stable code and a message, so a settings form can mark all of them.
//! The rules are the seed's: required members on create (none on update, "provide only the
//! parameters you want to change"), members required by `authen_type`, enumerations, 0/1
//! flags, `bank_sub_account_ids` when `only_va` is 1, and URL syntax.

use crate::core::json::value::{JsonObject, JsonValue as Value};
use serde::Serialize;

use crate::closed_string_enum;
use crate::core::text::{join, quote};

use super::api::{SepayAuthenType, SepayRequestContentType, SepayWebhookEventType};
use super::url::check_http_url;

/// Create (`POST /api/v1/webhooks`) or update (`PATCH /api/v1/webhooks/{id}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SepayConfigMode {
    Create,
    Update,
}

closed_string_enum!(
    /// What is wrong with one field.
    pub SepayConfigProblemCode {
        /// The request is not a JSON object.
        NotAnObject = "not_an_object",
        Required = "required",
        /// Wrong JSON type (a string where an integer is expected, `true` for a 0/1 flag…).
        InvalidType = "invalid_type",
        /// Not one of the documented values.
        InvalidEnum = "invalid_enum",
        /// An integer flag other than 0 or 1.
        InvalidFlag = "invalid_flag",
        InvalidUrl = "invalid_url",
        /// An empty (or blank) string, or an empty list where one is needed.
        Empty = "empty",
        /// A negative id.
        OutOfRange = "out_of_range",
        /// Not a parameter of the API (often a typo).
        UnknownField = "unknown_field",
    }
);

/// One problem with a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SepayConfigProblem {
    /// The member, `bank_sub_account_ids[2]` for a list item, `""` for the whole request.
    pub field: String,
    pub code: SepayConfigProblemCode,
    pub message: String,
}

/// What a field holds.
#[derive(Clone, Copy, Debug)]
enum Rule {
    /// An integer id, 0 or more.
    Id,
    Text,
    OneOf(&'static [&'static str]),
    Flag,
    Url,
    /// The seed says array; SePay's responses show an object. Either is accepted.
    RetryConditions,
    /// A list of positive integer ids.
    IdList,
}

/// When a field is required on create.
#[derive(Clone, Copy, Debug)]
enum Required {
    Always,
    Never,
    /// When `authen_type` is one of these.
    ForAuthen(&'static [&'static str]),
    /// When `only_va` is 1.
    WhenOnlyVa,
}

/// Authentication types accepted in requests: the seed's three, and `HMAC_SHA256`, which
/// SePay added since (it needs no extra member: SePay generates the secret).
const AUTHEN_TYPES: &[&str] = SepayAuthenType::KNOWN;

const FIELDS: [(&str, Rule, Required); 16] = [
    ("bank_account_id", Rule::Id, Required::Always),
    ("name", Rule::Text, Required::Always),
    (
        "event_type",
        Rule::OneOf(SepayWebhookEventType::KNOWN),
        Required::Always,
    ),
    ("authen_type", Rule::OneOf(AUTHEN_TYPES), Required::Always),
    ("webhook_url", Rule::Url, Required::Always),
    ("is_verify_payment", Rule::Flag, Required::Always),
    ("skip_if_no_code", Rule::Flag, Required::Never),
    ("active", Rule::Flag, Required::Never),
    ("retry_conditions", Rule::RetryConditions, Required::Never),
    ("only_va", Rule::Flag, Required::Never),
    ("bank_sub_account_ids", Rule::IdList, Required::WhenOnlyVa),
    (
        "oauth2_access_token_url",
        Rule::Url,
        Required::ForAuthen(&["OAuth2.0"]),
    ),
    (
        "oauth2_client_id",
        Rule::Text,
        Required::ForAuthen(&["OAuth2.0"]),
    ),
    (
        "oauth2_client_secret",
        Rule::Text,
        Required::ForAuthen(&["OAuth2.0"]),
    ),
    ("api_key", Rule::Text, Required::ForAuthen(&["Api_Key"])),
    (
        "request_content_type",
        Rule::OneOf(SepayRequestContentType::KNOWN),
        Required::ForAuthen(&["Api_Key", "No_Authen"]),
    ),
];

/// Every problem of `request`, in the seed's field order, then unknown fields. Empty when
/// the request is valid. A `null` member counts as absent.
pub fn validate_webhook_config(
    request: &serde_json::Value,
    mode: SepayConfigMode,
) -> Vec<SepayConfigProblem> {
    validate_webhook_json(&Value::from(request), mode)
}

/// [`validate_webhook_config`] of a request read with `core::json::value::parse_value` (the
/// wasm's way: serde_json's `Value` stays out of it).
pub fn validate_webhook_json(request: &Value, mode: SepayConfigMode) -> Vec<SepayConfigProblem> {
    let Some(object) = request.as_object() else {
        return vec![problem(
            "",
            SepayConfigProblemCode::NotAnObject,
            format!(
                "the request must be an object of webhook parameters, not {}",
                kind(request)
            ),
        )];
    };
    let get = |name: &str| object.get(name).filter(|v| !v.is_null());
    let authen_type = get("authen_type").and_then(Value::as_str);
    let only_va = get("only_va").and_then(Value::as_i64) == Some(1);

    let mut problems = Vec::new();
    for (name, rule, required) in FIELDS {
        match get(name) {
            None => {
                let needed = mode == SepayConfigMode::Create
                    && match required {
                        Required::Always => true,
                        Required::Never => false,
                        Required::ForAuthen(types) => {
                            authen_type.is_some_and(|t| types.contains(&t))
                        }
                        Required::WhenOnlyVa => only_va,
                    };
                if needed {
                    problems.push(problem(
                        name,
                        SepayConfigProblemCode::Required,
                        required_message(name, required),
                    ));
                }
            }
            Some(value) => check_value(name, rule, value, &mut problems),
        }
    }
    if only_va
        && get("bank_sub_account_ids")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
    {
        problems.push(problem(
            "bank_sub_account_ids",
            SepayConfigProblemCode::Empty,
            "with only_va = 1, list at least one virtual account id".into(),
        ));
    }
    unknown_fields(object, &mut problems);
    problems
}

fn required_message(name: &str, required: Required) -> String {
    match required {
        Required::ForAuthen(_) => format!("`{name}` is required with this authen_type"),
        Required::WhenOnlyVa => format!("`{name}` is required when only_va is 1"),
        _ => format!("`{name}` is required to create a webhook"),
    }
}

fn check_value(name: &str, rule: Rule, value: &Value, problems: &mut Vec<SepayConfigProblem>) {
    use SepayConfigProblemCode as C;
    let mut push = |code, message: String| problems.push(problem(name, code, message));
    match rule {
        Rule::Id => match integer(value) {
            Some(n) if n >= 0 => {}
            Some(_) => push(C::OutOfRange, format!("`{name}` must not be negative")),
            None if value.is_u64() => push(C::OutOfRange, format!("`{name}` is too large")),
            None => push(
                C::InvalidType,
                format!("`{name}` must be an integer id, not {}", kind(value)),
            ),
        },
        Rule::Text => match value.as_str() {
            Some(s) if s.trim().is_empty() => push(C::Empty, format!("`{name}` is empty")),
            Some(_) => {}
            None => push(
                C::InvalidType,
                format!("`{name}` must be a string, not {}", kind(value)),
            ),
        },
        Rule::OneOf(allowed) => match value.as_str() {
            Some(s) if allowed.contains(&s) => {}
            Some(s) => {
                let close = allowed.iter().find(|a| a.eq_ignore_ascii_case(s.trim()));
                let mut message =
                    format!("`{name}` is {}; allowed: {}", quote(s), join(allowed, ", "));
                if let Some(close) = close {
                    message.push_str(&format!(" (did you mean {}?)", quote(close)));
                }
                push(C::InvalidEnum, message);
            }
            None => push(
                C::InvalidType,
                format!(
                    "`{name}` must be one of {}, not {}",
                    join(allowed, ", "),
                    kind(value)
                ),
            ),
        },
        Rule::Flag => match (integer(value), value) {
            (Some(0 | 1), _) => {}
            (Some(n), _) => push(C::InvalidFlag, format!("`{name}` must be 0 or 1, not {n}")),
            (None, Value::Bool(b)) => push(
                C::InvalidType,
                format!(
                    "`{name}` must be the integer 0 or 1, not {b} (use {})",
                    u8::from(*b)
                ),
            ),
            (None, _) => push(
                C::InvalidType,
                format!("`{name}` must be the integer 0 or 1, not {}", kind(value)),
            ),
        },
        Rule::Url => match value.as_str() {
            Some(s) if s.trim().is_empty() => push(C::Empty, format!("`{name}` is empty")),
            Some(s) => {
                if let Err(why) = check_http_url(s) {
                    push(C::InvalidUrl, format!("`{name}`: {why}"));
                }
            }
            None => push(
                C::InvalidType,
                format!("`{name}` must be a URL string, not {}", kind(value)),
            ),
        },
        Rule::RetryConditions => {
            if !value.is_array() && !value.is_object() {
                push(
                    C::InvalidType,
                    format!(
                        "`{name}` must be an array (or object) of retry conditions, not {}",
                        kind(value)
                    ),
                );
            }
        }
        Rule::IdList => match value.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    if integer(item).is_none_or(|n| n < 1) {
                        problems.push(problem(
                            &format!("{name}[{i}]"),
                            C::InvalidType,
                            format!(
                                "virtual account ids are positive integers, not {}",
                                describe(item)
                            ),
                        ));
                    }
                }
            }
            None => push(
                C::InvalidType,
                format!(
                    "`{name}` must be an array of virtual account ids, not {}",
                    kind(value)
                ),
            ),
        },
    }
}

fn unknown_fields(object: &JsonObject, problems: &mut Vec<SepayConfigProblem>) {
    for key in object.keys() {
        if FIELDS.iter().any(|(name, _, _)| *name == key) {
            continue;
        }
        let hint = FIELDS
            .iter()
            .map(|(name, _, _)| *name)
            .find(|name| similar(name, key))
            .map(|name| format!(" (did you mean `{name}`?)"))
            .unwrap_or_default();
        problems.push(problem(
            key,
            SepayConfigProblemCode::UnknownField,
            format!("`{key}` is not a parameter of SePay's webhook API{hint}"),
        ));
    }
}

/// Same letters ignoring case, `-`/`_`, or one edit apart: the usual typos. Case is folded
/// for ASCII only: the parameter names are ASCII, and Unicode case tables would add 12 kB to
/// the wasm for a hint.
fn similar(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    a == b || edit_distance_at_most_one(&a, &b)
}

fn edit_distance_at_most_one(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        // One substitution, or one swap of neighbours.
        let rest_equal = short.get(prefix + 1..) == long.get(prefix + 1..);
        let swapped = prefix + 1 < short.len()
            && short[prefix] == long[prefix + 1]
            && short[prefix + 1] == long[prefix]
            && short.get(prefix + 2..) == long.get(prefix + 2..);
        return rest_equal || swapped;
    }
    short.get(prefix..) == long.get(prefix + 1..)
}

fn integer(value: &Value) -> Option<i64> {
    value.as_i64()
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_integer() => "an integer",
        Value::Number(_) => "a fractional number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Number(n) => n.as_str().to_string(),
        Value::String(s) => format!("the string {}", quote(s)),
        other => kind(other).to_string(),
    }
}

fn problem(field: &str, code: SepayConfigProblemCode, message: String) -> SepayConfigProblem {
    SepayConfigProblem {
        field: field.to_string(),
        code,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_detection() {
        assert!(similar("webhook_url", "webhook_ulr"));
        assert!(similar("webhook_url", "webhookUrl"));
        assert!(similar("api_key", "apikey"));
        assert!(similar("only_va", "only_v"));
        assert!(similar("active", "actives"));
        assert!(!similar("name", "title"));
        assert!(!similar("active", "act"));
    }
}
