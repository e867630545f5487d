// Assembles the publishable npm package in pkg/ from the wasm-bindgen output
// (target/pkg-build/) and the hand-written files in pkg-template/.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, 'target/pkg-build');
const tpl = path.join(root, 'pkg-template');
const pkg = path.join(root, 'pkg');

fs.rmSync(pkg, { recursive: true, force: true });
fs.mkdirSync(pkg);

const wasm = fs.readFileSync(path.join(work, 'hookseal_bg.wasm'));
fs.writeFileSync(path.join(pkg, 'hookseal_bg.wasm'), wasm);
fs.writeFileSync(path.join(work, 'wasm-base64.js'), `export const WASM_BASE64 = ${JSON.stringify(wasm.toString('base64'))};\n`);

const common = {
  bundle: true,
  logLevel: 'warning',
  legalComments: 'none',
  alias: {
    '@hookseal/glue': path.join(work, 'glue/hookseal.js'),
    '@hookseal/wasm-base64': path.join(work, 'wasm-base64.js'),
  },
  external: ['*.wasm', '*.wasm?module'],
  target: 'es2022',
  // pkg-template/package.json says sideEffects: false for users' bundlers; the init imports
  // inside our own bundles are side effects on purpose.
  ignoreAnnotations: true,
};
const entries = [
  // esbuild warns about the glue's import.meta even though tree shaking drops that code; the
  // check below makes sure no entry but slim keeps it.
  ['node.js', 'node.cjs', { format: 'cjs', platform: 'node', logOverride: { 'empty-import-meta': 'silent' } }],
  ['browser.js', 'browser.mjs', { format: 'esm', platform: 'neutral' }],
  ['workerd.js', 'workerd.mjs', { format: 'esm', platform: 'neutral' }],
  ['edge-light.js', 'edge-light.mjs', { format: 'esm', platform: 'neutral' }],
  ['slim.js', 'slim.mjs', { format: 'esm', platform: 'neutral' }],
];
for (const [src, dest, opts] of entries) {
  await build({ ...common, ...opts, entryPoints: [path.join(tpl, 'entries', src)], outfile: path.join(pkg, dest) });
}
// Only the slim entry may locate the .wasm by URL: in any other entry a leftover
// `new URL('hookseal_bg.wasm', import.meta.url)` makes bundlers emit an unused copy of the wasm
// (and breaks in CommonJS).
for (const [, dest] of entries) {
  if (dest !== 'slim.mjs' && fs.readFileSync(path.join(pkg, dest), 'utf8').includes('import.meta')) {
    throw new Error(`pkg/${dest} mentions import.meta: something imports the glue as a namespace (see src/exports.js)`);
  }
}
// The init modules import the wasm next to the output file, not next to the source.
for (const f of ['workerd.mjs', 'edge-light.mjs']) {
  const p = path.join(pkg, f);
  fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace(/from ["'][^"']*hookseal_bg\.wasm(\?module)?["']/, (_m, q) => `from "./hookseal_bg.wasm${q ?? ''}"`));
}

// Node ESM re-exports the CommonJS build, so both module systems share one instance and one
// HooksealError class (instanceof works across require and import).
const names = Object.keys(createRequire(import.meta.url)(path.join(pkg, 'node.cjs'))).sort();
fs.writeFileSync(path.join(pkg, 'node.mjs'),
  `import api from './node.cjs';\nexport const { ${names.join(', ')} } = api;\n`);

// Declarations: wasm-bindgen's classes (typed through unchecked_*_type and the custom
// sections), the event types generated from Rust by ts-rs, and the JS-level additions.
let dts = fs.readFileSync(path.join(work, 'glue/hookseal.d.ts'), 'utf8');
dts = dts.slice(0, dts.indexOf('export type InitInput')).replace(/export function __hooksealErrorClass\(\): any;\n/, '')
  // `[Symbol.dispose]` needs lib esnext.disposable; users on es2022 libs would fail to compile.
  .replace(/^\s*\[Symbol\.dispose\]\(\): void;\n/gm, '');
const types = fs.readFileSync(path.join(work, 'types.d.ts'), 'utf8');
const runtime = fs.readFileSync(path.join(tpl, 'runtime.d.ts'), 'utf8');
const index = `${dts}\n${types}\n${runtime}`;
fs.writeFileSync(path.join(pkg, 'index.d.ts'), index);
fs.writeFileSync(path.join(pkg, 'index.d.cts'), index);
fs.copyFileSync(path.join(tpl, 'slim.d.ts'), path.join(pkg, 'slim.d.ts'));

const version = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
const manifest = JSON.parse(fs.readFileSync(path.join(tpl, 'package.json'), 'utf8'));
manifest.version = version;
fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
fs.copyFileSync(path.join(tpl, 'README.md'), path.join(pkg, 'README.md'));

// Let tests and the demo resolve `hookseal` through the exports map, as a dependency would.
const link = path.join(root, 'node_modules/hookseal');
fs.rmSync(link, { recursive: true, force: true });
fs.symlinkSync('../pkg', link, 'dir');

const size = (f) => fs.statSync(path.join(pkg, f)).size;
console.log(`[build] pkg/ ready: hookseal_bg.wasm ${size('hookseal_bg.wasm')} B, node.cjs ${size('node.cjs')} B`);
