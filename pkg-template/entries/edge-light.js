// One provider's entry for the Vercel / Next.js edge runtime: its .wasm is imported with
// `?module`, as that runtime requires. Built once per provider.
import '../src/init-module-edge.js';
export * from '@hookseal/provider';
