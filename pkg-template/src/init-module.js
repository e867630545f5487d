// Cloudflare workerd forbids compiling wasm from bytes at run time ("Wasm code generation
// disallowed by embedder"): the module must be imported, so the platform compiles it at
// upload. The import stays in the output as written (esbuild marks *.wasm external).
import { initSync } from '@hookseal/glue';
import wasmModule from './hookseal_bg.wasm';

initSync({ module: wasmModule });
