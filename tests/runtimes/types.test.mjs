// Types in use: `tsc --strict --noEmit` (the TypeScript of the dev dependencies) over a consumer
// of the installed tarball (consumer/types/consumer.ts: narrowing, wrong options as
// @ts-expect-error, HooksealError with instanceof, typed verifyRequest/verifyNodeRequest),
// under NodeNext and bundler resolution, and over the TypeScript examples.
import { test } from 'node:test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { prepared, project, root } from './harness.mjs';

prepared();
const tsc = path.join(root, 'node_modules/.bin/tsc');

// The checks are independent: start them all at once (two cores), each test awaits its own.
const checks = new Map();
function typecheck(tsconfig) {
  if (!checks.has(tsconfig)) {
    checks.set(tsconfig, new Promise((resolve) => {
      execFile(tsc, ['-p', tsconfig], { cwd: project, encoding: 'utf8', timeout: 120000 }, (err, stdout, stderr) => {
        resolve(err ? `tsc -p ${tsconfig} failed:\n${stdout}${stderr}${err.killed ? ' (timed out)' : ''}` : null);
      });
    }));
  }
  return checks.get(tsconfig);
}
const configs = ['consumer/types/tsconfig.nodenext.json', 'consumer/types/tsconfig.bundler.json', 'examples/nextjs/tsconfig.json'];
configs.forEach(typecheck);

for (const resolution of ['nodenext', 'bundler']) {
  test(`tsc --strict: the consumer type-checks with moduleResolution ${resolution}`, async () => {
    const failure = await typecheck(`consumer/types/tsconfig.${resolution}.json`);
    if (failure) throw new Error(failure);
  });
}

test('tsc --strict: the TypeScript examples type-check', async () => {
  const failure = await typecheck('examples/nextjs/tsconfig.json');
  if (failure) throw new Error(failure);
});
