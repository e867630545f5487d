// Chromium: the `browser` entry bundled by esbuild, and the `slim` entry fetching the .wasm from
// a URL, each verifying every provider inside a page served with a strict CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { assertAnswers, installed, prepared, project, wasmFiles, workDir } from './harness.mjs';
import { config, deliveriesFor, providersOf } from './deliveries.mjs';
import { launchChromium, runInPage, serveDir, writePage } from './browser.mjs';

prepared();
const providers = providersOf(createRequire(path.join(project, 'package.json'))('hookseal'));

async function esbuildPage(name, entry) {
  const dir = workDir(name);
  const result = await build({
    entryPoints: [path.join(project, entry)], outfile: path.join(dir, 'page.js'),
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'silent', metafile: true,
  });
  writePage(dir, 'page.js');
  const inputs = Object.keys(result.metafile.inputs).filter((f) => f.includes('node_modules/hookseal/'));
  return { dir, inputs, size: fs.statSync(path.join(dir, 'page.js')).size };
}

test('Chromium: the browser entry, bundled by esbuild, verifies every provider', { timeout: 90000 }, async (t) => {
  const context = await launchChromium(t);
  if (!context) return;
  const { dir, inputs } = await esbuildPage('chromium-browser', 'consumer/browser-page.js');
  assert.deepEqual(inputs.map((f) => path.basename(f)).sort(), ['browser.mjs', ...providers.map((p) => `${p}.browser.mjs`), 'shared.mjs'].sort());
  const { base, requests } = await serveDir(t, dir);
  const deliveries = deliveriesFor(providers, base);
  const out = await runInPage(context, base + '/', { config, deliveries });
  assert.deepEqual(out.providers, providers);
  assertAnswers(deliveries, out.answers, 'chromium browser entry');
  assert.ok(!requests.some((r) => r.endsWith('.wasm')), `the browser entry fetches nothing: ${requests}`);
});

test('Chromium: the slim entry, given a URL per provider, fetches each .wasm and verifies every provider', { timeout: 90000 }, async (t) => {
  const context = await launchChromium(t);
  if (!context) return;
  const { dir, inputs, size } = await esbuildPage('chromium-slim', 'consumer/slim-page.js');
  assert.deepEqual(inputs.map((f) => path.basename(f)).sort(), ['shared.mjs', 'slim.mjs']);
  // No inlined wasm: its bytes would start with "\0asm", "AGFzbQ" in base64, and the smallest
  // (Seqino's, ~103 kB) would put the bundle past 200 kB; the glue of the four providers alone
  // is ~100 kB.
  const page = fs.readFileSync(path.join(dir, 'page.js'), 'utf8');
  assert.ok(!page.includes('AGFzbQ') && size < 150_000, `the slim bundle inlines no wasm (${size} B)`);
  for (const f of wasmFiles()) fs.copyFileSync(path.join(installed, f), path.join(dir, f));
  const { base, requests } = await serveDir(t, dir);
  const deliveries = deliveriesFor(providers, base);
  const out = await runInPage(context, base + '/', { config, deliveries });
  assertAnswers(deliveries, out.answers, 'chromium slim entry');
  assert.deepEqual(requests.filter((r) => r.endsWith('.wasm')).sort(), wasmFiles().map((f) => `/${f}`));
});
