// Node (the running version, 20 here): require and import of the installed tarball, with every
// read of a .wasm file forbidden, and again with the .wasm deleted from the package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { assertAnswers, installed, prepared, project, workDir } from './harness.mjs';
import { config, deliveriesFor, providersOf } from './deliveries.mjs';

const info = prepared();
const providers = providersOf(createRequire(path.join(project, 'package.json'))('hookseal'));
const deliveries = deliveriesFor(providers, 'http://127.0.0.1:8787');

function runNode(cwd, script) {
  const out = execFileSync(process.execPath, ['--require', './consumer/deny-wasm-reads.cjs', script], {
    cwd,
    env: { ...process.env, HOOKSEAL_TEST_INPUT: JSON.stringify({ config, deliveries }) },
    encoding: 'utf8',
    timeout: 30000,
  });
  return JSON.parse(out);
}

test('the tarball holds the entries, declarations, the .wasm, README and package.json, nothing else', () => {
  assert.deepEqual(info.files, [
    'README.md', 'browser.mjs', 'edge-light.mjs', 'hookseal_bg.wasm', 'index.d.cts', 'index.d.ts',
    'node.cjs', 'node.mjs', 'package.json', 'slim.d.ts', 'slim.mjs', 'workerd.mjs',
  ]);
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  assert.deepEqual(manifest.dependencies ?? {}, {}, 'zero runtime dependencies');
  // Every file the exports map names is in the tarball.
  const targets = JSON.stringify(manifest.exports).match(/"\.\/[^"]+"/g).map((s) => s.slice(3, -1)).filter((s) => s.includes('.'));
  for (const t of targets) assert.ok(info.files.includes(t), `exports map names ${t}, which is not packed`);
});

for (const [mode, script, entry] of [['require', 'consumer/node-run.cjs', 'node.cjs'], ['import', 'consumer/node-run.mjs', 'node.mjs']]) {
  test(`Node ${process.versions.node}: ${mode}('hookseal') verifies every provider without reading a .wasm`, () => {
    const out = runNode(project, script);
    assert.equal(out.entry, entry);
    assert.deepEqual(out.providers, providers);
    assertAnswers(deliveries, out.answers, `node ${mode}`);
  });
}

test('Node: require and import still work with hookseal_bg.wasm deleted from the package', () => {
  const dir = workDir('node-without-wasm');
  fs.cpSync(installed, path.join(dir, 'node_modules/hookseal'), { recursive: true, dereference: true });
  fs.rmSync(path.join(dir, 'node_modules/hookseal/hookseal_bg.wasm'));
  fs.cpSync(path.join(project, 'consumer'), path.join(dir, 'consumer'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  for (const script of ['consumer/node-run.cjs', 'consumer/node-run.mjs']) {
    assertAnswers(deliveries, runNode(dir, script).answers, `node without .wasm, ${script}`);
  }
});

test('control: the guard does catch a .wasm read (fs and fetch)', () => {
  for (const code of [
    "try { require('node:fs').readFileSync(require.resolve('hookseal/hookseal_bg.wasm')) } catch {}",
    "require('node:fs').promises.readFile(require.resolve('hookseal/hookseal_bg.wasm')).catch(() => {})",
    "fetch('http://127.0.0.1:9/x.wasm').catch(() => {})",
  ]) {
    assert.throws(() => execFileSync(process.execPath, ['--require', './consumer/deny-wasm-reads.cjs', '-e', code], { cwd: project, stdio: 'pipe', timeout: 10000 }),
      (e) => e.status === 3 && /wasm reads attempted/.test(e.stderr), code);
  }
});
