// Browsers and any ESM runtime: wasm inlined, instantiated synchronously.
import '../src/init-inline.js';
export * from '../src/exports.js';
