// Builds the package's wasm with another opt-level and/or other wasm-opt flags, for measuring
// the release profile without touching Cargo.toml (the profile is owned by the size work).
//
//   node bench/variant.mjs NAME OPT_LEVEL "WASM_OPT_FLAGS" ["CARGO --config TOML"]
//   e.g. node bench/variant.mjs o3 3 "-O3"   then   BENCH_PKG=target/bench-variants/o3/node.cjs node bench/run.mjs
//        node bench/variant.mjs sha2-o3 s "-Oz" "profile.release.package.sha2.opt-level=3"
//
// The JS glue does not depend on the opt-level, so the variant is pkg/node.cjs with its inlined
// wasm replaced (the glue is compared to make sure). Needs a normal build in pkg/ first.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [name, optLevel, wasmOptFlags = '-Oz', cargoConfig] = process.argv.slice(2);
if (!name || !optLevel) {
  console.error('usage: node bench/variant.mjs NAME OPT_LEVEL "WASM_OPT_FLAGS"');
  process.exit(2);
}
const dir = path.join(root, 'target/bench-variants', name);
fs.mkdirSync(dir, { recursive: true });
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });

const cargoDir = path.join(root, 'target/bench-variants', `cargo-${name}`);
run('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown', '--lib', '--target-dir', cargoDir,
  ...(cargoConfig ? ['--config', cargoConfig] : [])], { CARGO_PROFILE_RELEASE_OPT_LEVEL: optLevel });
run('wasm-bindgen', ['--target', 'web', '--out-dir', path.join(dir, 'glue'), '--out-name', 'hookseal',
  path.join(cargoDir, 'wasm32-unknown-unknown/release/hookseal.wasm')]);
const glue = fs.readFileSync(path.join(dir, 'glue/hookseal.js'), 'utf8');
if (glue !== fs.readFileSync(path.join(root, 'target/pkg-build/glue/hookseal.js'), 'utf8')) {
  throw new Error('the glue differs from the package build: rebuild pkg/ from the same sources first');
}
run(path.join(root, 'node_modules/.bin/wasm-opt'), [...wasmOptFlags.split(/\s+/).filter(Boolean), '--strip-debug', '--strip-producers',
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals',
  '--enable-reference-types', '--enable-multivalue', path.join(dir, 'glue/hookseal_bg.wasm'), '-o', path.join(dir, 'hookseal_bg.wasm')]);

const wasm = fs.readFileSync(path.join(dir, 'hookseal_bg.wasm'));
const original = fs.readFileSync(path.join(root, 'pkg/hookseal_bg.wasm')).toString('base64');
const cjs = fs.readFileSync(path.join(root, 'pkg/node.cjs'), 'utf8');
if (!cjs.includes(original)) throw new Error('pkg/node.cjs does not inline pkg/hookseal_bg.wasm');
fs.writeFileSync(path.join(dir, 'node.cjs'), cjs.replace(original, wasm.toString('base64')));
console.log(`${name}: opt-level ${optLevel}${cargoConfig ? ` (${cargoConfig})` : ''}, wasm-opt ${wasmOptFlags}: ${wasm.length} B -> ${path.relative(root, path.join(dir, 'node.cjs'))}`);
