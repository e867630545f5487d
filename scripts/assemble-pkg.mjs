// Assembles the publishable npm package in pkg/ from the wasm-bindgen output of every provider
// (target/pkg-build/<provider>/) and the hand-written files in pkg-template/.
//
// Layout of pkg/ (N = each built provider):
//   shared.mjs, shared.cjs          HooksealError + helpers: ONE module per module system, which
//                                   every provider's glue and entry imports (instanceof holds
//                                   across providers, require and import)
//   N.node.cjs, N.node.mjs          the provider's entries, one per runtime, each with its own
//   N.browser.mjs, N.workerd.mjs,   wasm instance (`hookseal/N`)
//   N.edge-light.mjs
//   hookseal_N_bg.wasm              its wasm (inlined in node/browser, imported by workerd/edge)
//   node.cjs, node.mjs, browser.mjs, the root entry `hookseal`: re-exports every provider's
//   workerd.mjs, edge-light.mjs     entry, so bundlers drop the providers a user never imports
//   slim.mjs, slim.node.mjs         `hookseal/slim`: no inlined wasm, init() per provider
//   index.d.ts(.d.cts), N.d.ts(.d.cts), slim.d.ts, shared.d.ts
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `node scripts/assemble-pkg.mjs [WORK OUT]`: bench/variant.mjs assembles a variant's build in
// its own folders; scripts/build uses the defaults.
const [workArg, outArg] = process.argv.slice(2);
const work = path.resolve(root, workArg ?? 'target/pkg-build');
const tpl = path.join(root, 'pkg-template');
const pkg = path.resolve(root, outArg ?? 'pkg');
const isThePackage = pkg === path.join(root, 'pkg');
const cargoToml = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');

