// Numeral's part of the public API: the `hookseal/numeral` entry, re-exported by `hookseal`.
// Named imports only (see seqino.js).
import {
  NumeralVerifier as GlueNumeralVerifier, __wasmMemoryBytes as memoryBytes, __wbg_reset_state as resetState,
} from '@hookseal/glue/numeral';
import {
  HooksealError, readRawBody, registerMemory, registerVerifier, replaceableInstance, verifyNodeRequest, __wasmMemoryBytes,
} from '@hookseal/shared';

const instance = replaceableInstance(resetState);
// Numeral signs the method and URL; `opts.url` overrides the request's (behind a proxy).
const NumeralVerifier = registerVerifier(GlueNumeralVerifier, 'numeral', instance,
  (v, r, opts) => v.verify(r.body, r.headers, { method: r.method, url: r.url, ...opts }));

export { HooksealError, readRawBody, verifyNodeRequest, __wasmMemoryBytes, NumeralVerifier };

registerMemory(memoryBytes);
