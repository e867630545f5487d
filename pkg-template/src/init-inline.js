// Instantiates the wasm synchronously from bytes inlined in this file, so the API is
// synchronous and nothing is read from the filesystem or the network (bundlers and Next.js
// file tracing cannot lose a file that is not there).
import { initSync } from '@hookseal/glue';
import { WASM_BASE64 } from '@hookseal/wasm-base64';

function decode(b64) {
  if (typeof Buffer === 'function') return Buffer.from(b64, 'base64');
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

initSync({ module: decode(WASM_BASE64) });
