// Treezor's part of the public API: the `hookseal/treezor` entry, re-exported by `hookseal`.
import { TreezorVerifier, signTreezor } from '@hookseal/glue/treezor';
import { HooksealError, rawBody } from '@hookseal/shared';

export { HooksealError, TreezorVerifier, signTreezor };

TreezorVerifier.prototype.verifyRequest = async function verifyRequest(request) {
  return this.verify(await rawBody(request));
};
