//! The `sepa.*` family: returns, rejects and refunds of SEPA credit transfers (SCTR) and
//! direct debits (SDDR), SDDR receptions and SCTR Inst rejects. Field names are snake_case
//! here (except SCTR Inst), as Treezor sends them.

use serde::{Deserialize, Serialize};

use super::wire::{TreezorDateValue, TreezorStringOrNumber};
use crate::closed_string_enum;
use crate::core::wire_shape::WireShape;

closed_string_enum!(
    /// A received SEPA credit transfer returned.
    pub TreezorSepaSctrEventName { ReturnSctr = "sepa.return_sctr" }
);

closed_string_enum!(
    /// Returns, refunds and rejects of received SEPA direct debits.
    pub TreezorSepaSddrEventName {
        ReturnSddr = "sepa.return_sddr",
        RefundSddr = "sepa.refund_sddr",
        RejectSddrCore = "sepa.reject_sddr_core",
        RejectSddrB2b = "sepa.reject_sddr_b2b",
    }
);

closed_string_enum!(
    /// A SEPA direct debit received (to be paid from a wallet).
    pub TreezorSepaSddrReceptionEventName { Reception = "sepa_sddr.reception" }
);

closed_string_enum!(
    /// A received instant credit transfer rejected.
    pub TreezorSepaSctrInstEventName { RejectSctrInst = "sepaSctrInst.reject_sctr_inst" }
);

/// `object_payload` of `sepa.return_sctr`.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorSepaSctrPayload {
    #[serde(rename = "sepaSctrs")]
    pub sepa_sctrs: Vec<TreezorSepaSctr>,
}

/// One returned SCTR (`return_reason_code`: SCT reason codes such as `AC04`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct TreezorSepaSctr {
    pub wallet_id: Option<TreezorStringOrNumber>,
    pub virtual_iban_id: Option<TreezorStringOrNumber>,
    pub transaction_id: Option<TreezorStringOrNumber>,
    pub interbank_settlement_amount: Option<String>,
    pub debitor_name: Option<String>,
    pub debitor_address: Option<String>,
    pub debitor_country: Option<String>,
    pub creditor_name: Option<String>,
    pub creditor_address: Option<String>,
    pub creditor_country: Option<String>,
    pub unstructured_field: Option<String>,
    pub return_reason_code: Option<String>,
}

/// `object_payload` of SDDR returns, refunds and rejects.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorSepaSddrPayload {
    #[serde(rename = "sepaSddrs")]
    pub sepa_sddrs: Vec<TreezorSepaSddr>,
}

/// One SDDR returned, refunded or rejected. Rejects carry `reject_reason_code`; returns and
/// refunds `reason_code`. Amounts are decimal strings (`"2495"` is 2495 euros, not cents).
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct TreezorSepaSddr {
    pub wallet_id: Option<TreezorStringOrNumber>,
    pub virtual_iban_id: Option<TreezorStringOrNumber>,
    pub transaction_id: Option<TreezorStringOrNumber>,
    /// `FRST`, `RCUR`, `OOFF`, `FNAL`.
    pub sequence_type: Option<String>,
    pub reject_reason_code: Option<String>,
    pub reason_code: Option<String>,
    pub interbank_settlement_amount: Option<String>,
    pub requested_collection_date: Option<TreezorDateValue>,
    /// The Unique Mandate Reference (UMR / RUM).
    pub mandate_id: Option<String>,
    pub sepa_creditor_identifier: Option<String>,
    pub date_of_signature: Option<TreezorDateValue>,
    pub debitor_name: Option<String>,
    pub debitor_address: Option<String>,
    pub debitor_country: Option<String>,
    pub creditor_name: Option<String>,
    pub creditor_address: Option<String>,
    pub creditor_country: Option<String>,
    pub unstructured_field: Option<String>,
    pub bankaccount_id: Option<TreezorStringOrNumber>,
    pub beneficiary_id: Option<TreezorStringOrNumber>,
}

/// `object_payload` of `sepa_sddr.reception`: one object, not a list.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorSepaSddrReceptionPayload {
    #[serde(rename = "sepaSddr")]
    pub sepa_sddr: Box<TreezorSepaSddrReception>,
}

/// A received SDD. Its dates are PHP `DateTime` objects in the documented examples.
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct TreezorSepaSddrReception {
    pub wallet_id: Option<TreezorStringOrNumber>,
    pub virtual_iban_id: Option<TreezorStringOrNumber>,
    pub beneficiary_id: Option<TreezorStringOrNumber>,
    /// The interbank id of the SDDR.
    pub transaction_id: Option<TreezorStringOrNumber>,
    pub interbank_settlement_amount: Option<String>,
    /// The effective date wanted by the creditor.
    pub requested_collection_date: Option<TreezorDateValue>,
    /// `CORE` or `B2B`.
    pub local_instrument: Option<String>,
    pub mandate_id: Option<String>,
    /// The SEPA Creditor Identifier (SCI / ICS).
    pub creditor_scheme_id: Option<String>,
    pub debitor_name: Option<String>,
    pub debitor_address: Option<String>,
    pub debitor_country: Option<String>,
    pub creditor_name: Option<String>,
    pub creditor_address: Option<String>,
    pub creditor_country: Option<String>,
    pub creditor_bic: Option<String>,
    pub creditor_iban: Option<String>,
    pub unstructured_field: Option<String>,
    /// When Treezor received the SDDR (may differ from `requested_collection_date`).
    pub created_date: Option<TreezorDateValue>,
}

/// `object_payload` of `sepaSctrInst.reject_sctr_inst`.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorSepaSctrInstPayload {
    #[serde(rename = "sepaSctrInsts")]
    pub sepa_sctr_insts: Vec<TreezorSepaSctrInst>,
}

/// A rejected SCTR Inst. The comments give the pacs.008 element each field comes from.
/// `settlementAmount` is a JSON number in the documented example.
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[serde(default, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct TreezorSepaSctrInst {
    pub wallet_id: Option<TreezorStringOrNumber>,
    /// `<MsgId>`
    pub message_id: Option<String>,
    /// `<EndToEndId>`
    pub transaction_end_to_end_id: Option<String>,
    /// `<TxId>`
    pub transaction_id: Option<String>,
    /// `<IntrBkSttlmAmt>`
    pub settlement_amount: Option<TreezorStringOrNumber>,
    pub settlement_date: Option<String>,
    pub debtor_iban: Option<String>,
    pub debtor_bic: Option<String>,
    pub debitor_name: Option<String>,
    pub debitor_address_line: Option<String>,
    pub debitor_country: Option<String>,
    pub creditor_iban: Option<String>,
    #[serde(rename = "creditorBIC")]
    pub creditor_bic: Option<String>,
    pub creditor_name: Option<String>,
    pub creditor_address_line: Option<String>,
    pub creditor_country: Option<String>,
    pub remittance_information: Option<String>,
    /// Why the transfer was rejected.
    #[serde(rename = "return_reason_code")]
    pub return_reason_code: Option<String>,
    pub virtual_iban_id: Option<TreezorStringOrNumber>,
    pub virtual_iban_reference: Option<String>,
}
