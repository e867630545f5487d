// edge-light (Vercel / Next.js edge). Stand-in, as close as runs here without Next or Vercel:
//  1. build: webpack 5 configured the way Next's edge compiler is: target web, resolve
//     conditions ['edge-light', 'worker', '...'], and `*.wasm?module` imports handled like
//     Next's next-middleware-wasm-loader (edge/next-wasm-module-loader.cjs): the .wasm becomes
//     edge-chunks/wasm_<sha1>.wasm and the import a global `wasm_<sha1>`;
//  2. run: workerd (V8 with wasm code generation from bytes disallowed, like Vercel's edge),
//     service-worker syntax, with `wasm_<sha1>` bound as a global WebAssembly.Module, as
//     Vercel's edge functions declare their wasm bindings.
// The bundle includes the Next.js example route (examples/nextjs), called over real HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import webpack from 'webpack';
import {
  assertAnswers, binary, freePort, here, installed, jsonBinding, prepared, project, sendOverHttp,
  startProcess, transpileExample, waitForHttp, wasmFiles, workDir, writeWorkerdConfig,
} from './harness.mjs';
import { config, deliveriesFor, providersOf } from './deliveries.mjs';

prepared();
const providers = providersOf(createRequire(path.join(project, 'package.json'))('hookseal'));

function nextEdgeBuild(dir) {
  return new Promise((resolve, reject) => {
    webpack({
      mode: 'production', context: project, devtool: false,
      target: ['web', 'es2020'],
      entry: './consumer/edge-worker.js',
      output: { path: dir, filename: 'edge.js' },
      resolve: { conditionNames: ['edge-light', 'worker', '...'] },
      module: {
        rules: [{ test: /\.wasm$/, resourceQuery: /module/i, loader: path.join(here, 'edge/next-wasm-module-loader.cjs'), type: 'javascript/auto' }],
      },
      optimization: { minimize: false },
      performance: { hints: false },
    }, (err, stats) => {
      if (err) return reject(err);
      const info = stats.toJson({ all: false, errors: true, warnings: true, modules: true, nestedModules: true });
      if (stats.hasErrors()) return reject(new Error(info.errors.map((e) => e.message).join('\n')));
      resolve(info);
    });
  });
}

test('edge-light: Next-style webpack build of the edge-light entry runs in workerd with the wasm as a global binding', { timeout: 90000 }, async (t) => {
  const workerd = binary(t, 'workerd');
  if (!workerd) return;
  await transpileExample('examples/nextjs/app/api/webhooks/seqino/route.ts', 'consumer/gen/next-seqino-route.js');
  const dir = workDir('edge-light');
  const info = await nextEdgeBuild(dir);
  assert.deepEqual(info.warnings, []);
  const names = info.modules.flatMap((m) => [m.name, ...(m.modules ?? []).map((n) => n.name)]).filter((n) => n?.includes('node_modules/hookseal/'));
  const pkgFile = (f) => `./node_modules/hookseal/${f}`;
  assert.deepEqual(names.sort(), ['edge-light.mjs', 'shared.mjs', ...providers.flatMap((p) => [`${p}.edge-light.mjs`, `hookseal_${p}_bg.wasm?module`])]
    .map(pkgFile).sort());

  // One global binding per provider's .wasm.
  const bindings = wasmFiles().map((f) => `wasm_${crypto.createHash('sha1').update(fs.readFileSync(path.join(installed, f))).digest('hex')}`).sort();
  assert.deepEqual(fs.readdirSync(path.join(dir, 'edge-chunks')).sort(), bindings.map((b) => `${b}.wasm`));
  const edgeJs = fs.readFileSync(path.join(dir, 'edge.js'), 'utf8');
  for (const binding of bindings) assert.match(edgeJs, new RegExp(`module.exports = ${binding};`));

  const port = await freePort();
  const capnp = writeWorkerdConfig(dir, port, `  serviceWorkerScript = embed "edge.js",
  bindings = [
${bindings.map((binding) => `    (name = "${binding}", wasmModule = embed "edge-chunks/${binding}.wasm"),`).join('\n')}
    ${jsonBinding('CONFIG', config)},
    ${jsonBinding('ENV', { SEQINO_WEBHOOK_SECRET: config.seqino.secret })},
  ],`);
  const proc = startProcess(t, workerd, ['serve', capnp], { cwd: dir });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(base + '/providers', proc);
  assert.deepEqual((await (await fetch(base + '/providers')).json()).providers, providers);
  const deliveries = deliveriesFor(providers, base);
  assertAnswers(deliveries, await sendOverHttp(base, deliveries), 'edge-light');

  // The Next.js example route, bundled for the edge: 200 with the event id, 401, 400.
  const seqino = deliveriesFor(['seqino'], base).map((d) => ({ ...d, path: '/api/webhooks/seqino' }));
  const answers = await sendOverHttp(base, seqino);
  assert.deepEqual(answers.map((a) => a.status), [200, 401, 400], JSON.stringify(answers));
  assert.equal(answers[0].body.received, seqino[0].expect.id);
  await proc.stop();
});
