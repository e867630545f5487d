// Numeral's part of the public API: the `hookseal/numeral` entry, re-exported by `hookseal`.
// Named imports only (see seqino.js).
import { NumeralVerifier, __wasmMemoryBytes as memoryBytes } from '@hookseal/glue/numeral';
import {
  HooksealError, readRawBody, registerMemory, registerVerifier, verifyNodeRequest, __wasmMemoryBytes,
} from '@hookseal/shared';

export { HooksealError, readRawBody, verifyNodeRequest, __wasmMemoryBytes, NumeralVerifier };

registerMemory(memoryBytes);
// Numeral signs the method and URL; `opts.url` overrides the request's (behind a proxy).
registerVerifier(NumeralVerifier, 'numeral',
  (v, r, opts) => v.verify(r.body, r.headers, { method: r.method, url: r.url, ...opts }));
