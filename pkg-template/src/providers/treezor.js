// Treezor's part of the public API: the `hookseal/treezor` entry, re-exported by `hookseal`.
// Named imports only (see seqino.js).
import { TreezorVerifier, signTreezor as glueSignTreezor, __wasmMemoryBytes as memoryBytes } from '@hookseal/glue/treezor';
import {
  HooksealError, readRawBody, registerMemory, registerVerifier, stackedAtCaller, verifyNodeRequest, __wasmMemoryBytes,
} from '@hookseal/shared';

const signTreezor = stackedAtCaller(glueSignTreezor);

export { HooksealError, readRawBody, verifyNodeRequest, __wasmMemoryBytes, TreezorVerifier, signTreezor };

// Treezor signs inside the body: headers, method and URL play no part.
registerMemory(memoryBytes);
registerVerifier(TreezorVerifier, 'treezor', (v, r) => v.verify(r.body));
