// Seqino through the built package, imported by name as a dependency would be (ESM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SeqinoVerifier, HooksealError, signSeqino } from 'hookseal';

const SECRET = '7f3c9a1be2d44f0a8c6b5e1d2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c';
const BODY = readFileSync(new URL('../fixtures/seqino/webhook-test.json', import.meta.url), 'utf8');
const EVENT_MS = Date.parse('2019-08-24T14:15:22Z');
const hmac = (key, body) => createHmac('sha256', key).update(body).digest();

function refusal(fn) {
  try { fn(); } catch (e) { return e; }
  assert.fail('expected a HooksealError');
}

test('a delivery signed the default way verifies and returns the typed event', () => {
  const v = new SeqinoVerifier({ secret: SECRET });
  const sig = hmac(SECRET, BODY).toString('hex');
  assert.equal(signSeqino(BODY, SECRET), sig, 'signSeqino agrees with node:crypto');
  const e = v.verify(BODY, { 'x-seqino-signature': sig });
  assert.equal(e.event_type, 'webhook.test');
  assert.equal(e.data.test_id, 'test_abc123def456');
  assert.equal(e.sponsor_id, 'sandbox-1234/5678');
});

test('every documented variant verifies when configured', () => {
  const keyBytes = Buffer.from(SECRET, 'hex');
  const cases = [
    [{}, hmac(SECRET, BODY).toString('hex').toUpperCase()],
    [{}, 'sha256=' + hmac(SECRET, BODY).toString('hex')],
    [{ encoding: 'base64' }, hmac(SECRET, BODY).toString('base64')],
    [{}, hmac(SECRET, BODY).toString('base64url')],
    [{ key: 'hex' }, hmac(keyBytes, BODY).toString('hex')],
    [{ key: 'hex', encoding: 'base64' }, hmac(keyBytes, BODY).toString('base64')],
  ];
  for (const [opts, sig] of cases) {
    const v = new SeqinoVerifier({ secret: SECRET, ...opts });
    assert.equal(v.verify(BODY, { 'X-Seqino-Signature': sig }).event_id, 'evt_abc123def456', JSON.stringify(opts));
    assert.equal(v.verifySignature(BODY, sig).event_id, 'evt_abc123def456');
  }
  const custom = new SeqinoVerifier({ secret: SECRET, header: 'X-PDP-Signature' });
  assert.ok(custom.isValid(BODY, { 'x-pdp-signature': signSeqino(BODY, SECRET) }));
});

test('bodies as Uint8Array, Buffer and ArrayBuffer; headers as Headers, arrays and any case', () => {
  const v = new SeqinoVerifier({ secret: SECRET });
  const sig = signSeqino(BODY, SECRET);
  const bytes = new TextEncoder().encode(BODY);
  for (const body of [bytes, Buffer.from(BODY), bytes.buffer, new DataView(bytes.buffer)]) {
    assert.equal(v.verify(body, new Headers({ 'X-SEQINO-SIGNATURE': sig })).data.test_id, 'test_abc123def456');
  }
  // Node's IncomingHttpHeaders: lowercase names, repeated ones as arrays.
  assert.ok(v.isValid(BODY, { 'x-seqino-signature': [sig], 'set-cookie': ['a', 'b'], host: undefined }));
  assert.ok(v.isValid(BODY, new Map([['X-Seqino-Signature', sig]])));
  assert.ok(v.isValid(BODY, [['x-seqino-signature', sig]]));
});

