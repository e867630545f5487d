// verifyRequest (Fetch API) and the Node helpers verifyNodeRequest / readRawBody, against real
// http servers on 127.0.0.1 (plain node:http and Express).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import express from 'express';
import { HooksealError, SeqinoVerifier, readRawBody, signSeqino, verifyNodeRequest } from 'hookseal';

const SECRET = 'b'.repeat(64);
const BODY = '{"event_id":"evt_n1","event_type":"webhook.test","timestamp":"2026-01-01T00:00:00Z","sponsor_id":"s","data":{"test_id":"test_n1"}}';
const seqino = new SeqinoVerifier({ secret: SECRET });

/** Starts `handler` on a free port; answers are JSON {ok, ...} or {code, hint}. */
async function serve(t, handler) {
  const server = http.createServer(handler);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise((r) => { server.close(r); server.closeAllConnections(); }));
  return `http://127.0.0.1:${server.address().port}`;
}
const answer = (res, status, json) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
function nodeHandler(opts) {
  return async (req, res) => {
    try {
      const e = await verifyNodeRequest(seqino, req, opts);
      answer(res, 200, { ok: true, id: e.event_id });
    } catch (e) {
      answer(res, e.code === 'body_too_large' ? 413 : 401, { code: e.code, hint: e.hint, isHooksealError: e instanceof HooksealError });
    }
  };
}
async function post(url, body, headers = {}) {
  const res = await fetch(url, { method: 'POST', body, headers: { 'x-seqino-signature': signSeqino(body, SECRET), ...headers } });
  return { status: res.status, json: await res.json() };
}

test('verifyNodeRequest reads a plain node:http request and verifies it', async (t) => {
  const base = await serve(t, nodeHandler());
  assert.deepEqual(await post(base + '/hook', BODY), { status: 200, json: { ok: true, id: 'evt_n1' } });
  const bad = await fetch(base + '/hook', { method: 'POST', body: BODY + ' ', headers: { 'x-seqino-signature': signSeqino(BODY, SECRET) } });
  assert.equal(bad.status, 401);
  assert.equal((await bad.json()).code, 'signature_mismatch');
});

test('a Content-Length over maxBodyBytes is refused before the body is read', async (t) => {
  let refusedAt;
  const base = await serve(t, async (req, res) => {
    try { await verifyNodeRequest(seqino, req, { maxBodyBytes: 1000 }); } catch (e) {
      refusedAt = Date.now();
      answer(res, 413, { code: e.code });
    }
  });
  // Announce 10 MB, send 10 bytes, then nothing: only an early refusal can answer.
  const { port } = new URL(base);
  const status = await new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'content-length': 10_000_000 } });
    req.on('response', (res) => { res.resume(); resolve(res.statusCode); req.destroy(); });
    req.on('error', reject);
    req.write('0123456789');
  });
  assert.equal(status, 413);
  assert.ok(refusedAt);
});

test('a streamed (chunked) body is refused as soon as it passes the limit', async (t) => {
  const base = await serve(t, nodeHandler({ maxBodyBytes: 64 * 1024 }));
  const big = new ReadableStream({
    start(c) { for (let i = 0; i < 8; i++) c.enqueue(new Uint8Array(16 * 1024).fill(32)); c.close(); },
  });
  const res = await fetch(base + '/', { method: 'POST', body: big, duplex: 'half', headers: { 'x-seqino-signature': '00' } });
  assert.equal(res.status, 413);
  const json = await res.json();
  assert.equal(json.code, 'body_too_large');
  assert.equal(json.isHooksealError, true);
  assert.match(json.hint, /maxBodyBytes/);
});

test('readRawBody returns the exact bytes, including invalid UTF-8', async (t) => {
  let got;
  const base = await serve(t, async (req, res) => { got = await readRawBody(req, { limit: 100 }); res.end(); });
  const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x00, 0x7d]);
  await (await fetch(base, { method: 'POST', body: bytes })).arrayBuffer();
  assert.deepEqual([...got], [...bytes]);
  assert.ok(got instanceof Uint8Array);
});

test('Express: after express.raw() the Buffer is used; after express.json() a clear invalid_input', async (t) => {
  const app = express();
  app.post('/raw', express.raw({ type: '*/*' }), nodeHandler());
  app.post('/json', express.json(), nodeHandler());
  app.post('/none', nodeHandler());
  const base = await serve(t, app);
  for (const route of ['/raw', '/none']) {
    assert.deepEqual(await post(base + route, BODY, { 'content-type': 'application/json' }), { status: 200, json: { ok: true, id: 'evt_n1' } }, route);
  }
  const parsed = await post(base + '/json', BODY, { 'content-type': 'application/json' });
  assert.equal(parsed.json.code, 'invalid_input');
  assert.match(parsed.json.hint, /express\.raw/);
});

test('verifyNodeRequest refuses what is not a verifier or not a request', async () => {
  await assert.rejects(verifyNodeRequest({}, { headers: {}, on() {} }), (e) => e instanceof HooksealError && e.code === 'invalid_input');
  await assert.rejects(verifyNodeRequest(seqino, null), (e) => e instanceof HooksealError && e.code === 'invalid_input');
  await assert.rejects(readRawBody(new Request('http://x/', { method: 'POST', body: 'x' })), (e) => e instanceof HooksealError && /verifyRequest/.test(e.hint));
});

test('verifyRequest refuses a Request whose body was already read, with a hint', async () => {
  const req = new Request('http://x/', { method: 'POST', body: BODY, headers: { 'x-seqino-signature': signSeqino(BODY, SECRET) } });
  await req.text();
  await assert.rejects(seqino.verifyRequest(req), (e) => e instanceof HooksealError && e.code === 'invalid_input' && /before request\.json/.test(e.hint));
});

