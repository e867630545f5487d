// The public API, the same from every entry. The wasm instance must be initialized before
// this module runs: each entry imports its `init-*.js` first.
import * as glue from '@hookseal/glue';

/** Thrown by every verifier: a real Error subclass with `code`, `provider` and `hint`. */
export const HooksealError = glue.__hooksealErrorClass();

export const { SeqinoVerifier, signSeqino } = glue;
export const { TreezorVerifier, signTreezor } = glue;
export const { SepayVerifier, signSepay, validateSepayWebhookConfig } = glue;
export const { NumeralVerifier } = glue;

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

TreezorVerifier.prototype.verifyRequest = async function verifyRequest(request) {
  return this.verify(await rawBody(request));
};

SepayVerifier.prototype.verifyRequest = async function verifyRequest(request, opts) {
  return this.verify(await rawBody(request), request.headers, opts);
};

// Numeral signs the method and URL: a Fetch Request carries both.
NumeralVerifier.prototype.verifyRequest = async function verifyRequest(request, opts) {
  const body = await rawBody(request);
  return this.verify(body, request.headers, { method: request.method, url: request.url, ...opts });
};
