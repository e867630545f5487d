// The floor's HMAC for bench/run.mjs: `FloorHmac` (src/wasm/bench_floor.rs, feature
// `bench-floor`), in a wasm built as scripts/build builds Seqino's (opt-level 3, sha2 at 3,
// wasm-opt -Oz and scripts/wasm-opt.flags; but LLVM's default inlining, which Seqino's wasm
// lowers for size at the same speed), the package's fastest SHA-256. In a target dir of
// its own: the package build must never pick up a bench-only feature. Cargo's cache makes
// every build after the first a few seconds.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commonWasmOptFlags, requireBenchGlue } from './bench-wasm.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function loadFloorHmac() {
  const out = path.join(root, 'target/bench-floor');
  const cargoDir = path.join(out, 'cargo');
  const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
  run('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown', '--lib', '--no-default-features',
    '--features', 'seqino,bench-floor', '--target-dir', cargoDir], { CARGO_PROFILE_RELEASE_OPT_LEVEL: '3' });
  const glue = path.join(out, 'glue');
  fs.rmSync(glue, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'nodejs', '--out-dir', glue, '--out-name', 'floor', path.join(cargoDir, 'wasm32-unknown-unknown/release/hookseal.wasm')]);
  const wasm = path.join(glue, 'floor_bg.wasm');
  run(path.join(root, 'node_modules/.bin/wasm-opt'), ['-Oz', ...commonWasmOptFlags(), wasm, '-o', wasm]);
  return requireBenchGlue(path.join(glue, 'floor.js')).FloorHmac;
}