// A client that goes away mid-body, or a stream that fails, is a delivery that did not arrive:
// a HooksealError (invalid_input, what stopped it as `cause`), as every refusal is. It used to be
// the stream's own Error, which the README's handlers (answer a HooksealError, rethrow the rest)
// rethrew into an unhandled rejection: the process exited on a client's disconnection.
test('a client that disconnects mid-body gets the handler a HooksealError, and the server runs on', async (t) => {
  let caught;
  const settled = new Promise((resolve) => {
    serve(t, async (req, res) => {
      try {
        await verifyNodeRequest(seqino, req);
      } catch (e) {
        if (!(e instanceof HooksealError)) throw e; // the README's pattern
        caught = e;
        res.destroy();
      }
      resolve();
    }).then((base) => {
      const { port } = new URL(base);
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'content-length': 1000 } });
      req.on('error', () => {});
      req.write('{"event_id":', () => setTimeout(() => req.destroy(), 50));
    });
  });
  await settled;
  assert.ok(caught instanceof HooksealError);
  assert.equal(caught.code, 'invalid_input');
  assert.match(caught.message, /^the request (body could not be read: aborted|was closed before its body was complete)/);
});

test('the request helpers refuse bad options and odd streams with a HooksealError, and their promises settle', async () => {
  const { Readable } = await import('node:stream');
  const stream = (...chunks) => Object.assign(Readable.from(chunks, { objectMode: true }), { headers: {} });
  const refused = (promise, pattern) => assert.rejects(promise, (e) => e instanceof HooksealError && e.code === 'invalid_input' && pattern.test(e.message));
  for (const maxBodyBytes of [Symbol('x'), NaN, -1, 1.5, '5', { valueOf() { throw new Error('no'); } }]) {
    await refused(verifyNodeRequest(seqino, stream(Buffer.from('{}')), { maxBodyBytes }), /`maxBodyBytes` must be a non-negative whole number/);
  }
  for (const limit of ['abc', NaN, Infinity]) await refused(readRawBody(stream(Buffer.from('{}')), { limit }), /`limit` must be/);
  await refused(verifyNodeRequest(seqino, stream(Buffer.from('{}')), 5), /must be an object/);
  // Options that throw when read: an invalid_input with the original as cause, not the raw error.
  const fire = new Error('getter on fire');
  const throwing = [
    { get maxBodyBytes() { throw fire; } },
    { get url() { throw fire; } },
    { get now() { throw fire; } }, // read by the rest copy, before the verifier sees it
    new Proxy({}, { ownKeys() { throw fire; } }),
  ];
  for (const opts of throwing) {
    await assert.rejects(verifyNodeRequest(seqino, stream(Buffer.from('{}')), opts),
      (e) => e instanceof HooksealError && e.code === 'invalid_input' && /options of verifyNodeRequest could not be read/.test(e.message) && e.cause === fire);
  }
  await assert.rejects(readRawBody(stream(Buffer.from('{}')), { get limit() { throw fire; } }),
    (e) => e instanceof HooksealError && e.code === 'invalid_input' && /options of readRawBody could not be read/.test(e.message) && e.cause === fire);
  // An inherited option is still read, as destructuring reads it.
  await assert.rejects(verifyNodeRequest(seqino, stream(Buffer.from('{"a":1}')), Object.create({ maxBodyBytes: 2 })),
    (e) => e instanceof HooksealError && e.code === 'body_too_large');
  assert.deepEqual([...await readRawBody(stream(Buffer.from('ab')), null)], [0x61, 0x62]);
  await refused(readRawBody(stream(Buffer.from('ab'), 42)), /something other than bytes or text/);
  const failing = new Readable({ read() { this.destroy(new Error('disk on fire')); } });
  failing.headers = {};
  await assert.rejects(readRawBody(failing), (e) => e instanceof HooksealError && /disk on fire/.test(e.message) && e.cause?.message === 'disk on fire');
  // express.raw()'s body, detached since.
  const detached = new ArrayBuffer(8);
  structuredClone(detached, { transfer: [detached] });
  await refused(verifyNodeRequest(seqino, { headers: {}, body: detached, on() {} }), /req\.body could not be read/);
});

test('verifyRequest: a body that cannot be read is a HooksealError with its cause', async () => {
  const failing = new Request('http://x/', {
    method: 'POST',
    body: new ReadableStream({ pull(c) { c.error(new Error('stream err')); } }),
    duplex: 'half',
    headers: { 'x-seqino-signature': signSeqino(BODY, SECRET) },
  });
  await assert.rejects(seqino.verifyRequest(failing), (e) => e instanceof HooksealError && e.code === 'invalid_input' && e.cause?.message === 'stream err');
  const odd = { headers: new Headers(), bodyUsed: false, arrayBuffer: async () => -1 };
  await assert.rejects(seqino.verifyRequest(odd), (e) => e instanceof HooksealError && e.code === 'invalid_input');
});

test('verifyNodeRequest takes a subclass of a verifier, and refuses a copy of one or a lookalike', async () => {
  class AppVerifier extends SeqinoVerifier {}
  const app = new AppVerifier({ secret: SECRET });
  const req = { headers: { 'x-seqino-signature': signSeqino(BODY, SECRET) }, body: Buffer.from(BODY), on() {} };
  assert.equal((await verifyNodeRequest(app, req)).event_id, 'evt_n1');
  const copy = Object.assign(Object.create(SeqinoVerifier.prototype), app);
  await assert.rejects(verifyNodeRequest(copy, req), (e) => e instanceof HooksealError && /not made by new SeqinoVerifier/.test(e.message));
  await assert.rejects(verifyNodeRequest({ constructor: SeqinoVerifier }, req), (e) => e instanceof HooksealError && /needs a hookseal verifier/.test(e.message));
});
