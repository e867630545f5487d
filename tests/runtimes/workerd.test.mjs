// Cloudflare workerd, the real binary from npm `workerd`: a Worker bundled by esbuild the way
// wrangler bundles (conditions workerd/worker/browser, .wasm kept as an imported module), served
// on a free 127.0.0.1 port and called with real HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { assertAnswers, binary, freePort, installed, prepared, project, sendOverHttp, startProcess, waitForHttp, workDir } from './harness.mjs';
import { config, deliveriesFor, providersOf } from './deliveries.mjs';
import { createRequire } from 'node:module';

prepared();
const providers = providersOf(createRequire(path.join(project, 'package.json'))('hookseal'));

/** Bundles `entry` for workerd with the given conditions; returns the directory. */
async function bundleWorker(name, entry, conditions) {
  const dir = workDir(name);
  const result = await build({
    entryPoints: [path.join(project, entry)],
    outfile: path.join(dir, 'worker.mjs'),
    bundle: true, format: 'esm', platform: 'neutral', target: 'es2022',
    conditions, mainFields: ['module', 'main'],
    external: ['*.wasm'], logLevel: 'silent', metafile: true,
  });
  fs.copyFileSync(path.join(installed, 'hookseal_bg.wasm'), path.join(dir, 'hookseal_bg.wasm'));
  const inputs = Object.keys(result.metafile.inputs).filter((f) => f.includes('node_modules/hookseal/'));
  return { dir, inputs };
}

/** A workerd config serving worker.mjs (+ the .wasm module) on 127.0.0.1:port. */
function writeConfig(dir, port) {
  const capnp = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "hookseal_bg.wasm", wasm = embed "hookseal_bg.wasm"),
  ],
  compatibilityDate = "2025-01-01",
  bindings = [ (name = "CONFIG", json = ${JSON.stringify(JSON.stringify(config))}) ],
);
`;
  fs.writeFileSync(path.join(dir, 'config.capnp'), capnp);
  return path.join(dir, 'config.capnp');
}

test('workerd: the workerd entry verifies every provider over HTTP (200/401/400)', { timeout: 60000 }, async (t) => {
  const workerd = binary(t, 'workerd');
  if (!workerd) return;
  const { dir, inputs } = await bundleWorker('workerd', 'consumer/worker.js', ['workerd', 'worker', 'browser']);
  assert.ok(inputs.some((f) => f.endsWith('node_modules/hookseal/workerd.mjs')), `bundled ${inputs}`);
  const port = await freePort();
  const proc = startProcess(t, workerd, ['serve', writeConfig(dir, port)], { cwd: dir });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(base + '/providers', proc);
  assert.deepEqual((await (await fetch(base + '/providers')).json()).providers, providers);
  const deliveries = deliveriesFor(providers, base);
  assertAnswers(deliveries, await sendOverHttp(base, deliveries), 'workerd');
  await proc.stop();
});

test('control: workerd refuses the browser entry (wasm compiled from bytes), so the test above means something', { timeout: 60000 }, async (t) => {
  const workerd = binary(t, 'workerd');
  if (!workerd) return;
  const { dir, inputs } = await bundleWorker('workerd-browser-entry', 'consumer/worker.js', ['browser']);
  assert.ok(inputs.some((f) => f.endsWith('node_modules/hookseal/browser.mjs')), `bundled ${inputs}`);
  const port = await freePort();
  const proc = startProcess(t, workerd, ['serve', writeConfig(dir, port)], { cwd: dir });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20000;
  while (!/code generation disallowed/i.test(proc.output()) && Date.now() < deadline) {
    if (proc.child.exitCode !== null) break;
    try { await (await fetch(base + '/providers', { signal: AbortSignal.timeout(1000) })).text(); } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.match(proc.output(), /Wasm code generation disallowed by embedder/i);
  await proc.stop();
});
