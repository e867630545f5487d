// hookseal against what users would otherwise write, in one Node process.
//
// Every case runs each implementation in short timed batches, interleaved (the order is
// shuffled every round) so that a noisy neighbour slows all of them alike; the result is the
// median over rounds, and each ratio is the median of the per-round ratios (paired samples).
// Prints a table and writes bench/results/{results.md,results.svg,results.json}.
//
//   node bench/run.mjs                 (after scripts/build; `npm run bench` does both)
//   BENCH_ROUNDS=31 BENCH_BATCH_MS=40  more, longer samples
//   BENCH_NATIVE=0                     skip the native Rust SHA-256 reference (cargo build)
//   BENCH_PKG=path/to/node.cjs         another build of the package (opt-level studies)
import { createHmac, createHash, timingSafeEqual, webcrypto } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { createSHA256 as hashWasmSha256 } from 'hash-wasm';
import { seqinoBody, treezorEnvelope } from './deliveries.mjs';
import { loadFloorHmac } from './floor-hmac.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const hs = require(process.env.BENCH_PKG ? path.resolve(process.env.BENCH_PKG) : path.join(root, 'pkg/node.cjs'));
// The floor's HMAC: a bench-only wasm (bench/floor-hmac.mjs), built here from the sources.
const FloorHmac = loadFloorHmac();

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const BATCH_MS = Number(process.env.BENCH_BATCH_MS ?? 25);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 300);
const SECRET = '7f3c9a1be2d44f0a8c6b5e1d2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c';
const enc = new TextEncoder();
const dec = new TextDecoder();
// The fastest way Node makes a string of bytes, one byte per character (faster than
// TextDecoder on ASCII: 0.28 against 0.38 µs on 2 kB): what a bound on decoding uses.
const oneByteString = (bytes) => bytes.latin1Slice(0, bytes.length);
let sink = 0; // every result feeds this, so no call can be optimised away

// ---------------------------------------------------------------------------------------------
// Realistic deliveries: bench/deliveries.mjs, and the headers around them

// Node's req.headers for a delivery: the signature among the usual others.
function nodeHeaders(extra) {
  return {
    host: 'api.example.fr', 'user-agent': 'Seqino-Webhooks/1.0', 'content-type': 'application/json',
    accept: '*/*', 'accept-encoding': 'gzip', 'x-forwarded-for': '203.0.113.7', 'x-request-id': 'req_8f7e6d5c', ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
// Measurement

function calibrate(fn) {
  let iters = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < iters; i++) fn();
    const ms = performance.now() - t0;
    if (ms >= BATCH_MS / 4) return Math.max(1, Math.round(iters * BATCH_MS / ms));
    iters *= 4;
  }
}

async function calibrateAsync(fn) {
  let iters = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < iters; i++) await fn();
    const ms = performance.now() - t0;
    if (ms >= BATCH_MS / 4) return Math.max(1, Math.round(iters * BATCH_MS / ms));
    iters *= 4;
  }
}

function batch(fn, iters) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iters; i++) if (fn() === undefined) sink++;
  return Number(process.hrtime.bigint() - t0) / iters;
}

async function batchAsync(fn, iters) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iters; i++) if (await fn() === undefined) sink++;
  return Number(process.hrtime.bigint() - t0) / iters;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

function shuffle(xs) {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
  return a;
}

/**
 * Runs `impls` ({ name, fn, async?, check }) side by side. The first is hookseal: ratios are
 * how many times faster hookseal is than each other one (>1 = hookseal faster).
 */
