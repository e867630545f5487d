// 50,000 hostile deliveries at every verifier of the built package: bit flips, truncations,
// splices, 100,000-deep nesting, huge strings, invalid UTF-8, duplicate members, backslashes
// before non-ASCII characters, wrong JSON types, and wrong JS types for every argument. Every
// call must return, or throw a HooksealError with a documented code; afterwards each verifier
// must still accept a valid delivery (a Rust panic is a wasm trap, which would leave the
// instance unusable).
// Half the mutated bodies are re-signed, so that the parsers behind the signature check see
// them too. Deterministic (seeded); HOOKSEAL_HOSTILE_SEED / HOOKSEAL_HOSTILE_N to explore.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as hs from 'hookseal';

const N = Number(process.env.HOOKSEAL_HOSTILE_N ?? 50_000);
const SEED = Number(process.env.HOOKSEAL_HOSTILE_SEED ?? 0x5eed);
const CODES = new Set(['invalid_input', 'body_too_large', 'invalid_json', 'duplicate_key', 'missing_header',
  'missing_signature', 'malformed_signature', 'signature_mismatch', 'credentials_mismatch', 'timestamp_invalid',
  'timestamp_too_old', 'timestamp_in_future', 'invalid_secret', 'invalid_key', 'schema_mismatch']);
const enc = new TextEncoder();
const dec = new TextDecoder();

// mulberry32: small, seeded, good enough to pick mutations.
let state = SEED >>> 0;
function rand() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const below = (n) => Math.floor(rand() * n);
const pick = (xs) => xs[below(xs.length)];
const concat = (...parts) => { const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0)); let o = 0; for (const p of parts) { out.set(p, o); o += p.length; } return out; };

// ---------------------------------------------------------------------------------------------
// Targets: every verifier (and mode) with one valid delivery and a way to sign any body.

const NOW = 1_700_000_000_000;
const SECRET = '7f3c9a1be2d44f0a8c6b5e1d2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c';
const SEQINO_BODY = JSON.stringify({ event_id: 'evt_1', event_type: 'invoice.created', timestamp: '2023-11-14T22:13:20Z', sponsor_id: 'sandbox-1/2',
  data: { invoice_id: 'inv_1', status: 'DEPOSITED', lines: [{ label: 'Conseil — été', amount: '12.30', id: 12345678901234567890n.toString() }] } });
const SEQINO_PLAIN_BODY = SEQINO_BODY.replace('12345678901234567890', '1234567').replace('été', 'été 😀 \u0085');
const SEPAY_BODY = '{"id":92704,"gateway":"Vietcombank","transactionDate":"2023-03-25 14:02:37","accountNumber":"0123499999","code":null,"content":"payment content","transferType":"in","transferAmount":2277000,"accumulated":19077000,"subAccount":null,"referenceCode":"MBVCB.3278907687","description":""}';

