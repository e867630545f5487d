// One provider's entry for Cloudflare Workers (workerd): its .wasm is imported as a module.
// Built once per provider.
import '../src/init-module.js';
export * from '@hookseal/provider';
