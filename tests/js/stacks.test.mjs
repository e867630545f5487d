// Where a HooksealError's stack trace starts (pkg-template/src/methods.js): at the public method
// the caller called, then the caller, with none of the package's insides (`makeError`,
// wasm-bindgen's shim, `wasm-function[…]` frames) and without the wasm's frames captured at
// all. Every provider, every method that throws, required and imported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { types } from 'node:util';

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('../../pkg/package.json', import.meta.url), 'utf8'));
const providers = Object.keys(manifest.exports).filter((k) => /^\.\/[a-z]+$/.test(k) && k !== './slim').map((k) => k.slice(2));

const VERIFIER = { seqino: 'SeqinoVerifier', treezor: 'TreezorVerifier', sepay: 'SepayVerifier', numeral: 'NumeralVerifier' };
const numeralKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' });
const OPTIONS = {
  seqino: { secret: '7f3c9a1be2d44f0a8c6b5e1d2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c' },
  treezor: { secret: 'test_secret' },
  sepay: { mode: 'hmac', secret: 'whsec_stack_tests' },
  numeral: { publicKeys: [numeralKey] },
};
// Each provider's free functions that throw, with arguments they refuse (an empty secret).
const FUNCTIONS = { seqino: ['signSeqino'], treezor: ['signTreezor'], sepay: ['signSepay'], numeral: [] };

const apis = async () => [
  ['require', require('hookseal')],
  ['import', await import('hookseal')],
];

/** The error `call` throws, asserted to be a HooksealError a user can rely on. */
function thrown(api, call, what) {
  try {
    call();
  } catch (e) {
    assert.ok(e instanceof api.HooksealError, `${what}: ${e}`);
    assert.ok(types.isNativeError(e), `${what}: a real Error`);
    assert.equal(e.name, 'HooksealError');
    assert.match(e.code, /^[a-z_]+$/, what);
    assert.ok(e.message.length > 0 && e.provider.length > 0, what);
    return e;
  }
  assert.fail(`${what} should throw`);
}

/** The frames of a stack, without its first line (the error's name and message). */
const frames = (e) => e.stack.split('\n').slice(e.stack.split('\n').findIndex((l) => /^\s+at /.test(l)));

function assertStartsAt(e, method, caller, what) {
  const f = frames(e);
  assert.equal(e.stack.split('\n')[0], `HooksealError: ${e.message}`, what);
  assert.match(f[0], new RegExp(`^\\s+at (\\w+\\.)?${method} \\(`), `${what}: the first frame is the method called\n${e.stack}`);
  assert.match(f[1], new RegExp(`\\b${caller}\\b`), `${what}: then its caller\n${e.stack}`);
  for (const line of f) assert.doesNotMatch(line, /wasm-function|wasm:\/\/|makeError|__wbg/, `${what}: no frame of the package's insides\n${e.stack}`);
}

test("every method's and function's HooksealError starts its stack there, then the caller", async () => {
  // Every export the wasm runs, so a method or function added to the glue and left unwrapped
  // (its error would come out as bare fields) fails here.
  const JS_HELPERS = new Set(['HooksealError', 'readRawBody', 'verifyNodeRequest', '__wasmMemoryBytes']);
  for (const [how, api] of await apis()) {
    for (const p of providers) {
      const entry = how === 'require' ? require(`hookseal/${p}`) : await import(`hookseal/${p}`);
      let called = 0;
      for (const [name, value] of Object.entries(entry)) {
        if (JS_HELPERS.has(name) || typeof value !== 'function') continue;
        if (name === VERIFIER[p]) {
          const v = new value(OPTIONS[p]);
          // The public class extends the glue's, whose prototype holds the methods.
          const methods = new Set();
          for (let proto = value.prototype; proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
            for (const m of Object.getOwnPropertyNames(proto)) methods.add(m);
          }
          for (const method of methods) {
            if (method === 'constructor' || method === 'free' || method.startsWith('__') || method === 'verifyRequest') continue;
            const what = `${how} ${p} ${method}`;
            // A body that is no body: every method refuses it, but isValid, which says false.
            if (method === 'isValid') { assert.equal(v.isValid(42, {}, {}), false, what); continue; }
            const e = thrown(api, function callsTheMethod() { v[method](42, {}, {}); }, what);
            assert.equal(e.code, 'invalid_input', what);
            assertStartsAt(e, method, 'callsTheMethod', what);
            called++;
          }
        } else {
          const what = `${how} ${name}`;
          let e;
          try { value(42, '', 42); } catch (err) { e = err; }
          if (e === undefined) continue; // it took these (validateSepayWebhookConfig reports, not throws)
          assert.ok(e instanceof api.HooksealError, `${what}: ${e && e.stack}`);
          e = thrown(api, function callsTheFunction() { value(42, '', 42); }, what);
          assertStartsAt(e, name, 'callsTheFunction', what);
          called++;
        }
      }
      assert.ok(called >= 2, `${how} ${p}: ${called} exports called`);
    }
  }
});