const targets = [];
// The signature for verifySignature, read without running getters; other values as they are.
const signatureOf = (h) => {
  try { return h !== null && typeof h === 'object' ? Object.getOwnPropertyDescriptor(h, 'x-seqino-signature')?.value ?? h : h; } catch { return h; }
};
{
  const v = new hs.SeqinoVerifier({ secret: SECRET, toleranceSeconds: 300 });
  const headers = (body) => ({ 'x-seqino-signature': hs.signSeqino(body, SECRET), 'content-type': 'application/json' });
  targets.push({ name: 'SeqinoVerifier.verify', verifier: v, body: SEQINO_BODY, headers, call: (b, h, o) => v.verify(b, h, o), isValid: (b, h, o) => v.isValid(b, h, o), explain: (b, h, o) => v.explain(b, h, o) });
  targets.push({ name: 'SeqinoVerifier.verifySignature', verifier: v, body: SEQINO_BODY, headers, call: (b, h, o) => v.verifySignature(b, signatureOf(h), o) });
  // Without an integer beyond 2^53, verify leaves the syntax of the lines to JSON.parse of the
  // body or its Latin-1 form (the body above always takes the rewrite, after the full check).
  targets.push({ name: 'SeqinoVerifier.verify (integers within 2^53)', verifier: v, body: SEQINO_PLAIN_BODY, headers, call: (b, h, o) => v.verify(b, h, o), isValid: (b, h, o) => v.isValid(b, h, o) });
}
for (const [mode, opts, headers] of [
  ['hmac', { mode: 'hmac', secret: 'whsec_test' }, (body) => hs.signSepay(body, 'whsec_test', NOW / 1000)],
  ['api_key', { mode: 'api_key', apiKey: ['k1', 'k2'] }, () => ({ authorization: 'Apikey k2', 'content-type': 'application/json' })],
  ['oauth2', { mode: 'oauth2', accessToken: 'tok' }, () => ({ Authorization: 'Bearer tok' })],
  ['none', { mode: 'none' }, () => ({ 'content-type': 'application/x-www-form-urlencoded' })],
]) {
  const v = new hs.SepayVerifier(opts);
  const body = mode === 'none' ? 'id=1&gateway=g&transactionDate=2023-03-25+14%3A02%3A37&accountNumber=1&code=&content=c&transferType=in&transferAmount=1&accumulated=1&subAccount=&referenceCode=r&description=' : SEPAY_BODY;
  targets.push({ name: `SepayVerifier(${mode}).verify`, verifier: v, body, headers, call: (b, h, o) => v.verify(b, h, o), isValid: (b, h, o) => v.isValid(b, h, o), explain: (b, h, o) => v.explain(b, h, o) });
}
if (typeof hs.TreezorVerifier === 'function') {
  const v = new hs.TreezorVerifier({ secret: SECRET });
  const payload = { transactions: [{ transactionId: '2000001', amount: '17.01', name: 'Élodie Müller', url: 'https://x.fr/a', big: 12345678901234567890n.toString(), n: 3 }] };
  const body = hs.signTreezor(payload, SECRET);
  // Re-signing a Treezor body means re-signing its object_payload: done by signTreezor on a
  // parsed copy when the mutated body is still JSON; otherwise the signature is irrelevant.
  targets.push({
    name: 'TreezorVerifier.verify', verifier: v, body: typeof body === 'string' ? body : dec.decode(body), headers: () => undefined,
    resignBody: (bytes) => { try { const o = JSON.parse(dec.decode(bytes)); const p = o.object_payload ?? o.webhook?.object_payload; return p === undefined ? null : hs.signTreezor(p, SECRET); } catch { return null; } },
    call: (b, _h, _o) => v.verify(b), isValid: (b) => v.isValid(b), explain: (b) => v.explain(b),
  });
}
if (typeof hs.NumeralVerifier === 'function') {
  // Signed here with node:crypto in the documented RFC 9421 shape (as tests/js/numeral.test.mjs).
  const fixture = (name) => readFileSync(new URL(`../fixtures/numeral/${name}`, import.meta.url), 'utf8');
  const PRIVATE = fixture('test-key-rsa-private.pem');
  const CREATED = 1734087053;
  const numeralOpts = { method: 'POST', url: 'https://webhooks.example.com/numeral/events?source=test', now: (CREATED + 30) * 1000 };
  const signed = (body) => {
    const digest = `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
    const params = `("@method" "@authority" "@request-target" "content-digest");alg="rsa-v1_5-sha256";keyid="numeral-test";created=${CREATED}`;
    const base = `"@method": POST\n"@authority": webhooks.example.com\n"@request-target": /numeral/events?source=test\n"content-digest": ${digest}\n"@signature-params": ${params}`;
    return { 'content-type': 'application/json', 'content-digest': digest, 'signature-input': `sigx=${params}`,
      signature: `sigx=:${sign('sha256', Buffer.from(base), PRIVATE).toString('base64')}:` };
  };
  // The loop passes { now: NOW }; Numeral also needs the method and URL the request came to.
  const withRequest = (o) => { try { return o && o.now === NOW && Object.keys(o).length === 1 ? numeralOpts : o; } catch { return o; } };
  const v = new hs.NumeralVerifier({ publicKeys: [fixture('test-key-rsa-public.pem')] });
  targets.push({ name: 'NumeralVerifier.verify', verifier: v, body: fixture('event-payment-order.json'), headers: signed,
    call: (b, h, o) => v.verify(b, h, withRequest(o)), isValid: (b, h, o) => v.isValid(b, h, withRequest(o)), explain: (b, h, o) => v.explain(b, h, withRequest(o)) });
}

// The headers of each target's valid delivery, computed once (Numeral's are an RSA signature).
const validHeadersCache = new Map();
const validHeaders = (t) => {
  if (!validHeadersCache.has(t)) validHeadersCache.set(t, t.headers(t.body));
  const h = validHeadersCache.get(t);
  return h === undefined ? h : { ...h };
};

// ---------------------------------------------------------------------------------------------
// Mutations

const INVALID_UTF8 = [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80]];
const NASTY = ['"', '\\', '{', '[', ']', '}', ',', ':', '\\u', '\\ud800', '\u0000', '1e999999', '-', '9'.repeat(400), 'null', '"__proto__":{"x":1},', '\u2028'];
const deep = (n) => '['.repeat(n) + (rand() < 0.5 ? ']'.repeat(n) : '');
const deepObject = (n) => '{"a":'.repeat(n) + '1' + (rand() < 0.5 ? '}'.repeat(n) : '');

function mutateBody(bytes, all) {
  const pos = () => below(bytes.length + 1);
  // Bodies of hundreds of KB (deep nesting, huge strings) are kept rare: a few hundred of
  // them cover the paths, and thousands would only cost time.
  const kind = rand() < 0.01 ? 8 + below(2) : pick([0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12]);
  switch (kind) {
    case 0: { const out = bytes.slice(); for (let k = 1 + below(4); k > 0; k--) { const i = below(out.length); out[i] ^= 1 << below(8); } return out; }
    case 1: return bytes.slice(0, pos());
    case 2: { const other = enc.encode(pick(all).body); return concat(bytes.slice(0, pos()), other.slice(below(other.length + 1))); }
    case 3: { const i = pos(); return concat(bytes.slice(0, i), enc.encode(pick(NASTY)), bytes.slice(i)); }
    case 4: { const i = pos(); return concat(bytes.slice(0, i), Uint8Array.from(pick(INVALID_UTF8)), bytes.slice(i)); }
    case 5: { const i = pos(); return concat(bytes.slice(0, i), bytes.slice(i + 1 + below(8))); }
    case 6: { // duplicate a member
      const text = dec.decode(bytes); const m = text.match(/"[A-Za-z_]+":("[^"]*"|[0-9]+|null)/g);
      return m ? enc.encode(text.replace('{', `{${pick(m)},`)) : bytes;
    }
    case 7: { // wrong JSON types
      try {
        const o = JSON.parse(dec.decode(bytes));
        const keys = Object.keys(o); if (!keys.length) return bytes;
        const target = rand() < 0.5 && o.data && typeof o.data === 'object' ? o.data : o;
        const k = pick(Object.keys(target).length ? Object.keys(target) : keys);
        target[k] = pick([null, true, 0, -1, 1.5, 1e308, '', 'x', [], {}, [1, 'a'], { a: [] }, '2023-13-45', 'in ', 'OUT']);
        return enc.encode(JSON.stringify(o));
      } catch { return bytes; }
    }
    case 8: { // 100,000-deep nesting in place of a value, or as the whole body
      const n = 100_000;
      if (rand() < 0.3) return enc.encode(rand() < 0.5 ? deep(n) : deepObject(n));
      const text = dec.decode(bytes); const i = text.indexOf(':');
      return enc.encode(i < 0 ? deep(n) : text.slice(0, i + 1) + (rand() < 0.5 ? deep(n) : deepObject(n)) + text.slice(i + 1));
    }
    case 9: { // a huge string value (under the 1 MiB limit) or a body over it
      const size = rand() < 0.8 ? 200_000 + below(600_000) : (1 << 20) + 1 + below(1000);
      const text = dec.decode(bytes); const i = text.indexOf(':');
      const huge = `"${pick(['a', 'é', '😀', '\\u00e9', '\\/'] ).repeat(Math.ceil(size / 6))}"`;
      return enc.encode(i < 0 ? huge : text.slice(0, i + 1) + huge + ',"_":' + text.slice(i + 1));
    }
    case 12: { // backslashes before a non-ASCII character (the Latin-1 hand-over escapes some)
      const text = dec.decode(bytes); const spots = [...text.matchAll(/[^\x00-\x7f]/gu)].map((m) => m.index);
      if (!spots.length) return bytes;
      const i = pick(spots); return enc.encode(text.slice(0, i) + '\\'.repeat(1 + below(3)) + text.slice(i));
    }
    case 10: return enc.encode(pick(['', ' ', 'null', '[]', '{}', '"x"', '0', '\ufeff{}', '{"a":1}garbage', '{"a":1}{"a":1}']));
    default: { const out = new Uint8Array(1 + below(64)); for (let i = 0; i < out.length; i++) out[i] = below(256); return out; }
  }
}

/** The body in one of the forms a caller may pass. */
function asBodyArg(bytes) {
  switch (below(5)) {
    case 0: return dec.decode(bytes); // lossy for invalid UTF-8, like a server's text body
    case 1: return bytes;
    case 2: return Buffer.from(bytes);
    case 3: return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    default: { const padded = new Uint8Array(bytes.length + 8); padded.set(bytes, 3); return new DataView(padded.buffer, 3, bytes.length); }
  }
}

const throwingGetter = () => Object.defineProperty({}, 'x-seqino-signature', { enumerable: true, get() { throw new Error('getter'); } });
const throwingProxy = () => new Proxy({}, { ownKeys() { throw new Error('proxy'); }, getPrototypeOf() { throw new Error('proxy'); } });
const WRONG_BODIES = [undefined, null, 0, 42, NaN, true, Symbol('b'), 10n, () => 1, {}, [], { a: 1 }, [1, 2], new Map(), new Set([1]),
  new Uint16Array([0x7b7d]), new Float64Array(2), new Date(), /x/, Promise.resolve(), new Error('x'), Object.create(null)];
const WRONG_HEADERS = [undefined, null, 0, 'x-seqino-signature: abc', true, Symbol('h'), 10n, () => 1, [], [[1, 2]], [['x']], [[]], [null],
  new Map([[1, 2]]), new Map([['authorization', 1]]), { a: 1 }, { a: {} }, { a: [1] }, { a: [null] }, { a: Symbol('v') }, { a: 10n },
  { authorization: ['Bearer tok', 'Bearer x'] }, { 'x-sepay-timestamp': 1.5e300 }, { 'x-sepay-timestamp': -0 }, Object.create(null),
  new Headers({ 'x-other': 'y' }), throwingGetter(), throwingProxy(), { [Symbol('s')]: 'x' }, new Set(['a'])];
const WRONG_OPTS = [null, 0, 'now', true, Symbol('o'), 10n, [], { now: 'x' }, { now: NaN }, { now: Infinity }, { now: -1e300 }, { now: 1e300 },
  { now: {} }, { now: 10n }, { now: -1 }, { now: 2 ** 53 }, { now: new Date(0) }, { signature: 5 }, Object.defineProperty({}, 'now', { get() { throw new Error('now'); } })];
const HOSTILE_HEADER_VALUES = ['', ' ', 'sigx=("@method");created=1', 'sigx=:' + 'A'.repeat(344) + ':', 'sha-256=:AA==:, sha-256=:AA==:',
  'a=(' + '"x" '.repeat(5000) + ')', 'sigx=("@query-param";name="' + '%'.repeat(100) + '")', 'x=?2', 'x=:not base64:', 'x="\\u"', 'sha256=', 'sha256=' + 'zz'.repeat(32), 'v1,' + 'A'.repeat(44), 'é'.repeat(64), '\u0000', 'a'.repeat(1 << 20),
  'Apikey ', 'Apikey k2,k1', 'Bearer', 'Bearer  tok ', '9'.repeat(400), '-1', '1e3', '0x10', '１７００００００００'];

// ---------------------------------------------------------------------------------------------

function checked(what, fn, stats) {
  let result;
  try {
    result = fn();
  } catch (e) {
    if (!(e instanceof hs.HooksealError) || !CODES.has(e.code)) {
      throw new Error(`${what}: threw ${e?.constructor?.name} ${e?.code ?? ''}: ${String(e?.message ?? e).slice(0, 300)}`);
    }
    stats[e.code] = (stats[e.code] ?? 0) + 1;
    return undefined;
  }
  stats.ok = (stats.ok ?? 0) + 1;
  return result;
}

function stillVerifies(t) {
  const headers = validHeaders(t);
  const out = t.call(t.body, headers, { now: NOW });
  assert.ok(out && typeof out === 'object', `${t.name} still verifies a valid delivery`);
}

test(`${N} hostile deliveries: only documented HooksealError codes, and every verifier still works`, () => {
  const started = performance.now();
  for (const t of targets) stillVerifies(t);
  const stats = {};
  const memoryBefore = hs.__wasmMemoryBytes();
  for (let i = 0; i < N; i++) {
    const t = targets[i % targets.length];
    const what = `#${i} ${t.name}`;
    const r = rand();
    if (r < 0.86) {
      // A mutated body; half of them signed again so the parser behind the check sees them.
      const bytes = mutateBody(enc.encode(t.body), targets);
      let body = asBodyArg(bytes);
      let headers = validHeaders(t);
      if (rand() < 0.5) {
        if (t.resignBody) { const signed = t.resignBody(bytes); if (signed !== null) body = signed; }
        else headers = t.headers(typeof body === 'string' ? body : bytes);
      }
      const result = checked(what, () => t.call(body, headers, { now: NOW }), stats);
      if (result !== undefined) assert.equal(typeof result, 'object', `${what}: returned ${typeof result}`);
      // isValid is verify as a boolean: the same verdict on every delivery (Seqino's verify
      // leaves the syntax of skipped values to JSON.parse; isValid checks it in the walk).
      if (t.isValid && i % 7 === 0) assert.equal(t.isValid(body, headers, { now: NOW }), result !== undefined, what);
      if (t.explain && i % 29 === 0) checked(`${what} explain`, () => t.explain(body, headers, { now: NOW }), stats);
    } else if (r < 0.93) {
      // Hostile header values where the real ones go.
      const headers = { ...(validHeaders(t) ?? {}) };
      const names = Object.keys(headers).concat(['x-seqino-signature', 'authorization', 'x-sepay-signature', 'x-sepay-timestamp', 'content-type',
        'signature', 'signature-input', 'content-digest', 'tx-numeral-signature-1', 'tx-numeral-timestamp']);
      headers[pick(names)] = pick(HOSTILE_HEADER_VALUES);
      checked(what, () => t.call(t.body, headers, { now: NOW }), stats);
    } else {
      // Wrong JS types for each argument in turn.
      const which = below(3);
      const body = which === 0 ? pick(WRONG_BODIES) : t.body;
      const headers = which === 1 ? pick(WRONG_HEADERS) : validHeaders(t);
      const opts = which === 2 ? pick(WRONG_OPTS) : { now: NOW };
      checked(what, () => t.call(body, headers, opts), stats);
      if (t.isValid) assert.equal(typeof t.isValid(body, headers, opts), 'boolean', what);
    }
    if (i % 5000 === 4999) for (const t2 of targets) stillVerifies(t2);
  }
  for (const t of targets) stillVerifies(t);
  // Wrong types for the signing helpers and constructors too.
  for (const bad of [...WRONG_BODIES, ...WRONG_HEADERS.slice(0, 12), ...WRONG_OPTS.slice(0, 10)]) {
    checked('signSeqino', () => hs.signSeqino(bad, SECRET), stats);
    checked('signSeqino secret', () => hs.signSeqino('{}', bad), stats);
    checked('signSepay', () => hs.signSepay('{}', 'whsec_x', bad), stats);
    checked('new SeqinoVerifier', () => new hs.SeqinoVerifier(bad), stats);
    checked('new SeqinoVerifier secret', () => new hs.SeqinoVerifier({ secret: bad }), stats);
    checked('new SepayVerifier', () => new hs.SepayVerifier(bad), stats);
    checked('new SepayVerifier mode', () => new hs.SepayVerifier({ mode: bad, secret: 's' }), stats);
    checked('validateSepayWebhookConfig', () => hs.validateSepayWebhookConfig(bad, bad), stats);
    if (hs.TreezorVerifier) {
      checked('new TreezorVerifier', () => new hs.TreezorVerifier({ secret: bad }), stats);
      checked('signTreezor', () => hs.signTreezor(bad, SECRET), stats);
    }
    if (hs.NumeralVerifier) checked('new NumeralVerifier', () => new hs.NumeralVerifier(bad), stats);
  }
  for (const t of targets) stillVerifies(t);
  const seconds = (performance.now() - started) / 1000;
  const memoryAfter = hs.__wasmMemoryBytes();
  console.log(`hostile: ${N} deliveries at ${targets.length} verifiers in ${seconds.toFixed(1)} s; wasm memory ${memoryBefore >> 20} -> ${memoryAfter >> 20} MiB; outcomes ${JSON.stringify(stats)}`);
  assert.ok(memoryAfter <= 64 << 20, `wasm memory stays bounded (${memoryAfter} B)`);
});

