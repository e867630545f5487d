// Cloudflare workerd, the real binary from npm `workerd`: a Worker bundled by esbuild the way
// wrangler bundles (conditions workerd/worker/browser, .wasm kept as an imported module), served
// on a free 127.0.0.1 port and called with real HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  assertAnswers, binary, bundleForWorkerd, freePort, jsonBinding, moduleWorker, prepared, project,
  sendOverHttp, startProcess, waitForHttp, writeWorkerdConfig,
} from './harness.mjs';
import { config, deliveriesFor, providersOf } from './deliveries.mjs';
import { createRequire } from 'node:module';

prepared();
const providers = providersOf(createRequire(path.join(project, 'package.json'))('hookseal'));

function writeConfig(dir, port) {
  return writeWorkerdConfig(dir, port, moduleWorker([jsonBinding('CONFIG', config)]));
}

test('workerd: the workerd entry verifies every provider over HTTP (200/401/400)', { timeout: 60000 }, async (t) => {
  const workerd = binary(t, 'workerd');
  if (!workerd) return;
  const { dir, inputs } = await bundleForWorkerd('workerd', 'consumer/worker.js', ['workerd', 'worker', 'browser']);
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
  const { dir, inputs } = await bundleForWorkerd('workerd-browser-entry', 'consumer/worker.js', ['browser']);
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
