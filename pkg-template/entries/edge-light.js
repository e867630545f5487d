// Vercel / Next.js edge runtime: the .wasm is imported with `?module`, as that runtime requires.
import '../src/init-module-edge.js';
export * from '../src/exports.js';
