// SePay's part of the public API: the `hookseal/sepay` entry, re-exported by `hookseal`.
// Named imports only (see seqino.js).
import {
  SepayVerifier as GlueSepayVerifier, signSepay as glueSignSepay,
  validateSepayWebhookConfig as glueValidateSepayWebhookConfig,
  __wasmMemoryBytes as memoryBytes, __wbg_reset_state as resetState,
} from '@hookseal/glue/sepay';
import {
  HooksealError, readRawBody, registerMemory, registerVerifier, replaceableInstance, verifyNodeRequest,
  wrappedFunction, __wasmMemoryBytes,
} from '@hookseal/shared';

const instance = replaceableInstance(resetState);
const SepayVerifier = registerVerifier(GlueSepayVerifier, 'sepay', instance,
  (v, r, opts) => v.verify(r.body, r.headers, opts));
const signSepay = wrappedFunction(glueSignSepay, instance);
const validateSepayWebhookConfig = wrappedFunction(glueValidateSepayWebhookConfig, instance);

export { HooksealError, readRawBody, verifyNodeRequest, __wasmMemoryBytes, SepayVerifier, signSepay, validateSepayWebhookConfig };

registerMemory(memoryBytes);
