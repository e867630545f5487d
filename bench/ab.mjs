// Two builds of the package side by side in one process (interleaved rounds, paired ratios):
// for choosing the release profile and wasm-opt flags by measurement (see bench/variant.mjs).
//
//   node bench/ab.mjs pkg/node.cjs target/bench-variants/o3/node.cjs [more builds…]
//   AB_CASES=Seqino node bench/ab.mjs …   only the cases whose name contains "Seqino"
// Prints, per case, each build's median time and its speed relative to the first build.
import { createRequire } from 'node:module';
import path from 'node:path';
import { seqinoBody, treezorEnvelope } from './deliveries.mjs';

const require = createRequire(import.meta.url);
const builds = process.argv.slice(2).map((p) => ({ name: p, hs: require(path.resolve(p)) }));
if (builds.length < 2) {
  console.error('usage: node bench/ab.mjs A/node.cjs B/node.cjs [...]');
  process.exit(2);
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
const SECRET = '7f3c9a1be2d44f0a8c6b5e1d2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c';

const cases = [];
for (const size of [2048, 65536]) {
  const body = seqinoBody(size);
  // Node's req.headers for a delivery, as bench/run.mjs passes them: the signature among the
  // usual others.
  const headers = (hs) => ({
    host: 'api.example.fr', 'user-agent': 'Seqino-Webhooks/1.0', 'content-type': 'application/json',
    accept: '*/*', 'accept-encoding': 'gzip', 'x-forwarded-for': '203.0.113.7', 'x-request-id': 'req_8f7e6d5c',
    'x-seqino-signature': hs.signSeqino(body, SECRET), 'content-length': String(body.length),
  });
  for (const method of ['verify', 'isValid']) {
    cases.push({ name: `Seqino ${method} ${size} B`, make: (hs) => { const v = new hs.SeqinoVerifier({ secret: SECRET }); const h = headers(hs); return () => v[method](body, h); } });
  }
  // The same body as a string, as edge runtimes hand it over (`await request.text()`).
  const text = body.toString('utf8');
  cases.push({ name: `Seqino verify (string) ${size} B`, make: (hs) => { const v = new hs.SeqinoVerifier({ secret: SECRET }); const h = headers(hs); return () => v.verify(text, h); } });
}
const mb = Buffer.alloc(1_000_000, 0x61);
cases.push({ name: 'HMAC-SHA256 1 MB (signSeqino)', make: (hs) => () => hs.signSeqino(mb, SECRET) });
if (builds.every((b) => b.hs.TreezorVerifier)) {
  // A typed `transaction.create` delivery as Treezor writes it (bench/run.mjs's 3 and 22 KB,
  // and one transaction for the fixed cost of a call), as a Buffer: the envelope read, the
  // typed-shape walk and the PHP-form check all run.
  for (const size of [200, 2048, 20480]) {
    const envelope = treezorEnvelope(size);
    for (const method of ['verify', 'isValid']) {
      cases.push({ name: `Treezor ${method} ${size} B`, make: (hs) => { const body = Buffer.from(hs.signTreezor(envelope, SECRET)); const v = new hs.TreezorVerifier({ secret: SECRET }); return () => v[method](body); } });
    }
    // The same delivery as a string, as edge runtimes hand it over (`await request.text()`).
    cases.push({ name: `Treezor verify (string) ${size} B`, make: (hs) => { const body = hs.signTreezor(envelope, SECRET); const v = new hs.TreezorVerifier({ secret: SECRET }); return () => v.verify(body); } });
  }
}

// AB_CASES=Seqino: only the cases whose name contains it.
if (process.env.AB_CASES) cases.splice(0, cases.length, ...cases.filter((c) => c.name.includes(process.env.AB_CASES)));

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const c of cases) {
  const fns = builds.map((b) => c.make(b.hs));
  // Warm up every build: V8 runs wasm in its baseline tier first and tiers hot code up later.
  for (const fn of fns) { const t0 = performance.now(); while (performance.now() - t0 < 400) fn(); }
  let iters = 1;
  for (;;) { const t0 = performance.now(); for (let i = 0; i < iters; i++) fns[0](); if (performance.now() - t0 > 20) break; iters *= 2; }
  const samples = fns.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    const order = fns.map((_, i) => i).sort(() => Math.random() - 0.5);
    for (const i of order) { const t0 = process.hrtime.bigint(); for (let k = 0; k < iters; k++) fns[i](); samples[i].push(Number(process.hrtime.bigint() - t0) / iters); }
  }
  console.log(c.name);
  for (const [i, b] of builds.entries()) {
    console.log(`  ${b.name.padEnd(44)} ${(median(samples[i]) / 1000).toFixed(1).padStart(9)} µs  ${median(samples[i].map((s, r) => samples[0][r] / s)).toFixed(2)}× vs first`);
  }
}
