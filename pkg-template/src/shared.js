// The one module every provider shares: `HooksealError`, the request helpers and their
// registry of verifier classes. Built once per module system (pkg/shared.mjs, pkg/shared.cjs)
// and imported by every provider's glue (as `@hookseal/shared`, see src/wasm/error.rs) and
// entry, so there is ONE HooksealError class and one registry whichever provider threw or
// registered, and whether the package was required or imported.
import * as receivers from './receivers.js';
import * as requests from './requests.js';
import * as instances from './instances.js';
import * as methods from './methods.js';

/** Thrown by every verifier: a real Error subclass with `code`, `provider` and `hint`. */
export class HooksealError extends Error {
  constructor(code, provider, message, hint) {
    super(message);
    // Defined, not assigned: a setter of one of these names on Object.prototype (a polluted
    // prototype) would take an assignment, and throw or drop the code.
    const define = (name, value) => Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    define('name', 'HooksealError');
    define('code', code);
    define('provider', provider);
    if (hint !== undefined) define('hint', hint);
  }
}

/** Called by the wasm (src/wasm/error.rs) for every error it throws. A method's error is
 *  constructed by the method, its stack starting there, not in the wasm (methods.js); a
 *  constructor's, here. */
export function makeError(code, provider, message, hint, byMethod) {
  return byMethod
    ? methods.errorFromWasm(code, provider, message, hint)
    : new HooksealError(code, provider, message, hint);
}

/** Called once per provider by src/providers/<name>.js with its glue's `__wbg_reset_state`: the
 *  provider's instance, replaced when a call was cut off inside it (instances.js). */
export const replaceableInstance = (resetState) => instances.replaceableInstance(resetState);

/** Called once per verifier class by src/providers/<name>.js with the glue's class; returns the
 *  public class. Its methods refuse a `this` that is not a live verifier of the class
 *  (receivers.js), rebuild a verifier whose instance was replaced (instances.js), and construct
 *  their errors (methods.js); `verifyRequest` (Fetch API) and `verifyNodeRequest` (Node) call
 *  `verifyParts(verifier, {body, headers, method, url}, opts)`. */
export function registerVerifier(Glue, provider, instance, verifyParts) {
  const { Verifier, recordOf, current, free } = instances.rebuildable(Glue, instance);
  const refusal = receivers.receiverRefusal(Verifier, provider, recordOf);
  receivers.freeingOnce(HooksealError, Glue, recordOf, refusal, free);
  methods.methodsWrapped(HooksealError, Glue, instance, { Verifier, refusal, current, recordOf });
  requests.registerVerifier(HooksealError, Verifier, verifyParts, refusal);
  return Verifier;
}

/** A function of a provider's glue (`signSeqino`...), wrapped like the methods (methods.js). */
export const wrappedFunction = (fn, instance) => methods.wrapped(HooksealError, fn, instance);

// Not public API: the wasm memory of every provider instance loaded (in this module system), in
// bytes, for the package's memory tests. Each provider registers its instance's.
const memories = [];
export const registerMemory = (bytes) => { memories.push(bytes); };
export const __wasmMemoryBytes = () => memories.reduce((sum, bytes) => sum + bytes(), 0);

/** Reads a Node http.IncomingMessage's raw body (at most `limit` bytes, default 1 MiB). */
export const readRawBody = (req, opts) => requests.readRawBody(HooksealError, req, opts);
/** Reads a Node request's raw body (or takes express.raw's Buffer) and verifies it. */
export const verifyNodeRequest = (verifier, req, opts) => requests.verifyNodeRequest(HooksealError, verifier, req, opts);
