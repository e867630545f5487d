// The published TypeScript declarations narrow Numeral events by topic: compiles
// tests/types/numeral-narrowing.ts against the built package with tsc --strict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsc = `${root}node_modules/.bin/tsc`;

test('NumeralEvent narrows on `topic`', { skip: !existsSync(tsc) && 'tsc not installed (run scripts/setup)' }, () => {
  const r = spawnSync(tsc, [
    '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--target', 'es2022', '--lib', 'esnext,dom', '--types', '',
    'tests/types/numeral-narrowing.ts',
  ], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
