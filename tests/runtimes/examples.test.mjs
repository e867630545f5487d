// examples/, run the way their users run them, against the installed tarball:
//  - express: started as `node server.mjs`, real HTTP;
//  - node-http: plain node:http with verifyNodeRequest (Numeral), real HTTP;
//  - nextjs: the App Router route's POST(request) called in Node with real Requests (its edge
//    build runs in edge-light.test.mjs);
//  - cloudflare-worker: bundled as wrangler does, served by workerd, real HTTP;
//  - deno: type-checked by `deno check`, served by `deno run`, real HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  binary, bundleForWorkerd, freePort, prepared, project, sendOverHttp, startProcess,
  transpileExample, waitForHttp, workDir, writeWorkerdConfig, moduleWorker,
} from './harness.mjs';
import { config, deliveriesFor, signNumeral } from './deliveries.mjs';

prepared();
const statuses = (answers) => answers.map((a) => a.status);

test('examples/express: Treezor deliveries over HTTP get 200, refusals 500 (Treezor retries on 5xx)', { timeout: 60000 }, async (t) => {
  const port = await freePort();
  const proc = startProcess(t, process.execPath, ['examples/express/server.mjs'], {
    cwd: project, env: { ...process.env, TREEZOR_WEBHOOK_SECRET: config.treezor.secret, PORT: String(port) },
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(base + '/', proc);
  const deliveries = deliveriesFor(['treezor'], base).map((d) => ({ ...d, path: '/webhooks/treezor' }));
  const answers = await sendOverHttp(base, [...deliveries, deliveries[0]]);
  assert.deepEqual(statuses(answers), [200, 500, 500, 200], JSON.stringify(answers));
  assert.deepEqual(answers.slice(1, 3).map((a) => a.body.error), ['signature_mismatch', 'invalid_json']);
  assert.match(proc.output(), /payin 8513424: 17\.01/);
  assert.equal(proc.output().match(/payin 8513424/g).length, 1, 'the retry is deduplicated');
  await proc.stop();
});

test('examples/node-http: Numeral deliveries through verifyNodeRequest, URL from Host or PUBLIC_BASE_URL', { timeout: 60000 }, async (t) => {
  // Signed for the address the request reaches (Host header), and, for a server behind a
  // proxy, for its public URL: verified only with PUBLIC_BASE_URL set.
  for (const publicBase of [undefined, 'https://hooks.example.test']) {
    const port = await freePort();
    const env = { ...process.env, PORT: String(port), NUMERAL_PUBLIC_KEY: config.numeral.publicKeys[0] };
    if (publicBase) env.PUBLIC_BASE_URL = publicBase;
    const proc = startProcess(t, process.execPath, ['examples/node-http/server.mjs'], { cwd: project, env });
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(base + '/', proc);
    const deliveries = deliveriesFor(['numeral'], publicBase ?? base)
      .map((d) => ({ ...d, path: '/webhooks/numeral' }))
      // deliveriesFor signs for <base>/numeral: re-sign for the example's route.
      .map((d) => ({ ...d, headers: { ...d.headers, ...signNumeral(d.kind === 'tampered' ? d.original : d.body, `${publicBase ?? base}/webhooks/numeral`) } }));
    const answers = await sendOverHttp(base, [...deliveries, deliveries[0]]);
    assert.deepEqual(statuses(answers), [200, 401, 400, 200], `${publicBase ?? 'Host'}: ${JSON.stringify(answers)}`);
    assert.equal(answers[0].body.received, '35bb6411-290d-478e-a478-2f84146c2ddf');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(proc.output().match(/payment order 25102c0f-fc25-44e7-9402-cae6d61ad47f executed: 75000 EUR/g)?.length, 1, proc.output());
    await proc.stop();
  }
  // Too large: refused with 413 before the body is read.
  const port = await freePort();
  const proc = startProcess(t, process.execPath, ['examples/node-http/server.mjs'], { cwd: project, env: { ...process.env, PORT: String(port) } });
  await waitForHttp(`http://127.0.0.1:${port}/`, proc);
  const res = await fetch(`http://127.0.0.1:${port}/webhooks/numeral`, { method: 'POST', body: 'x'.repeat(600 * 1024) });
  assert.equal(res.status, 413);
  await proc.stop();
});

test('examples/nextjs: POST(request) in Node answers 200 / 401 / 400', async () => {
  const file = await transpileExample('examples/nextjs/app/api/webhooks/seqino/route.ts', 'consumer/gen/next-seqino-route.node.mjs');
  process.env.SEQINO_WEBHOOK_SECRET = config.seqino.secret;
  const route = await import(pathToFileURL(file).href);
  assert.equal(route.runtime, 'nodejs');
  const answers = [];
  const seqino = deliveriesFor(['seqino'], 'https://app.example.test');
  for (const d of seqino) {
    const res = await route.POST(new Request(`https://app.example.test/api/webhooks/seqino`, { method: 'POST', headers: d.headers, body: d.body }));
    answers.push({ status: res.status, body: await res.json() });
  }
  assert.deepEqual(statuses(answers), [200, 401, 400], JSON.stringify(answers));
  assert.deepEqual(answers[0].body, { received: seqino[0].expect.id });
  assert.equal(answers[1].body.error, 'signature_mismatch');
});

test('examples/cloudflare-worker: SePay deliveries in workerd get {"success": true} / 401 / 400', { timeout: 60000 }, async (t) => {
  const workerd = binary(t, 'workerd');
  if (!workerd) return;
  const { dir, inputs } = await bundleForWorkerd('example-worker', 'examples/cloudflare-worker/src/index.js');
  assert.ok(inputs.some((f) => f.endsWith('hookseal/workerd.mjs')), `bundled ${inputs}`);
  // The worker imports SePay only from the root entry: the bundle keeps SePay's wasm alone.
  const worker = fs.readFileSync(path.join(dir, 'worker.mjs'), 'utf8');
  assert.deepEqual(worker.match(/hookseal_\w+_bg\.wasm/g), ['hookseal_sepay_bg.wasm']);
  const port = await freePort();
  const capnp = writeWorkerdConfig(dir, port,
    moduleWorker([`(name = "SEPAY_WEBHOOK_SECRET", text = ${JSON.stringify(config.sepay.secret)})`]));
  const proc = startProcess(t, workerd, ['serve', capnp], { cwd: dir });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(base + '/', proc);
  const deliveries = deliveriesFor(['sepay'], base).map((d) => ({ ...d, path: '/webhooks/sepay' }));
  const answers = await sendOverHttp(base, deliveries);
  assert.deepEqual(statuses(answers), deliveries.map((d) => d.expect.status), JSON.stringify(answers));
  answers.filter((a) => a.status === 200).forEach((a) => assert.deepEqual(a.body, { success: true }));
  assert.deepEqual(answers.find((a) => a.status === 401).body, { success: false, error: 'signature_mismatch' });
  await proc.stop();
});

test('examples/deno: deno check, then Seqino deliveries over HTTP get 200 / 401 / 400, a retry 204', { timeout: 90000 }, async (t) => {
  const deno = binary(t, 'deno');
  if (!deno) return;
  const env = { ...process.env, DENO_DIR: workDir('example-deno-dir'), NO_COLOR: '1' };
  const flags = ['--node-modules-dir=manual', '--no-lock'];
  try {
    execFileSync(deno, ['check', ...flags, 'examples/deno/server.ts'], { cwd: project, env, stdio: 'pipe', timeout: 60000 });
  } catch (e) {
    assert.fail(`deno check failed:\n${e.stdout}${e.stderr}`);
  }
  const port = await freePort();
  const proc = startProcess(t, deno, ['run', ...flags, '--cached-only', '--no-prompt', '--allow-net=127.0.0.1',
    '--allow-env=SEQINO_WEBHOOK_SECRET,PORT', 'examples/deno/server.ts'],
  { cwd: project, env: { ...env, SEQINO_WEBHOOK_SECRET: config.seqino.secret, PORT: String(port) } });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(base + '/', proc);
  const deliveries = deliveriesFor(['seqino'], base).map((d) => ({ ...d, path: '/webhooks/seqino' }));
  const answers = await sendOverHttp(base, [...deliveries, deliveries[0]]);
  assert.deepEqual(statuses(answers), [200, 401, 400, 204], JSON.stringify(answers));
  assert.deepEqual(answers[0].body, { received: deliveries[0].expect.id });
  await proc.stop();
});
