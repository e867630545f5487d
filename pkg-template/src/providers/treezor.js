// Treezor's part of the public API: the `hookseal/treezor` entry, re-exported by `hookseal`.
// Named imports only (see seqino.js).
import {
  TreezorVerifier as GlueTreezorVerifier, signTreezor as glueSignTreezor,
  __wasmMemoryBytes as memoryBytes, __wbg_reset_state as resetState,
} from '@hookseal/glue/treezor';
import {
  HooksealError, readRawBody, registerMemory, registerVerifier, replaceableInstance, verifyNodeRequest,
  wrappedFunction, __wasmMemoryBytes,
} from '@hookseal/shared';

const instance = replaceableInstance(resetState);
// Treezor signs inside the body: headers, method and URL play no part.
const TreezorVerifier = registerVerifier(GlueTreezorVerifier, 'treezor', instance, (v, r) => v.verify(r.body));
const signTreezor = wrappedFunction(glueSignTreezor, instance);

export { HooksealError, readRawBody, verifyNodeRequest, __wasmMemoryBytes, TreezorVerifier, signTreezor };

registerMemory(memoryBytes);
