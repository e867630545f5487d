// Compiled by tests/js/numeral.types.test.mjs with tsc --strict against the built package:
// NumeralEvent narrows on `topic`, and the catch-all for unknown topics does not swallow
// the typed ones.
import { NumeralVerifier, type NumeralEvent } from 'hookseal';

declare const e: NumeralEvent;

if (e.topic === 'payment_order') {
  const amount: number = e.data.amount;
  const currency: string = e.data.currency;
  const city: string | null | undefined = e.data.receiving_account?.holder_address?.city;
  const mandate: { [key: string]: unknown } | null | undefined = e.data.direct_debit_mandate;
  // @ts-expect-error: a payment order has no `nope`
  e.data.nope;
}
if (e.topic === 'balance') {
  const data: { [key: string]: unknown } = e.data;
  const kind: string = e.type;
}

const v = new NumeralVerifier();
const w = new NumeralVerifier({ publicKeys: ['-----BEGIN PUBLIC KEY-----'], toleranceSeconds: 60, legacy: 'body' });
// @ts-expect-error: not a legacy variant
new NumeralVerifier({ legacy: 'both' });
export async function handle(request: Request): Promise<string> {
  const event = await v.verifyRequest(request, { url: 'https://example.com/hook' });
  const ok: boolean = w.isValid('{}', { signature: 'x' }, { method: 'POST', url: 'https://example.com/hook', now: 0 });
  const d = w.explain('{}', new Headers());
  const base: string | null = d.signatures[0]?.signature_base ?? null;
  return event.id + String(ok) + String(base);
}
