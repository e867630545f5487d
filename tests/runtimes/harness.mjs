// Shared by the runtime suites: where the packed package is, runtime binaries (missing = fail
// under CI=true, skip otherwise), free ports, child processes that are always stopped, and the
// one check every runtime has to pass: each delivery gets the status it deserves.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const tmp = path.join(here, '.tmp');
export const project = path.join(tmp, 'project');
export const installed = path.join(project, 'node_modules/hookseal');

/** The package's .wasm files: one per provider (hookseal_<provider>_bg.wasm). */
export const wasmFiles = () => fs.readdirSync(installed).filter((f) => f.endsWith('.wasm')).sort();

/** What prepare.mjs packed and installed; fails clearly when it has not run. */
export function prepared() {
  const file = path.join(tmp, 'prepared.json');
  assert.ok(fs.existsSync(file), 'the packed package is not installed: run `node tests/runtimes/prepare.mjs` (scripts/test does)');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** A fresh directory under .tmp for one suite's outputs. */
export function workDir(name) {
  const dir = path.join(tmp, 'work', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

const BINARIES = {
  workerd: () => path.join(root, 'node_modules/.bin/workerd'),
  deno: () => path.join(root, 'node_modules/.bin/deno'),
  chromium: () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
};

/** The path of a runtime binary. When it is missing the test fails under CI=true (a runtime
 *  that silently stops being tested is a regression) and is skipped elsewhere. */
export function binary(t, name) {
  const file = BINARIES[name]();
  if (fs.existsSync(file)) return file;
  const why = `${name} is not installed (${file}); scripts/setup installs it`;
  if (process.env.CI === 'true') assert.fail(why);
  t.skip(why);
  return null;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Children still alive when this test process exits (a test timed out, an assertion threw
// before stop()) are killed by their pid, so no server outlives the suite.
const live = new Set();
process.on('exit', () => { for (const child of live) child.kill('SIGKILL'); });

/** Starts a server process; `stop()` kills it (and is registered with `t.after`). */
export function startProcess(t, cmd, args, opts = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  live.add(child);
  child.on('exit', () => live.delete(child));
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const proc = {
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
  t.after(() => proc.stop());
  return proc;
}

/** Polls `url` until the server answers, the process dies, or `ms` pass. */
export async function waitForHttp(url, proc, ms = 20000) {
  const deadline = Date.now() + ms;
  let died = false;
  proc.exited.then(() => { died = true; });
  while (Date.now() < deadline) {
    if (died) assert.fail(`the server exited before answering:\n${proc.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      return;
    } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  assert.fail(`no answer from ${url} within ${ms} ms:\n${proc.output()}`);
}

/** Sends every delivery to a running server with real HTTP and returns the answers. */
export async function sendOverHttp(baseUrl, deliveries) {
  const answers = [];
  for (const d of deliveries) {
    const res = await fetch(baseUrl + d.path, {
      method: d.method,
      headers: d.headers,
      body: d.body,
      signal: AbortSignal.timeout(10000),
    });
    const text = await res.text();
    let body;
    try { body = JSON.parse(text); } catch { body = text; }
    answers.push({ status: res.status, body });
  }
  return answers;
}

/** Each delivery got the status it deserves, and a valid one the right event id. */
export function assertAnswers(deliveries, answers, where) {
  assert.equal(answers.length, deliveries.length);
  deliveries.forEach((d, i) => {
    const a = answers[i];
    const label = `${where}: ${d.provider} ${d.kind} -> ${JSON.stringify(a)}`;
    assert.equal(a.status, d.expect.status, label);
    if (d.expect.id !== undefined) assert.equal(a.body?.id, d.expect.id, label);
    if (d.expect.code !== undefined) assert.equal(a.body?.code, d.expect.code, label);
    if (a.status === 400 || a.status === 401) {
      // A refusal's HooksealError: its stack starts at `verify` (a minifier may rename the
      // class, never the method), with no frame of the wasm or of the glue that made it.
      const frames = a.body?.frames ?? [];
      assert.match(frames[0] ?? '', /(^|[\s.])verify \(/, `${label}: the stack starts at verify`);
      for (const f of frames) assert.doesNotMatch(f, /wasm-function|wasm:\/\/|makeError|__wbg/, `${label}: no frame of the package's insides`);
    }
  });
}

/** Writes dir/config.capnp: one worker (its capnp fields given as text) on 127.0.0.1:port. */
export function writeWorkerdConfig(dir, port, workerFields) {
  const file = path.join(dir, 'config.capnp');
  fs.writeFileSync(file, `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  compatibilityDate = "2025-01-01",
${workerFields}
);
`);
  return file;
}

/** A capnp json binding. */
export const jsonBinding = (name, value) => `(name = "${name}", json = ${JSON.stringify(JSON.stringify(value))})`;

/** Bundles `entry` (inside the project) for workerd as wrangler does: conditions workerd,
 *  worker, browser; `*.wasm` imports kept as modules, every provider's .wasm copied next to the
 *  bundle. */
export async function bundleForWorkerd(name, entry, conditions = ['workerd', 'worker', 'browser']) {
  const { build } = await import('esbuild');
  const dir = workDir(name);
  const result = await build({
    entryPoints: [path.join(project, entry)],
    outfile: path.join(dir, 'worker.mjs'),
    bundle: true, format: 'esm', platform: 'neutral', target: 'es2022',
    conditions, mainFields: ['module', 'main'],
    external: ['*.wasm'], logLevel: 'silent', metafile: true,
  });
  for (const f of wasmFiles()) fs.copyFileSync(path.join(installed, f), path.join(dir, f));
  const inputs = Object.keys(result.metafile.inputs).filter((f) => f.includes('node_modules/hookseal/'));
  return { dir, inputs };
}

/** The worker fields for a module-syntax bundle made by bundleForWorkerd. */
export const moduleWorker = (bindings) => `  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
${wasmFiles().map((f) => `    (name = "${f}", wasm = embed "${f}"),`).join('\n')}
  ],
  bindings = [ ${bindings.join(', ')} ],`;

/** A TypeScript example as JavaScript (types stripped, imports kept) at `out` in the project. */
export async function transpileExample(src, out) {
  const { transform } = await import('esbuild');
  const { code } = await transform(fs.readFileSync(path.join(project, src), 'utf8'), { loader: 'ts', format: 'esm', target: 'es2022' });
  fs.mkdirSync(path.dirname(path.join(project, out)), { recursive: true });
  fs.writeFileSync(path.join(project, out), code);
  return path.join(project, out);
}