test('a refused delivery, the usual HooksealError, starts its stack at verify too', async () => {
  const api = require('hookseal');
  const seqino = new api.SeqinoVerifier(OPTIONS.seqino);
  const body = '{"event_id":"evt_1","event_type":"webhook.test","timestamp":"2026-03-01T10:00:00Z","data":{"test_id":"t"}}';
  const forged = { 'x-seqino-signature': api.signSeqino(body, OPTIONS.seqino.secret).replace(/^./, (c) => (c === '0' ? '1' : '0')) };
  const e = thrown(api, function handleWebhook() { seqino.verify(body, forged); }, 'forged');
  assert.equal(e.code, 'signature_mismatch');
  assert.equal(e.provider, 'seqino');
  assert.match(e.hint, /secret/);
  assertStartsAt(e, 'verify', 'handleWebhook', 'forged');

  const treezor = new api.TreezorVerifier(OPTIONS.treezor);
  const notJson = thrown(api, function handleTreezor() { treezor.verify('webhook=payin.create'); }, 'not JSON');
  assert.equal(notJson.code, 'invalid_json');
  assertStartsAt(notJson, 'verify', 'handleTreezor', 'not JSON');
});

test('through verifyRequest and verifyNodeRequest the stack starts at verify', async () => {
  const api = require('hookseal');
  const seqino = new api.SeqinoVerifier(OPTIONS.seqino);
  const request = new Request('http://127.0.0.1/hook', { method: 'POST', body: '{}', headers: { 'x-seqino-signature': '00'.repeat(32) } });
  const viaFetch = await seqino.verifyRequest(request).then(() => assert.fail('should reject'), (e) => e);
  assert.ok(viaFetch instanceof api.HooksealError);
  assert.match(frames(viaFetch)[0], /^\s+at (\w+\.)?verify \(/, viaFetch.stack);
  for (const line of frames(viaFetch)) assert.doesNotMatch(line, /wasm-function|wasm:\/\/|makeError/, viaFetch.stack);

  const { Readable } = await import('node:stream');
  const req = Object.assign(Readable.from([Buffer.from('{}')]), { headers: { 'x-seqino-signature': '00'.repeat(32) } });
  const viaNode = await api.verifyNodeRequest(seqino, req).then(() => assert.fail('should reject'), (e) => e);
  assert.ok(viaNode instanceof api.HooksealError, String(viaNode));
  assert.match(frames(viaNode)[0], /^\s+at (\w+\.)?verify \(/, viaNode.stack);
});

test("a constructor's HooksealError is made where the wasm refuses the options, stack and all", async () => {
  for (const [how, api] of await apis()) {
    for (const p of providers) {
      const e = thrown(api, function configures() { new api[VERIFIER[p]](42); }, `${how} new ${VERIFIER[p]}(42)`);
      assert.equal(e.code, 'invalid_input');
      assert.ok(frames(e).some((l) => /\bconfigures\b/.test(l)), e.stack);
    }
  }
});

test('after method errors, a constructor error is still a HooksealError made where it happens', () => {
  const api = require('hookseal');
  const v = new api.SeqinoVerifier(OPTIONS.seqino);
  thrown(api, () => v.verify(42, {}), 'a method error');
  const e = thrown(api, function configures() { new api.SeqinoVerifier(42); }, 'then a constructor error');
  assert.ok(frames(e).some((l) => /\bconfigures\b/.test(l)), e.stack);
  thrown(api, () => v.verify(42, {}), 'and a method error again');
});

test("the caller's code run in the middle of a method gets HooksealErrors from the package too", () => {
  // verify reads the header bag while it runs: a getter of the caller's that configures a
  // verifier, or calls one, is handed a HooksealError, not the fields a method's wrapper turns
  // into one.
  const api = require('hookseal');
  const v = new api.SeqinoVerifier(OPTIONS.seqino);
  const other = new api.TreezorVerifier(OPTIONS.treezor);
  const seen = [];
  const headers = {
    get 'x-seqino-signature'() {
      seen.push(thrown(api, function configuresInAGetter() { new api.SeqinoVerifier(42); }, 'a constructor inside verify'));
      seen.push(thrown(api, function verifiesInAGetter() { other.verify('not json'); }, 'a method inside verify'));
      return '00'.repeat(32);
    },
  };
  const outer = thrown(api, function handleWebhook() { v.verify('{}', headers); }, 'the outer verify');
  assert.equal(outer.code, 'signature_mismatch');
  assertStartsAt(outer, 'verify', 'handleWebhook', 'the outer verify');
  assert.equal(seen.length, 2);
  assert.ok(frames(seen[0]).some((l) => /\bconfiguresInAGetter\b/.test(l)), seen[0].stack);
  // Its stack goes on through the outer verify's wasm frames, which called the getter.
  assert.match(frames(seen[1])[0], /^\s+at (\w+\.)?verify \(/, seen[1].stack);
  assert.match(frames(seen[1])[1], /\bverifiesInAGetter\b/, seen[1].stack);
});

test("the caller's Error.stackTraceLimit is the one that counts, and is left as it was", () => {
  const api = require('hookseal');
  const v = new api.SeqinoVerifier(OPTIONS.seqino);
  const before = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 2;
    const e = thrown(api, function limited() { v.verify(42, {}); }, 'limit 2');
    assert.equal(frames(e).length, 2, e.stack);
    assertStartsAt(e, 'verify', 'limited', 'limit 2');
    assert.equal(Error.stackTraceLimit, 2);
  } finally {
    Error.stackTraceLimit = before;
  }
});

test('wrapped methods keep their names and lengths', async () => {
  const api = require('hookseal');
  for (const p of providers) {
    const proto = api[VERIFIER[p]].prototype;
    assert.equal(proto.verify.name, 'verify');
    assert.ok(proto.verify.length >= 1, `${p} verify.length ${proto.verify.length}`);
    assert.equal(proto.explain.name, 'explain');
    for (const fn of FUNCTIONS[p]) assert.equal(api[fn].name, fn);
  }
  assert.equal(api.signSeqino.length, 2);
});
