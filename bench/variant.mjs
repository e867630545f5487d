// Builds providers' wasm with another opt-level, other cargo settings and/or other wasm-opt
// flags, as a copy of pkg/ for bench/ab.mjs, to choose the release profile and scripts/build's
// flags by measurement without touching them (or to measure a change of the sources: build the
// variant, then revert the change).
//
//   node bench/variant.mjs NAME PROVIDERS OPT_LEVEL ["WASM_OPT_FLAGS"] ["CARGO --config TOML"]
//   e.g. node bench/variant.mjs o3 treezor 3
//        node bench/variant.mjs sha2-z seqino,treezor z "-Oz --low-memory-unused" 'profile.release.package.sha2.opt-level="z"'
//   then node bench/ab.mjs pkg/node.cjs target/bench-variants/o3/node.cjs
//
// PROVIDERS: comma-separated cargo features, each built alone as scripts/build does
// (`--no-default-features --features P`). WASM_OPT_FLAGS default to scripts/build's
// (`-Oz --low-memory-unused`); the strip and --enable-* flags are always added. scripts/build's
// own per-provider override (Numeral's sha2 at "z") is not applied: pass it as the cargo config.
//
// The variant is pkg/ with those providers' wasm replaced, in the .wasm file and where the
// Node and browser entries inline it. The JS glue must not differ from pkg/'s (it is compared):
// a change that adds or changes a JS import needs a full scripts/build instead.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [name, providerList, optLevel, wasmOptFlags = '-Oz --low-memory-unused', cargoConfig] = process.argv.slice(2);
if (!name || !providerList || !optLevel) {
  console.error('usage: node bench/variant.mjs NAME PROVIDERS OPT_LEVEL ["WASM_OPT_FLAGS"] ["CARGO --config TOML"]');
  process.exit(2);
}
const pkg = path.join(root, 'pkg');
if (!fs.existsSync(path.join(pkg, 'node.cjs'))) throw new Error('pkg/ is not built: run scripts/build first');

const dir = path.join(root, 'target/bench-variants', name);
const cargoDir = path.join(root, 'target/bench-variants', `cargo-${name}`);
fs.rmSync(dir, { recursive: true, force: true });
fs.cpSync(pkg, dir, { recursive: true, dereference: true });
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });

for (const p of providerList.split(',').map((s) => s.trim()).filter(Boolean)) {
  const wasmFile = `hookseal_${p}_bg.wasm`;
  if (!fs.existsSync(path.join(pkg, wasmFile))) throw new Error(`pkg/ has no ${wasmFile}: is ${p} a provider?`);
  run('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown', '--lib', '--no-default-features',
    '--features', p, '--target-dir', cargoDir, ...(cargoConfig ? ['--config', cargoConfig] : [])],
  { CARGO_PROFILE_RELEASE_OPT_LEVEL: optLevel });
  const glueDir = path.join(dir, 'glue', p);
  run('wasm-bindgen', ['--target', 'web', '--out-dir', glueDir, '--out-name', `hookseal_${p}`,
    path.join(cargoDir, 'wasm32-unknown-unknown/release/hookseal.wasm')]);
  const glue = (d) => fs.readFileSync(path.join(d, `hookseal_${p}.js`), 'utf8');
  if (glue(glueDir) !== glue(path.join(root, 'target/pkg-build', p, 'glue'))) {
    throw new Error(`${p}: the JS glue differs from the package build: run scripts/build on the same sources first`);
  }
  run(path.join(root, 'node_modules/.bin/wasm-opt'), [...wasmOptFlags.split(/\s+/).filter(Boolean),
    '--strip-debug', '--strip-producers', '--strip-target-features',
    '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals',
    '--enable-reference-types', '--enable-multivalue',
    path.join(glueDir, wasmFile), '-o', path.join(dir, wasmFile)]);

  const original = fs.readFileSync(path.join(pkg, wasmFile)).toString('base64');
  const wasm = fs.readFileSync(path.join(dir, wasmFile));
  for (const entry of [`${p}.node.cjs`, `${p}.browser.mjs`]) {
    const file = path.join(dir, entry);
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(original)) throw new Error(`pkg/${entry} does not inline pkg/${wasmFile}`);
    fs.writeFileSync(file, text.replace(original, () => wasm.toString('base64')));
  }
  const kB = (n) => (n / 1000).toFixed(1);
  // As bench/size.mjs measures the budget: `gzip -9` (zlib's level 9 is ~3% larger).
  const gzip = spawnSync('gzip', ['-9c'], { input: wasm, maxBuffer: 1 << 28 }).stdout.length;
  console.log(`${name} ${p}: opt-level ${optLevel}${cargoConfig ? ` (${cargoConfig})` : ''}, wasm-opt ${wasmOptFlags}: `
    + `${kB(wasm.length)} kB, gzip -9 ${kB(gzip)} kB`);
}
fs.rmSync(path.join(dir, 'glue'), { recursive: true, force: true });
console.log(`-> ${path.relative(root, path.join(dir, 'node.cjs'))}`);
