// Large bodies and wasm memory, which only ever grows: a body over maxBodyBytes (1 MiB by
// default) is refused with body_too_large before it is copied into wasm memory, whatever its
// form; and repeated large accepted bodies reuse the memory the first one needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as hs from 'hookseal';

const SECRET = '7f3c9a1be2d44f0a8c6b5e1d2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c';
const TEN_MB = 10 * 1000 * 1000;

function seqinoBody(size, filler = 'a') {
  const head = '{"event_id":"evt_1","event_type":"invoice.created","timestamp":"2026-01-01T00:00:00Z","sponsor_id":"s","data":{"blob":"';
  const tail = '"}}';
  return head + filler.repeat(Math.max(0, Math.floor((size - head.length - tail.length) / Buffer.byteLength(filler)))) + tail;
}

function code(fn) {
  try { fn(); } catch (e) { assert.ok(e instanceof hs.HooksealError, String(e)); return e.code; }
  assert.fail('expected a HooksealError');
}

test('10 MB bodies are refused early with body_too_large and do not grow wasm memory', () => {
  const seqino = new hs.SeqinoVerifier({ secret: SECRET });
  const sepay = new hs.SepayVerifier({ mode: 'none' });
  const treezor = hs.TreezorVerifier ? new hs.TreezorVerifier({ secret: SECRET }) : null;
  const numeral = hs.NumeralVerifier ? new hs.NumeralVerifier() : null;
  const text = seqinoBody(TEN_MB);
  const bytes = Buffer.from(text);
  const wide = seqinoBody(TEN_MB / 3, 'é'); // 3.3 M UTF-16 units, 6.7 MB of UTF-8
  const before = hs.__wasmMemoryBytes();
  for (let i = 0; i < 20; i++) {
    for (const body of [text, bytes, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), new Uint8Array(bytes), wide]) {
      assert.equal(code(() => seqino.verify(body, { 'x-seqino-signature': 'ab'.repeat(32) })), 'body_too_large');
      assert.equal(code(() => seqino.verifySignature(body, 'ab'.repeat(32))), 'body_too_large');
      assert.equal(code(() => sepay.verify(body, {})), 'body_too_large');
      assert.equal(sepay.isValid(body, {}), false);
      if (treezor) assert.equal(code(() => treezor.verify(body)), 'body_too_large');
      if (numeral) assert.equal(code(() => numeral.verify(body, { signature: 'x=:AA==:' }, { method: 'POST', url: 'https://a.example/' })), 'body_too_large');
    }
  }
  const e = (() => { try { seqino.verify(bytes, { 'x-seqino-signature': 'ab'.repeat(32) }); } catch (err) { return err; } })();
  assert.match(e.message, /maxBodyBytes/);
  assert.ok(e.hint);
  assert.equal(hs.__wasmMemoryBytes(), before, 'no refused body reached wasm memory');
});

test('a string between 1/3 and 1x the limit in UTF-16 units is measured in UTF-8 bytes', () => {
  const seqino = new hs.SeqinoVerifier({ secret: SECRET, maxBodyBytes: 1000 });
  const body = seqinoBody(1500, 'é'); // about 800 UTF-16 units, 1500 UTF-8 bytes
  assert.ok(body.length <= 1000 && Buffer.byteLength(body) > 1000);
  assert.equal(code(() => seqino.verify(body, { 'x-seqino-signature': hs.signSeqino(body, SECRET) })), 'body_too_large');
  // The error gives the UTF-8 size, and a body of exactly the limit is accepted.
  const exact = Buffer.byteLength(body);
  const refused = (() => { try { seqino.verify(body, {}); } catch (e) { return e; } })();
  assert.match(refused.message, new RegExp(`is ${exact} bytes`));
  const atLimit = new hs.SeqinoVerifier({ secret: SECRET, maxBodyBytes: exact });
  assert.equal(atLimit.verify(body, { 'x-seqino-signature': hs.signSeqino(body, SECRET) }).event_id, 'evt_1');
  const belowLimit = new hs.SeqinoVerifier({ secret: SECRET, maxBodyBytes: exact - 1 });
  assert.equal(code(() => belowLimit.verify(body, { 'x-seqino-signature': hs.signSeqino(body, SECRET) })), 'body_too_large');
});

