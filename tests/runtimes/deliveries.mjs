// Deliveries for the runtime suites, signed here with node:crypto (independently of the
// package's own test signers), for every provider: a valid one (200 + the event id), a
// tampered one (401) and garbage that is correctly signed but not a webhook (400).
//
// `config` is the verifier options per provider, handed to consumer/handler.js in each runtime.
import { createHmac } from 'node:crypto';

const hmac = (key, data) => createHmac('sha256', key).update(data).digest();

export const config = {
  seqino: { secret: '7f3c9a1be2d44f0a8c6b5e1d2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c' },
  treezor: { secret: 'test_secret' },
  sepay: { mode: 'hmac', secret: 'whsec_runtime_tests' },
};

/** Class name of each provider's verifier in the package. */
export const verifierClass = {
  seqino: 'SeqinoVerifier',
  treezor: 'TreezorVerifier',
  sepay: 'SepayVerifier',
};

const makers = {
  seqino() {
    const { secret } = config.seqino;
    const body = JSON.stringify({
      event_id: 'evt_rt_1', event_type: 'invoice.status_updated', timestamp: '2026-03-01T10:00:00Z',
      sponsor_id: 'sandbox-1234/5678', data: { invoice_id: 'inv_42', status: 'APPROVED' },
    });
    const sign = (b) => ({ 'content-type': 'application/json', 'x-seqino-signature': hmac(secret, b).toString('hex') });
    const garbage = 'not json at all {';
    return [
      { kind: 'valid', body, headers: sign(body), expect: { status: 200, id: 'evt_rt_1' } },
      { kind: 'tampered', body: body.replace('APPROVED', 'REFUSED'), headers: sign(body), expect: { status: 401, code: 'signature_mismatch' } },
      { kind: 'garbage', body: garbage, headers: sign(garbage), expect: { status: 400, code: 'invalid_json' } },
    ];
  },
  treezor() {
    // The PROVIDERS.md vector, checked with PHP 8.2: json_encode escapes `/`, `É` and the emoji
    // (as a surrogate pair), so this signature only matches a verifier that re-encodes as PHP.
    const payload = '{"payins":[{"payinId":"8513424","userFirstname":"Élodie","DbtrIBAN":"FR76/1","emoji":"😀","amount":"17.01"}]}';
    const signature = '6JjZD/GchUarjsTEPh4v0feKYs5NFxZM4AVsItDkq2g=';
    const envelope = (p) => `{"webhook":"payin.create","webhook_id":"777","object":"payin","object_id":"8513424","object_payload":${p},"object_payload_signature":"${signature}","webhook_created_at":17114708930494}`;
    // Treezor may send text/plain; the signature is in the body, no header matters.
    const headers = { 'content-type': 'text/plain' };
    return [
      { kind: 'valid', body: envelope(payload), headers, expect: { status: 200, id: '777' } },
      { kind: 'tampered', body: envelope(payload.replace('17.01', '17.02')), headers, expect: { status: 401, code: 'signature_mismatch' } },
      { kind: 'garbage', body: 'webhook=payin.create', headers, expect: { status: 400, code: 'invalid_json' } },
    ];
  },
  sepay() {
    // HMAC mode: X-SePay-Signature: sha256=hex(HMAC(secret, timestamp + "." + body)).
    const { secret } = config.sepay;
    const ts = String(Math.floor(Date.now() / 1000));
    const sign = (b, type = 'application/json') => ({
      'content-type': type, 'x-sepay-timestamp': ts,
      'x-sepay-signature': 'sha256=' + hmac(secret, `${ts}.${b}`).toString('hex'),
    });
    const tx = {
      id: 92704, gateway: 'Vietcombank', transactionDate: '2023-03-25 14:02:37', accountNumber: '0123499999',
      code: null, content: 'payment content', transferType: 'in', transferAmount: 2277000, accumulated: 19077000,
      subAccount: null, referenceCode: 'MBVCB.3278907687', description: '',
    };
    const body = JSON.stringify(tx);
    const form = new URLSearchParams(Object.entries({ ...tx, id: 92705, code: '', subAccount: '' }).map(([k, v]) => [k, String(v ?? '')])).toString();
    const garbage = '{"id":';
    return [
      { kind: 'valid', body, headers: sign(body), expect: { status: 200, id: '92704' } },
      { kind: 'valid form-urlencoded', body: form, headers: sign(form, 'application/x-www-form-urlencoded'), expect: { status: 200, id: '92705' } },
      { kind: 'tampered', body: body.replace('2277000', '9277000'), headers: sign(body), expect: { status: 401, code: 'signature_mismatch' } },
      { kind: 'garbage', body: garbage, headers: sign(garbage), expect: { status: 400, code: 'invalid_json' } },
    ];
  },
};

/** Providers whose verifier the package exports (`XyzVerifier` -> `xyz`). */
export function providersOf(api) {
  return Object.keys(api).filter((k) => /^[A-Z]\w*Verifier$/.test(k)).map((k) => k.replace(/Verifier$/, '').toLowerCase()).sort();
}

/** Every delivery for the given providers. `baseUrl` is where they will be sent (signatures
 *  that cover the authority and target, as Numeral's do, are made for it). */
export function deliveriesFor(providers, baseUrl) {
  return providers.flatMap((provider) => {
    const make = makers[provider];
    if (!make) throw new Error(`the package exports a ${provider} verifier but tests/runtimes/deliveries.mjs has no deliveries for it`);
    return make(baseUrl).map((d) => ({ provider, method: 'POST', path: `/${provider}`, ...d }));
  });
}
