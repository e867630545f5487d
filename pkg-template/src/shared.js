// The one module every provider shares: `HooksealError` and the Fetch API helper. Built once
// per module system (pkg/shared.mjs, pkg/shared.cjs) and imported by every provider's glue
// (as `@hookseal/shared`, see src/wasm/error.rs) and entry, so there is ONE HooksealError
// class whichever provider threw and whether the package was required or imported.

/** Thrown by every verifier: a real Error subclass with `code`, `provider` and `hint`. */
export class HooksealError extends Error {
  constructor(code, provider, message, hint) {
    super(message);
    this.name = 'HooksealError';
    this.code = code;
    this.provider = provider;
    if (hint !== undefined) this.hint = hint;
  }
}

/** Called by the wasm (src/wasm/error.rs) for every error it throws. */
export function makeError(code, provider, message, hint) {
  return new HooksealError(code, provider, message, hint);
}

/** Fetch API helper of every `verifyRequest`: reads the raw body once. */
export async function rawBody(request) {
  if (!request || typeof request.arrayBuffer !== 'function') {
    throw new HooksealError('invalid_input', 'core', 'verifyRequest needs a Fetch API Request',
      'in Node with http/express, pass the raw body and req.headers to verify() instead');
  }
  return new Uint8Array(await request.arrayBuffer());
}
