// Bundlers: esbuild (node, cjs and esm), webpack 5 (node and web) and Vite (browser: the
// default entry, and the slim entry whose .wasm Vite emits as an asset) bundle a consumer of the
// installed tarball; node bundles run with node from a directory with no node_modules (and
// .wasm reads forbidden), browser bundles run in Chromium. esbuild's browser bundle is in
// chromium.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import webpack from 'webpack';
import { build as viteBuild } from 'vite';
import { assertAnswers, here, prepared, project, workDir } from './harness.mjs';
import { config, deliveriesFor, providersOf } from './deliveries.mjs';
import { launchChromium, runInPage, serveDir, writePage } from './browser.mjs';

prepared();
const providers = providersOf(createRequire(path.join(project, 'package.json'))('hookseal'));
const nodeDeliveries = deliveriesFor(providers, 'http://127.0.0.1:8787');

/** Runs a bundle with node, alone in its directory, .wasm reads forbidden. */
function runNodeBundle(file) {
  const out = execFileSync(process.execPath, ['--require', path.join(here, 'consumer/deny-wasm-reads.cjs'), file], {
    cwd: path.dirname(file),
    env: { ...process.env, HOOKSEAL_TEST_INPUT: JSON.stringify({ config, deliveries: nodeDeliveries }) },
    encoding: 'utf8', timeout: 30000,
  });
  return JSON.parse(out);
}

function hooksealInputs(files) {
  return files.filter((f) => f.includes('node_modules/hookseal/')).map((f) => path.basename(f)).sort();
}
// The package files a bundle of the root entry takes for a runtime: the root file, every
// provider's file (the consumer uses them all) and the shared module.
const entryFiles = (root, runtime, shared) => [...root, ...providers.map((p) => `${p}.${runtime}`), shared].sort();
const NODE_FILES = entryFiles(['node.cjs', 'node.mjs'], 'node.cjs', 'shared.cjs');
const BROWSER_FILES = entryFiles(['browser.mjs'], 'browser.mjs', 'shared.mjs');

for (const format of ['cjs', 'esm']) {
  test(`esbuild, platform node, format ${format}: the bundle runs alone`, async () => {
    const dir = workDir(`esbuild-node-${format}`);
    const outfile = path.join(dir, format === 'esm' ? 'bundle.mjs' : 'bundle.cjs');
    const result = await build({
      entryPoints: [path.join(project, 'consumer/node-bundle-entry.js')], outfile,
      bundle: true, platform: 'node', format, target: 'node18', logLevel: 'silent', metafile: true,
    });
    assert.deepEqual(hooksealInputs(Object.keys(result.metafile.inputs)), NODE_FILES);
    assertAnswers(nodeDeliveries, runNodeBundle(outfile).answers, `esbuild node ${format}`);
  });
}

function webpackBuild(options) {
  return new Promise((resolve, reject) => {
    // Size hints are about the inlined wasm, which is the point of the entry (slim avoids it).
    webpack({ mode: 'production', context: project, devtool: false, performance: { hints: false }, ...options }, (err, stats) => {
      if (err) return reject(err);
      const info = stats.toJson({ all: false, errors: true, warnings: true, modules: true, nestedModules: true, assets: true });
      if (stats.hasErrors()) return reject(new Error(info.errors.map((e) => e.message).join('\n')));
      resolve(info);
    });
  });
}
const webpackInputs = (info) => hooksealInputs(info.modules.flatMap((m) => [m.name, ...(m.modules ?? []).map((n) => n.name)]).filter(Boolean));

test('webpack 5, target node: the bundle runs alone', async () => {
  const dir = workDir('webpack-node');
  const info = await webpackBuild({
    target: 'node18', entry: './consumer/node-bundle-entry.js',
    output: { path: dir, filename: 'bundle.cjs' },
  });
  assert.deepEqual(info.warnings, []);
  assert.deepEqual(webpackInputs(info), NODE_FILES);
  assert.deepEqual(fs.readdirSync(dir), ['bundle.cjs'], 'nothing but the bundle is emitted');
  assertAnswers(nodeDeliveries, runNodeBundle(path.join(dir, 'bundle.cjs')).answers, 'webpack node');
});

test('webpack 5, target web: the bundle verifies every provider in Chromium', { timeout: 90000 }, async (t) => {
  const context = await launchChromium(t);
  if (!context) return;
  const dir = workDir('webpack-web');
  const info = await webpackBuild({
    target: 'web', entry: './consumer/browser-page.js',
    output: { path: dir, filename: 'page.js' },
  });
  assert.deepEqual(info.warnings, []);
  assert.deepEqual(webpackInputs(info), BROWSER_FILES);
  writePage(dir, 'page.js', { classic: true });
  const { base } = await serveDir(t, dir);
  const deliveries = deliveriesFor(providers, base);
  assertAnswers(deliveries, (await runInPage(context, base + '/', { config, deliveries })).answers, 'webpack web');
  assert.deepEqual(fs.readdirSync(dir).sort(), ['index.html', 'page.js'], 'nothing but the bundle is emitted');
});

async function viteBrowserBuild(name, entry) {
  const dir = workDir(name);
  const result = await viteBuild({
    root: project, configFile: false, logLevel: 'silent',
    build: {
      outDir: dir, emptyOutDir: true, modulePreload: false, chunkSizeWarningLimit: 10_000,
      rollupOptions: { input: path.join(project, entry), output: { entryFileNames: 'page.js', assetFileNames: '[name]-[hash][extname]' } },
    },
  });
  const output = (Array.isArray(result) ? result[0] : result).output;
  const inputs = output.flatMap((o) => Object.keys(o.modules ?? {}));
  return { dir, inputs: hooksealInputs(inputs), files: fs.readdirSync(dir).sort() };
}

test('Vite, browser build: the default entry verifies every provider in Chromium, no .wasm emitted', { timeout: 90000 }, async (t) => {
  const context = await launchChromium(t);
  if (!context) return;
  const { dir, inputs, files } = await viteBrowserBuild('vite-browser', 'consumer/browser-page.js');
  assert.deepEqual(inputs, BROWSER_FILES);
  assert.deepEqual(files, ['page.js']);
  writePage(dir, 'page.js');
  const { base } = await serveDir(t, dir);
  const deliveries = deliveriesFor(providers, base);
  assertAnswers(deliveries, (await runInPage(context, base + '/', { config, deliveries })).answers, 'vite browser');
});

test('Vite, browser build: slim init() with no argument loads the .wasm files Vite emitted', { timeout: 90000 }, async (t) => {
  const context = await launchChromium(t);
  if (!context) return;
  const { dir, inputs, files } = await viteBrowserBuild('vite-slim', 'consumer/slim-default-page.js');
  assert.deepEqual(inputs, ['shared.mjs', 'slim.mjs']);
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  assert.deepEqual(wasm.map((f) => f.replace(/-[\w-]{8}\.wasm$/, '.wasm') /* Vite's hash: 8 base64url characters, '-' included */).sort(), providers.map((p) => `hookseal_${p}_bg.wasm`).sort(),
    `one .wasm asset per provider: ${files}`);
  writePage(dir, 'page.js');
  const { base, requests } = await serveDir(t, dir);
  const deliveries = deliveriesFor(providers, base);
  assertAnswers(deliveries, (await runInPage(context, base + '/', { config, deliveries })).answers, 'vite slim');
  assert.deepEqual(requests.filter((r) => r.endsWith('.wasm')).sort(), wasm.map((f) => `/${f}`).sort());
});
