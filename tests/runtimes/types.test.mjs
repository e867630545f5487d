// Types in use: `tsc --strict --noEmit` (the TypeScript of the dev dependencies) over a consumer
// of the installed tarball (consumer/types/consumer.ts: narrowing, wrong options as
// @ts-expect-error, HooksealError with instanceof, typed verifyRequest/verifyNodeRequest),
// under NodeNext and bundler resolution, and over the TypeScript examples.
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { prepared, project, root } from './harness.mjs';

prepared();
const tsc = path.join(root, 'node_modules/.bin/tsc');

function typecheck(tsconfig) {
  try {
    execFileSync(tsc, ['-p', tsconfig], { cwd: project, encoding: 'utf8', stdio: 'pipe', timeout: 120000 });
  } catch (e) {
    throw new Error(`tsc -p ${tsconfig} failed:\n${e.stdout}${e.stderr}`);
  }
}

for (const resolution of ['nodenext', 'bundler']) {
  test(`tsc --strict: the consumer type-checks with moduleResolution ${resolution}`, () => {
    typecheck(`consumer/types/tsconfig.${resolution}.json`);
  });
}

test('tsc --strict: the TypeScript examples type-check', () => {
  typecheck('examples/nextjs/tsconfig.json');
});