test('only the signature headers reach wasm, yet every header is still checked', () => {
  // verify copies only the headers it reads into wasm; the others must still be well-formed,
  // and which signature header wins must not change.
  const v = new SeqinoVerifier({ secret: SECRET });
  const sig = signSeqino(BODY, SECRET);
  const wrong = signSeqino(BODY, '1'.repeat(64));
  const node = { host: 'api.example.fr', 'user-agent': 'Seqino-Webhooks/1.0', accept: '*/*', 'x-seqino-signature': sig, 'content-length': '10' };
  assert.ok(v.isValid(BODY, node));
  assert.equal(refusal(() => v.verify(BODY, { ...node, 'x-trace': { id: 1 } })).code, 'invalid_input');
  assert.match(refusal(() => v.verify(BODY, { ...node, 'x-trace': [1] })).message, /x-trace/);
  // The first default name present wins, in any case, whatever else is there.
  assert.equal(refusal(() => v.verify(BODY, { 'X-Signature': wrong, 'x-hub-signature-256': sig })).code, 'signature_mismatch');
  assert.ok(v.isValid(BODY, { 'x-signature': sig, 'X-SEQINO-SIGNATURE': sig, 'x-webhook-signature': wrong }));
  // A non-ASCII name that lowercases to a wanted one is not that header (K: the Kelvin sign).
  const pdp = new SeqinoVerifier({ secret: SECRET, header: 'X-Kid' });
  assert.ok(pdp.isValid(BODY, new Headers({ 'x-kid': sig })));
  assert.equal(refusal(() => pdp.verify(BODY, { 'x-\u212aid': sig })).code, 'missing_header');
  // A configured name with a non-ASCII letter matches that letter exactly, other letters in any case.
  const accented = new SeqinoVerifier({ secret: SECRET, header: 'X-Sig-\u00c9' });
  assert.ok(accented.isValid(BODY, { 'x-sig-\u00c9': sig }));
  assert.ok(!accented.isValid(BODY, { 'x-sig-\u00e9': sig }));
  // Names of 31 characters and more share one length bit of the filter.
  const long = new SeqinoVerifier({ secret: SECRET, header: `X-${'Long'.repeat(10)}` });
  assert.ok(long.isValid(BODY, { ...node, [`x-${'long'.repeat(10)}`]: sig, [`x-${'long'.repeat(9)}`]: wrong }));
  assert.equal(refusal(() => long.verify(BODY, { ...node, [`x-${'long'.repeat(9)}s`]: sig })).code, 'missing_header');
  // explain still sees every header.
  assert.ok(JSON.stringify(v.explain(BODY, node)).includes('user-agent'));
});

test('secret rotation: any configured secret may match', () => {
  const v = new SeqinoVerifier({ secret: ['0'.repeat(64), SECRET] });
  assert.ok(v.isValid(BODY, { 'x-seqino-signature': signSeqino(BODY, SECRET) }));
  assert.ok(v.isValid(BODY, { 'x-seqino-signature': signSeqino(BODY, '0'.repeat(64)) }));
  assert.ok(!v.isValid(BODY, { 'x-seqino-signature': signSeqino(BODY, '1'.repeat(64)) }));
});

test('failures throw HooksealError with stable codes', () => {
  const v = new SeqinoVerifier({ secret: SECRET });
  const sig = signSeqino(BODY, SECRET);
  const cases = [
    ['tampered body', () => v.verify(BODY.replace('test_abc', 'test_abd'), { 'x-seqino-signature': sig }), 'signature_mismatch'],
    ['one trailing space', () => v.verify(BODY + ' ', { 'x-seqino-signature': sig }), 'signature_mismatch'],
    ['missing header', () => v.verify(BODY, { 'content-type': 'application/json' }), 'missing_header'],
    ['non-hex signature', () => v.verify(BODY, { 'x-seqino-signature': 'zz' + sig.slice(2) }), 'malformed_signature'],
    ['truncated signature', () => v.verify(BODY, { 'x-seqino-signature': sig.slice(0, 40) }), 'malformed_signature'],
    ['parsed object', () => v.verify(JSON.parse(BODY), { 'x-seqino-signature': sig }), 'invalid_input'],
    ['no headers', () => v.verify(BODY), 'invalid_input'],
    ['invalid JSON, valid signature', () => v.verify('{"a":', { 'x-seqino-signature': signSeqino('{"a":', SECRET) }), 'invalid_json'],
    ['empty secret', () => new SeqinoVerifier({ secret: '' }), 'invalid_secret'],
    ['secret with a newline', () => new SeqinoVerifier({ secret: SECRET + '\n' }), 'invalid_secret'],
    ['unknown encoding', () => new SeqinoVerifier({ secret: SECRET, encoding: 'base32' }), 'invalid_input'],
    ['body over the limit', () => new SeqinoVerifier({ secret: SECRET, maxBodyBytes: 10 }).verify(BODY, { 'x-seqino-signature': sig }), 'body_too_large'],
  ];
  for (const [name, fn, code] of cases) {
    const e = refusal(fn);
    assert.ok(e instanceof HooksealError, `${name}: instanceof HooksealError`);
    assert.ok(e instanceof Error, `${name}: instanceof Error`);
    assert.equal(e.code, code, name);
    assert.equal(e.name, 'HooksealError');
    assert.ok(['seqino', 'core'].includes(e.provider), name);
    assert.ok(e.message.length > 0, name);
  }
  const parsed = refusal(() => v.verify(JSON.parse(BODY), { 'x-seqino-signature': sig }));
  assert.match(parsed.hint, /raw body/);
});

