// Deno, the real binary from npm `deno`: `hookseal` resolved by Deno's npm support from the
// project's node_modules (--node-modules-dir=manual: the installed tarball, no registry; an
// empty DENO_DIR and --cached-only make any fetch fail), no file-system permission granted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { assertAnswers, binary, freePort, prepared, project, sendOverHttp, startProcess, waitForHttp, workDir } from './harness.mjs';
import { config, deliveriesFor, providersOf } from './deliveries.mjs';

prepared();
const providers = providersOf(createRequire(path.join(project, 'package.json'))('hookseal'));

test('Deno: npm resolution of the installed tarball verifies every provider over HTTP', { timeout: 60000 }, async (t) => {
  const deno = binary(t, 'deno');
  if (!deno) return;
  const port = await freePort();
  const proc = startProcess(t, deno, [
    'run', '--node-modules-dir=manual', '--no-lock', '--cached-only', '--no-prompt', '--allow-net=127.0.0.1',
    'consumer/deno-server.js', String(port), JSON.stringify(config),
  ], { cwd: project, env: { ...process.env, DENO_DIR: workDir('deno-dir'), NO_COLOR: '1' } });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(base + '/providers', proc);
  assert.match(proc.output(), /hookseal from file:\/\/.*\/project\/node_modules\/hookseal\/browser\.mjs/, 'the deno condition picks browser.mjs');
  assert.deepEqual((await (await fetch(base + '/providers')).json()).providers, providers);
  const deliveries = deliveriesFor(providers, base);
  assertAnswers(deliveries, await sendOverHttp(base, deliveries), 'deno');
  await proc.stop();
});
