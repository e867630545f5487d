// SePay's part of the public API: the `hookseal/sepay` entry, re-exported by `hookseal`.
// Named imports only (see seqino.js).
import {
  SepayVerifier, signSepay as glueSignSepay, validateSepayWebhookConfig as glueValidateSepayWebhookConfig,
  __wasmMemoryBytes as memoryBytes,
} from '@hookseal/glue/sepay';
import {
  HooksealError, readRawBody, registerMemory, registerVerifier, stackedAtCaller, verifyNodeRequest, __wasmMemoryBytes,
} from '@hookseal/shared';

const signSepay = stackedAtCaller(glueSignSepay);
const validateSepayWebhookConfig = stackedAtCaller(glueValidateSepayWebhookConfig);

export { HooksealError, readRawBody, verifyNodeRequest, __wasmMemoryBytes, SepayVerifier, signSepay, validateSepayWebhookConfig };

registerMemory(memoryBytes);
registerVerifier(SepayVerifier, 'sepay', (v, r, opts) => v.verify(r.body, r.headers, opts));