async function compare(title, bytes, impls) {
  for (const impl of impls) {
    const out = impl.async ? await impl.fn() : impl.fn();
    if (!impl.check(out)) throw new Error(`${title}: ${impl.name} returned a wrong result`);
    // Warm-up: V8 runs JS and wasm in baseline tiers first and optimises hot code later.
    for (const t0 = performance.now(); performance.now() - t0 < WARMUP_MS;) impl.async ? await impl.fn() : impl.fn();
    impl.iters = impl.async ? await calibrateAsync(impl.fn) : calibrate(impl.fn);
    impl.samples = [];
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const impl of shuffle(impls)) {
      impl.samples.push(impl.async ? await batchAsync(impl.fn, impl.iters) : batch(impl.fn, impl.iters));
    }
  }
  const base = impls[0];
  return {
    title, bytes,
    rows: impls.map((impl) => ({
      name: impl.name,
      floor: impl.floor,
      part: impl.part,
      nsPerOp: median(impl.samples),
      speedup: impl === base ? 1 : median(impl.samples.map((s, i) => s / base.samples[i])),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Cases

const results = [];
const goals = [];
const goal = (what, value, target, best, time) => goals.push({ what, value, target, met: value >= target, best, time });
// A missed goal is out of reach when even the floor misses it, or when what the floor leaves,
// once the decoding is paid, would mean reading and typing the payload (or the body) faster
// than this: beyond what the fastest JSON reader we know of publishes (simdjson, native code
// with AVX2 or AVX-512: parsing at a few GB/s, minifying, which only finds the strings and the
// whitespace, at 6 GB/s), let alone wasm, whose vectors are 128 bits wide. Below it, a goal is
// "missed", not out of reach.
const READ_LIMIT_GBPS = 10;
// The reading speed a missed goal needs (GB/s, Infinity when nothing is left), where the
// decoding is timed.
const neededSpeed = (t) => {
  if (t?.decode === undefined) return undefined;
  const left = t.room - t.decode;
  return left <= 0 ? Infinity : (t.payloadBytes ?? t.bodyBytes) / left;
};
// The floor of any wasm verifier that returns the same object: the body copied into wasm
// memory, its HMAC-SHA256 computed there from a key state absorbed once and compared in
// constant time (`FloorHmac`, src/wasm/bench_floor.rs: nothing else), plus the JSON.parse
// that builds the object (the same for every implementation) of the body's text decoded
// beforehand. Turning the bytes into a string costs every verifier handed bytes something, so
// it is timed beside, at the least it can cost, and `bound` and `budget` add it to the floor:
// Treezor's bodies are ASCII (PHP's json_encode escapes the rest), which every way of decoding
// turns into a string at the same speed, so the body's own decoding; Seqino's French text is
// not (Node's UTF-8 decoding costs a third of the parse there, and the decoders differ), so
// the cheapest string of as many characters: as many bytes made a one-byte string (the
// fastest way Node has, `oneByteString`). `bound` is the ratio
// to a peer that a verifier costing exactly that would reach: no build can do better.
const FLOOR_SEQINO = 'floor: wasm HMAC-SHA256 of the body (key state precomputed) + JSON.parse of its text, decoded beforehand (no verifier can be faster; the goals add the decoding, below)';
const FLOOR_TREEZOR = 'floor: wasm HMAC-SHA256 of the canonical payload (key state precomputed) + JSON.parse of the text, decoded beforehand (no verifier can be faster; the goals add the decoding, below)';
const bound = (r, peer) => {
  const floor = r.rows.find((row) => row.floor);
  // Both as paired ratios to hookseal's time (robust against the machine's drift). Where the
  // decoding of the body is timed (see above), the floor pays it too.
  const decode = r.rows.find((row) => row.part === 'decode');
  const decoding = decode ? floor.nsPerOp / (floor.nsPerOp + decode.nsPerOp) : 1;
  return (r.rows[peer].speedup / floor.speedup) * decoding;
};
// Where a goal's time goes: `verify` = floor + the check beyond its HMAC (`isValid` minus the
// HMAC alone: reading the body, the envelope, the typed shape, the signature) + the hand-over
// (`verify` minus `isValid` minus the floor's parse: the object's members, decoding, the
// crossings). The goal leaves `room` above the floor for the last two. (Where `isValid` and
// the HMAC alone are not timed, Seqino's, only their sum: `rest`. Seqino's `isValid` also
// checks the syntax of what `verify` leaves to `JSON.parse`, so it would not split `verify`.)
const PART = 'part of hookseal:';
const budget = (r, peer, target) => {
  const row = (test) => r.rows.find(test)?.nsPerOp;
  const [verify, peerTime, floor] = [r.rows[0].nsPerOp, r.rows[peer].nsPerOp, row((x) => x.floor)];
  const [check, hmac] = [row((x) => x.part === 'check'), row((x) => x.part === 'hmac')];
  if (floor === undefined) return undefined;
  const allowed = peerTime / target;
  // `decode`: turning the body's bytes into a string, at the least it can cost, which the
  // floor leaves out (see above) but every verifier handed bytes pays.
  const decode = row((x) => x.part === 'decode');
  const split = [check, hmac].includes(undefined) ? undefined : { check: check - hmac, handOver: verify - check - (floor - hmac) };
  // The package's own least (the floor's HMAC and its hand-over, nothing else), where timed,
  // and the ratio to the peer it reaches (paired, as `bound`).
  const handOverRow = r.rows.find((x) => x.part === 'handover');
  const handOver = handOverRow && { time: handOverRow.nsPerOp, reach: r.rows[peer].speedup / handOverRow.speedup };
  return { verify, allowed, floor, room: allowed - floor, rest: verify - floor, split, decode, handOver, payloadBytes: r.payloadBytes, bodyBytes: r.bytes };
};
const kb = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1024).toFixed(0)} KB`);

// Treezor: verify + typed parse vs the documented recipe: the JavaScript of Treezor's
// "Enforcing integrity" page (docs.treezor.com/guide/webhooks/integrity-checks.html), as it is
// written there: `JSON.stringify(body.object_payload)`, `/` escaped, every character outside
// \x20-\x7F turned into `\uXXXX` by its `encodeUTF8ToCodePoint`, `createHmac(...).digest('base64')`,
// after the `JSON.parse` that gives `body`. The page says to compare the two base64 strings and
// shows no code for it: they are compared in constant time (`timingSafeEqual`), as hookseal
// compares; `===` would save ~0.7 µs of it. The recipe is the peer everyone copies; it is wrong
// for integers beyond 2^53, which these payloads do not contain, so both agree.
if (typeof hs.TreezorVerifier === 'function' && typeof hs.signTreezor === 'function') {
  // Treezor's own function, verbatim but for the `const`.
  const encodeUTF8ToCodePoint = (s) => s.replace(/[^\x20-\x7F]/g, (x) => '\\u' + ('000' + x.codePointAt(0).toString(16)).slice(-4));
  // One transaction (the size of the examples in Treezor's documentation: no goal there, but
  // the fixed cost of a call shows), then the issue's 2 KB and 20 KB.
  const treezorGoals = [];
  for (const size of [200, 2 * 1024, 20 * 1024]) {
    // The envelope as Treezor sends it: PHP json_encode output (`\/`, `\uXXXX`), signed.
    const body = Buffer.from(hs.signTreezor(treezorEnvelope(size), SECRET));
    const treezor = new hs.TreezorVerifier({ secret: SECRET });
    const canonical = Buffer.from(encodeUTF8ToCodePoint(JSON.stringify(JSON.parse(body.toString('utf8')).object_payload).replace(/\//g, '\\/')));
    const text = body.toString('utf8');
    const floorHmac = new FloorHmac(SECRET, createHmac('sha256', SECRET).update(canonical).digest());
    const oneTransaction = size < 1024;
    const label = oneTransaction ? `one transaction (${body.length} B)` : kb(body.length);
    const r = await compare(`Treezor verify + parse, ${label}`, body.length, [
      { name: 'hookseal', fn: () => treezor.verify(body), check: (e) => e.webhook === 'transaction.create' },
      {
        name: 'documented recipe (JSON.parse, escaped JSON.stringify, createHmac)',
        fn: () => {
          const event = JSON.parse(body.toString('utf8'));
          const computedSignature = createHmac('sha256', SECRET)
            .update(encodeUTF8ToCodePoint(JSON.stringify(event.object_payload).replace(/\//g, '\\/')))
            .digest('base64');
          const computed = Buffer.from(computedSignature);
          const received = Buffer.from(String(event.object_payload_signature));
          if (received.length !== computed.length || !timingSafeEqual(received, computed)) throw new Error('mismatch');
          return event;
        },
        check: (e) => e.webhook === 'transaction.create',
      },
      {
        name: FLOOR_TREEZOR,
        floor: true,
        fn: () => { if (!floorHmac.verify(canonical)) throw new Error('hmac'); return JSON.parse(text); },
        check: (e) => e.webhook === 'transaction.create',
      },
      // Two parts of hookseal's time, to say where a missed goal's time goes (`budget` below).
      { name: `${PART} hookseal isValid (the whole check, no object)`, part: 'check', fn: () => treezor.isValid(body), check: (ok) => ok === true },
      { name: `${PART} the floor's HMAC alone`, part: 'hmac', fn: () => floorHmac.verify(canonical), check: (ok) => ok === true },
      // Not hookseal's: what the floor leaves out and every verifier handed bytes pays (the
      // recipe's `toString`), measured to say what a missed goal leaves for the rest: the ASCII
      // body made a string the fastest way Node has (`oneByteString`).
      { name: 'decoding the body to the string JSON.parse reads (Buffer#latin1Slice, the fastest; the floor leaves it out)', part: 'decode', fn: () => oneByteString(body), check: (t) => t === text },
    ]);
    r.payloadBytes = canonical.length;
    results.push(r);
    if (!oneTransaction) treezorGoals.push(r);
  }
  for (const r of treezorGoals) {
    goal(`${r.title}: hookseal vs documented recipe`, r.rows[1].speedup, 1.5, bound(r, 1), budget(r, 1, 1.5));
  }
}

