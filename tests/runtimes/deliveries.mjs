// Deliveries for the runtime suites, signed here with node:crypto (independently of the
// package's own test signers), for every provider: a valid one (200 + the event id), a
// tampered one (401) and garbage that is correctly signed but not a webhook (400).
//
// `config` is the verifier options per provider, handed to consumer/handler.js in each runtime.
import { createHash, createHmac, createSign, generateKeyPairSync } from 'node:crypto';

const hmac = (key, data) => createHmac('sha256', key).update(data).digest();

// Numeral signs with RSA; its published keys have no private half, so the tests make a key
// pair (once per process) and configure the verifier with its public key.
const numeralKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });

export const config = {
  seqino: { secret: '7f3c9a1be2d44f0a8c6b5e1d2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c' },
  treezor: { secret: 'test_secret' },
  sepay: { mode: 'hmac', secret: 'whsec_runtime_tests' },
  numeral: { publicKeys: [numeralKeys.publicKey.export({ type: 'spki', format: 'pem' })] },
};

/** Class name of each provider's verifier in the package. */
export const verifierClass = {
  seqino: 'SeqinoVerifier',
  treezor: 'TreezorVerifier',
  sepay: 'SepayVerifier',
  numeral: 'NumeralVerifier',
};

const makers = {
  seqino() {
    const { secret } = config.seqino;
    // The id carries non-ASCII text (Latin-1, beyond it, astral), so each runtime's answer
    // shows the body's text reached the object intact: in Node as Latin-1 bytes
    // (core::json::latin1), elsewhere through TextDecoder.
    const id = 'evt_rt_1 été — 😀';
    const body = JSON.stringify({
      event_id: id, event_type: 'invoice.status_updated', timestamp: '2026-03-01T10:00:00Z',
      sponsor_id: 'sandbox-1234/5678', data: { invoice_id: 'inv_42', status: 'APPROVED', buyer: 'Café des Arts' },
    });
    const sign = (b) => ({ 'content-type': 'application/json', 'x-seqino-signature': hmac(secret, b).toString('hex') });
    const garbage = 'not json at all {';
    return [
      { kind: 'valid', body, headers: sign(body), expect: { status: 200, id } },
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
  numeral(baseUrl) {
    const url = `${baseUrl}/numeral`;
    const event = {
      id: '35bb6411-290d-478e-a478-2f84146c2ddf', object: 'event', topic: 'payment_order', type: 'executed',
      related_object_id: '25102c0f-fc25-44e7-9402-cae6d61ad47f', related_object_type: 'payment_order',
      status: 'delivered', status_details: '', created_at: '2023-02-01T17:13:15.087995Z',
      data: {
        id: '25102c0f-fc25-44e7-9402-cae6d61ad47f', object: 'payment_order', type: 'sepa', direction: 'credit',
        amount: 75000, currency: 'EUR', reference: 'Invoice ID 89230927', value_date: '2023-02-01',
        status: 'executed', metadata: {},
      },
    };
    const body = JSON.stringify(event);
    const headers = (b) => ({ 'content-type': 'application/json', ...signNumeral(b, url) });
    const garbage = 'not json {';
    return [
      { kind: 'valid', body, headers: headers(body), expect: { status: 200, id: event.id } },
      { kind: 'tampered', body: body.replace('75000', '95000'), original: body, headers: headers(body), expect: { status: 401 } },
      { kind: 'garbage', body: garbage, headers: headers(garbage), expect: { status: 400, code: 'invalid_json' } },
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

/** RFC 9421 signature (rsa-v1_5-sha256) over method, authority, target and the RFC 9530
 *  Content-Digest, as Numeral sends it, built here from the RFCs with node:crypto. */
export function signNumeral(body, url, { method = 'POST', created = Math.floor(Date.now() / 1000), keyid = 'hookseal-tests' } = {}) {
  const { host, pathname, search } = new URL(url);
  const digest = `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
  const params = `("@method" "@authority" "@request-target" "content-digest");alg="rsa-v1_5-sha256";keyid="${keyid}";created=${created}`;
  const base = [
    `"@method": ${method}`,
    `"@authority": ${host}`,
    `"@request-target": ${pathname}${search}`,
    `"content-digest": ${digest}`,
    `"@signature-params": ${params}`,
  ].join('\n');
  const signature = createSign('sha256').update(base).sign(numeralKeys.privateKey, 'base64');
  return { 'content-digest': digest, 'signature-input': `sig1=${params}`, signature: `sig1=:${signature}:` };
}

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
