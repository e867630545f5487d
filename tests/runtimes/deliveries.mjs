// Deliveries for the runtime suites, signed here with node:crypto (independently of the
// package's own test signers), for every provider: a valid one (200 + the event id), a
// tampered one (401) and garbage that is correctly signed but not a webhook (400).
//
// `config` is the verifier options per provider, handed to consumer/handler.js in each runtime.
import { createHmac } from 'node:crypto';

const hmac = (key, data) => createHmac('sha256', key).update(data).digest();

export const config = {
  seqino: { secret: '7f3c9a1be2d44f0a8c6b5e1d2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c' },
};

/** Class name of each provider's verifier in the package. */
export const verifierClass = {
  seqino: 'SeqinoVerifier',
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