test('stale and future timestamps with toleranceSeconds; now is injected', () => {
  const v = new SeqinoVerifier({ secret: SECRET, toleranceSeconds: 300 });
  const h = { 'x-seqino-signature': signSeqino(BODY, SECRET) };
  assert.ok(v.isValid(BODY, h, { now: EVENT_MS + 300_000 }));
  assert.equal(refusal(() => v.verify(BODY, h, { now: EVENT_MS + 301_000 })).code, 'timestamp_too_old');
  assert.equal(refusal(() => v.verify(BODY, h, { now: EVENT_MS - 301_000 })).code, 'timestamp_in_future');
  // Default now is Date.now(): the 2019 fixture is far too old.
  assert.equal(refusal(() => v.verify(BODY, h)).code, 'timestamp_too_old');
  assert.equal(refusal(() => v.verify(BODY, h, { now: 'soon' })).code, 'invalid_input');
});

test('integers beyond 2^53 come back as strings, others as numbers', () => {
  const body = '{"event_id":"evt_1","event_type":"invoice.created","timestamp":"2026-01-01T00:00:00Z","sponsor_id":"s","data":{"invoice_id":"inv_1","status":"DEPOSITED","line_count":3,"big_id":12345678901234567890}}';
  const e = new SeqinoVerifier({ secret: SECRET }).verify(body, { 'x-seqino-signature': signSeqino(body, SECRET) });
  assert.equal(e.data.big_id, '12345678901234567890');
  assert.equal(e.data.line_count, 3);
  assert.equal(e.data.status, 'DEPOSITED');
});

test('explain() names the matching variant', () => {
  const v = new SeqinoVerifier({ secret: SECRET });
  const sig = hmac(Buffer.from(SECRET, 'hex'), BODY).toString('base64');
  const d = v.explain(BODY, { 'x-signature': sig });
  assert.equal(d.valid, false);
  assert.equal(d.code, 'signature_mismatch');
  assert.deepEqual({ encoding: d.matched.encoding, key: d.matched.key }, { encoding: 'base64', key: 'hex' });
  assert.equal(d.header, 'x-signature');
  assert.match(d.suggested_options, /key: 'hex'/);
  assert.equal(v.explain(BODY, undefined, { signature: signSeqino(BODY, SECRET) }).valid, true);
});

test('verifyRequest reads a Fetch Request once', async () => {
  const v = new SeqinoVerifier({ secret: SECRET });
  const req = new Request('https://example.test/hook', { method: 'POST', body: BODY, headers: { 'X-Seqino-Signature': signSeqino(BODY, SECRET) } });
  assert.equal((await v.verifyRequest(req)).data.test_id, 'test_abc123def456');
  await assert.rejects(v.verifyRequest({}), (e) => e instanceof HooksealError && e.code === 'invalid_input');
});

test('the instance survives thousands of hostile calls', () => {
  const v = new SeqinoVerifier({ secret: SECRET });
  const sig = signSeqino(BODY, SECRET);
  for (let i = 0; i < 2000; i++) {
    const body = i % 3 === 0 ? '['.repeat(i * 50) : BODY.slice(0, i % BODY.length);
    try { v.verify(body, { 'x-seqino-signature': i % 2 ? sig : 'x'.repeat(i % 100) }); } catch (e) { assert.ok(e instanceof HooksealError); }
  }
  assert.ok(v.isValid(BODY, { 'x-seqino-signature': sig }));
});

// Characters of every class the Latin-1 hand-over treats apart (core::json::latin1): ASCII,
// Latin-1 (one byte), C1 controls and other BMP characters (escaped), astral ones (a pair of
// escapes), the line separators JSON allows raw, and a BOM inside a string.
const TEXTS = ['Société Générale de Conseil', 'n°12 — été', 'Thanh toán đơn hàng DH102969', 'ключ 值 €’“”',
  '😀 and 🇫🇷', '\u0080\u0085\u009f', '\u00a0\u00ff\u0100', 'a\u2028b\u2029c', '\ufeff', '12345678😀12345678', 'ASCII only'];

