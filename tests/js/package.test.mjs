// The package's shape: one wasm per provider behind `hookseal/<provider>`, the root entry
// re-exporting them all, ONE HooksealError class everywhere, bundlers dropping the providers
// a user never imports, and the slim entry taking one .wasm per provider.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));
const pkgDir = `${root}pkg/`;
const manifest = JSON.parse(readFileSync(`${pkgDir}package.json`, 'utf8'));
// The providers this build has (a provider whose bindings are not written yet is not built).
const providers = Object.keys(manifest.exports).filter((k) => /^\.\/[a-z]+$/.test(k) && k !== './slim').map((k) => k.slice(2));
const VERIFIER = { seqino: 'SeqinoVerifier', treezor: 'TreezorVerifier', sepay: 'SepayVerifier', numeral: 'NumeralVerifier' };

/** The error a verifier's constructor throws for options that are not an object. */
function refusal(Verifier) {
  try { new Verifier(42); } catch (e) { return e; }
  assert.fail(`new ${Verifier.name}(42) should throw`);
}

test('every provider has its own wasm, entries and declarations', () => {
  assert.ok(providers.length >= 3, providers.join());
  for (const p of providers) {
    for (const f of [`hookseal_${p}_bg.wasm`, `${p}.node.cjs`, `${p}.node.mjs`, `${p}.browser.mjs`, `${p}.workerd.mjs`, `${p}.edge-light.mjs`, `${p}.d.ts`, `${p}.d.cts`]) {
      assert.ok(existsSync(pkgDir + f), f);
    }
    // The same runtime conditions as the root entry, in the same order.
    assert.deepEqual(Object.keys(manifest.exports[`./${p}`]), Object.keys(manifest.exports['.']));
    assert.equal(manifest.exports[`./hookseal_${p}_bg.wasm`], `./hookseal_${p}_bg.wasm`);
  }
  assert.equal(manifest.sideEffects, false);
});

test('hookseal/<provider> exports that provider only, the same classes as the root entry', async () => {
  const rootCjs = require('hookseal');
  const rootEsm = await import('hookseal');
  for (const p of providers) {
    const cjs = require(`hookseal/${p}`);
    const esm = await import(`hookseal/${p}`);
    assert.deepEqual(Object.keys(esm).sort(), Object.keys(cjs).sort(), p);
    assert.ok(cjs[VERIFIER[p]], `${p} exports ${VERIFIER[p]}`);
    for (const other of providers.filter((o) => o !== p)) assert.equal(cjs[VERIFIER[other]], undefined, `${p} must not carry ${other}`);
    for (const name of Object.keys(cjs)) {
      assert.equal(cjs[name], rootCjs[name], `require: ${name}`);
      assert.equal(esm[name], rootEsm[name], `import: ${name}`);
    }
  }
});

test('ONE HooksealError: errors of every provider, required or imported, root or subpath', async () => {
  const { HooksealError } = require('hookseal');
  assert.equal((await import('hookseal')).HooksealError, HooksealError);
  for (const p of providers) {
    for (const api of [require(`hookseal/${p}`), await import(`hookseal/${p}`)]) {
      assert.equal(api.HooksealError, HooksealError);
      const e = refusal(api[VERIFIER[p]]);
      assert.ok(e instanceof HooksealError, p);
      assert.ok(e instanceof Error);
      assert.equal(e.name, 'HooksealError');
      assert.equal(e.provider, p);
      assert.equal(e.code, 'invalid_input');
    }
  }
});

test('the ESM builds (browser, Deno) share one HooksealError across providers too', async () => {
  const rootBrowser = await import(`${pkgDir}browser.mjs`);
  for (const p of providers) {
    const api = await import(`${pkgDir}${p}.browser.mjs`);
    assert.equal(api[VERIFIER[p]], rootBrowser[VERIFIER[p]]);
    assert.ok(refusal(api[VERIFIER[p]]) instanceof rootBrowser.HooksealError, p);
  }
});

