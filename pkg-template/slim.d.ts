/** A provider's .wasm: a WebAssembly.Module, its bytes, or a URL/Request/Response to fetch. */
export type WasmSource = WebAssembly.Module | ArrayBuffer | ArrayBufferView | URL | string | Request | Response;

/** Instantiates each given provider's wasm once (`undefined`: hookseal_<provider>_bg.wasm next
 *  to this file; no argument: every provider, fetched so) and resolves to the API of every
 *  provider initialized so far, plus HooksealError. Providers never initialized are absent. */
export declare function init(
  inputs?: { /*PROVIDER_INPUTS*/ },
): Promise<typeof import('./index.js')>;
