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

/** `call` made at a chosen depth of recursion (`at(d)`, which gives what the call threw, or
 *  'ok'), and `limit`, the deepest a recursion that makes it can go. */
function atDepth(call) {
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
  const at = (d) => {
    outcome = undefined;
    try { deep(d); } catch { return undefined; } // the recursion itself ran out
    return outcome;
  };
  return { at, limit: lo };
}

/** Drives `call` at every depth near where the stack runs out, so that some calls are cut off
 *  inside the wasm; returns how many ended with a RangeError. */
function cutOffCalls(call) {
  const { at, limit } = atDepth(call);
  let rangeErrors = 0;
  for (let d = limit - 400; d <= limit + 50; d++) if (at(d) instanceof RangeError) rangeErrors++;
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

// The instance is replaced once the stack of the call cut off has unwound, not at the provider's
// next call, which may come much later: until then wasm-bindgen's finalizers would free collected
// verifiers into the broken instance. What shows it from outside: the broken instance's memory,
// grown here by a large body, is given back without another call.
test('seqino: a call cut off gets its instance replaced once the stack has unwound, before any next call', async () => {
  const p = PROVIDERS.seqino;
  const v = new api.SeqinoVerifier({ secret: SEQINO_SECRET, maxBodyBytes: 64 << 20 });
  const { at, limit } = atDepth(() => p.call(v));
  assert.equal(p.valid(v), p.expect); // at a normal depth: replaces the instance if the search cut a call off
  assert.throws(() => v.verify(Buffer.alloc(16 << 20, 0x20), seqinoHeaders), (e) => e.code === 'signature_mismatch');
  const grown = api.__wasmMemoryBytes();
  assert.ok(grown > 16 << 20, `the body grew the memory (${grown} bytes)`);
  // From shallow to deep: the first call that ends with a RangeError was cut off inside the
  // wasm (before it, none was; the replacement that would come first is not pending).
  let cut;
  for (let d = limit - 400; d <= limit + 50 && cut === undefined; d++) {
    const outcome = at(d);
    if (outcome instanceof RangeError) cut = outcome;
  }
  assert.ok(cut !== undefined, 'a call was cut off by a stack overflow');
  assert.match(cut.stack, /wasm-function/, 'inside the wasm');
  assert.equal(api.__wasmMemoryBytes(), grown, 'the broken instance is still there while the stack unwinds');
  await null;
  const after = api.__wasmMemoryBytes();
  assert.ok(after < grown / 4, `replaced without a call: ${after} bytes, was ${grown}`);
  assert.equal(p.valid(v), p.expect);
});

/** Makes one call of `call` that is cut off inside the wasm (its RangeError has wasm frames), and
 *  returns that error; nothing runs after it. */
function cutOnce(call) {
  const { at, limit } = atDepth(call);
  call(); // at a normal depth: replaces the instance if the search cut a call off
  for (let d = limit - 400; d <= limit + 50; d++) {
    const outcome = at(d);
    if (outcome instanceof RangeError) {
      assert.match(outcome.stack, /wasm-function/, 'cut off inside the wasm');
      return outcome;
    }
  }
  return assert.fail('no call was cut off by a stack overflow');
}

// A verifier is made again, after a replacement, from its options as its constructor read
// them: copies, not the caller's object, which may have changed since. (The copy used to be
// structuredClone's, which refuses an object with a function member or a Proxy; the object
// itself was kept then, and a secret changed in it later became the rebuilt verifier's.)
test('seqino: a verifier rebuilt after a replacement has the options it was made with, whatever became of the object', async () => {
  const other = 'b'.repeat(64);
  const signedWithOther = { 'x-seqino-signature': api.signSeqino(Buffer.from(seqinoBody), other) };
  const opts = { secret: SEQINO_SECRET, onDelivery() {} }; // a function member: structuredClone refuses it
  const changed = new api.SeqinoVerifier(opts);
  const options = new Proxy({ secret: [SEQINO_SECRET] }, {}); // a Proxy: structuredClone refuses it too
  const proxied = new api.SeqinoVerifier(options);
  const inherited = new api.SeqinoVerifier(Object.create({ secret: SEQINO_SECRET })); // read through the prototype
  opts.secret = other;
  options.secret[0] = other;
  const gone = { secret: SEQINO_SECRET, get maxBodyBytes() { return 1 << 20; } };
  const emptied = new api.SeqinoVerifier(gone);
  gone.secret = '';
  cutOnce(() => PROVIDERS.seqino.call(changed));
  await null; // replaced
  for (const [name, v] of Object.entries({ changed, proxied, inherited, emptied })) {
    assert.equal(v.isValid(seqinoBody, seqinoHeaders), true, `${name}: its own secret`);
    assert.equal(v.isValid(seqinoBody, signedWithOther), false, `${name}: not the secret put in the object later`);
  }
});

// A header getter runs while the wasm waits on it, and may call the same provider again. The
// instance is never replaced under the call still running: it would go on in the old instance
// while the glue handed it the new one's memory ("memory access out of bounds").
test('seqino: a call cut off inside a header getter does not replace the instance under the call that runs the getter', async () => {
  const v = PROVIDERS.seqino.make();
  let cut;
  const headers = {
    get 'x-seqino-signature'() {
      cut = cutOnce(() => api.signSeqino('y', 'k')); // cut off inside the wasm, in the getter
      api.signSeqino('y', 'k'); // another call, while the outer one runs
      return seqinoHeaders['x-seqino-signature'];
    },
  };
  assert.equal(v.verify(seqinoBody, headers).event_id, 'evt_1', 'the outer call ends as it would have');
  assert.ok(cut instanceof RangeError);
  await null;
  assert.equal(PROVIDERS.seqino.valid(v), PROVIDERS.seqino.expect);
  assert.equal(PROVIDERS.seqino.valid(PROVIDERS.seqino.make()), PROVIDERS.seqino.expect);
});

// free() from a header getter, of the verifier whose call runs the getter: wasm-bindgen refused
// to free a place still borrowed, with a plain Error thrown through the wasm's frames.
test('seqino: free() of a verifier from a header getter of its own call frees it once the call has returned', () => {
  const p = PROVIDERS.seqino;
  for (const method of ['verify', 'isValid', 'explain']) {
    const v = p.make();
    const other = p.make();
    let freed = false;
    const headers = new Proxy(seqinoHeaders, {
      get(target, key) {
        if (!freed) { freed = true; v.free(); other.free(); }
        return Reflect.get(target, key);
      },
    });
    const answer = v[method](seqinoBody, headers);
    assert.equal(freed, true, `${method}: the getter ran`);
    assert.ok(answer === true || answer.event_id === 'evt_1' || answer.valid === true, `${method}: the call ends as it would have`);
    for (const gone of [v, other]) {
      assert.throws(() => p.valid(gone), (e) => e instanceof api.HooksealError && /freed/.test(e.message));
    }
    v.free();
    for (let i = 0; i < 3; i++) assert.equal(p.valid(p.make()), p.expect, `${method}: new verifiers after`);
  }
});
