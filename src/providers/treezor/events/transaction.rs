//! `transaction.create`: a movement of funds between two wallets (every payin, payout and
//! transfer ends in one).

use serde::{Deserialize, Serialize};

use super::wire::TreezorStringOrNumber;
use crate::closed_string_enum;
use crate::core::wire_shape::WireShape;

closed_string_enum!(
    /// Transaction events.
    pub TreezorTransactionEventName { Create = "transaction.create" }
);

/// `object_payload` of transaction events.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorTransactionPayload {
    pub transactions: Vec<TreezorTransaction>,
}

/// One transaction. Amounts and balances are decimal strings (`"17.01"`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[serde(default, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct TreezorTransaction {
    pub transaction_id: Option<TreezorStringOrNumber>,
    pub wallet_debit_id: Option<TreezorStringOrNumber>,
    pub wallet_credit_id: Option<TreezorStringOrNumber>,
    /// `Payin`, `Payout`, `Transfer`, …
    pub transaction_type: Option<String>,
    /// The id of the payin/payout/card transaction behind this transaction.
    pub foreign_id: Option<TreezorStringOrNumber>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub value_date: Option<String>,
    pub execution_date: Option<String>,
    pub amount: Option<String>,
    pub wallet_debit_balance: Option<String>,
    pub wallet_credit_balance: Option<String>,
    pub currency: Option<String>,
    pub created_date: Option<String>,
    pub total_rows: Option<TreezorStringOrNumber>,
}
