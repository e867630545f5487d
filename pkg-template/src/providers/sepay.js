// SePay's part of the public API: the `hookseal/sepay` entry, re-exported by `hookseal`.
// Named imports only (see seqino.js).
import { SepayVerifier, signSepay, validateSepayWebhookConfig } from '@hookseal/glue/sepay';
import { HooksealError, readRawBody, registerVerifier, verifyNodeRequest } from '@hookseal/shared';

export { HooksealError, readRawBody, verifyNodeRequest, SepayVerifier, signSepay, validateSepayWebhookConfig };

registerVerifier(SepayVerifier, (v, r, opts) => v.verify(r.body, r.headers, opts));
