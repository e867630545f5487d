// Loading a bench-only wasm's glue (wasm-bindgen --target nodejs) outside the package. The glue
// imports the package's error maker as `@hookseal/shared` (src/wasm/error.rs), a name that
// scripts/assemble-pkg.mjs resolves for the package: here it becomes the built package's own
// file, so scripts/build must have run.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function requireBenchGlue(jsFile) {
  const shared = path.join(root, 'pkg/shared.cjs');
  if (!fs.existsSync(shared)) throw new Error('pkg/ is not built: run scripts/build first');
  const text = fs.readFileSync(jsFile, 'utf8');
  fs.writeFileSync(jsFile, text.replace('require(`@hookseal/shared`)', `require(${JSON.stringify(shared)})`));
  return createRequire(import.meta.url)(jsFile);
}