// Seqino: HMAC-SHA256 over the raw body, then the typed event.
const webcryptoKey = await webcrypto.subtle.importKey('raw', enc.encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
const nobleKey = enc.encode(SECRET);
const swSecret = `whsec_${Buffer.from(SECRET).toString('base64')}`;
const standard = new StandardWebhook(swSecret);
const hexBytes = (hex) => Buffer.from(hex, 'hex');
for (const size of [2 * 1024, 64 * 1024, 1_000_000]) {
  const body = seqinoBody(size);
  const sig = hs.signSeqino(body, SECRET);
  const text = dec.decode(body);
  const headers = nodeHeaders({ 'x-seqino-signature': sig, 'content-length': String(body.length) });
  const seqino = new hs.SeqinoVerifier({ secret: SECRET });
  const floorHmac = new FloorHmac(SECRET, createHmac('sha256', SECRET).update(body).digest());
  const bytesOfTextLength = Buffer.alloc(text.length, 0x61);
  const id = 'msg_2Lq0w9yX', ts = Math.floor(Date.now() / 1000);
  const swHeaders = nodeHeaders({
    'webhook-id': id, 'webhook-timestamp': String(ts), 'content-length': String(body.length),
    'webhook-signature': standard.sign(id, new Date(ts * 1000), body.toString('utf8')),
  });
  const isEvent = (e) => e.event_id === 'evt_7c1f0a2b9d3e4f5a';
  const r = await compare(`Seqino verify + parse, ${kb(body.length)}`, body.length, [
    { name: 'hookseal', fn: () => seqino.verify(body, headers), check: isEvent },
    {
      name: '@noble/hashes hmac + JSON.parse',
      fn: () => {
        const mac = nobleHmac(nobleSha256, nobleKey, body);
        const received = hexBytes(headers['x-seqino-signature']);
        if (!timingSafeEqual(received, mac)) throw new Error('mismatch');
        return JSON.parse(dec.decode(body));
      },
      check: isEvent,
    },
    { name: 'standardwebhooks verify', fn: () => standard.verify(body, swHeaders), check: isEvent },
    {
      name: 'WebCrypto (cached key, awaited) + JSON.parse',
      async: true,
      fn: async () => {
        if (!await webcrypto.subtle.verify('HMAC', webcryptoKey, hexBytes(headers['x-seqino-signature']), body)) throw new Error('mismatch');
        return JSON.parse(dec.decode(body));
      },
      check: isEvent,
    },
    {
      name: 'node:crypto createHmac + JSON.parse',
      fn: () => {
        const mac = createHmac('sha256', SECRET).update(body).digest();
        const received = hexBytes(headers['x-seqino-signature']);
        if (received.length !== mac.length || !timingSafeEqual(received, mac)) throw new Error('mismatch');
        return JSON.parse(body.toString('utf8'));
      },
      check: isEvent,
    },
    {
      name: FLOOR_SEQINO,
      floor: true,
      fn: () => { if (!floorHmac.verify(body)) throw new Error('hmac'); return JSON.parse(text); },
      check: isEvent,
    },
    // Hookseal's own least: the floor's HMAC, then the body handed to JSON.parse as the
    // verifiers hand it (src/wasm/bench_floor.rs), no header read and no check.
    { name: `${PART} the floor's HMAC + the package's hand-over alone (the body's Latin-1 form made a string, JSON.parse; no header read, no check)`, part: 'handover', fn: () => floorHmac.verifyAndHandOver(body), check: isEvent },
    // Not hookseal's: the least that turning this body into a string can cost, which the floor
    // leaves out. Its French text is not ASCII, so the decoders differ (Node's UTF-8 one costs a
    // third of the parse); none can do less than write the string's characters, as making a
    // one-byte string of as many bytes the fastest way Node has does (hookseal's Latin-1 form
    // ends that way too, after turning the UTF-8 into Latin-1).
    { name: "decoding, at the least: a one-byte string of the body's characters from as many bytes (Buffer#latin1Slice, the fastest; the floor leaves it out)", part: 'decode', fn: () => oneByteString(bytesOfTextLength), check: (t) => t.length === text.length },
  ]);
  results.push(r);
  if (size === 2 * 1024) {
    goal(`${r.title}: hookseal vs @noble/hashes`, r.rows[1].speedup, 2, bound(r, 1), budget(r, 1, 2));
    goal(`${r.title}: hookseal vs standardwebhooks`, r.rows[2].speedup, 2, bound(r, 2));
    goal(`${r.title}: hookseal vs node:crypto`, r.rows[4].speedup, 0.5, bound(r, 4));
  }
}

// SHA-256 throughput over 1 MB. The wasm figure is signSeqino (one HMAC-SHA256 = the body's
// SHA-256 plus two blocks, and the copy of the body into wasm memory). References: node:crypto
// (OpenSSL, SHA-NI when the CPU has it), hash-wasm (the most used wasm hashing package, its
// SHA-256 written for wasm by hand: how fast another wasm build gets) and the same Rust `sha2`
// crate built natively, with its run-time SHA-NI detection and forced to its portable scalar
// code (wasm runs its simd128 backend, which has no native counterpart on x86).
{
  const body = Buffer.alloc(1_000_000, 0x61);
  const hashWasm = await hashWasmSha256();
  const r = await compare('SHA-256 throughput, 1 MB', body.length, [
    { name: 'hookseal wasm (signSeqino: HMAC-SHA256)', fn: () => hs.signSeqino(body, SECRET), check: (s) => s === createHmac('sha256', SECRET).update(body).digest('hex') },
    { name: 'node:crypto createHash (OpenSSL)', fn: () => createHash('sha256').update(body).digest(), check: (d) => d.length === 32 },
    { name: '@noble/hashes sha256 (JS)', fn: () => nobleSha256(body), check: (d) => d.length === 32 },
    {
      name: 'hash-wasm sha256 (hand-written wasm)',
      fn: () => hashWasm.init().update(body).digest('binary'),
      check: (d) => Buffer.from(d).equals(createHash('sha256').update(body).digest()),
    },
  ]);
  if (process.env.BENCH_NATIVE !== '0') {
    const dir = path.join(root, 'bench/native-sha256');
    // Each build in its own target directory: the flags differ, and sharing one would rebuild.
    const native = (rustflags, targetDir) => {
      const out = execFileSync('cargo', ['run', '--quiet', '--release', '--target-dir', targetDir], {
        cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, RUSTFLAGS: rustflags },
      });
      return Number(out.match(/MB\/s ([\d.]+)/)[1]);
    };
    const wasmMBs = body.length / 1e6 / (r.rows[0].nsPerOp / 1e9);
    for (const [name, rustflags, targetDir] of [
      ['native Rust sha2 (SHA-NI if present; best of 15)', '', 'target/auto'],
      ['native Rust sha2, portable scalar code (sha2_backend="soft"; best of 15)', '--cfg sha2_backend="soft"', 'target/soft'],
    ]) {
      const mbs = native(rustflags, targetDir);
      r.rows.push({ name, nsPerOp: (body.length / 1e6 / mbs) * 1e9, speedup: wasmMBs / mbs, separate: true });
    }
  }
  results.push(r);
}

