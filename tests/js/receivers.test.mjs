// What a verifier's methods are called on (pkg-template/src/receivers.js): a method taken off
// its verifier, a verifier of another class or another copy of the package, a freed verifier, a
// copy of a verifier.
// Each gets a HooksealError `invalid_input` that says which, never wasm-bindgen's "null pointer
// passed to rust"; `free()` twice, or `free()` then the end of a `using` block, does nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const api = require('hookseal');
const manifest = JSON.parse(readFileSync(new URL('../../pkg/package.json', import.meta.url), 'utf8'));
const providers = Object.keys(manifest.exports).filter((k) => /^\.\/[a-z]+$/.test(k) && k !== './slim').map((k) => k.slice(2));

const VERIFIER = { seqino: 'SeqinoVerifier', treezor: 'TreezorVerifier', sepay: 'SepayVerifier', numeral: 'NumeralVerifier' };
const OPTIONS = {
  seqino: { secret: '7f3c9a1be2d44f0a8c6b5e1d2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c' },
  treezor: { secret: 'test_secret' },
  sepay: { mode: 'hmac', secret: 'whsec_receiver_tests' },
  numeral: { publicKeys: [generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' })] },
};
// The methods the wasm runs, with arguments each accepts (the answer does not matter here).
const METHODS = ['verify', 'isValid', 'explain', 'verifySignature'];
const args = ['{}', {}, {}];

/** A valid Seqino delivery, to show the instance still works after every refusal. */
function seqinoDelivery() {
  const body = '{"event_id":"evt_1","event_type":"webhook.test","timestamp":"2026-03-01T10:00:00Z","sponsor_id":"sandbox-1","data":{"test_id":"t"}}';
  return { body, headers: { 'x-seqino-signature': createHmac('sha256', OPTIONS.seqino.secret).update(body).digest('hex') } };
}

function refused(call, provider, pattern, what) {
  try {
    call();
  } catch (e) {
    assert.ok(e instanceof api.HooksealError, `${what}: ${e && e.stack}`);
    assert.equal(e.code, 'invalid_input', what);
    assert.equal(e.provider, provider, what);
    assert.match(e.message, pattern, what);
    assert.ok(e.hint && e.hint.length > 20, what);
    return e;
  }
  assert.fail(`${what} should throw`);
}

test('a method taken off its verifier, or called on something else, says so', () => {
  for (const p of providers) {
    const v = new api[VERIFIER[p]](OPTIONS[p]);
    const other = providers.find((o) => o !== p);
    for (const method of METHODS) {
      if (typeof v[method] !== 'function') continue;
      const detached = v[method];
      const e = refused(() => detached(...args), p, new RegExp(`^${method}\\(\\) was called on no verifier .*, not on a ${VERIFIER[p]}$`), `${p} ${method} detached`);
      assert.match(e.hint, new RegExp(`verifier\\.${method}\\.bind\\(verifier\\)`));
      // Its stack starts at the method too (methods.js).
      assert.match(e.stack.split('\n')[1], new RegExp(`at (\\S+\\.)?${method} \\(`), e.stack);
      refused(() => detached.call({}, ...args), p, /was called on another object/, `${p} ${method} on {}`);
      // (A number, or the Number object it is boxed into where the wrapper is not strict code.)
      refused(() => detached.call(42, ...args), p, /was called on a [nN]umber/, `${p} ${method} on 42`);
      refused(() => detached.call(new api[VERIFIER[other]](OPTIONS[other]), ...args), p,
        new RegExp(`was called on a ${VERIFIER[other]}, not on a ${VERIFIER[p]}`), `${p} ${method} on a ${other} verifier`);
      // A proxy whose traps throw is described without asking it more than `instanceof` does.
      const cagey = new Proxy({}, { get() { throw new Error('no'); } });
      refused(() => detached.call(cagey, ...args), p, /another object/, `${p} ${method} on a proxy`);
    }
    refused(() => v.free.call(undefined), p, /^free\(\) was called on no verifier/, `${p} free detached`);
  }
  const { body, headers } = seqinoDelivery();
  assert.equal(new api.SeqinoVerifier(OPTIONS.seqino).verify(body, headers).event_id, 'evt_1');
});

test('every method of a freed verifier says it was freed; isValid too', async () => {
  for (const p of providers) {
    const v = new api[VERIFIER[p]](OPTIONS[p]);
    v.free();
    for (const method of METHODS) {
      if (typeof v[method] !== 'function') continue;
      refused(() => v[method](...args), p, new RegExp(`^${method}\\(\\) was called on a ${VERIFIER[p]} that was freed$`), `${p} ${method} freed`);
    }
    const request = new Request('http://127.0.0.1/hook', { method: 'POST', body: '{}' });
    await assert.rejects(v.verifyRequest(request), (e) => e instanceof api.HooksealError && /^verifyRequest\(\) was called on a \w+ that was freed$/.test(e.message));
    assert.equal(request.bodyUsed, false, 'refused before the request is read');
  }
});

test('free() twice, or free() then the end of a using block, does nothing the second time', () => {
  for (const p of providers) {
    const v = new api[VERIFIER[p]](OPTIONS[p]);
    assert.equal(v[Symbol.dispose], v.free, `${p}: Symbol.dispose is free`);
    v.free();
    v.free();
    v[Symbol.dispose]();
    const w = new api[VERIFIER[p]](OPTIONS[p]);
    w[Symbol.dispose]();
    w.free();
  }
  const { body, headers } = seqinoDelivery();
  assert.equal(new api.SeqinoVerifier(OPTIONS.seqino).verify(body, headers).event_id, 'evt_1');
});

test("a verifier of another copy of the package is refused by this one's methods, and works with its own", async () => {
  // The browser build has its own classes and wasm instance, as another version would.
  const browser = await import('../../pkg/browser.mjs');
  assert.notEqual(browser.SeqinoVerifier, api.SeqinoVerifier);
  const theirs = new browser.SeqinoVerifier(OPTIONS.seqino);
  refused(() => api.SeqinoVerifier.prototype.verify.call(theirs, '{}', {}), 'seqino', /^verify\(\) was called on a SeqinoVerifier of another copy of the package$/, 'another copy');
  const { body, headers } = seqinoDelivery();
  assert.equal(theirs.verify(body, headers).event_id, 'evt_1');
  assert.equal(new api.SeqinoVerifier(OPTIONS.seqino).verify(body, headers).event_id, 'evt_1');
});

test("a subclass's instances are verifiers", () => {
  class AppVerifier extends api.SeqinoVerifier {
    verifyDelivery({ body, headers }) { return this.verify(body, headers); }
  }
  const v = new AppVerifier(OPTIONS.seqino);
  assert.equal(v.verifyDelivery(seqinoDelivery()).event_id, 'evt_1');
  assert.equal(v.isValid('{}', {}), false);
  v.free();
  v.free();
});

test('a copy of a verifier, or an object made from its prototype, is refused: never the memory of the one it was copied from', async () => {
  const { body, headers } = seqinoDelivery();
  for (const p of providers) {
    const v = new api[VERIFIER[p]](OPTIONS[p]);
    // What deep-cloning libraries make (lodash's cloneDeep): the prototype, the own members
    // (`__wbg_ptr`, the place in the wasm's memory), but not what the constructor made.
    const copy = Object.assign(Object.create(Object.getPrototypeOf(v)), v);
    assert.equal(copy.__wbg_ptr, v.__wbg_ptr, 'the copy carries the place');
    const bare = Object.create(api[VERIFIER[p]].prototype);
    const notMade = new RegExp(`was called on an object that inherits ${VERIFIER[p]}'s methods but was not made by new ${VERIFIER[p]}\\(\\)`);
    for (const self of [copy, bare]) {
      for (const method of METHODS) {
        if (typeof v[method] !== 'function') continue;
        refused(() => self[method](...args), p, notMade, `${p} ${method} on a copy`);
      }
      await assert.rejects(self.verifyRequest(new Request('http://127.0.0.1/hook', { method: 'POST', body: '{}' })),
        (e) => e instanceof api.HooksealError && notMade.test(e.message));
    }
    // Freed through the original, the copy's free() is refused, not a second free of the same
    // place (which broke the allocator for every verifier made after it).
    v.free();
    refused(() => copy.free(), p, notMade, `${p} free of a copy`);
    refused(() => copy.isValid(...args), p, notMade, `${p} isValid of a copy of a freed verifier`);
    for (let i = 0; i < 3; i++) assert.equal(new api.SeqinoVerifier(OPTIONS.seqino).verify(body, headers).event_id, 'evt_1');
  }
});