test('5,000 byte bodies that misreport their length leave every verifier working, and their own bytes are what is read', () => {
  // Regression: a Uint8Array's own `length` (or an ArrayBuffer's own `byteLength`) was
  // believed: js-sys read it three times, allocated by the first and copied by the true length;
  // 5,000 bodies whose own `length` said 5 threw RangeErrors, then trapped ("memory access out
  // of bounds", "unreachable"), and the instance refused every later delivery.
  const misreported = (bytes, k) => {
    const own = (target, name, descriptor) => Object.defineProperty(target, name, { configurable: true, ...descriptor });
    switch (k % 9) {
      case 0: return own(new Uint8Array(bytes), 'length', { value: 5 });
      case 1: return own(Buffer.from(bytes), 'length', { value: bytes.length + 100 });
      case 2: { let n = 0; return own(new Uint8Array(bytes), 'length', { get: () => (n++ === 0 ? 1 : bytes.length) }); }
      case 3: { let n = 0; return own(new Uint8Array(bytes), 'length', { get: () => (n++ === 0 ? bytes.length : 3) }); }
      case 4: return own(new Uint8Array(bytes), 'length', { get() { throw new Error('length'); } });
      case 5: return own(new Uint8Array(bytes).buffer, 'byteLength', { value: 2 });
      case 6: return own(new Uint8Array(bytes).buffer, 'byteLength', { value: bytes.length * 2 });
      case 7: return own(new Uint8Array(bytes).buffer, 'byteLength', { get() { throw new Error('byteLength'); } });
      default: return new Proxy(new Uint8Array(bytes), {});
    }
  };
  const stats = {};
  for (let i = 0; i < 5000; i++) {
    const t = targets[i % targets.length];
    const k = Math.floor(i / targets.length);
    const headers = validHeaders(t);
    const call = () => t.call(misreported(enc.encode(t.body), k), headers, { now: NOW });
    // Whatever its own members say, a Uint8Array or ArrayBuffer holds the valid delivery, and
    // that is what verifies (a Proxy of one is refused: it has no bytes of its own).
    if (k % 9 !== 8) {
      const out = checked(`#${i} ${t.name} (case ${k % 9})`, call, stats);
      assert.ok(out && typeof out === 'object', `#${i} ${t.name} (case ${k % 9}) verifies its own bytes`);
    } else {
      assert.throws(call, (e) => e instanceof hs.HooksealError && e.code === 'invalid_input' && /Proxy/.test(e.message),
        `#${i} ${t.name}: a Proxy is refused`);
    }
  }
  for (const t of targets) stillVerifies(t);
});

