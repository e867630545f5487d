// SePay's part of the public API: the `hookseal/sepay` entry, re-exported by `hookseal`.
import { SepayVerifier, signSepay, validateSepayWebhookConfig } from '@hookseal/glue/sepay';
import { HooksealError, rawBody } from '@hookseal/shared';

export { HooksealError, SepayVerifier, signSepay, validateSepayWebhookConfig };

SepayVerifier.prototype.verifyRequest = async function verifyRequest(request, opts) {
  return this.verify(await rawBody(request), request.headers, opts);
};
