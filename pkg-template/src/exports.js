// The public API, the same from every entry. The wasm instance must be initialized before
// this module runs: each entry imports its `init-*.js` first.
//
// Named imports only (never `import * as glue`): a namespace object would keep the glue's
// unused async `__wbg_init` and its `new URL('hookseal_bg.wasm', import.meta.url)` in every
// entry, which makes webpack and Vite emit a second, unused copy of the .wasm next to bundles
// that already inline it (tests/runtimes/bundlers.test.mjs checks what they emit).
import {
  __hooksealErrorClass,
  SeqinoVerifier, signSeqino,
  TreezorVerifier, signTreezor,
  SepayVerifier, signSepay, validateSepayWebhookConfig,
  __wasmMemoryBytes,
  NumeralVerifier,
} from '@hookseal/glue';
import * as requests from './requests.js';

/** Thrown by every verifier: a real Error subclass with `code`, `provider` and `hint`. */
export const HooksealError = __hooksealErrorClass();

export { SeqinoVerifier, signSeqino };
export { TreezorVerifier, signTreezor };
export { SepayVerifier, signSepay, validateSepayWebhookConfig };
// Not public API: the size of the wasm memory, for the package's memory tests.
export { __wasmMemoryBytes };
export { NumeralVerifier };

// `verifier.verifyRequest(request)` (Fetch API) and `verifyNodeRequest(verifier, req)` (Node)
// call each provider's `verify` with what its signature covers.
requests.registerVerifier(HooksealError, SeqinoVerifier, (v, r, opts) => v.verify(r.body, r.headers, opts));
// Treezor signs inside the body: headers, method and URL play no part.
requests.registerVerifier(HooksealError, TreezorVerifier, (v, r) => v.verify(r.body));
requests.registerVerifier(HooksealError, SepayVerifier, (v, r, opts) => v.verify(r.body, r.headers, opts));
// Numeral signs the method and URL; `opts.url` overrides the request's (behind a proxy).
requests.registerVerifier(HooksealError, NumeralVerifier,
  (v, r, opts) => v.verify(r.body, r.headers, { method: r.method, url: r.url, ...opts }));

/** Reads a Node http.IncomingMessage's raw body (at most `limit` bytes, default 1 MiB). */
export const readRawBody = (req, opts) => requests.readRawBody(HooksealError, req, opts);
/** Reads a Node request's raw body (or takes express.raw's Buffer) and verifies it. */
export const verifyNodeRequest = (verifier, req, opts) => requests.verifyNodeRequest(HooksealError, verifier, req, opts);
