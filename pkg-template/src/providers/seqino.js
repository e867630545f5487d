// Seqino's part of the public API: the `hookseal/seqino` entry, re-exported by `hookseal`.
import { SeqinoVerifier, signSeqino } from '@hookseal/glue/seqino';
import { HooksealError, rawBody } from '@hookseal/shared';

export { HooksealError, SeqinoVerifier, signSeqino };

SeqinoVerifier.prototype.verifyRequest = async function verifyRequest(request, opts) {
  return this.verify(await rawBody(request), request.headers, opts);
};
