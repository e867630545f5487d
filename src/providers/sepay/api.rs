//! Types of SePay's webhook management API (`/api/v1/webhooks`, OAuth2 access token).
//!
//! The seed document lists the request parameters and the error codes; the response shape
//! comes from the example on developer.sepay.vn/en/sepay-oauth2/api-webhook (a `status` and
//! `data` envelope; flags as booleans in responses although requests send 0/1). The
//! enumerations stay open: SePay has already added values (`HMAC_SHA256`) since the seed.

use serde::{Deserialize, Deserializer, Serialize};

use crate::open_string_enum;

open_string_enum!(
    /// Which transactions the webhook receives.
    pub SepayWebhookEventType {
        All = "All",
        InOnly = "In_only",
        OutOnly = "Out_only",
    }
);

open_string_enum!(
    /// How SePay authenticates deliveries (the verifier's `mode`). `HMAC_SHA256` is newer than
    /// the seed and appears in SePay's response examples.
    pub SepayAuthenType {
        NoAuthen = "No_Authen",
        OAuth2 = "OAuth2.0",
        ApiKey = "Api_Key",
        HmacSha256 = "HMAC_SHA256",
    }
);

open_string_enum!(
    /// The body format of deliveries.
    pub SepayRequestContentType {
        Json = "Json",
        MultipartFormData = "multipart_form-data",
    }
);

open_string_enum!(
    /// The API's error codes (seed: "Error codes").
    pub SepayApiErrorCode {
        ValidationError = "validation_error",
        Unauthorized = "unauthorized",
        Forbidden = "forbidden",
        NotFound = "not_found",
    }
);

impl SepayApiErrorCode {
    /// The HTTP status SePay answers with for this code.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            SepayApiErrorCode::ValidationError => Some(400),
            SepayApiErrorCode::Unauthorized => Some(401),
            SepayApiErrorCode::Forbidden => Some(403),
            SepayApiErrorCode::NotFound => Some(404),
            SepayApiErrorCode::Other(_) => None,
        }
    }

    /// The seed's description.
    pub fn description(&self) -> Option<&'static str> {
        match self {
            SepayApiErrorCode::ValidationError => Some("Input data validation error"),
            SepayApiErrorCode::Unauthorized => Some("Token is invalid or expired"),
            SepayApiErrorCode::Forbidden => {
                Some("You do not have permission to access this resource")
            }
            SepayApiErrorCode::NotFound => Some("Webhook not found"),
            SepayApiErrorCode::Other(_) => None,
        }
    }
}

/// A yes/no setting: `0`/`1` in requests, `true`/`false` in SePay's response examples.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "boolean | 0 | 1"))]
pub struct SepayFlag(pub bool);

impl<'de> Deserialize<'de> for SepayFlag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Bool(bool),
            Int(i64),
        }
        match Wire::deserialize(d)? {
            Wire::Bool(b) => Ok(SepayFlag(b)),
            Wire::Int(0) => Ok(SepayFlag(false)),
            Wire::Int(1) => Ok(SepayFlag(true)),
            Wire::Int(n) => Err(serde::de::Error::custom(format!(
                "a flag is 0 or 1, not {n}"
            ))),
        }
    }
}

/// A webhook as `GET /api/v1/webhooks` and `GET /api/v1/webhooks/{id}` return it.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SepayWebhook {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// `0` in SePay's example of a company-wide webhook.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bank_account_id: i64,
    pub name: String,
    pub event_type: SepayWebhookEventType,
    pub authen_type: SepayAuthenType,
    pub webhook_url: String,
    pub is_verify_payment: SepayFlag,
    pub skip_if_no_code: SepayFlag,
    /// The seed's request calls it an array; SePay's response example shows an object such
    /// as `{ "non_2xx_status_code": 0 }`.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number> | Array<unknown>"))]
    pub retry_conditions: serde_json::Value,
    pub only_va: SepayFlag,
    pub active: SepayFlag,
    /// `YYYY-MM-DD HH:MM:SS`, Vietnam time.
    pub created_at: String,
    /// `Api_Key` webhooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub api_key: Option<String>,
    /// `HMAC_SHA256` webhooks: the `whsec_…` signing secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub secret_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub request_content_type: Option<SepayRequestContentType>,
    /// The virtual accounts of an `only_va` webhook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "Array<number>"))]
    pub bank_sub_account_ids: Option<Vec<i64>>,
    /// `OAuth2.0` webhooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub oauth2_access_token_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub oauth2_client_id: Option<String>,
}

/// `GET /api/v1/webhooks`. Pagination (`page`, `limit`) is a query parameter; how the
/// response reports it is not documented, so it is not typed here.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SepayWebhookListResponse {
    #[cfg_attr(feature = "ts", ts(type = "\"success\""))]
    pub status: String,
    pub data: Vec<SepayWebhook>,
}

/// `GET /api/v1/webhooks/{id}`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SepayWebhookDetailResponse {
    #[cfg_attr(feature = "ts", ts(type = "\"success\""))]
    pub status: String,
    pub data: SepayWebhook,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first webhook of SePay's list-response example.
    const EXAMPLE: &str = r#"{"status":"success","data":[{"id":23,"bank_account_id":19,"name":"Online shop integration","event_type":"In_only","authen_type":"Api_Key","webhook_url":"https://example.com/webhook/payment","is_verify_payment":true,"skip_if_no_code":true,"retry_conditions":{"non_2xx_status_code":0},"only_va":true,"active":true,"created_at":"2025-02-15 14:23:56","api_key":"a7c3b4e5f6a7b8c9d0e1f2a3b4c5d6e7","request_content_type":"Json","bank_sub_account_ids":[25,26]}]}"#;

    #[test]
    fn documented_list_example_parses() {
        let list: SepayWebhookListResponse = serde_json::from_str(EXAMPLE).unwrap();
        let w = &list.data[0];
        assert_eq!(w.event_type, SepayWebhookEventType::InOnly);
        assert_eq!(w.authen_type, SepayAuthenType::ApiKey);
        assert_eq!(w.only_va, SepayFlag(true));
        assert_eq!(w.bank_sub_account_ids.as_deref(), Some(&[25, 26][..]));
        assert_eq!(w.request_content_type, Some(SepayRequestContentType::Json));
    }

    #[test]
    fn flags_read_booleans_and_0_1() {
        for (text, flag) in [("true", true), ("false", false), ("1", true), ("0", false)] {
            assert_eq!(
                serde_json::from_str::<SepayFlag>(text).unwrap(),
                SepayFlag(flag)
            );
        }
        assert!(serde_json::from_str::<SepayFlag>("2").is_err());
        assert!(serde_json::from_str::<SepayFlag>("\"1\"").is_err());
    }

    #[test]
    fn error_codes_map_to_the_seed_statuses() {
        let statuses: Vec<_> = SepayApiErrorCode::KNOWN
            .iter()
            .map(|c| SepayApiErrorCode::from_wire(c).http_status())
            .collect();
        assert_eq!(statuses, [Some(400), Some(401), Some(403), Some(404)]);
        assert_eq!(SepayApiErrorCode::from_wire("teapot").http_status(), None);
    }
}
