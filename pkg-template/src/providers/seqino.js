// Seqino's part of the public API: the `hookseal/seqino` entry, re-exported by `hookseal`.
// Named imports only (never `import * as glue`): a namespace object would keep the glue's
// unused async `__wbg_init` and its `new URL(….wasm, import.meta.url)`, which makes webpack and
// Vite emit an unused copy of the .wasm next to bundles that inline it.
import { SeqinoVerifier, signSeqino as glueSignSeqino, __wasmMemoryBytes as memoryBytes } from '@hookseal/glue/seqino';
import {
  HooksealError, readRawBody, registerMemory, registerVerifier, stackedAtCaller, verifyNodeRequest, __wasmMemoryBytes,
} from '@hookseal/shared';

const signSeqino = stackedAtCaller(glueSignSeqino);

export { HooksealError, readRawBody, verifyNodeRequest, __wasmMemoryBytes, SeqinoVerifier, signSeqino };

registerMemory(memoryBytes);
registerVerifier(SeqinoVerifier, 'seqino', (v, r, opts) => v.verify(r.body, r.headers, opts));