test('5,000 arguments whose reading throws (proxies, getters, iterators) leave every verifier working', () => {
  // Regression: a JS exception thrown through wasm frames skipped restoring the shadow stack
  // pointer; after ~1,600 of them the instance trapped ("memory access out of bounds") forever.
  const hostile = [
    throwingProxy(),
    throwingGetter(),
    { [Symbol.iterator]() { throw new Error('iterator'); } },
    new (class extends Map { *[Symbol.iterator]() { yield ['x-a', 'b']; throw new Error('mid-iteration'); } })(),
    [['x-seqino-signature', Object.defineProperty([], 0, { get() { throw new Error('element'); } })]],
    { 'x-seqino-signature': new Proxy([], { get() { throw new Error('array proxy'); } }) },
  ];
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  hostile.push(revoked.proxy, [revoked.proxy]);
  const stats = {};
  for (let i = 0; i < 5000; i++) {
    const t = targets[i % targets.length];
    const h = hostile[i % hostile.length];
    checked(`#${i} ${t.name}`, () => t.call(t.body, h, { now: NOW }), stats);
    checked(`#${i} ${t.name} opts`, () => t.call(t.body, validHeaders(t), h), stats);
  }
  for (const t of targets) stillVerifies(t);
});

// An option whose getter (or Proxy trap) throws is refused, never taken for an absent option:
// a `publicKeys` whose getter threw left Numeral trusting its published keys, a `secret` one
// said it was missing, a per-call `now` one fell back to the clock.
test('an option whose reading throws is refused as unreadable, not taken as absent', () => {
  const throwing = (name, rest) => Object.defineProperty({ ...rest }, name, { enumerable: true, get() { throw new Error('vault unreachable'); } });
  const cases = [
    ['NumeralVerifier', 'publicKeys', {}],
    ['NumeralVerifier', 'toleranceSeconds', {}],
    ['SeqinoVerifier', 'secret', {}],
    ['SeqinoVerifier', 'maxBodyBytes', { secret: 'a'.repeat(64) }],
    ['TreezorVerifier', 'secret', {}],
    ['SepayVerifier', 'mode', {}],
    ['SepayVerifier', 'secret', { mode: 'hmac' }],
  ];
  for (const [cls, name, rest] of cases) {
    assert.throws(() => new hs[cls](throwing(name, rest)), (e) => e instanceof hs.HooksealError && e.code === 'invalid_input'
      && e.message === `\`${name}\` could not be read (reading it threw)`, `${cls} ${name}`);
  }
  // An array is not an options object: `new NumeralVerifier([])` made a verifier that trusted
  // Numeral's published keys.
  for (const cls of ['NumeralVerifier', 'SeqinoVerifier', 'TreezorVerifier', 'SepayVerifier']) {
    assert.throws(() => new hs[cls]([]), (e) => e instanceof hs.HooksealError && e.code === 'invalid_input'
      && e.message === 'the options must be an object', cls);
    // Telling an array costs no exception through the wasm: Array.isArray throws on a revoked Proxy.
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    assert.throws(() => new hs[cls](revoked.proxy), (e) => e instanceof hs.HooksealError && e.code === 'invalid_input', cls);
  }
  const seqino = new hs.SeqinoVerifier({ secret: 'a'.repeat(64), toleranceSeconds: 60 });
  const body = '{"event_id":"e","event_type":"webhook.test","timestamp":"2026-01-01T00:00:00Z","sponsor_id":"s","data":{"test_id":"t"}}';
  const headers = { 'x-seqino-signature': hs.signSeqino(body, 'a'.repeat(64)) };
  assert.throws(() => seqino.verify(body, headers, throwing('now', {})), (e) => e instanceof hs.HooksealError && /`now` could not be read/.test(e.message));
  assert.equal(seqino.verify(body, headers, { now: Date.parse('2026-01-01T00:00:10Z') }).event_id, 'e');
});

