// Which way of handing a typed event to JS is faster: JSON text + JSON.parse (what the package
// does) or serde-wasm-bindgen building the object from wasm? Builds a bench-only wasm with
// both (feature `bench-to-js`), runs both on the same Seqino events, prints medians and ratio.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireBenchGlue } from './bench-wasm.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'target/bench-to-js');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
// A target dir of its own: the package build must never pick up the bench-only feature.
run('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown', '--lib', '--features', 'bench-to-js', '--target-dir', path.join(out, 'cargo')]);
run('wasm-bindgen', ['--target', 'nodejs', '--out-dir', out, path.join(out, 'cargo/wasm32-unknown-unknown/release/hookseal.wasm')]);
const wasm = requireBenchGlue(path.join(out, 'hookseal.js'));

function event(items) {
  const lines = Array.from({ length: items }, (_, i) => ({
    line: i + 1, sku: `SKU-${i}`, label: `Prestation de conseil n°${i} — été`, quantity: i % 7, unit_price: '125.50', vat_rate: '20.00', id: 1000000000 + i,
  }));
  return JSON.stringify({ event_id: 'evt_abc123def456', event_type: 'invoice.created', timestamp: '2026-11-22T10:00:00Z', sponsor_id: 'sandbox-1234/5678',
    data: { invoice_id: 'inv_1', status: 'DEPOSITED', lines } });
}

function median(fn, body, iterations) {
  const samples = [];
  for (let r = 0; r < 9; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn(body);
    samples.push(Number(process.hrtime.bigint() - t0) / iterations);
  }
  return samples.sort((a, b) => a - b)[4];
}

console.log('| body | JSON.parse path (µs) | serde-wasm-bindgen (µs) | JSON.parse speed-up |');
console.log('|---|---|---|---|');
for (const items of [8, 100, 1000]) {
  const body = new TextEncoder().encode(event(items));
  const iterations = Math.max(20, Math.round(2_000_000 / body.length));
  for (let i = 0; i < iterations; i++) { wasm.benchJsonParse(body); wasm.benchSerdeWasmBindgen(body); } // warm up
  const a = median(wasm.benchJsonParse, body, iterations);
  const b = median(wasm.benchSerdeWasmBindgen, body, iterations);
  console.log(`| ${(body.length / 1024).toFixed(1)} KB | ${(a / 1000).toFixed(1)} | ${(b / 1000).toFixed(1)} | ${(b / a).toFixed(2)}x |`);
}
