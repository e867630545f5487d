//! The typed SePay transaction, the same whatever the body format.
//!
//! SePay sends one flat object per bank transaction (laravel-sepay's `SePayWebhookData`). A
//! JSON body carries numbers and nulls; a form or multipart body carries only text, and a
//! form encoding has no null at all (PHP's `http_build_query` drops null members). So typing
//! works on a neutral list of members, where each value is either a raw JSON value or text,
//! and converts both to the same Rust values: integers from their exact decimal digits (never
//! through a float), absent or empty text as null for the two nullable members.

use serde::Serialize;

use crate::closed_string_enum;
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::json::RawJson;
use crate::core::text::quote;
use crate::core::time_window::days_from_civil;
use crate::core::wire_shape::WireShape;

const P: Provider = Provider::Sepay;

/// The largest integer JavaScript numbers hold exactly (2^53 − 1).
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

closed_string_enum!(
    /// Money in (`in`) or out (`out`) of the account.
    pub SepayTransferType { In = "in", Out = "out" }
);

/// A verified SePay transaction, with SePay's member names.
///
/// The integer members are JavaScript numbers: a value beyond ±(2^53 − 1) is refused with
/// `schema_mismatch` rather than rounded or turned into a string, so the type stays `number`
/// (no VND amount or SePay id comes near 9 × 10^15).
///
/// Its derived [`WireShape`] is the shape of that JavaScript object (the members SePay sends
/// plus `transactionDateIso`); [`MEMBERS`], which types the wire members from any body
/// format, is checked against it by a test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, WireShape)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SepayTransaction {
    /// SePay's transaction id: the key to deduplicate retried deliveries on.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The bank's brand name (`Vietcombank`).
    pub gateway: String,
    /// As sent: `YYYY-MM-DD HH:MM:SS`, the bank's local time (Vietnam, UTC+7).
    pub transaction_date: String,
    /// `transactionDate` as an ISO 8601 instant with its offset, `2023-03-25T14:02:37+07:00`
    /// (`new Date(...)` reads it right); null when `transactionDate` is not in SePay's form.
    /// Added by hookseal: not a member SePay sends.
    pub transaction_date_iso: Option<String>,
    pub account_number: String,
    /// The virtual (sub) account, if the transfer went to one.
    pub sub_account: Option<String>,
    /// The payment code SePay recognised in `content`, if any.
    pub code: Option<String>,
    /// The transfer's message.
    pub content: String,
    pub transfer_type: SepayTransferType,
    /// Whole VND.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub transfer_amount: i64,
    /// The account balance after the transaction, whole VND.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub accumulated: i64,
    pub reference_code: String,
    /// The bank's full notification text.
    pub description: String,
}

/// One member's value as it came off the wire.
#[derive(Clone, Copy, Debug)]
pub enum WireValue<'a> {
    /// A JSON value, exactly as in the body.
    Json(RawJson<'a>),
    /// A form or multipart value (always text).
    Text(&'a str),
}

/// What each documented member is, in SePay's documentation order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberKind {
    Integer,
    Text,
    NullableText,
    TransferType,
}

pub const MEMBERS: [(&str, MemberKind); 12] = [
    ("id", MemberKind::Integer),
    ("gateway", MemberKind::Text),
    ("transactionDate", MemberKind::Text),
    ("accountNumber", MemberKind::Text),
    ("code", MemberKind::NullableText),
    ("content", MemberKind::Text),
    ("transferType", MemberKind::TransferType),
    ("transferAmount", MemberKind::Integer),
    ("accumulated", MemberKind::Integer),
    ("subAccount", MemberKind::NullableText),
    ("referenceCode", MemberKind::Text),
    ("description", MemberKind::Text),
];

/// The member hookseal adds beside `transactionDate`.
pub const ISO_MEMBER: &str = "transactionDateIso";

/// The kind of a documented member, `None` for anything else.
pub fn member_kind(name: &str) -> Option<MemberKind> {
    MEMBERS.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
}