// A header bag is read to at most 100,000 headers and values: an iterator that never ended hung
// the call for good, and a value array of length 2^32 - 1 took seconds (sparse) to a minute (a
// Proxy's). (Without the bound this test does not end.)
test('a header bag without end, or with a value array of length 2^32 - 1, is refused', () => {
  const endless = Object.create({ [Symbol.iterator]() { return { next: () => ({ done: false, value: ['x-a', 'b'] }) }; } });
  const sparse = { 'x-seqino-signature': new Array(2 ** 32 - 1) };
  const proxied = { 'x-seqino-signature': new Proxy([], { get: (t, k) => (k === 'length' ? 2 ** 32 - 1 : 'a') }) };
  const many = Object.fromEntries(Array.from({ length: 100_001 }, (_, i) => [`x-h${i}`, 'v']));
  const verifiers = [new hs.SeqinoVerifier({ secret: 'a'.repeat(64) }), new hs.SepayVerifier({ mode: 'none' }), new hs.NumeralVerifier()];
  for (const v of verifiers) {
    for (const headers of [endless, sparse, proxied, many]) {
      assert.throws(() => v.verify('{}', headers), (e) => e instanceof hs.HooksealError && e.code === 'invalid_input'
        && e.message === 'there are more than 100000 headers or header values', v.constructor.name);
      assert.equal(v.isValid('{}', headers), false);
    }
  }
  const body = '{"event_id":"e","event_type":"webhook.test","timestamp":"2026-01-01T00:00:00Z","sponsor_id":"s","data":{"test_id":"t"}}';
  const fine = Object.fromEntries(Array.from({ length: 99_999 }, (_, i) => [`x-h${i}`, 'v']));
  fine['x-seqino-signature'] = hs.signSeqino(body, 'a'.repeat(64));
  assert.equal(verifiers[0].verify(body, fine).event_id, 'e');
});

