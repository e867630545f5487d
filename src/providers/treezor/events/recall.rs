//! Recalls: a payer's bank asking for a received transfer back. `separecallsctrinst` for SCTR
//! Inst (camelCase, the payload is the recall itself), `recallR` for SCTR (snake_case, a list).

use serde::{Deserialize, Serialize};

use super::wire::TreezorStringOrNumber;
use crate::closed_string_enum;
use crate::core::wire_shape::WireShape;

closed_string_enum!(
    /// A recall of a received SCTR Inst.
    pub TreezorSepaRecallSctrInstEventName { Reception = "separecallsctrinst.reception" }
);

closed_string_enum!(
    /// A recall of a received SCTR that needs an answer.
    pub TreezorRecallREventName { NeedResponse = "recallR.need_response" }
);

/// `object_payload` of `separecallsctrinst.reception`: the recall object itself.
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[serde(default, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct TreezorSepaRecallSctrInst {
    pub recall_id: Option<String>,
    /// When the originator asked for the recall (RFC 3339).
    pub creation_date_time: Option<String>,
    pub status_label: Option<String>,
    pub cxl_id: Option<String>,
    /// `FRAD`, `TECH`, `DUPL`, `AM09`, `CUST`, `AC03`.
    pub reason_code: Option<String>,
    pub additional_information: Option<String>,
    #[serde(rename = "sctrDbtrIBAN")]
    pub sctr_dbtr_iban: Option<String>,
    #[serde(rename = "sctrDbtrBIC")]
    pub sctr_dbtr_bic: Option<String>,
    pub sctr_dbtr_name: Option<String>,
    pub sctr_dbtr_address: Option<String>,
    pub sctr_dbtr_country: Option<String>,
    #[serde(rename = "sctrCdtrIBAN")]
    pub sctr_cdtr_iban: Option<String>,
    #[serde(rename = "sctrCdtrBIC")]
    pub sctr_cdtr_bic: Option<String>,
    pub sctr_cdtr_name: Option<String>,
    pub sctr_cdtr_address: Option<String>,
    pub sctr_cdtr_country: Option<String>,
    pub sctr_msg_id: Option<String>,
    pub sctr_instr_id: Option<String>,
    pub sctr_tx_id: Option<String>,
    #[serde(rename = "sctrE2EID")]
    pub sctr_e2e_id: Option<String>,
    /// Amount of the recalled transfer, a decimal string.
    pub sctr_amount: Option<String>,
    pub sctr_settlement_date: Option<String>,
    pub sctr_remittance_information: Option<String>,
    pub sctr_trz_id: Option<String>,
    pub sctr_external_id: Option<String>,
    pub client_id: Option<TreezorStringOrNumber>,
    pub user_id: Option<TreezorStringOrNumber>,
    pub wallet_id: Option<TreezorStringOrNumber>,
    pub received_date: Option<String>,
    pub payin_refund_id: Option<TreezorStringOrNumber>,
    /// `1` positive, `0` negative, `-1` not answered yet.
    pub response_type: Option<TreezorStringOrNumber>,
    pub negative_response_reason_code: Option<String>,
    pub negative_response_additional_information: Option<String>,
    pub response_comment: Option<String>,
    pub automatic_response: Option<String>,
    pub created_date: Option<String>,
    pub updated_date: Option<String>,
}

/// `object_payload` of `recallR.need_response`.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorRecallRPayload {
    pub recallrs: Vec<TreezorRecallR>,
}

/// One SCTR recall. Field names as sent, typos included (`sctr_settelment_date`,
/// `wallet_desactivation_date`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct TreezorRecallR {
    pub id: Option<TreezorStringOrNumber>,
    pub cxl_id: Option<TreezorStringOrNumber>,
    pub status_id: Option<TreezorStringOrNumber>,
    pub status_label: Option<String>,
    pub reason_code: Option<String>,
    pub additional_information: Option<String>,
    pub user_id: Option<TreezorStringOrNumber>,
    pub user_name: Option<String>,
    pub user_status_id: Option<TreezorStringOrNumber>,
    pub wallet_id: Option<TreezorStringOrNumber>,
    pub wallet_status_id: Option<TreezorStringOrNumber>,
    pub wallet_activation_date: Option<String>,
    pub wallet_desactivation_date: Option<String>,
    pub sctr_id: Option<TreezorStringOrNumber>,
    pub sctr_tx_id: Option<String>,
    pub sctr_amount: Option<String>,
    pub sctr_currency: Option<String>,
    pub sctr_settelment_date: Option<String>,
    pub sctr_dbtr_name: Option<String>,
    pub received_date: Option<String>,
    /// The payin refund created to block the amount while the recall is pending.
    pub payinrefund_id: Option<TreezorStringOrNumber>,
}
