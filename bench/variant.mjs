// Builds providers' wasm with another opt-level, other cargo settings and/or other wasm-opt
// flags, as a package of its own for bench/ab.mjs, to choose the release profile and
// scripts/build's flags by measurement without touching them (or to measure a change of the
// sources: build the variant, then revert the change).
//
//   node bench/variant.mjs NAME PROVIDERS OPT_LEVEL ["WASM_OPT_FLAGS"] ["CARGO --config TOML"]
//   e.g. node bench/variant.mjs o3 treezor 3
//        node bench/variant.mjs sha2-z seqino,treezor z "-Oz" 'profile.release.package.sha2.opt-level="z"'
//        RUSTC_ARGS="-C llvm-args=-inline-threshold=40" node bench/variant.mjs t40 treezor 3 "-Os"
//   then node bench/ab.mjs pkg/node.cjs target/bench-variants/o3/pkg/node.cjs
//
// RUSTC_ARGS go to hookseal's own crate only (`cargo rustc -- …`), as scripts/build passes
// its inlining thresholds; RUSTFLAGS would reach every crate.
//
// PROVIDERS: comma-separated cargo features, each built alone as scripts/build does
// (`--no-default-features --features P`). WASM_OPT_FLAGS (default `-Oz`) come before the flags
// every build gets (scripts/wasm-opt.flags). scripts/build's own per-provider choices (opt-level,
// -Os for Treezor, the inlining thresholds) are not applied: pass them
// as arguments.
//
// The other providers are taken from the last scripts/build (target/pkg-build/), and the
// package is assembled by scripts/assemble-pkg.mjs as scripts/build does, into
// target/bench-variants/NAME/pkg/ (the glue of a wasm built differently may differ too).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commonWasmOptFlags } from './bench-wasm.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [name, providerList, optLevel, wasmOptFlags = '-Oz', cargoConfig] = process.argv.slice(2);
if (!name || !providerList || !optLevel) {
  console.error('usage: node bench/variant.mjs NAME PROVIDERS OPT_LEVEL ["WASM_OPT_FLAGS"] ["CARGO --config TOML"]');
  process.exit(2);
}
const dir = path.join(root, 'target/bench-variants', name);
const cargoDir = path.join(root, 'target/bench-variants', `cargo-${name}`);
const built = path.join(root, 'target/pkg-build');
if (!fs.existsSync(path.join(built, 'types.d.ts'))) throw new Error('target/pkg-build/ is not built: run scripts/build first');
const work = path.join(dir, 'build');
fs.rmSync(dir, { recursive: true, force: true });
fs.cpSync(built, work, { recursive: true });
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });

// The flags every scripts/build wasm gets besides its optimisation level.
const buildFlags = commonWasmOptFlags();
const sizes = [];
for (const p of providerList.split(',').map((s) => s.trim()).filter(Boolean)) {
  const wasmFile = `hookseal_${p}_bg.wasm`;
  if (!fs.existsSync(path.join(work, p, wasmFile))) throw new Error(`target/pkg-build/ has no ${p}/${wasmFile}: is ${p} a provider?`);
  run('cargo', ['rustc', '--quiet', '--release', '--target', 'wasm32-unknown-unknown', '--lib', '--no-default-features',
    '--features', p, '--target-dir', cargoDir, ...(cargoConfig ? ['--config', cargoConfig] : []),
    '--', ...(process.env.RUSTC_ARGS ?? '').split(/\s+/).filter(Boolean)],
  { CARGO_PROFILE_RELEASE_OPT_LEVEL: optLevel });
  const glueDir = path.join(work, p, 'glue');
  fs.rmSync(glueDir, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'web', '--out-dir', glueDir, '--out-name', `hookseal_${p}`,
    path.join(cargoDir, 'wasm32-unknown-unknown/release/hookseal.wasm')]);
  run(path.join(root, 'node_modules/.bin/wasm-opt'), [...wasmOptFlags.split(/\s+/).filter(Boolean), ...buildFlags,
    path.join(glueDir, wasmFile), '-o', path.join(work, p, wasmFile)]);
  // As scripts/build: a wasm with LLVM's miscompiled bitmask (llvm/llvm-project#190358) is
  // refused, not measured.
  run('node', [path.join(root, 'scripts/check-wasm.mjs'), path.join(work, p, wasmFile)]);
  const wasm = fs.readFileSync(path.join(work, p, wasmFile));
  // As bench/size.mjs measures the budget: `gzip -9` (zlib's level 9 is ~3% larger).
  const gzip = spawnSync('gzip', ['-9c'], { input: wasm, maxBuffer: 1 << 28 }).stdout.length;
  sizes.push({ p, raw: wasm.length, gzip });
}
run('node', [path.join(root, 'scripts/assemble-pkg.mjs'), work, path.join(dir, 'pkg')]);
const kB = (n) => (n / 1000).toFixed(1);
for (const { p, raw, gzip } of sizes) {
  console.log(`${name} ${p}: opt-level ${optLevel}${cargoConfig ? ` (${cargoConfig})` : ''}, wasm-opt ${wasmOptFlags}: `
    + `${kB(raw)} kB, gzip -9 ${kB(gzip)} kB`);
}
console.log(`-> ${path.relative(root, path.join(dir, 'pkg/node.cjs'))}`);
