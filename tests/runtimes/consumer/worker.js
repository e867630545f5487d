// A Cloudflare Worker (module syntax) using hookseal through the `workerd` export condition;
// the verifier options come from the CONFIG json binding.
import * as hookseal from 'hookseal';
import { createHandler } from './handler.js';

let handle;
export default {
  fetch(request, env) {
    handle ??= createHandler(hookseal, env.CONFIG);
    return handle(request);
  },
};
