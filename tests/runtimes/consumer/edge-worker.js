// The edge-light stand-in's script (service-worker syntax, where bindings are globals, as on
// Vercel's edge): the Next.js example route at /api/webhooks/seqino, the shared handler
// everywhere else. CONFIG and ENV are json bindings; wasm_<sha1> is a wasmModule binding.
import * as hookseal from 'hookseal';
import { createHandler } from './handler.js';
import { POST as nextSeqinoRoute } from './gen/next-seqino-route.js';

let handle;
addEventListener('fetch', (event) => {
  globalThis.process ??= { env: ENV }; // Next's edge runtime provides process.env
  handle ??= createHandler(hookseal, CONFIG);
  const { pathname } = new URL(event.request.url);
  event.respondWith(pathname === '/api/webhooks/seqino' ? nextSeqinoRoute(event.request) : handle(event.request));
});
