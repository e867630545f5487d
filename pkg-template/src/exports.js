// The public API, the same from every entry. The wasm instance must be initialized before
// this module runs: each entry imports its `init-*.js` first.
//
// Named imports only (never `import * as glue`): a namespace object would keep the glue's
// unused async `__wbg_init` and its `new URL('hookseal_bg.wasm', import.meta.url)` in every
// entry, which makes webpack and Vite emit a second, unused copy of the .wasm next to bundles
// that already inline it (tests/runtimes/bundlers.test.mjs checks what they emit).
import { __hooksealErrorClass, SeqinoVerifier, signSeqino } from '@hookseal/glue';

/** Thrown by every verifier: a real Error subclass with `code`, `provider` and `hint`. */
export const HooksealError = __hooksealErrorClass();

export { SeqinoVerifier, signSeqino };

// Fetch API helpers: read the raw body once, keep what the signature may cover.
async function rawBody(request) {
  if (!request || typeof request.arrayBuffer !== 'function') {
    throw new HooksealError('invalid_input', 'core', 'verifyRequest needs a Fetch API Request',
      'in Node with http/express, pass the raw body and req.headers to verify() instead');
  }
  return new Uint8Array(await request.arrayBuffer());
}

SeqinoVerifier.prototype.verifyRequest = async function verifyRequest(request, opts) {
  return this.verify(await rawBody(request), request.headers, opts);
};
