// One provider's entry for browsers and any ESM runtime: its wasm inlined, instantiated
// synchronously. Built once per provider (`@hookseal/provider` is src/providers/<name>.js).
import '../src/init-inline.js';
export * from '@hookseal/provider';
