// Seqino's part of the public API: the `hookseal/seqino` entry, re-exported by `hookseal`.
// Named imports only (never `import * as glue`): a namespace object would keep the glue's
// unused async `__wbg_init` and its `new URL(….wasm, import.meta.url)`, which makes webpack and
// Vite emit an unused copy of the .wasm next to bundles that inline it.
import {
  SeqinoVerifier as GlueSeqinoVerifier, signSeqino as glueSignSeqino,
  __wasmMemoryBytes as memoryBytes, __wbg_reset_state as resetState,
} from '@hookseal/glue/seqino';
import {
  HooksealError, readRawBody, registerMemory, registerVerifier, replaceableInstance, verifyNodeRequest,
  wrappedFunction, __wasmMemoryBytes,
} from '@hookseal/shared';

const instance = replaceableInstance(resetState);
const SeqinoVerifier = registerVerifier(GlueSeqinoVerifier, 'seqino', instance,
  (v, r, opts) => v.verify(r.body, r.headers, opts));
const signSeqino = wrappedFunction(glueSignSeqino, instance);

export { HooksealError, readRawBody, verifyNodeRequest, __wasmMemoryBytes, SeqinoVerifier, signSeqino };

registerMemory(memoryBytes);
