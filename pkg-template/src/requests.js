// Request helpers shared by every entry: `verifier.verifyRequest(request)` for the Fetch API
// and `verifyNodeRequest(verifier, req)` / `readRawBody(req)` for Node's http.IncomingMessage
// (plain http, Express, Fastify's raw request, Next's pages API with bodyParser off...).
// No Node import: anything with Node's stream events works, in any runtime.
import { inheritsFrom } from './receivers.js';

const DEFAULT_MAX_BODY_BYTES = 1 << 20; // the verifiers' default too

// Every verifier class: how to verify {body, headers, method, url} with that provider's
// `verify`, and what its methods refuse to run on (receivers.js).
const registered = [];

/** Called once per verifier class by shared.js: adds `verifyRequest` to it, which refuses a
 *  `this` that `refusal` refuses (receivers.js) before it reads the request. */
export function registerVerifier(HooksealError, Verifier, verifyParts, refusal) {
  registered.push({ Verifier, verifyParts, refusal });
  Object.defineProperty(Verifier.prototype, 'verifyRequest', {
    configurable: true,
    writable: true,
    value: async function verifyRequest(request, opts) {
      const refused = refusal(this, 'verifyRequest');
      if (refused !== undefined) throw new HooksealError(refused.code, refused.provider, refused.message, refused.hint);
      return verifyParts(this, await fetchRequestParts(HooksealError, request), opts ?? {});
    },
  });
}

/** An `invalid_input` for a request that could not be read, with what stopped it as `cause`
 *  (a client that went away, a stream that failed): a HooksealError like every other refusal,
 *  so that a handler that answers 400 to those and rethrows the rest (as the README's do) does
 *  not rethrow a client's disconnection into an unhandled rejection. */
function unreadable(HooksealError, message, cause, hint = 'the delivery did not arrive whole; the provider retries a delivery that was not acknowledged') {
  const e = new HooksealError('invalid_input', 'core', message, hint);
  if (cause !== undefined) Object.defineProperty(e, 'cause', { value: cause, writable: true, configurable: true });
  return e;
}

/** What an error says, without trusting it to say it (it may be anything thrown). */
function said(err) {
  try {
    return String(err?.message ?? err);
  } catch {
    return 'an error';
  }
}

async function fetchRequestParts(HooksealError, request) {
  let kind;
  try {
    kind = !request || typeof request.arrayBuffer !== 'function' || !request.headers ? 'other' : request.bodyUsed ? 'read' : 'request';
  } catch (err) {
    throw unreadable(HooksealError, `the request could not be read: ${said(err)}`, err, 'pass the Request the runtime gave the handler');
  }
  if (kind === 'other') {
    throw new HooksealError('invalid_input', 'core', 'verifyRequest needs a Fetch API Request',
      "in Node's http or Express, use verifyNodeRequest(verifier, req) or pass the raw body and req.headers to verify()");
  }
  if (kind === 'read') {
    throw new HooksealError('invalid_input', 'core', 'the request body was already read',
      'call verifyRequest before request.json()/text(), or verify() the raw text you read; a signature covers the exact bytes');
  }
  let bytes;
  try {
    const buffer = await request.arrayBuffer();
    bytes = new Uint8Array(buffer);
  } catch (err) {
    throw unreadable(HooksealError, `the request body could not be read: ${said(err)}`, err);
  }
  return { body: bytes, headers: request.headers, method: request.method, url: request.url };
}

/** A byte limit given to the request helpers: a whole number of bytes, 0 or more. */
function checkedLimit(HooksealError, limit, name) {
  if (typeof limit === 'number' && Number.isInteger(limit) && limit >= 0) return limit;
  throw new HooksealError('invalid_input', 'core', `\`${name}\` must be a non-negative whole number of bytes`,
    `check the \`${name}\` option (default ${DEFAULT_MAX_BODY_BYTES}, 1 MiB)`);
}

/** The helpers' options object: absent, or an object. */
function optionsObject(HooksealError, opts, helper) {
  if (opts === undefined || opts === null) return {};
  if (typeof opts !== 'object') {
    throw new HooksealError('invalid_input', 'core', `the options of ${helper} must be an object`, `e.g. ${helper}(…, { maxBodyBytes: 256 * 1024 })`);
  }
  return opts;
}

/** What `read` takes from the options of `helper`; a getter (or Proxy trap) that throws is an
 *  `invalid_input` with the original as `cause`, as the verifiers' own options are, not the raw
 *  error (which the README's handler pattern rethrows). */
function readOptions(HooksealError, opts, helper, read) {
  const object = optionsObject(HooksealError, opts, helper);
  try {
    return read(object);
  } catch (err) {
    throw unreadable(HooksealError, `the options of ${helper} could not be read (reading them threw: ${said(err)})`, err,
      `pass ${helper} a plain object of options`);
  }
}

function tooLarge(HooksealError, limit, what) {
  return new HooksealError('body_too_large', 'core', `the request body ${what} exceeds the limit of ${limit} bytes`,
    'raise maxBodyBytes (for verifyNodeRequest/readRawBody and the verifier) if such deliveries are legitimate');
}

