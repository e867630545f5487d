// The published TypeScript declarations narrow Treezor events by name: compiles
// tests/types/treezor-narrowing.ts against the built package with tsc --strict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsc = `${root}node_modules/.bin/tsc`;

test('TreezorWebhook narrows on `webhook` and on `payload_typed`', { skip: !existsSync(tsc) && 'tsc not installed (run scripts/setup)' }, () => {
  const r = spawnSync(tsc, [
    '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--target', 'es2022', '--lib', 'esnext,dom', '--types', '',
    'tests/types/treezor-narrowing.ts',
  ], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