test('a bundler keeps only the providers a user imports from the root entry', async () => {
  const { build } = await import('esbuild');
  const bundle = async (code) => (await build({
    stdin: { contents: code, resolveDir: root }, bundle: true, write: false, format: 'esm',
    platform: 'browser', logLevel: 'silent',
  })).outputFiles[0].text;
  const [one] = providers;
  const text = await bundle(`import { ${VERIFIER[one]} } from 'hookseal'; console.log(new ${VERIFIER[one]}({ secret: 's' }));`);
  assert.ok(text.includes(`${VERIFIER[one]}`));
  for (const other of providers.slice(1)) assert.ok(!text.includes(VERIFIER[other]), `${other} was not dropped`);
  // That provider's module and the shared one (HooksealError, the helpers, the method
  // wrappers), with a little of the root entry: nothing of another provider's ~100 kB or more.
  const own = readFileSync(`${pkgDir}${one}.browser.mjs`, 'utf8').length;
  const shared = readFileSync(`${pkgDir}shared.mjs`, 'utf8').length;
  assert.ok(text.length < own + shared + 2048, `bundle ${text.length} B vs ${one}.browser.mjs ${own} B + shared.mjs ${shared} B`);
});

test('slim: one .wasm per provider, the API of those initialized, the shared HooksealError', async () => {
  const { init } = await import('hookseal/slim');
  const { HooksealError } = require('hookseal');
  await assert.rejects(init(readFileSync(`${pkgDir}hookseal_${providers[0]}_bg.wasm`)),
    (e) => e instanceof HooksealError && e.code === 'invalid_input' && /per provider/.test(e.message + e.hint));
  await assert.rejects(init({ nope: undefined }), (e) => e instanceof HooksealError && /unknown provider/.test(e.message));
  const [first, second] = providers;
  const api = await init({ [first]: readFileSync(`${pkgDir}hookseal_${first}_bg.wasm`) });
  assert.equal(api.HooksealError, HooksealError);
  assert.ok(api[VERIFIER[first]]);
  assert.equal(api[VERIFIER[second]], undefined);
  assert.ok(refusal(api[VERIFIER[first]]) instanceof HooksealError);
  // A compiled module works too, and later calls add providers.
  const module = new WebAssembly.Module(readFileSync(`${pkgDir}hookseal_${second}_bg.wasm`));
  const both = await init({ [second]: module });
  assert.ok(both[VERIFIER[first]] && both[VERIFIER[second]]);
});

test('the declarations of the subpaths and of slim type-check (tsc --strict, nodenext)', { skip: !existsSync(`${root}node_modules/.bin/tsc`) && 'tsc not installed' }, () => {
  const dir = `${root}tests/js/.tmp/types/`;
  mkdirSync(dir, { recursive: true });
  const [one, two] = providers;
  writeFileSync(`${dir}subpaths.mts`, `
import { ${VERIFIER[one]}, HooksealError } from 'hookseal/${one}';
import type { Body, HeaderBag } from 'hookseal/${one}';
import * as all from 'hookseal';
import { init } from 'hookseal/slim';
// @ts-expect-error a provider entry declares that provider only
import { ${VERIFIER[two]} } from 'hookseal/${one}';
const same: typeof all.HooksealError = HooksealError;
const ctor: typeof all.${VERIFIER[one]} = ${VERIFIER[one]};
const b: Body = 'x'; const h: HeaderBag = {};
const api = await init({ ${one}: new Uint8Array() });
const e: unknown = null;
if (e instanceof api.HooksealError) { const code: string = e.code; void code; }
void same, ctor, b, h, ${VERIFIER[two]};
export {};
`);
  writeFileSync(`${dir}subpaths.cts`, `
import seqino = require('hookseal/${one}');
import all = require('hookseal');
const same: typeof all.HooksealError = seqino.HooksealError;
void same;
`);
  const r = spawnSync(`${root}node_modules/.bin/tsc`, [
    '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--target', 'es2022', '--lib', 'esnext,dom', '--types', '', `${dir}subpaths.mts`, `${dir}subpaths.cts`,
  ], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test("require('hookseal') compiles a provider's wasm only when one of its exports is first read", () => {
  const [one, ...others] = providers;
  const code = `
    const loaded = () => Object.keys(require.cache).map((f) => require('node:path').basename(f)).filter((f) => /^[a-z]+\\.node\\.cjs$/.test(f)).sort();
    const hs = require('hookseal');
    const before = loaded();
    const V = hs.${VERIFIER[one]};
    process.stdout.write(JSON.stringify({ before, after: loaded(), same: V === require('hookseal/${one}').${VERIFIER[one]}, keys: Object.keys(hs) }));`;
  const r = spawnSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.before, []);
  assert.deepEqual(out.after, [`${one}.node.cjs`]);
  assert.ok(out.same);
  for (const p of others) assert.ok(out.keys.includes(VERIFIER[p]), `${VERIFIER[p]} is listed before it is loaded`);
});