// The providers scripts/build compiled, in Cargo.toml's order (the `default` features).
const providers = cargoToml.match(/^default = \[(.*)\]/m)[1].split(',').map((s) => s.trim().replace(/"/g, ''))
  .filter((p) => fs.existsSync(path.join(work, p, `hookseal_${p}_bg.wasm`)));
if (providers.length === 0) throw new Error('no provider was built (target/pkg-build/<provider>/ is empty)');
for (const p of providers) {
  if (!fs.existsSync(path.join(tpl, 'src/providers', `${p}.js`))) {
    throw new Error(`pkg-template/src/providers/${p}.js is missing: it lists ${p}'s exports (copy seqino.js)`);
  }
}

fs.rmSync(pkg, { recursive: true, force: true });
fs.mkdirSync(pkg);

const glueOf = (p) => path.join(work, p, 'glue', `hookseal_${p}.js`);
for (const p of providers) {
  const wasm = fs.readFileSync(path.join(work, p, `hookseal_${p}_bg.wasm`));
  fs.writeFileSync(path.join(pkg, `hookseal_${p}_bg.wasm`), wasm);
  fs.writeFileSync(path.join(work, p, 'wasm-base64.js'), `export const WASM_BASE64 = ${JSON.stringify(wasm.toString('base64'))};\n`);
}

// Loaders of the slim entry, one per provider: `new URL(literal, import.meta.url)` so that
// bundlers see (and emit) each .wasm.
fs.writeFileSync(path.join(work, 'slim-providers.js'), [
  ...providers.map((p) => `import ${p}Init, { initSync as ${p}InitSync } from '@hookseal/glue/${p}';`),
  'export const PROVIDERS = {',
  ...providers.map((p) => `  async ${p}(source) {
    if ('module' in source) ${p}InitSync(source);
    else await ${p}Init({ module_or_path: source.module_or_path ?? new URL('./hookseal_${p}_bg.wasm', import.meta.url) });
    return import('@hookseal/provider/${p}');
  },`),
  '};',
  '',
].join('\n'));

// `@hookseal/...` names used by pkg-template/ and by the glue (src/wasm/error.rs), resolved per
// output file: `provider` is the provider a per-provider entry is built for, `shared` the
// file the output imports HooksealError from.
function names({ provider, shared }) {
  const providerFile = (p) => path.join(tpl, 'src/providers', `${p}.js`);
  return {
    name: 'hookseal-names',
    setup(b) {
      b.onResolve({ filter: /^@hookseal\// }, ({ path: spec }) => {
        if (spec === '@hookseal/shared') return { path: shared, external: true };
        if (spec === '@hookseal/glue') return { path: glueOf(provider) };
        if (spec === '@hookseal/provider') return { path: providerFile(provider) };
        if (spec === '@hookseal/wasm-base64') return { path: path.join(work, provider, 'wasm-base64.js') };
        if (spec === '@hookseal/slim-providers') return { path: path.join(work, 'slim-providers.js') };
        const m = spec.match(/^@hookseal\/(glue|provider)\/(\w+)$/);
        if (m && providers.includes(m[2])) return { path: m[1] === 'glue' ? glueOf(m[2]) : providerFile(m[2]) };
        return { errors: [{ text: `unknown name ${spec}` }] };
      });
      // The init modules import the wasm next to the output file: that provider's.
      b.onResolve({ filter: /hookseal_bg\.wasm(\?module)?$/ }, ({ path: spec }) => (
        { path: `./hookseal_${provider}_bg.wasm${spec.endsWith('?module') ? '?module' : ''}`, external: true }));
    },
  };
}

const common = {
  bundle: true,
  logLevel: 'warning',
  legalComments: 'none',
  target: 'es2022',
  // pkg-template/package.json says sideEffects: false for users' bundlers; the init imports
  // inside our own bundles are side effects on purpose.
  ignoreAnnotations: true,
};
const CJS = { format: 'cjs', platform: 'node', logOverride: { 'empty-import-meta': 'silent' } };
const ESM = { format: 'esm', platform: 'neutral' };

await build({ ...common, ...ESM, entryPoints: [path.join(tpl, 'src/shared.js')], outfile: path.join(pkg, 'shared.mjs') });
await build({ ...common, ...CJS, entryPoints: [path.join(tpl, 'src/shared.js')], outfile: path.join(pkg, 'shared.cjs') });

const runtimes = [
  ['node.js', 'node.cjs', CJS, './shared.cjs'],
  ['browser.js', 'browser.mjs', ESM, './shared.mjs'],
  ['workerd.js', 'workerd.mjs', ESM, './shared.mjs'],
  ['edge-light.js', 'edge-light.mjs', ESM, './shared.mjs'],
];
for (const p of providers) {
  for (const [src, dest, opts, shared] of runtimes) {
    await build({ ...common, ...opts, plugins: [names({ provider: p, shared })],
      entryPoints: [path.join(tpl, 'entries', src)], outfile: path.join(pkg, `${p}.${dest}`) });
  }
}
await build({ ...common, ...ESM, plugins: [names({ shared: './shared.mjs' })],
  entryPoints: [path.join(tpl, 'entries/slim.js')], outfile: path.join(pkg, 'slim.mjs') });
// Node's slim shares HooksealError with require('hookseal') and Node's import (both CJS).
await build({ ...common, ...ESM, platform: 'node', plugins: [names({ shared: './shared.cjs' })],
  entryPoints: [path.join(tpl, 'entries/slim.js')], outfile: path.join(pkg, 'slim.node.mjs') });

// What each provider exports, and what the shared module contributes to the root entry.
const load = createRequire(import.meta.url);
const shared = load(path.join(pkg, 'shared.cjs'));
const exportsOf = Object.fromEntries(providers.map((p) => [p, Object.keys(load(path.join(pkg, `${p}.node.cjs`))).sort()]));
const sharedNames = [...new Set(Object.values(exportsOf).flat())].filter((n) => n in shared).sort();
const owner = {};
for (const p of providers) {
  for (const n of exportsOf[p]) {
    if (sharedNames.includes(n)) continue;
    if (owner[n]) throw new Error(`${owner[n]} and ${p} both export ${n}`);
    owner[n] = p;
  }
}

// Node ESM re-exports the CommonJS build, so both module systems share one instance per
// provider and one HooksealError class (instanceof works across require and import).
const esmOfCjs = (cjs, keys) => `import api from './${cjs}';\nexport const { ${keys.join(', ')} } = api;\n`;
for (const p of providers) fs.writeFileSync(path.join(pkg, `${p}.node.mjs`), esmOfCjs(`${p}.node.cjs`, exportsOf[p]));

// The root entry: every provider's entry, re-exported (ESM: statically, so that bundlers drop
// a provider none of whose exports is used, wasm included; CommonJS: lazily, so that
// `require('hookseal')` compiles a provider's wasm only when one of its exports is first read).
const HEADER = '// hookseal: every provider. `hookseal/<provider>` loads one provider only.\n';
fs.writeFileSync(path.join(pkg, 'node.cjs'), [
  `'use strict';`,
  HEADER.trimEnd(),
  '// Each provider is required (its wasm compiled) the first time one of its exports is read.',
  `const shared = require('./shared.cjs');`,
  'const providers = {',
  ...providers.map((p) => `  ${p}: () => require('./${p}.node.cjs'),`),
  '};',
  'function lazy(provider, name) {',
  '  return {',
  '    enumerable: true,',
  '    configurable: true,',
  '    get() {',
  '      const value = providers[provider]()[name];',
  '      Object.defineProperty(module.exports, name, { value, enumerable: true });',
  '      return value;',
  '    },',
  '  };',
  '}',
  'Object.defineProperties(module.exports, {',
  ...sharedNames.map((n) => `  ${n}: { value: shared.${n}, enumerable: true },`),
  ...providers.flatMap((p) => exportsOf[p].filter((n) => owner[n] === p).map((n) => `  ${n}: lazy('${p}', '${n}'),`)),
  '});',
  '',
].join('\n'));
const rootNames = Object.keys(load(path.join(pkg, 'node.cjs'))).sort();
fs.writeFileSync(path.join(pkg, 'node.mjs'), esmOfCjs('node.cjs', rootNames));
for (const runtime of ['browser', 'workerd', 'edge-light']) {
  fs.writeFileSync(path.join(pkg, `${runtime}.mjs`), [
    HEADER.trimEnd(),
    `export { ${sharedNames.join(', ')} } from './shared.mjs';`,
    ...providers.map((p) => `export { ${exportsOf[p].filter((n) => owner[n] === p).join(', ')} } from './${p}.${runtime}.mjs';`),
    '',
  ].join('\n'));
}

// Only the slim entries may locate a .wasm by URL: anywhere else a leftover
// `new URL('….wasm', import.meta.url)` makes bundlers emit an unused copy of the wasm.
for (const f of fs.readdirSync(pkg)) {
  if (/\.(c|m)js$/.test(f) && !f.startsWith('slim.') && fs.readFileSync(path.join(pkg, f), 'utf8').includes('import.meta')) {
    throw new Error(`pkg/${f} mentions import.meta: something imports a glue as a namespace`);
  }
}

// Declarations. index.d.ts declares everything: the shared argument types, wasm-bindgen's
// classes of every provider (typed through unchecked_*_type and their custom sections), the
// event types generated from Rust by ts-rs, and the JS-level additions. Each provider's
// N.d.ts re-exports the shared names and that provider's own.
const declared = (text) => [...text.matchAll(/^export (?:declare )?(?:abstract )?(?:class|function|const|let|type|interface|enum) (\w+)/gm)].map((m) => m[1]);
const glueDts = Object.fromEntries(providers.map((p) => {
  const d = fs.readFileSync(path.join(work, p, 'glue', `hookseal_${p}.d.ts`), 'utf8');
  return [p, d.slice(0, d.indexOf('export type InitInput'))
    .replace(/^\/\* (tslint|eslint)[^\n]*\n/gm, '')
    // Not public API (the memory tests'), so not declared.
    .replace(/export function __wasmMemoryBytes\(\): number;\n/, '')
    // The instance replacement's (pkg-template/src/instances.js), not exported by the entries.
    .replace(/export function __wbg_reset_state\(\): void;\n/, '')
    // `[Symbol.dispose]` needs lib esnext.disposable; users on es2022 libs would fail to compile.
    .replace(/^\s*\[Symbol\.dispose\]\(\): void;\n/gm, '')];
}));
const typesText = fs.readFileSync(path.join(work, 'types.d.ts'), 'utf8');
const typesOf = {};
for (const chunk of typesText.split(/^\/\/ provider: /m).slice(1)) {
  const name = chunk.slice(0, chunk.indexOf('\n'));
  typesOf[name] = chunk.slice(chunk.indexOf('\n') + 1);
}
const sharedDts = fs.readFileSync(path.join(tpl, 'shared.d.ts'), 'utf8');
const runtimeDts = fs.readFileSync(path.join(tpl, 'runtime.d.ts'), 'utf8');
const index = [
  '/* eslint-disable */',
  '// hookseal: every provider. Each provider\'s own entry (`hookseal/<provider>`) re-exports its part.',
  sharedDts,
  ...providers.map((p) => `// ---- ${p}\n${glueDts[p]}\n${typesOf[p] ?? ''}`),
  runtimeDts,
].join('\n');
fs.writeFileSync(path.join(pkg, 'index.d.ts'), index);
fs.writeFileSync(path.join(pkg, 'index.d.cts'), index);
const providerTypeNames = Object.fromEntries(providers.map((p) => [p, [...new Set(declared(glueDts[p] + (typesOf[p] ?? '')))]]));
const allProviderTypeNames = new Set(Object.values(providerTypeNames).flat());
const sharedTypeNames = [...new Set(declared(sharedDts + runtimeDts))].filter((n) => !allProviderTypeNames.has(n));
for (const p of providers) {
  const list = [...sharedTypeNames, ...providerTypeNames[p]].join(', ');
  const body = (from) => `// hookseal/${p}: ${p} only (HooksealError is the one class of the whole package).\nexport { ${list} } from '${from}';\n`;
  fs.writeFileSync(path.join(pkg, `${p}.d.ts`), body('./index.js'));
  fs.writeFileSync(path.join(pkg, `${p}.d.cts`), body('./index.cjs'));
}
fs.writeFileSync(path.join(pkg, 'slim.d.ts'), fs.readFileSync(path.join(tpl, 'slim.d.ts'), 'utf8')
  .replace('/*PROVIDER_INPUTS*/', providers.map((p) => `${p}?: WasmSource;`).join(' ')));

// package.json: every provider's subpath gets the very conditions of the root entry, with
// its own files; its .wasm is exported for the slim entry.
const version = cargoToml.match(/^version = "([^"]+)"/m)[1];
const manifest = JSON.parse(fs.readFileSync(path.join(tpl, 'package.json'), 'utf8'));
manifest.version = version;
const perProvider = (p, conditions) => JSON.parse(JSON.stringify(conditions)
  .replace(/"\.\/index\.(d\.c?ts)"/g, `"./${p}.$1"`)
  .replace(/"\.\/([\w-]+\.(?:c|m)js)"/g, `"./${p}.$1"`));
const exportsMap = {};
for (const [key, value] of Object.entries(manifest.exports)) {
  if (key === './package.json') {
    for (const p of providers) exportsMap[`./hookseal_${p}_bg.wasm`] = `./hookseal_${p}_bg.wasm`;
  }
  exportsMap[key] = value;
  if (key === '.') for (const p of providers) exportsMap[`./${p}`] = perProvider(p, value);
}
manifest.exports = exportsMap;
fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
fs.copyFileSync(path.join(tpl, 'README.md'), path.join(pkg, 'README.md'));

// Let tests and the demo resolve `hookseal` through the exports map, as a dependency would.
if (isThePackage) {
  const link = path.join(root, 'node_modules/hookseal');
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync('../pkg', link, 'dir');
}

const size = (f) => fs.statSync(path.join(pkg, f)).size;
console.log(`[build] ${path.relative(root, pkg)}/ ready: ${providers.map((p) => `hookseal_${p}_bg.wasm ${size(`hookseal_${p}_bg.wasm`)} B`).join(', ')}`);
