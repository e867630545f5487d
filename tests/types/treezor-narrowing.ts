// Compiled (never run) by tests/js/treezor.types.test.mjs: the published declarations must
// let `webhook` narrow `object_payload`, and `payload_typed` tell typed from untyped.
import { TreezorVerifier, signTreezor } from 'hookseal';
import type { TreezorWebhook, TreezorDiagnosis } from 'hookseal';

const v = new TreezorVerifier({ secret: 's', maxBodyBytes: 1 << 16 });
const e: TreezorWebhook = v.verify(signTreezor('{}', 's'));

if (e.webhook === 'payin.create') {
  const amount: string | null | undefined = e.object_payload.payins[0].amount;
  const id: string | number | null | undefined = e.object_payload.payins[0].payinId;
  void amount, id;
  // @ts-expect-error amounts are decimal strings, never numbers
  const n: number = e.object_payload.payins[0].amount;
  void n;
}
if (e.webhook === 'sepa_sddr.reception') {
  const d = e.object_payload.sepaSddr.requested_collection_date;
  if (d && typeof d !== 'string') {
    const date: string = d.date;
    void date;
  }
}
if (e.webhook === 'separecallsctrinst.reception') {
  const amount: string | null | undefined = e.object_payload.sctrAmount;
  void amount;
}
if (e.payload_typed === false) {
  const name: string = e.webhook;
  const raw = e.object_payload as unknown;
  void name, raw;
}
if (e.payload_typed && e.webhook === 'payout.update') {
  const status = e.object_payload.payouts[0].payoutStatus;
  void status;
}
const ms: number | null = e.created_at_ms;
const iso: string | null = e.created_at_iso;
const shape: 'flat' | 'wrapped' = e.envelope;
const verified: ['object_payload'] = e.verified;
const unverified: string[] = e.unverified;
const notes: string[] = e.notes;
const client: string | number | undefined = e.clientId;
const d: TreezorDiagnosis = v.explain('{}');
const offset: number | null = d.naive_first_difference;
const valid: boolean = v.isValid(new Uint8Array(0));
const request: Promise<TreezorWebhook> = v.verifyRequest(new Request('https://example.test'));
void ms, iso, shape, verified, unverified, notes, client, offset, valid, request;
// @ts-expect-error the secret is required
new TreezorVerifier({});
