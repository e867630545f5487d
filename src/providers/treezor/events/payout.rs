//! Payouts (funds leaving a wallet: SEPA credit transfers emitted, SDD received) and payout
//! refunds (recalls of emitted transfers).

use serde::{Deserialize, Serialize};

use super::wire::{TreezorAnyJson, TreezorStatus, TreezorStringOrNumber};
use crate::closed_string_enum;
use crate::core::wire_shape::WireShape;

closed_string_enum!(
    /// Payout events.
    pub TreezorPayoutEventName {
        Create = "payout.create",
        Update = "payout.update",
        Cancel = "payout.cancel",
    }
);

closed_string_enum!(
    /// Payout refund events.
    pub TreezorPayoutRefundEventName {
        Create = "payoutRefund.create",
        Update = "payoutRefund.update",
        Cancel = "payoutRefund.cancel",
    }
);

/// `object_payload` of payout events.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorPayoutPayload {
    pub payouts: Vec<TreezorPayout>,
}

/// One payout. `payoutTypeId`: `1` credit transfer, `2` direct debit, `3` instant transfer.
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[serde(default, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct TreezorPayout {
    pub payout_id: Option<TreezorStringOrNumber>,
    pub payout_tag: Option<String>,
    pub payout_status: Option<TreezorStatus>,
    pub payout_type_id: Option<TreezorStringOrNumber>,
    pub payout_type: Option<String>,
    pub wallet_id: Option<TreezorStringOrNumber>,
    pub beneficiary_id: Option<TreezorStringOrNumber>,
    pub unique_mandate_reference: Option<String>,
    pub label: Option<String>,
    pub payout_date: Option<String>,
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub partner_fee: Option<String>,
    pub created_date: Option<String>,
    pub modified_date: Option<String>,
    pub wallet_event_name: Option<String>,
    pub wallet_alias: Option<String>,
    pub user_lastname: Option<String>,
    pub user_firstname: Option<String>,
    pub user_id: Option<TreezorStringOrNumber>,
    pub bankaccount_id: Option<TreezorStringOrNumber>,
    #[serde(rename = "bankaccountIBAN")]
    pub bankaccount_iban: Option<String>,
    pub virtual_iban_id: Option<TreezorStringOrNumber>,
    pub virtual_iban_reference: Option<String>,
    pub code_status: Option<TreezorStringOrNumber>,
    pub information_status: Option<String>,
    pub supporting_file_link: Option<String>,
    pub end_to_end_id: Option<String>,
    pub reason_code: Option<String>,
    pub reason_description: Option<String>,
    /// Undocumented shape.
    pub metadata: Option<TreezorAnyJson>,
    pub total_rows: Option<TreezorStringOrNumber>,
}

/// `object_payload` of payout refund events.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorPayoutRefundPayload {
    #[serde(rename = "payoutRefunds")]
    pub payout_refunds: Vec<TreezorPayoutRefund>,
}

/// One payout refund. `codeStatus` is a number here (`790001`); `informationStatus` carries
/// the status word.
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[serde(default, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct TreezorPayoutRefund {
    pub id: Option<TreezorStringOrNumber>,
    pub payout_refund_tag: Option<String>,
    pub code_status: Option<TreezorStringOrNumber>,
    pub information_status: Option<TreezorStatus>,
    pub payout_id: Option<TreezorStringOrNumber>,
    pub request_amount: Option<String>,
    pub request_currency: Option<String>,
    pub request_comment: Option<String>,
    /// SEPA recall reason (`DUPL`, `FRAD`, `TECH`, `AC01`, `MD06`, …).
    pub reason_code: Option<String>,
    pub refund_amount: Option<String>,
    pub refund_currency: Option<String>,
    pub refund_date: Option<String>,
    pub refund_comment: Option<String>,
    pub negative_response_reason_code: Option<String>,
    pub created_date: Option<String>,
    pub modified_date: Option<String>,
}
