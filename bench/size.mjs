// Size and load budget of the built package (issue 8): every .wasm in pkg/ raw, gzip -9 and
// brotli (max quality), and the time `require()` of each entry adds to a fresh Node process.
//
// Load time, two ways, medians over RUNS (default 11, at least 7) fresh processes each:
// - "spawn": wall-clock of `node -e "require(spec)"` minus that of `node -e ''` (the budget's
//   definition: everything the user waits for, startup noise included): the median of the
//   differences within each pair of runs, which are interleaved so drift hits both alike (the
//   difference of the two medians swung from -10 to +28 ms for the same files on a busy
//   machine);
// - "in-process": performance.now() around the require() alone (less noise, same work), and
//   the process's CPU time over the same span (all threads: V8 tiers wasm up in the
//   background), which other load on the machine distorts least.
// Prints Markdown and writes it to bench/results/size.md (git-ignored). Informational: never
// fails, but marks the budget (largest .wasm <= 150 KB and gzip <= 60 KB, KB = 1000 bytes;
// require('hookseal') <= 25 ms).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = path.join(root, 'pkg');
const RUNS = Math.max(7, Number(process.env.RUNS) || 11);
const BUDGET = { raw: 150_000, gzip: 60_000, loadMs: 25 };

if (!fs.existsSync(path.join(pkg, 'package.json'))) {
  console.error('bench/size: pkg/ is not built (run `npm run build`)');
  process.exit(1);
}
const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));

const kB = (n) => (n / 1000).toFixed(1);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const mark = (ok) => (ok ? '✅' : '❌');

// `gzip -9` itself when installed (what the budget names; ~3% smaller than zlib level 9),
// else zlib.
const hasGzip = spawnSync('gzip', ['--version']).status === 0;
const gzip9 = (bytes) => (hasGzip ? spawnSync('gzip', ['-9c'], { input: bytes, maxBuffer: 1 << 28 }).stdout : zlib.gzipSync(bytes, { level: 9 })).length;

// --- sizes ---------------------------------------------------------------------------------
const wasms = fs.readdirSync(pkg).filter((f) => f.endsWith('.wasm')).sort().map((f) => {
  const bytes = fs.readFileSync(path.join(pkg, f));
  return {
    file: f,
    raw: bytes.length,
    gzip: gzip9(bytes),
    brotli: zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
});

// --- load time -----------------------------------------------------------------------------
// The package's root and its provider subpaths (those the exports map lists with a `node`
// condition), as a dependency would name them; the root also with one provider used (the
// CommonJS root compiles a provider's wasm when one of its exports is first read) and as ESM
// (Node's `import` loads every provider).
const VERIFIER = { seqino: 'SeqinoVerifier', treezor: 'TreezorVerifier', sepay: 'SepayVerifier', numeral: 'NumeralVerifier' };
const subpaths = Object.entries(manifest.exports)
  .filter(([k, v]) => k !== '.' && typeof v === 'object' && v.node?.require)
  .map(([k]) => k.slice(2));
// Each case prints `wall cpu` in ms: performance.now() and process.cpuUsage() (this process's
// CPU time, all threads) around the loading; CPU time is what a busy machine distorts least.
const report = "process.stdout.write((performance.now()-t)+' '+((u=process.cpuUsage(c)).user+u.system)/1000)";
const timed = (expr) => `let u;const c=process.cpuUsage(),t=performance.now();${expr};${report}`;
const cases = [
  { label: "require('hookseal')", code: timed("require('hookseal')") },
  ...(subpaths[0] ? [{ label: `require('hookseal').${VERIFIER[subpaths[0]]}`, code: timed(`require('hookseal').${VERIFIER[subpaths[0]]}`) }] : []),
  { label: "await import('hookseal')", code: `let u;const c=process.cpuUsage(),t=performance.now();import('hookseal').then(()=>{${report}})` },
  ...subpaths.map((p) => ({ label: `require('hookseal/${p}')`, code: timed(`require('hookseal/${p}')`) })),
];

function spawnMs(code) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node -e ${JSON.stringify(code)} failed:\n${r.stderr}`);
  return { ms, out: r.stdout };
}

const loads = cases.map((c) => ({ ...c, spawn: [], base: [], inProcess: [], cpu: [] }));
spawnMs(''); // warm the file cache
for (let i = 0; i < RUNS; i++) {
  for (const l of loads) {
    l.base.push(spawnMs('').ms);
    const r = spawnMs(l.code);
    l.spawn.push(r.ms);
    const [wall, cpu] = r.out.split(' ').map(Number);
    l.inProcess.push(wall);
    l.cpu.push(cpu);
  }
}

// --- report --------------------------------------------------------------------------------
const largest = wasms.reduce((a, w) => (w.raw > a.raw ? w : a), { raw: 0, gzip: 0 });
const largestGzip = Math.max(0, ...wasms.map((w) => w.gzip));
const lines = [];
lines.push(`## hookseal package size and load time`, '');
lines.push(`${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} CPUs ` +
  `(load average ${os.loadavg()[0].toFixed(1)}: times from a busy machine are noisy); load: medians of ${RUNS} fresh processes.`, '');
lines.push(`| wasm | raw (B) | raw (kB) | ${hasGzip ? 'gzip -9' : 'zlib level 9'} (kB) | brotli -q 11 (kB) |`, '|---|---:|---:|---:|---:|');
for (const w of wasms) lines.push(`| ${w.file} | ${w.raw} | ${kB(w.raw)} | ${kB(w.gzip)} | ${kB(w.brotli)} |`);
lines.push('');
lines.push('| loading | spawn minus `node -e \'\'` (ms) | in-process wall (ms) | in-process CPU (ms) |', '|---|---:|---:|---:|');
// The spawn figure: the median of each run's difference to the bare `node -e ''` just before.
const spawnDeltaOf = (l) => median(l.spawn.map((ms, i) => ms - l.base[i]));
for (const l of loads) {
  const spawnDelta = spawnDeltaOf(l);
  lines.push(`| \`${l.label}\` | ${spawnDelta.toFixed(1)} | ${median(l.inProcess).toFixed(1)} | ${median(l.cpu).toFixed(1)} |`);
}
const rootLoad = loads[0];
const rootDelta = rootLoad ? spawnDeltaOf(rootLoad) : NaN;
lines.push('');
lines.push(`Budget: largest .wasm ${kB(largest.raw)} kB ${mark(largest.raw <= BUDGET.raw)} (<= 150), ` +
  `largest gzip ${kB(largestGzip)} kB ${mark(largestGzip <= BUDGET.gzip)} (<= 60), ` +
  `require('hookseal') +${rootDelta.toFixed(1)} ms ${mark(rootDelta <= BUDGET.loadMs)} (<= 25).`);
const md = lines.join('\n') + '\n';

console.log(md);
const out = path.join(root, 'bench/results');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'size.md'), md);
console.log(`(written to ${path.relative(root, path.join(out, 'size.md'))})`);
