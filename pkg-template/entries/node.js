// One provider's entry for Node (require and import) and Deno: its wasm inlined, instantiated
// synchronously. Built once per provider.
import '../src/init-inline.js';
export * from '@hookseal/provider';