impl SepayTransaction {
    /// Types a transaction from its members (in body order). A documented member given twice
    /// is refused: a checker and a consumer could otherwise read different copies.
    pub fn from_members(members: &[(&str, WireValue<'_>)]) -> Result<Self> {
        for (name, _) in MEMBERS {
            if members.iter().filter(|(n, _)| *n == name).count() > 1 {
                return Err(HooksealError::new(
                    P,
                    ErrorCode::DuplicateKey,
                    format!("the member `{name}` appears more than once"),
                )
                .with_hint("a body with two copies of a member is refused: one copy could be checked and the other used"));
            }
        }
        let get = |name: &str| members.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
        let text = |name: &str| required(name, get(name)).and_then(|v| as_text(name, v));
        let integer = |name: &str| required(name, get(name)).and_then(|v| as_integer(name, v));
        let nullable = |name: &str| get(name).map_or(Ok(None), |v| as_nullable_text(name, v));

        let transaction_date = text("transactionDate")?;
        let transfer_type_text = text("transferType")?;
        let transfer_type = SepayTransferType::from_wire(&transfer_type_text).ok_or_else(|| {
            HooksealError::new(
                P,
                ErrorCode::SchemaMismatch,
                format!(
                    "`transferType` is {}; SePay documents \"in\" and \"out\"",
                    quote(&transfer_type_text)
                ),
            )
        })?;
        Ok(SepayTransaction {
            id: integer("id")?,
            gateway: text("gateway")?,
            transaction_date_iso: vietnam_time_to_iso(&transaction_date),
            transaction_date,
            account_number: text("accountNumber")?,
            sub_account: nullable("subAccount")?,
            code: nullable("code")?,
            content: text("content")?,
            transfer_type,
            transfer_amount: integer("transferAmount")?,
            accumulated: integer("accumulated")?,
            reference_code: text("referenceCode")?,
            description: text("description")?,
        })
    }
}

fn schema(message: String) -> HooksealError {
    HooksealError::new(P, ErrorCode::SchemaMismatch, message)
}

fn required<'a>(name: &str, value: Option<WireValue<'a>>) -> Result<WireValue<'a>> {
    value.ok_or_else(|| {
        schema(format!("the member `{name}` is missing")).with_hint(
            "a SePay transaction has id, gateway, transactionDate, accountNumber, code, content, transferType, transferAmount, accumulated, subAccount, referenceCode and description",
        )
    })
}

fn as_text(name: &str, value: WireValue<'_>) -> Result<String> {
    match value {
        WireValue::Text(t) => Ok(t.to_string()),
        WireValue::Json(raw) => json_string(raw)
            .ok_or_else(|| schema(format!("`{name}` must be a string, not {}", json_kind(raw)))),
    }
}

fn as_nullable_text(name: &str, value: WireValue<'_>) -> Result<Option<String>> {
    match value {
        // A form encoding cannot say null; an empty value is how "no code" arrives.
        WireValue::Text("") => Ok(None),
        WireValue::Text(t) => Ok(Some(t.to_string())),
        WireValue::Json(raw) if raw.get() == "null" => Ok(None),
        WireValue::Json(raw) => json_string(raw).map(Some).ok_or_else(|| {
            schema(format!(
                "`{name}` must be a string or null, not {}",
                json_kind(raw)
            ))
        }),
    }
}

fn as_integer(name: &str, value: WireValue<'_>) -> Result<i64> {
    let lexeme = match value {
        WireValue::Text(t) => t,
        WireValue::Json(raw)
            if raw
                .get()
                .starts_with(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) =>
        {
            raw.get()
        }
        WireValue::Json(raw) => {
            return Err(schema(format!(
                "`{name}` must be an integer, not {}",
                json_kind(raw)
            )))
        }
    };
    parse_exact_integer(lexeme).ok_or_else(|| {
        schema(format!(
            "`{name}` is {}, not a whole number within ±(2^53 − 1)",
            quote(lexeme)
        ))
        .with_hint("SePay sends ids and VND amounts as whole numbers")
    })
}

