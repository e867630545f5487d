// The realistic deliveries every benchmark measures (bench/run.mjs against peers, bench/ab.mjs
// between builds), so both time the same bytes.

/** A Seqino invoice event padded with invoice lines to about `size` bytes (accents, `/`). */
export function seqinoBody(size) {
  const lines = [];
  const envelope = (ls) => JSON.stringify({
    event_id: 'evt_7c1f0a2b9d3e4f5a', event_type: 'invoice.created', timestamp: '2026-11-22T10:00:00Z',
    sponsor_id: 'sandbox-1234/5678',
    data: { invoice_id: 'inv_01HZX3K9QW', status: 'DEPOSITED', number: 'FA-2026/000123', currency: 'EUR',
      seller: { siren: '123456789', name: 'Société Générale de Conseil' }, buyer: { siren: '987654321', name: 'Café des Arts' },
      total_excl_tax: '15060.00', total_tax: '3012.00', total_incl_tax: '18072.00', lines: ls },
  });
  let text = envelope(lines);
  for (let i = 0; text.length < size; i++) {
    lines.push({ line: i + 1, sku: `SKU-${1000 + i}`, label: `Prestation de conseil n°${i} — été`, quantity: (i % 7) + 1,
      unit_price: '125.50', vat_rate: '20.00', id: 1000000000 + i });
    text = envelope(lines);
  }
  return Buffer.from(text);
}

/** A Treezor `transaction.create` payload of about `size` bytes (as JSON.stringify writes it). */
export function treezorPayload(size) {
  const transactions = [];
  const payload = () => ({ transactions });
  for (let i = 0; JSON.stringify(payload()).length < size; i++) {
    transactions.push({
      transactionId: String(2_000_000 + i), walletDebitId: '81234', walletCreditId: '4', transactionType: 'Payin',
      foreignId: String(900000 + i), amount: '17.01', currency: 'EUR', createdDate: '2026-11-22 10:00:00',
      valueDate: '2026-11-22', executionDate: '2026-11-22', description: `Virement SEPA reçu — réf. ${i}/2026 (échéance)`,
      walletDebitBalance: '1234.56', walletCreditBalance: '0.00', name: 'Élodie Müller', bankaccountId: null,
      externalReference: `https://pay.example.fr/r/${i}`, totalRows: 1,
    });
  }
  return payload();
}

/** The flat envelope Treezor sends around that payload (sign it with `signTreezor`). */
export function treezorEnvelope(size) {
  return {
    webhook: 'transaction.create', webhook_id: '6c0f1a2e-8d7b-4c3a-9e5f-1b2c3d4e5f60', object: 'transaction',
    object_id: '2000000', object_payload: treezorPayload(size), webhook_created_at: 17637840000000,
  };
}