/** Reads a Node request's raw body (at most `limit` bytes, default 1 MiB) into a Uint8Array.
 *  A Content-Length over the limit is refused before reading anything. */
export function readRawBody(HooksealError, req, opts) {
  return new Promise((resolve, reject) => {
    let limit;
    try {
      const given = readOptions(HooksealError, opts, 'readRawBody', (o) => o.limit);
      limit = checkedLimit(HooksealError, given ?? DEFAULT_MAX_BODY_BYTES, 'limit');
    } catch (e) {
      reject(e);
      return;
    }
    if (!req || typeof req.on !== 'function') {
      reject(new HooksealError('invalid_input', 'core', 'readRawBody needs a Node http.IncomingMessage (a readable stream)',
        'with the Fetch API (Request), use verifier.verifyRequest(request)'));
      return;
    }
    const declared = Number(req.headers?.['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(tooLarge(HooksealError, limit, `(Content-Length ${declared})`));
      return;
    }
    if (req.readableEnded || req.readable === false) {
      reject(new HooksealError('invalid_input', 'core', 'the request body was already read by something else',
        req.body !== undefined && !isRaw(req.body)
          ? 'a body parser (express.json()?) consumed and parsed it; mount express.raw({ type: "*/*" }) on the webhook route instead'
          : 'verify before any middleware reads the body, or keep the raw bytes (express.raw) and pass them to verify()'));
      return;
    }
    const chunks = [];
    let size = 0;
    const encoder = new TextEncoder();
    const cleanup = () => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
      req.removeListener('close', onClose);
    };
    function onData(chunk) {
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      if (!(bytes instanceof Uint8Array)) {
        cleanup();
        req.pause();
        reject(unreadable(HooksealError, 'the request stream gave something other than bytes or text'));
        return;
      }
      size += bytes.byteLength;
      if (size > limit) {
        cleanup();
        // Like raw-body: stop reading; the socket is not destroyed, so a 413 can still be sent.
        req.pause();
        reject(tooLarge(HooksealError, limit, '(streamed)'));
        return;
      }
      chunks.push(bytes);
    }
    function onEnd() {
      cleanup();
      const body = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) { body.set(c, at); at += c.byteLength; }
      resolve(body);
    }
    function onError(err) { cleanup(); reject(unreadable(HooksealError, `the request body could not be read: ${said(err)}`, err)); }
    function onClose() { cleanup(); reject(unreadable(HooksealError, 'the request was closed before its body was complete (the client went away?)')); }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
    if (typeof req.resume === 'function') req.resume();
  });
}

function isRaw(body) {
  return typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer;
}

/** The URL a Node request was sent to: `opts.url` if given (behind a proxy that rewrites the
 *  Host or the path), else Host + originalUrl (Express) or url. */
function nodeUrl(req, url) {
  if (url !== undefined) return url;
  const host = req.headers?.host;
  if (!host) return undefined;
  const scheme = req.socket?.encrypted ? 'https' : 'http';
  return `${scheme}://${host}${req.originalUrl ?? req.url ?? '/'}`;
}

/** Reads (or takes, after express.raw) a Node request's raw body and verifies it with
 *  `verifier`; resolves to the typed event, rejects with a HooksealError. */
export async function verifyNodeRequest(HooksealError, verifier, req, opts) {
  // The class it is an instance of (a subclass's too), then what its methods refuse (a copy, a
  // freed verifier...).
  const entry = registered.find(({ Verifier }) => inheritsFrom(verifier, Verifier));
  if (entry === undefined) {
    throw new HooksealError('invalid_input', 'core', 'verifyNodeRequest needs a hookseal verifier as its first argument',
      'verifyNodeRequest(new SeqinoVerifier({ secret }), req)');
  }
  const refused = entry.refusal(verifier, 'verifyNodeRequest');
  if (refused !== undefined) throw new HooksealError(refused.code, refused.provider, refused.message, refused.hint);
  const [maxBodyBytes, url, verifyOpts] = readOptions(HooksealError, opts, 'verifyNodeRequest', (o) => {
    const { maxBodyBytes, url, ...rest } = o;
    return [maxBodyBytes, url, rest];
  });
  const limit = checkedLimit(HooksealError, maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes');
  let body;
  if (req && isRaw(req.body)) {
    // express.raw() / express.text() already read the bytes.
    try {
      body = typeof req.body === 'string' ? req.body : req.body instanceof Uint8Array ? req.body : new Uint8Array(req.body);
    } catch (err) {
      throw unreadable(HooksealError, `req.body could not be read: ${said(err)}`, err, // a detached ArrayBuffer
        'pass the bytes the body parser gave (express.raw()), untouched');
    }
    if ((typeof body === 'string' ? new TextEncoder().encode(body).byteLength : body.byteLength) > limit) {
      throw tooLarge(HooksealError, limit, '(already read)');
    }
  } else {
    body = await readRawBody(HooksealError, req, { limit });
  }
  return entry.verifyParts(verifier, { body, headers: req.headers, method: req.method, url: nodeUrl(req, url) }, verifyOpts);
}