/// `-?[0-9]+` within ±(2^53 − 1), from its digits (no float, so no rounding). Leading zeros
/// are allowed (a form value may have them); a fraction or exponent is not.
pub fn parse_exact_integer(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = digits.trim_start_matches('0');
    if digits.len() > 16 {
        return None;
    }
    let mut value: i64 = 0;
    for d in digits.bytes() {
        value = value * 10 + i64::from(d - b'0');
    }
    if value > MAX_SAFE_INTEGER {
        return None;
    }
    Some(if negative { -value } else { value })
}

fn json_string(raw: RawJson<'_>) -> Option<String> {
    raw.as_string()
}

fn json_kind(raw: RawJson<'_>) -> &'static str {
    match raw.get().as_bytes().first() {
        Some(b'"') => "a string",
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// `YYYY-MM-DD HH:MM:SS` (or with `T`) in Vietnam time -> `YYYY-MM-DDTHH:MM:SS+07:00`.
/// Vietnam has kept UTC+7 without daylight saving since 1975, so the offset is fixed.
pub fn vietnam_time_to_iso(text: &str) -> Option<String> {
    let b = text.as_bytes();
    if b.len() != 19 {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(range)?;
        part.iter().all(u8::is_ascii_digit).then(|| {
            part.iter()
                .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'))
        })
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let separators_ok = b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b' ' | b'T')
        && b[13] == b':'
        && b[16] == b':';
    // A real date: round-trip the day count so 2023-02-30 is refused.
    let days = days_from_civil(year, month, day);
    let real_date = (1..=12).contains(&month)
        && day >= 1
        && crate::core::time_window::civil_from_days(days) == (year, month, day);
    if !separators_ok || !real_date || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}+07:00"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::wire_shape::{kind_of, Int, Kind};

    /// The hand-written MEMBERS table against the type's derived table: no drift.
    #[test]
    fn members_are_the_fields_of_the_type() {
        let Kind::Object(shape) = kind_of::<SepayTransaction>() else {
            panic!()
        };
        let mut fields: Vec<_> = shape.fields.iter().map(|f| (f.wire_name, f.kind)).collect();
        fields.retain(|(name, _)| *name != ISO_MEMBER);
        assert_eq!(fields.len(), MEMBERS.len());
        for (name, member) in MEMBERS {
            let kind = fields
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, k)| *k)
                .unwrap_or_else(|| panic!("{name} is not a field"));
            let expected = match member {
                MemberKind::Integer => Kind::Integer(Int::I64),
                MemberKind::Text => Kind::String,
                MemberKind::NullableText => Kind::Nullable(&Kind::String),
                MemberKind::TransferType => Kind::OneOf(SepayTransferType::KNOWN),
            };
            assert_eq!(kind, &expected, "{name}");
        }
    }

    #[test]
    fn exact_integers_only() {
        assert_eq!(parse_exact_integer("2277000"), Some(2_277_000));
        assert_eq!(parse_exact_integer("-15"), Some(-15));
        assert_eq!(parse_exact_integer("007"), Some(7));
        assert_eq!(
            parse_exact_integer("9007199254740991"),
            Some(MAX_SAFE_INTEGER)
        );
        assert_eq!(
            parse_exact_integer("-9007199254740991"),
            Some(-MAX_SAFE_INTEGER)
        );
        for bad in [
            "",
            "-",
            "+5",
            "1.0",
            "1e3",
            " 5",
            "5 ",
            "9007199254740992",
            "99999999999999999999999",
            "٣",
        ] {
            assert_eq!(parse_exact_integer(bad), None, "{bad}");
        }
    }

    #[test]
    fn vietnam_time() {
        assert_eq!(
            vietnam_time_to_iso("2023-03-25 14:02:37").as_deref(),
            Some("2023-03-25T14:02:37+07:00")
        );
        assert_eq!(
            vietnam_time_to_iso("2024-02-29T00:00:00").as_deref(),
            Some("2024-02-29T00:00:00+07:00")
        );
        for bad in [
            "",
            "2023-02-29 00:00:00",
            "2023-13-01 00:00:00",
            "2023-03-25 24:00:00",
            "2023-03-25 14:02",
            "2023/03/25 14:02:37",
            "2023-03-25 14:02:37Z",
            "2023-03-25 14:02:3é",
        ] {
            assert_eq!(vietnam_time_to_iso(bad), None, "{bad}");
        }
    }
}