// ---------------------------------------------------------------------------------------------
// Report

const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m) ?? [])[1] ?? os.cpus()[0]?.model ?? 'unknown CPU';
const shaNi = /^flags\s*:.*\bsha_ni\b/m.test(fs.readFileSync('/proc/cpuinfo', 'utf8'));
const machine = `${os.availableParallelism?.() ?? os.cpus().length} × ${cpu}${shaNi ? ' (SHA-NI)' : ''}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const fmtTime = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`);
const fmtRate = (bytes, ns) => `${(bytes / 1e6 / (ns / 1e9)).toFixed(0)} MB/s`;

const md = [`# hookseal benchmarks`, '', `Machine: ${machine}. ${ROUNDS} interleaved rounds of ~${BATCH_MS} ms per implementation; medians.`, ''];
md.push('| case | implementation | time / op | throughput | hookseal is × faster |', '|---|---|---|---|---|');
for (const r of results) {
  for (const row of r.rows) {
    md.push(`| ${r.title} | ${row.name} | ${fmtTime(row.nsPerOp)} | ${fmtRate(r.bytes, row.nsPerOp)} | ${row.part || (row.speedup === 1 && row.name.startsWith('hookseal')) ? '—' : `${row.speedup.toFixed(2)}×`}${row.separate ? ' (separate process)' : ''} |`);
  }
}
md.push('', '| goal | measured | target | met | best any wasm build could reach (floor) |', '|---|---|---|---|---|');
for (const g of goals) {
  const outOfReach = !g.met && (g.best < g.target || neededSpeed(g.time) > READ_LIMIT_GBPS);
  const reach = g.best === undefined ? '' : `${g.best.toFixed(2)}×${outOfReach ? ' — out of reach' : ''}`;
  md.push(`| ${g.what} | ${g.value.toFixed(2)}× | ≥ ${g.target}× | ${g.met ? 'yes' : '**no**'} | ${reach} |`);
}
for (const g of goals.filter((x) => !x.met && x.time)) {
  const t = g.time;
  const µs = (ns) => `${(ns / 1e3).toFixed(1)} µs`;
  let text = `${g.what}: ${g.target}× means \`verify\` in ${µs(t.allowed)} (it takes ${µs(t.verify)}). The floor takes ${µs(t.floor)} of it and leaves ${t.room > 0 ? µs(t.room) : 'nothing'} for the rest, which takes ${µs(t.rest)}`;
  text += t.split ? `: the check beyond its HMAC (\`isValid\` minus the HMAC alone: reading the body, the envelope, the typed shape, the signature) ${µs(t.split.check)}, and handing the object over (\`verify\` minus \`isValid\` minus the parse: the added members, decoding, crossings) ${µs(t.split.handOver)}.` : ': the headers and the signature in them, reading and typing the body, handing the object over.';
  if (t.decode !== undefined) {
    const left = t.room - t.decode;
    // Treezor's goals time the body's own decoding and read the payload; Seqino's, a bound on
    // the decoding, and the whole body with the headers.
    const [bytes, what, least, also] = t.payloadBytes
      ? [t.payloadBytes, 'payload', '', '']
      : [t.bodyBytes, 'body', 'at least ', ' (and find the signature among the headers)'];
    const unreachable = `no verifier handed bytes could reach the goal in this run, however fast it read and typed the ${what}.`;
    text += ' Decoding the body into the string `JSON.parse` reads, which the floor leaves out and every verifier handed bytes pays (the peers too), ';
    if (t.room <= 0) text += `would add ${least}${µs(t.decode)}: ${unreachable}`;
    else if (left <= 0) text += `takes ${least}${µs(t.decode)}, all of that room: ${unreachable}`;
    else {
      // The goals table's verdict reads the same speed.
      const speed = neededSpeed(t);
      text += `takes ${least}${µs(t.decode)} of that room, which leaves ${µs(left)} to read and type the ${kb(bytes)} ${what}${also}: ${speed.toFixed(2)} GB/s`;
      text += speed > READ_LIMIT_GBPS
        ? `, beyond ${READ_LIMIT_GBPS} GB/s, faster than simdjson publishes even for minifying JSON natively (6 GB/s): out of reach.`
        : '.';
    }
  }
  if (t.handOver) {
    const h = t.handOver;
    text += ` The floor's HMAC with the package's own hand-over and nothing else (no header read, no check: the least this design does) takes ${µs(h.time)} and reaches ${h.reach.toFixed(2)}×`;
    text += h.time < t.allowed
      ? `, which leaves ${µs(t.allowed - h.time)} for finding the signature among the headers and checking the event (they take ${µs(t.verify - h.time)}).`
      : `: nothing is left for finding the signature among the headers and checking the event, so this goal needs a faster hand-over (decoding the UTF-8 into the string JSON.parse reads), not faster checks.`;
  }
  md.push('', text);
}
const sha = results.find((r) => r.title.startsWith('SHA-256'));
const portable = sha?.rows.find((row) => row.name.includes('portable'));
const otherWasm = sha?.rows.find((row) => row.name.startsWith('hash-wasm'));
if (otherWasm) {
  md.push('', `Another wasm SHA-256, hash-wasm's (written for wasm by hand), runs at ${fmtRate(sha.bytes, otherWasm.nsPerOp)} in the same process: hookseal's is ${otherWasm.speedup.toFixed(2)}× as fast.`);
}
if (portable) {
  md.push('', `The wasm SHA-256 (sha2's simd128 backend: the message schedule in vectors, the rounds scalar) runs at ${(1 / portable.speedup).toFixed(2)}× the time of sha2's portable scalar code built natively (${fmtRate(sha.bytes, sha.rows[0].nsPerOp)} vs ${fmtRate(sha.bytes, portable.nsPerOp)}): the floor's hash is at the speed portable code reaches on this CPU, or beyond it; only SHA-NI (node:crypto, ${fmtRate(sha.bytes, sha.rows[1].nsPerOp)}) is faster, and wasm has no SHA instructions.`);
}

fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/results.md'), md.join('\n') + '\n');
fs.writeFileSync(path.join(root, 'bench/results/results.json'), JSON.stringify({ machine, rounds: ROUNDS, results, goals }, null, 2) + '\n');
fs.writeFileSync(path.join(root, 'bench/results/results.svg'), svg(results, machine));

console.log(md.join('\n'));
console.log(`\n(bench/results/: results.md, results.svg, results.json; sink ${sink & 1})`);

/** Horizontal bars: each implementation's throughput relative to hookseal's in its case. */
function svg(results, machine) {
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const rowH = 18, labelW = 430, barW = 360, pad = 12;
  let y = 64;
  const parts = [];
  // (The rows that time a part of hookseal are in the tables, not the chart.)
  const max = Math.max(1, ...results.flatMap((r) => r.rows.filter((row) => !row.part).map((row) => 1 / row.speedup)));
  for (const r of results) {
    parts.push(`<text x="${pad}" y="${y}" font-weight="bold">${esc(r.title)}</text>`);
    y += 6;
    for (const row of r.rows.filter((x) => !x.part)) {
      const rel = 1 / row.speedup; // throughput relative to hookseal
      const w = Math.max(1, (rel / max) * barW);
      const colour = row.name.startsWith('hookseal') ? '#2b6cb0' : '#a0aec0';
      parts.push(`<text x="${pad + 8}" y="${y + 13}">${esc(row.name)}</text>`,
        `<rect x="${labelW}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowH - 4}" fill="${colour}"/>`,
        `<text x="${labelW + w + 6}" y="${y + 13}">${rel.toFixed(2)}× (${fmtTime(row.nsPerOp)})</text>`);
      y += rowH;
    }
    y += 16;
  }
  const width = labelW + barW + 170;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${pad}" y="20" font-size="15" font-weight="bold">Throughput relative to hookseal (hookseal = 1; longer is faster)</text>
<text x="${pad}" y="36" fill="#555">${esc(machine)}</text>
${parts.join('\n')}
</svg>
`;
}
