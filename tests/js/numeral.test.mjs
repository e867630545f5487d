// Numeral through the built package (ESM), signed here with node:crypto in the documented shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { NumeralVerifier, HooksealError, verifyNodeRequest } from 'hookseal';

const fixture = (name) => readFileSync(new URL(`../fixtures/numeral/${name}`, import.meta.url), 'utf8');
const PRIVATE = fixture('test-key-rsa-private.pem');
const OTHER_PRIVATE = fixture('other-key-rsa-private.pem');
const PUBLIC = fixture('test-key-rsa-public.pem');
const BODY = fixture('event-payment-order.json');
const URL_ = 'https://webhooks.example.com/numeral/events?source=test';
const CREATED = 1734087053;
const NOW = (CREATED + 30) * 1000;

/** Headers of a delivery signed the way Numeral documents it. */
function signed(body = BODY, { privateKey = PRIVATE, created = CREATED, label = 'sigx' } = {}) {
  const digest = `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
  const params = `("@method" "@authority" "@request-target" "content-digest");alg="rsa-v1_5-sha256";keyid="numeral-test";created=${created}`;
  const base = `"@method": POST\n"@authority": webhooks.example.com\n"@request-target": /numeral/events?source=test\n"content-digest": ${digest}\n"@signature-params": ${params}`;
  const sig = sign('sha256', Buffer.from(base), privateKey).toString('base64');
  return { 'content-type': 'application/json', 'content-digest': digest, 'signature-input': `${label}=${params}`, signature: `${label}=:${sig}:` };
}

function refusal(fn) {
  try { fn(); } catch (e) { return e; }
  assert.fail('expected a HooksealError');
}

const verifier = () => new NumeralVerifier({ publicKeys: [PUBLIC] });
const opts = { method: 'POST', url: URL_, now: NOW };

test('a delivery signed the documented way verifies and returns the typed event', () => {
  const e = verifier().verify(BODY, signed(), opts);
  assert.equal(e.topic, 'payment_order');
  assert.equal(e.type, 'executed');
  assert.equal(e.data.amount, 75000);
  assert.equal(e.data.receiving_account.holder_address.city, 'Lille');
  assert.equal(e.data.direct_debit_mandate, null);
  assert.deepEqual(e.data.metadata, {});
  assert.ok(verifier().isValid(Buffer.from(BODY), new Headers(signed()), opts));
});

test('every body form gives the object JSON.parse gives of the body', () => {
  // The object is parsed from the bytes verified in wasm, never from the caller's buffer
  // again: shared memory, which another thread could change, takes the same path.
  const v = verifier();
  const bytes = Buffer.from(BODY);
  const expected = JSON.parse(BODY);
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  const offset = new Uint8Array(bytes.length + 3);
  offset.set(bytes, 3);
  const forms = {
    string: BODY, Buffer: bytes, ArrayBuffer: Uint8Array.from(bytes).buffer,
    'Uint8Array at an offset': offset.subarray(3), DataView: new DataView(offset.buffer, 3), 'shared memory': shared,
  };
  for (const [form, body] of Object.entries(forms)) assert.deepEqual(v.verify(body, signed(), opts), expected, form);
});

test('changes to body, method, authority, path or query are refused', () => {
  const v = verifier();
  const h = signed();
  const cases = [
    ['body', () => v.verify(BODY.replace('75000', '95000'), h, opts)],
    ['method', () => v.verify(BODY, h, { ...opts, method: 'PUT' })],
    ['authority', () => v.verify(BODY, h, { ...opts, url: 'https://evil.example.com/numeral/events?source=test' })],
    ['path', () => v.verify(BODY, h, { ...opts, url: 'https://webhooks.example.com/numeral/x?source=test' })],
    ['query', () => v.verify(BODY, h, { ...opts, url: 'https://webhooks.example.com/numeral/events?source=prod' })],
    ['digest', () => v.verify(BODY, { ...h, 'content-digest': 'sha-256=:' + createHash('sha256').update('{}').digest('base64') + ':' }, opts)],
    ['untrusted key', () => v.verify(BODY, signed(BODY, { privateKey: OTHER_PRIVATE }), opts)],
    ['published keys by default', () => new NumeralVerifier().verify(BODY, h, opts)],
  ];
  for (const [name, fn] of cases) {
    const e = refusal(fn);
    assert.ok(e instanceof HooksealError, name);
    assert.equal(e.code, 'signature_mismatch', name);
    assert.equal(e.provider, 'numeral', name);
  }
});

test('created outside the window; toleranceSeconds', () => {
  const h = signed();
  assert.equal(refusal(() => verifier().verify(BODY, h, { ...opts, now: (CREATED + 301) * 1000 })).code, 'timestamp_too_old');
  assert.equal(refusal(() => verifier().verify(BODY, h, { ...opts, now: (CREATED - 301) * 1000 })).code, 'timestamp_in_future');
  assert.ok(new NumeralVerifier({ publicKeys: [PUBLIC], toleranceSeconds: 3600 }).isValid(BODY, h, { ...opts, now: (CREATED + 3000) * 1000 }));
});

test('two signatures where only one is trusted', () => {
  const a = signed(BODY, { privateKey: OTHER_PRIVATE, label: 'proxy' });
  const b = signed(BODY, { label: 'sigx' });
  const h = { ...b, 'signature-input': `${a['signature-input']}, ${b['signature-input']}`, signature: `${a.signature}, ${b.signature}` };
  assert.equal(verifier().verify(BODY, h, opts).id, '35bb6411-290d-478e-a478-2f84146c2ddf');
});

test('missing method or url: invalid_input saying they are signed and how to pass them', () => {
  const e = refusal(() => verifier().verify(BODY, signed(), { now: NOW }));
  assert.equal(e.code, 'invalid_input');
  assert.match(e.message, /signs the request method and URL/);
  assert.match(e.hint, /method: req\.method/);
  assert.equal(refusal(() => verifier().verify(BODY, signed(), { method: 'POST', url: '/numeral/events', now: NOW })).code, 'invalid_input');
  // No options at all: the same refusal, not a crash.
  assert.equal(refusal(() => verifier().verify(BODY, signed())).code, 'invalid_input');
});

test('malformed structured fields give coded errors; the instance survives', () => {
  const v = verifier();
  const h = signed();
  for (const name of ['signature-input', 'signature', 'content-digest']) {
    for (let end = 0; end < h[name].length; end += 7) {
      const e = refusal(() => v.verify(BODY, { ...h, [name]: h[name].slice(0, end) }, opts));
      assert.ok(e instanceof HooksealError, `${name} cut at ${end}`);
    }
  }
  for (const bad of ['sigx=(', 'sigx=:!!:', 'a=1, a=2', '\u00e9', 'sigx=();created=?1']) {
    assert.ok(refusal(() => v.verify(BODY, { ...h, 'signature-input': bad, signature: bad }, opts)) instanceof HooksealError);
  }
  assert.ok(v.isValid(BODY, h, opts));
});

test('bad options: invalid_key for an unreadable PEM, invalid_input otherwise', () => {
  const e = refusal(() => new NumeralVerifier({ publicKeys: [PUBLIC, 'not a pem'] }));
  assert.equal(e.code, 'invalid_key');
  assert.match(e.message, /publicKeys\[1\]/);
  assert.equal(refusal(() => new NumeralVerifier({ publicKeys: [] })).code, 'invalid_input');
  assert.equal(refusal(() => new NumeralVerifier({ legacy: 'both' })).code, 'invalid_input');
  assert.ok(new NumeralVerifier() instanceof NumeralVerifier);
});

test('legacy TX-Numeral-Signature: default timestamp.body, explain() finds the variant', () => {
  const ts = String(CREATED);
  const v = verifier();
  const dotted = sign('sha256', Buffer.from(`${ts}.${BODY}`), PRIVATE).toString('base64');
  assert.equal(v.verify(BODY, { 'TX-Numeral-Signature-1': dotted, 'TX-Numeral-Request-Timestamp': ts }, { now: NOW }).topic, 'payment_order');
  const bodyOnly = sign('sha256', Buffer.from(BODY), PRIVATE).toString('base64');
  const h = { 'tx-numeral-signature-2': bodyOnly, 'tx-numeral-request-timestamp': ts };
  assert.equal(refusal(() => v.verify(BODY, h, { now: NOW })).code, 'signature_mismatch');
  const d = v.explain(BODY, h, { now: NOW });
  assert.equal(d.scheme, 'legacy');
  assert.equal(d.legacy.matched, 'body');
  assert.equal(d.legacy.suggested_options, "{ legacy: 'body' }");
  assert.ok(new NumeralVerifier({ publicKeys: [PUBLIC], legacy: 'body' }).isValid(BODY, h, { now: NOW }));
});

test('explain() shows the base, the key, the digest and what is missing', () => {
  const d = verifier().explain(BODY, signed(), opts);
  assert.equal(d.valid, true);
  assert.equal(d.signatures[0].matched_key, 'publicKeys[0]');
  assert.match(d.signatures[0].signature_base, /^"@method": POST\n"@authority": webhooks\.example\.com\n/);
  assert.equal(d.content_digest_matches, true);
  assert.equal(d.signatures[0].age_seconds, 30);
  const missing = verifier().explain(BODY, signed(), { now: NOW });
  assert.deepEqual(missing.missing, ['method', 'url']);
  assert.equal(missing.code, 'invalid_input');
});

test('verifyRequest passes request.method and request.url', async () => {
  const req = new Request(URL_, { method: 'POST', body: BODY, headers: signed() });
  const e = await verifier().verifyRequest(req, { now: NOW });
  assert.equal(e.data.currency, 'EUR');
  // A proxy rewrote the URL: the caller passes the public one.
  const internal = new Request('http://localhost:3000/numeral/events?source=test', { method: 'POST', body: BODY, headers: signed() });
  await assert.rejects(verifier().verifyRequest(internal.clone(), { now: NOW }), (err) => err.code === 'signature_mismatch');
  assert.equal((await verifier().verifyRequest(internal, { now: NOW, url: URL_ })).topic, 'payment_order');
});

test('verifyNodeRequest rebuilds the URL from Host and originalUrl (express.raw body)', async () => {
  const headers = { ...signed(), host: 'webhooks.example.com' };
  const req = {
    headers, method: 'POST', originalUrl: '/numeral/events?source=test', url: '/events?source=test',
    body: Buffer.from(BODY), socket: { encrypted: true },
    on() {}, removeListener() {}, pause() {},
  };
  assert.equal((await verifyNodeRequest(verifier(), req, { now: NOW })).type, 'executed');
  // Behind a proxy that changed the Host: the public URL is passed explicitly.
  const proxied = { ...req, headers: { ...headers, host: 'app.internal:8080' }, socket: {} };
  await assert.rejects(verifyNodeRequest(verifier(), proxied, { now: NOW }), (e) => e.code === 'signature_mismatch');
  assert.equal((await verifyNodeRequest(verifier(), proxied, { now: NOW, url: URL_ })).topic, 'payment_order');
});
