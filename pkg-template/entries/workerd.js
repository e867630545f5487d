// Cloudflare Workers (workerd): the .wasm is imported as a module.
import '../src/init-module.js';
export * from '../src/exports.js';
