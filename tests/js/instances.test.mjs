// A call cut off inside the wasm (pkg-template/src/instances.js): here by stack overflows, the
// caller's stack nearly used up as it calls in, so V8 finds no room at the entry of a wasm
// function and the RangeError unwinds through the wasm's frames. Before the instance was
// replaced, a few dozen of those left every later call of that provider, on any verifier, new
// ones included, failing with "memory access out of bounds". Now the calls cut off fail with the
// RangeError, and every call after them works: on the verifiers made before, a new one, one
// freed without being used again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const api = require('hookseal');

const SEQINO_SECRET = '7f3c9a1be2d44f0a8c6b5e1d2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c';
const seqinoBody = '{"event_id":"evt_1","event_type":"webhook.test","timestamp":"2026-03-01T10:00:00Z","sponsor_id":"s","data":{"test_id":"t"}}';
const seqinoHeaders = { 'x-seqino-signature': api.signSeqino(Buffer.from(seqinoBody), SEQINO_SECRET) };
const treezorEnvelope = '{"webhook":"payin.create","webhook_id":"777","object":"payin","object_id":"1","object_payload":{"payins":[{"payinId":"1","amount":"17.01"}]},"webhook_created_at":17114708930494}';

const PROVIDERS = {
  seqino: {
    make: () => new api.SeqinoVerifier({ secret: SEQINO_SECRET }),
    // The string body: its hand-over runs more of the wasm than a Buffer's.
    call: (v) => v.verify(seqinoBody, seqinoHeaders),
    valid: (v) => v.verify(seqinoBody, seqinoHeaders).event_id,
    expect: 'evt_1',
  },
  treezor: {
    make: () => new api.TreezorVerifier({ secret: 's' }),
    call: (v) => v.explain('{"webhook":"x"}'),
    valid: (v) => v.verify(api.signTreezor(treezorEnvelope, 's')).webhook_id,
    expect: '777',
  },
};

/** Drives `call` at every depth near where the stack runs out, so that some calls are cut off
 *  inside the wasm; returns how many ended with a RangeError. */
function cutOffCalls(call) {
  let run = () => 0;
  let outcome;
  function deep(n) {
    if (n > 0) return deep(n - 1) + 0;
    try { run(); outcome = 'ok'; } catch (e) { outcome = e; }
    return 0;
  }
  // Optimized frames first (a warm server's): smaller, so the recursion reaches further.
  for (let i = 0; i < 3000; i++) deep(50);
  run = call;
  let lo = 0;
  let hi = 400000;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    let out = false;
    try { deep(mid); } catch { out = true; }
    if (out) hi = mid - 1; else lo = mid;
  }
  let rangeErrors = 0;
  for (let d = lo - 400; d <= lo + 50; d++) {
    outcome = undefined;
    try { deep(d); } catch { continue; }
    if (outcome instanceof RangeError) rangeErrors++;
  }
  return rangeErrors;
}

for (const [provider, p] of Object.entries(PROVIDERS)) {
  test(`${provider}: calls cut off by stack overflows leave every later call working`, () => {
    const used = p.make();
    const idle = p.make(); // made before, not used until it is freed after
    assert.equal(p.valid(used), p.expect);
    const cut = cutOffCalls(() => p.call(used));
    assert.ok(cut > 0, 'some calls were cut off by a stack overflow');
    // At a normal depth: the verifier that was in use, a new one, the idle one freed.
    for (let i = 0; i < 3; i++) assert.equal(p.valid(used), p.expect, `the verifier in use, call ${i}`);
    const fresh = p.make();
    assert.equal(p.valid(fresh), p.expect, 'a new verifier');
    idle.free();
    idle.free();
    used.free();
    assert.equal(p.valid(fresh), p.expect, 'after freeing verifiers made before the replacement');
    assert.throws(() => p.valid(used), (e) => e instanceof api.HooksealError && /freed/.test(e.message));
    // Its errors are still HooksealErrors, constructed by the method.
    assert.throws(() => fresh.verify(42, {}), (e) => e instanceof api.HooksealError && e.code === 'invalid_input');
  });
}
