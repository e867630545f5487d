//! Mandates (authorisations to debit by SDD) and beneficiaries (external accounts).

use serde::{Deserialize, Serialize};

use super::wire::{TreezorStatus, TreezorStringOrNumber};
use crate::closed_string_enum;
use crate::core::wire_shape::WireShape;

closed_string_enum!(
    /// Mandate events.
    pub TreezorMandateEventName { Create = "mandate.create" }
);

closed_string_enum!(
    /// Beneficiary events.
    pub TreezorBeneficiaryEventName {
        Create = "beneficiary.create",
        Update = "beneficiary.update",
    }
);

/// `object_payload` of mandate events.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorMandatePayload {
    pub mandates: Vec<TreezorMandate>,
}

/// One SDD mandate.
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[serde(default, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct TreezorMandate {
    pub mandate_id: Option<TreezorStringOrNumber>,
    pub title: Option<String>,
    pub legal_informations: Option<String>,
    pub unique_mandate_reference: Option<String>,
    pub mandate_status: Option<TreezorStatus>,
    pub user_id: Option<TreezorStringOrNumber>,
    pub debtor_name: Option<String>,
    pub debtor_address: Option<String>,
    pub debtor_city: Option<String>,
    pub debtor_zip_code: Option<TreezorStringOrNumber>,
    pub debtor_country: Option<String>,
    pub debtor_iban: Option<String>,
    pub debtor_bic: Option<String>,
    /// `one-off` or `recurrent`.
    pub sequence_type: Option<String>,
    pub creditor_name: Option<String>,
    pub sepa_creditor_identifier: Option<String>,
    pub creditor_address: Option<String>,
    pub creditor_city: Option<String>,
    pub creditor_zip_code: Option<TreezorStringOrNumber>,
    pub creditor_country: Option<String>,
    pub signature_date: Option<String>,
    pub debtor_signature_ip: Option<String>,
    /// `0`/`1` in the documented example.
    pub signed: Option<TreezorStringOrNumber>,
    pub revocation_signature_date: Option<String>,
    pub debtor_identification_code: Option<String>,
    pub debtor_reference_party_name: Option<String>,
    pub debtor_reference_identification_code: Option<String>,
    pub creditor_reference_party_name: Option<String>,
    pub creditor_reference_identification_code: Option<String>,
    pub contract_identification_number: Option<String>,
    pub contract_description: Option<String>,
    pub created_date: Option<String>,
    pub code_status: Option<TreezorStringOrNumber>,
    pub information_status: Option<String>,
    pub is_paper: Option<bool>,
    pub created_ip: Option<String>,
    pub user_id_ultimate_creditor: Option<TreezorStringOrNumber>,
}

/// `object_payload` of beneficiary events.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorBeneficiaryPayload {
    pub beneficiaries: Vec<TreezorBeneficiary>,
}

/// One beneficiary. Receiving an SDDR creates one for the creditor.
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[serde(default, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct TreezorBeneficiary {
    pub id: Option<TreezorStringOrNumber>,
    pub tag: Option<String>,
    pub user_id: Option<TreezorStringOrNumber>,
    pub nick_name: Option<String>,
    pub name: Option<String>,
    pub address: Option<String>,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub sepa_creditor_identifier: Option<String>,
    /// Creditors allowed to debit by SDD B2B.
    pub sdd_b2b_whitelist: Option<Vec<TreezorSddB2bWhitelistEntry>>,
    /// Mandate references refused for SDD Core; `"*"` refuses all.
    pub sdd_core_blacklist: Option<Vec<String>>,
    pub usable_for_sct: Option<bool>,
    pub sdd_core_known_unique_mandate_reference: Option<Vec<String>>,
    pub is_active: Option<bool>,
    pub created_date: Option<String>,
    pub modified_date: Option<String>,
}

/// One entry of `sddB2bWhitelist`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[serde(default, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct TreezorSddB2bWhitelistEntry {
    pub unique_mandate_reference: Option<String>,
    pub is_recurrent: Option<bool>,
    pub wallet_id: Option<TreezorStringOrNumber>,
}