test('repeated accepted 10 MB bodies (maxBodyBytes raised) reuse wasm memory', () => {
  const seqino = new hs.SeqinoVerifier({ secret: SECRET, maxBodyBytes: 16 << 20 });
  const sepay = new hs.SepayVerifier({ mode: 'hmac', secret: 'whsec_x', maxBodyBytes: 16 << 20 });
  const text = seqinoBody(TEN_MB);
  const bytes = Buffer.from(text);
  const sig = hs.signSeqino(bytes, SECRET);
  const sepayBody = Buffer.from(JSON.stringify({ id: 1, gateway: 'g', transactionDate: '2023-03-25 14:02:37', accountNumber: '1', code: null,
    content: 'x'.repeat(TEN_MB), transferType: 'in', transferAmount: 1, accumulated: 1, subAccount: null, referenceCode: 'r', description: '' }));
  const sepayHeaders = hs.signSepay(sepayBody, 'whsec_x', 1_700_000_000);
  const round = () => {
    assert.equal(seqino.verify(bytes, { 'x-seqino-signature': sig }).event_id, 'evt_1');
    assert.equal(seqino.verify(text, { 'x-seqino-signature': sig }).event_id, 'evt_1');
    assert.equal(code(() => seqino.verify(bytes, { 'x-seqino-signature': 'ab'.repeat(32) })), 'signature_mismatch');
    assert.equal(sepay.verify(sepayBody, sepayHeaders, { now: 1_700_000_000_000 }).id, 1);
  };
  round();
  round();
  const settled = hs.__wasmMemoryBytes();
  for (let i = 0; i < 5; i++) round();
  const after = hs.__wasmMemoryBytes();
  console.log(`wasm memory after 2 rounds of 10 MB bodies: ${settled >> 20} MiB, after 7: ${after >> 20} MiB`);
  assert.equal(after, settled, 'no growth once the largest body has been seen');
  assert.ok(after <= 128 << 20, `wasm memory stays bounded for 10 MB bodies (${after} B)`);
});

// The body is copied into the wasm's memory (4 GiB at most, one allocation under 2 GiB): a
// verifier made with `maxBodyBytes: 2 ** 32` took a 2 GiB body, whose copy could not be
// allocated, and the wasm aborted (`RuntimeError: unreachable`), as the signing helpers did,
// which took any size. maxBodyBytes is at most 256 MiB, and so is what the helpers sign.
test('maxBodyBytes is at most 256 MiB, and the signing helpers take at most that: a clear error, never an abort', () => {
  const ceiling = 256 * 1024 * 1024;
  const makers = {
    seqino: (o) => new hs.SeqinoVerifier({ secret: SECRET, ...o }),
    sepay: (o) => new hs.SepayVerifier({ mode: 'hmac', secret: 'whsec_x', ...o }),
    treezor: (o) => new hs.TreezorVerifier({ secret: SECRET, ...o }),
    numeral: (o) => new hs.NumeralVerifier({ ...o }),
  };
  for (const [name, make] of Object.entries(makers)) {
    for (const over of [ceiling + 1, 2 ** 32, Number.MAX_SAFE_INTEGER]) {
      try {
        make({ maxBodyBytes: over });
        assert.fail(`${name}: maxBodyBytes ${over} accepted`);
      } catch (e) {
        assert.ok(e instanceof hs.HooksealError, `${name}: ${e}`);
        assert.equal(e.code, 'invalid_input');
        assert.match(e.message, /`maxBodyBytes` is \d+; it can be at most 268435456 \(256 MiB\)/);
      }
    }
    make({ maxBodyBytes: ceiling }).free();
  }
  // Zero-filled, never written: the pages are not touched (nor copied: refused by the length).
  const huge = Buffer.alloc(2 ** 31);
  const over = huge.subarray(0, ceiling + 1);
  for (const sign of [() => hs.signSeqino(huge, 'k'), () => hs.signSeqino(over, 'k'), () => hs.signSepay(over, 'k', 1), () => hs.signTreezor(over, 'k')]) {
    try {
      sign();
      assert.fail('signed');
    } catch (e) {
      assert.ok(e instanceof hs.HooksealError, String(e));
      assert.equal(e.code, 'body_too_large');
      assert.match(e.message, /^the body is more than 268435456 bytes \(256 MiB\), the most hookseal reads into the wasm's memory$/);
    }
  }
  // Treezor's payload given as an object is measured as its JSON text, before that is copied.
  const wide = { object_payload: { blob: 'x'.repeat(ceiling) } };
  assert.equal(code(() => hs.signTreezor(wide, 'k')), 'body_too_large');
  assert.equal(code(() => makers.seqino({ maxBodyBytes: ceiling }).verify(huge, { 'x-seqino-signature': 'a'.repeat(64) })), 'body_too_large');
  const body = seqinoBody(2000);
  assert.equal(makers.seqino({}).verify(body, { 'x-seqino-signature': hs.signSeqino(body, SECRET) }).event_id, 'evt_1');
});