test('a body with non-ASCII text gives the object JSON.parse gives, in every body form', () => {
  const v = new SeqinoVerifier({ secret: SECRET });
  const event = {
    event_id: 'evt_text', event_type: 'hookseal.text', timestamp: '2026-11-23T10:00:00Z', sponsor_id: 'sandbox-1234/5678',
    data: { texts: TEXTS, 'clé': 'valeur', 'ключ': TEXTS[2], long: TEXTS.join(' / ').repeat(40) },
  };
  for (const json of [JSON.stringify(event), JSON.stringify(event, null, 2)]) {
    const bytes = Buffer.from(json);
    const expected = JSON.parse(new TextDecoder().decode(bytes));
    const headers = { 'x-seqino-signature': hmac(SECRET, bytes).toString('hex') };
    const offset = new Uint8Array(bytes.length + 5);
    offset.set(bytes, 5);
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    const forms = {
      Buffer: bytes, Uint8Array: Uint8Array.from(bytes), 'Uint8Array at an offset': offset.subarray(5),
      ArrayBuffer: Uint8Array.from(bytes).buffer, string: json, 'shared memory': shared,
      DataView: new DataView(offset.buffer, 5),
    };
    for (const [form, body] of Object.entries(forms)) {
      assert.deepEqual(v.verify(body, headers), expected, form);
    }
  }
});

test('a string body is verified as the UTF-8 every encoder writes, a lone surrogate as U+FFFD', () => {
  const v = new SeqinoVerifier({ secret: SECRET });
  for (const text of ['', 'a', 'é', '\ud800', 'x\udc00y', '😀\ud83d', `${'é'.repeat(5000)}\ud800`, 'ascii '.repeat(2000)]) {
    // Built by hand: JSON.stringify would escape the lone surrogates.
    const json = `{"event_id":"evt","event_type":"hookseal.text","timestamp":"2026-11-23T10:00:00Z","sponsor_id":"s","data":{"t":"${text}"}}`;
    const bytes = Buffer.from(json);
    const headers = { 'x-seqino-signature': hmac(SECRET, bytes).toString('hex') };
    const fromString = v.verify(json, headers);
    assert.deepEqual(fromString, v.verify(bytes, headers), JSON.stringify(text));
    assert.equal(fromString.data.t, text.isWellFormed() ? text : text.toWellFormed(), JSON.stringify(text));
  }
});

// `verify` steps over what the event's shape does not describe (an invoice's seller, buyer and
// lines) without checking its syntax, since JSON.parse reads it next: a syntax error there
// must still come out as the checked walk's invalid_json, whichever way the text reaches
// JSON.parse (the body as it is, its Latin-1 form, or the rewrite of integers beyond 2^53).
test('a syntax error inside the skipped invoice lines is invalid_json, as isValid says', () => {
  const v = new SeqinoVerifier({ secret: SECRET, toleranceSeconds: 300 });
  const now = Date.parse('2026-11-22T10:00:00Z');
  const invoice = (lines) => `{"event_id":"evt_1","event_type":"invoice.created","timestamp":"2026-11-22T10:00:00Z",`
    + `"sponsor_id":"s","data":{"invoice_id":"inv_1","status":"DEPOSITED","seller":{"name":"Société \\"[{\\""},"lines":[${lines}]}}`;
  const good = '{"line":1,"label":"n°1 — été","quantity":2,"id":1000000000}';
  const cases = {
    'a leading zero': good.replace('"quantity":2', '"quantity":02'),
    'a trailing comma': `${good},`,
    'a missing colon': good.replace('"line":1', '"line" 1'),
    'an invalid escape': good.replace('été', '\\x'),
    // A backslash before a character the Latin-1 hand-over escapes: \— must not become \\u2014.
    'a backslash before a character beyond Latin-1': good.replace('—', '\\—'),
    'a backslash before an astral character': good.replace('été', '\\\\\\😀'),
    'a raw control character': good.replace('été', '\u0001'),
    'a misspelt literal': good.replace('2', 'tru'),
    'a bracket of the wrong kind': good.replace(/}$/, ']'),
    'beyond 2^53 and broken': good.replace('1000000000', '90071992547409930').replace('"quantity":2', '"quantity":02'),
  };
  assert.equal(v.verify(invoice(good), { 'x-seqino-signature': signSeqino(invoice(good), SECRET) }, { now }).data.lines[0].id, 1000000000);
  for (const [what, lines] of Object.entries(cases)) {
    const json = invoice(lines);
    assert.throws(() => JSON.parse(json), SyntaxError, what);
    const headers = { 'x-seqino-signature': signSeqino(json, SECRET) };
    const bytes = Buffer.from(json);
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    for (const [form, body] of Object.entries({ Buffer: bytes, string: json, ArrayBuffer: Uint8Array.from(bytes).buffer, 'shared memory': shared })) {
      assert.equal(v.isValid(body, headers, { now }), false, `${what}, ${form}`);
      // Outside the time window too: the syntax error is what is reported.
      for (const at of [now, now + 3_600_000]) {
        const e = refusal(() => v.verify(body, headers, { now: at }));
        assert.ok(e instanceof HooksealError, `${what}, ${form}`);
        assert.equal(e.code, 'invalid_json', `${what}, ${form}: ${e.message}`);
        assert.match(e.message, /not valid JSON/, `${what}, ${form}`);
        assert.equal(refusal(() => v.verifySignature(body, headers['x-seqino-signature'], { now: at })).message, e.message);
      }
    }
  }
});

