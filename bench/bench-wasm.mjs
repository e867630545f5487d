// What the benches that build a wasm of their own share with scripts/build.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** wasm-opt's flags for every wasm besides its optimisation level (scripts/wasm-opt.flags). */
export function commonWasmOptFlags() {
  return fs.readFileSync(path.join(root, 'scripts/wasm-opt.flags'), 'utf8').split('\n')
    .map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/**
 * Loads a bench-only wasm's glue (wasm-bindgen --target nodejs) outside the package. The glue
 * imports the package's error maker as `@hookseal/shared` (src/wasm/error.rs), a name that
 * scripts/assemble-pkg.mjs resolves for the package: here it becomes the built package's own
 * file, so scripts/build must have run.
 */
export function requireBenchGlue(jsFile) {
  const shared = path.join(root, 'pkg/shared.cjs');
  if (!fs.existsSync(shared)) throw new Error('pkg/ is not built: run scripts/build first');
  const text = fs.readFileSync(jsFile, 'utf8');
  fs.writeFileSync(jsFile, text.replace('require(`@hookseal/shared`)', `require(${JSON.stringify(shared)})`));
  return createRequire(import.meta.url)(jsFile);
}
