// The slim entry: no inlined wasm. Call `await init(input)` once, with a WebAssembly.Module,
// the .wasm bytes, a URL/Request/Response to fetch, or nothing (fetches hookseal_bg.wasm next
// to this file). Afterwards the API is synchronous, as in every other entry.
import glueInit, { initSync } from '@hookseal/glue';

let exportsModule;
export async function init(input) {
  if (!exportsModule) {
    if (input instanceof WebAssembly.Module || input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
      initSync({ module: input });
    } else {
      await glueInit({ module_or_path: input ?? new URL('./hookseal_bg.wasm', import.meta.url) });
    }
    exportsModule = await import('../src/exports.js');
  }
  return exportsModule;
}