// In wasm that step reads sixteen bytes at a time with SIMD comparisons (which `cargo test`,
// native, never runs): brackets, quotes and backslashes inside strings, at every offset of a
// block and across blocks, must end the lines where JSON.parse does, and a broken text must
// get isValid's verdict. (A step that ended anywhere else would only hand the body to the
// checked walk, whose verdicts are the same: what this pins is the objects and verdicts users
// get from the SIMD build; that the fast step is the one running shows in bench/ab.mjs.)
test('the skipped invoice lines end where JSON.parse ends them, at every offset of a 16-byte block', () => {
  const v = new SeqinoVerifier({ secret: SECRET });
  const pieces = ['[', ']', '{', '}', '"', '\\', 'a', 'é', ' ', ',', ':', '\\"', '0123456789abcdef'];
  let x = 0x2545f491;
  const next = () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return x >>> 0; };
  const text = () => Array.from({ length: next() % 12 }, () => pieces[next() % pieces.length]).join('');
  const value = (depth) => {
    switch (next() % (depth < 3 ? 4 : 2)) {
      case 0: return text();
      case 1: return next() % 1000;
      case 2: return Array.from({ length: next() % 4 }, () => value(depth + 1));
      default: return Object.fromEntries(Array.from({ length: next() % 4 }, () => [text(), value(depth + 1)]));
    }
  };
  let [valid, refused] = [0, 0];
  for (let n = 0; n < 600; n++) {
    const lines = Array.from({ length: 1 + next() % 4 }, () => value(0));
    // The padding moves the lines across every offset of a block.
    const good = JSON.stringify({ event_id: 'evt_1', event_type: 'invoice.created', timestamp: '2026-11-22T10:00:00Z',
      sponsor_id: 's', data: { pad: 'p'.repeat(n % 16), lines, status: 'DEPOSITED' } });
    const texts = [good];
    // One byte inside the lines removed or doubled: mostly not JSON any more.
    const at = good.indexOf('"lines"') + 9 + next() % (good.indexOf('"status"') - good.indexOf('"lines"') - 9);
    texts.push(good.slice(0, at) + good.slice(at + 1), good.slice(0, at + 1) + good.slice(at));
    for (const json of texts) {
      const headers = { 'x-seqino-signature': signSeqino(json, SECRET) };
      let parsed;
      try { parsed = JSON.parse(json); } catch { parsed = undefined; }
      const ok = v.isValid(json, headers);
      if (ok) {
        valid++;
        assert.deepEqual(v.verify(Buffer.from(json), headers), parsed, json);
        assert.deepEqual(v.verify(json, headers), parsed, json);
      } else {
        refused++;
        const e = refusal(() => v.verify(Buffer.from(json), headers));
        assert.ok(e instanceof HooksealError, json);
      }
    }
  }
  assert.ok(valid > 600 && refused > 300, `${valid} valid, ${refused} refused`);
});
