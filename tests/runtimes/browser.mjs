// Chromium (Debian's, driven by playwright-core): a static server on 127.0.0.1 with a strict
// CSP (script-src 'self' 'wasm-unsafe-eval': no eval), and a page per bundle that runs the
// deliveries through the shared handler in the page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { chromium } from 'playwright-core';
import { binary } from './harness.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Serves `dir` on a free 127.0.0.1 port; records every request path. */
export async function serveDir(t, dir) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url, 'http://x').pathname;
    requests.push(pathname);
    if (pathname === '/favicon.ico') { res.writeHead(204).end(); return; }
    const file = path.join(dir, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'",
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }));
  return { base: `http://127.0.0.1:${server.address().port}`, requests };
}

/** One Chromium per test file (a persistent context in a fresh profile directory), closed
 *  after the file's last test; null (skipped) or a failure when Chromium is missing. */
let shared;
export async function launchChromium(t) {
  const executablePath = binary(t, 'chromium');
  if (!executablePath) return null;
  shared ??= (async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hookseal-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 30000,
    });
    return { context, profile };
  })();
  return (await shared).context;
}
// Registered when the test file imports this module, so it runs after the file's last test.
after(async () => {
  if (!shared) return;
  const { context, profile } = await shared;
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
});

/** Writes index.html loading `script` (an ES module unless `classic`). */
export function writePage(dir, script, { classic = false } = {}) {
  fs.writeFileSync(path.join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>hookseal</title><script ${classic ? '' : 'type="module" '}src="/${script}"></script>\n`);
}

/** Opens the page, waits for the bundle to be ready, runs the deliveries in it. */
export async function runInPage(context, url, input) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.hooksealReady === true, null, { timeout: 15000 })
      .catch(() => assert.fail(`the page did not get ready: ${errors.join('\n')}`));
    const out = await page.evaluate((i) => window.hooksealTest(i), { ...input, baseUrl: new URL(url).origin });
    assert.deepEqual(errors, [], 'no page errors');
    return out;
  } finally {
    await page.close();
  }
}
