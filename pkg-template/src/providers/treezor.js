// Treezor's part of the public API: the `hookseal/treezor` entry, re-exported by `hookseal`.
// Named imports only (see seqino.js).
import { TreezorVerifier, signTreezor } from '@hookseal/glue/treezor';
import { HooksealError, readRawBody, registerVerifier, verifyNodeRequest } from '@hookseal/shared';

export { HooksealError, readRawBody, verifyNodeRequest, TreezorVerifier, signTreezor };

// Treezor signs inside the body: headers, method and URL play no part.
registerVerifier(TreezorVerifier, (v, r) => v.verify(r.body));
