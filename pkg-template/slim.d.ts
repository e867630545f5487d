/** Instantiates the wasm once (a WebAssembly.Module, the .wasm bytes, or a URL/Request/Response
 *  to fetch; default: hookseal_bg.wasm next to this file) and resolves to the full API. */
export declare function init(
  input?: WebAssembly.Module | ArrayBuffer | ArrayBufferView | URL | string | Request | Response,
): Promise<typeof import('./index.js')>;