// A polluted Object.prototype (a setter of a member the package sets) must not reach what the
// package hands back: HooksealError's fields, Treezor's added members, the constructors'
// bookkeeping. They were assigned, so such a setter threw a TypeError in place of the
// HooksealError, dropped its code, or had a valid Treezor delivery refused.
test('setters on Object.prototype do not take the members the package sets', () => {
  const seqino = new hs.SeqinoVerifier({ secret: 'a'.repeat(64) });
  const treezor = new hs.TreezorVerifier({ secret: 's' });
  const delivery = hs.signTreezor('{"webhook":"payin.create","webhook_id":"7","object":"payin","object_id":"1","object_payload":{"payins":[{"payinId":"1","amount":"1.00"}]},"webhook_created_at":17114708930494}', 's');
  const names = ['code', 'provider', 'hint', 'name', 'envelope', 'payload_typed', 'created_at_ms', 'created_at_iso', 'verified', 'unverified', 'notes', 'lengths'];
  for (const setter of [function () { throw new TypeError('polluted'); }, function () {}]) {
    let refusal, made, event;
    try {
      for (const n of names) Object.defineProperty(Object.prototype, n, { configurable: true, get() { return undefined; }, set: setter });
      try { seqino.verify('{}', {}); } catch (e) { refusal = e; }
      made = new hs.SeqinoVerifier({ secret: 'b'.repeat(64) });
      event = treezor.verify(delivery);
    } finally {
      for (const n of names) delete Object.prototype[n];
    }
    assert.ok(refusal instanceof hs.HooksealError, String(refusal));
    assert.deepEqual([refusal.name, refusal.code, refusal.provider], ['HooksealError', 'missing_header', 'seqino']);
    assert.ok(Object.hasOwn(refusal, 'hint'));
    assert.ok(made instanceof hs.SeqinoVerifier);
    assert.deepEqual([event.envelope, event.payload_typed, event.verified, event.webhook_id], ['flat', true, ['object_payload'], '7']);
  }
});
