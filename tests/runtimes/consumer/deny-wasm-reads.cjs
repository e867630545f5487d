// Preloaded with `node --require`: every fs function (callback, sync and promises) refuses a
// path ending in `.wasm`, and so does fetch(). The module loader still reads .js/.cjs/.mjs.
// An attempt is also recorded in globalThis.__wasmReads, in case a caller swallows the error.
'use strict';
const fs = require('node:fs');

globalThis.__wasmReads = [];
const isWasm = (p) => {
  const s = typeof p === 'string' ? p : p instanceof URL ? p.href : Buffer.isBuffer(p) ? p.toString() : '';
  return /\.wasm(\?|$)/.test(s);
};
function guard(obj) {
  for (const name of Object.keys(obj)) {
    const fn = obj[name];
    if (typeof fn !== 'function' || /^[A-Z]/.test(name)) continue;
    obj[name] = function guarded(...args) {
      if (isWasm(args[0])) {
        globalThis.__wasmReads.push(`${name}(${args[0]})`);
        throw new Error(`hookseal test: fs.${name} on a .wasm file is forbidden (${args[0]})`);
      }
      return fn.apply(this, args);
    };
  }
}
guard(fs);
guard(fs.promises);
const realFetch = globalThis.fetch;
globalThis.fetch = function guardedFetch(input, init) {
  const url = typeof input === 'string' ? input : input?.url ?? String(input);
  if (isWasm(url)) {
    globalThis.__wasmReads.push(`fetch(${url})`);
    return Promise.reject(new Error(`hookseal test: fetching ${url} is forbidden`));
  }
  return realFetch(input, init);
};
process.on('exit', () => {
  if (globalThis.__wasmReads.length) {
    console.error(`wasm reads attempted: ${globalThis.__wasmReads.join(', ')}`);
    process.exitCode = 3;
  }
});
