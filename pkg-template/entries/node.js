// Node (require and import) and Deno: wasm inlined, instantiated synchronously.
import '../src/init-inline.js';
export * from '../src/exports.js';
