// What Next.js does with `import mod from './x.wasm?module'` in its edge compiler (its
// `next-middleware-wasm-loader`, reimplemented here because Next itself is not installed):
// emit the bytes as `edge-chunks/wasm_<sha1>.wasm` and make the import evaluate to a global of
// that name. Vercel's edge runtime compiles the file at deploy time and defines the global as a
// WebAssembly.Module, because compiling wasm from bytes at run time is forbidden there.
// edge-light.test.mjs does the same with workerd's `wasmModule` bindings.
'use strict';
const crypto = require('node:crypto');

module.exports = function nextWasmModuleLoader(source) {
  const name = `wasm_${crypto.createHash('sha1').update(source).digest('hex')}`;
  this.emitFile(`edge-chunks/${name}.wasm`, source);
  return `module.exports = ${name};`;
};
module.exports.raw = true;
