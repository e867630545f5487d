//! Payins (funds arriving in a wallet: SEPA credit transfers received, SDD emitted) and
//! payin refunds.

use serde::{Deserialize, Serialize};

use super::wire::{TreezorAnyJson, TreezorStatus, TreezorStringOrNumber};
use crate::closed_string_enum;
use crate::core::wire_shape::WireShape;

closed_string_enum!(
    /// Payin events.
    pub TreezorPayinEventName {
        Create = "payin.create",
        Update = "payin.update",
        Cancel = "payin.cancel",
    }
);

closed_string_enum!(
    /// Payin refund events.
    pub TreezorPayinrefundEventName {
        Create = "payinrefund.create",
        Update = "payinrefund.update",
        Cancel = "payinrefund.cancel",
    }
);

/// `object_payload` of payin events.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorPayinPayload {
    pub payins: Vec<TreezorPayin>,
}

/// One payin. `payinId` is a number-like string for SCTR and a UUID for SCTR Inst.
/// `paymentMethodId` tells the rail (`20` SCTR, `21` SDDE, `27` SCTR Inst).
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[serde(default, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct TreezorPayin {
    pub payin_id: Option<TreezorStringOrNumber>,
    pub payin_tag: Option<String>,
    pub wallet_id: Option<TreezorStringOrNumber>,
    /// Treezor documents `3` as a placeholder for received SCTR: do not rely on it.
    pub user_id: Option<TreezorStringOrNumber>,
    pub payin_status: Option<TreezorStatus>,
    pub payment_method_id: Option<TreezorStringOrNumber>,
    pub message_to_user: Option<String>,
    pub subtotal_items: Option<String>,
    pub subtotal_services: Option<String>,
    pub subtotal_tax: Option<String>,
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub created_date: Option<String>,
    pub wallet_event_name: Option<String>,
    pub wallet_alias: Option<String>,
    pub user_firstname: Option<String>,
    pub user_lastname: Option<String>,
    pub code_status: Option<TreezorStringOrNumber>,
    pub information_status: Option<String>,
    pub refund_amount: Option<String>,
    pub iban_fullname: Option<String>,
    #[serde(rename = "DbtrIBAN")]
    pub dbtr_iban: Option<String>,
    pub iban_bic: Option<String>,
    pub iban_tx_end_to_end_id: Option<String>,
    pub iban_tx_id: Option<String>,
    pub forward_url: Option<String>,
    pub payment_accepted_url: Option<String>,
    pub payment_refused_url: Option<String>,
    pub payment_waiting_url: Option<String>,
    pub payment_exception_url: Option<String>,
    pub payment_canceled_url: Option<String>,
    /// `0000-00-00` until set.
    pub payin_date: Option<String>,
    pub mandate_id: Option<TreezorStringOrNumber>,
    pub creditor_name: Option<String>,
    pub creditor_address_line: Option<String>,
    pub creditor_country: Option<String>,
    pub creditor_iban: Option<String>,
    #[serde(rename = "creditorBIC")]
    pub creditor_bic: Option<String>,
    pub virtual_iban_id: Option<TreezorStringOrNumber>,
    pub virtual_iban_reference: Option<String>,
    /// Undocumented shape (empty string in SEPA examples, JSON for card payins).
    pub additional_data: Option<TreezorAnyJson>,
    pub iban_id: Option<String>,
    pub payment_html: Option<String>,
    pub total_rows: Option<TreezorStringOrNumber>,
}

/// `object_payload` of payin refund events.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorPayinrefundPayload {
    pub payinrefunds: Vec<TreezorPayinrefund>,
}

/// One payin refund (`payinrefundStatus`: PENDING, CANCELED, VALIDATED).
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[serde(default, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct TreezorPayinrefund {
    pub payinrefund_id: Option<TreezorStringOrNumber>,
    pub payinrefund_tag: Option<String>,
    pub payinrefund_status: Option<TreezorStatus>,
    pub wallet_id: Option<TreezorStringOrNumber>,
    pub payin_id: Option<TreezorStringOrNumber>,
    /// The effective refund date; `0000-00-00` until known.
    pub payinrefund_date: Option<String>,
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub created_date: Option<String>,
    pub modified_date: Option<String>,
    pub code_status: Option<TreezorStringOrNumber>,
    pub information_status: Option<String>,
    /// Why a transaction-monitoring rule held the refund, in French.
    pub reason_tms: Option<String>,
    pub total_rows: Option<TreezorStringOrNumber>,
}
