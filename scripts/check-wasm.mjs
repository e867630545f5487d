// Refuses a wasm that holds the signature of a known LLVM miscompilation, so that a build
// carrying it fails instead of shipping a verifier that silently computes wrong answers.
//
//   node scripts/check-wasm.mjs FILE.wasm [...]   exit 1 and say where, when any has it
//
// LLVM's WebAssembly backend (llvm/llvm-project#190358, fixed by PR #190361 in 2026-04; rustc
// 1.95 ships LLVM 22.1.2 and the 2026-05-19 nightly 22.1.4, both still affected) rebuilds the
// i32/i64 mask of 32 or 64 byte-lane comparisons from two or four `i8x16.bitmask` results with
// the shift's operands swapped: `16 << mask` where `mask << 16` was meant. With `simd128`
// (every wasm of hookseal's, `.cargo/config.toml`), a loop as plain as
// `for (x, y) in a.iter().zip(b) { d |= x ^ y }` over a 32-byte MAC can be vectorised into it:
// measured here, such a comparison said "different" for every equal MAC. No `i8x16.bitmask`
// appears in hookseal's wasm today; this check keeps it that way for the broken form, whatever
// a later change of the code or of the toolchain makes LLVM emit.
//
// The signature, on the folded text `wasm-dis` (binaryen's, from npm) prints: an `i32.shl` or
// `i64.shl` whose value shifted is the constant 16, 32 or 48 (the lanes of one, two or three
// masks; an `i64` one may be an extended `i32.const`) and whose shift amount is computed from
// an `i8x16.bitmask`. The intended `mask << 16` has the bitmask on the other side and passes;
// so does `1 << ctz(mask)`.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The expressions of wasm text (binaryen's folded form): each `{ op, children }`, `op` being the
 * instruction with a constant's value (`i32.const 16`), `children` its parenthesised operands.
 * Quoted strings (data segments) and `;;` comments are read over.
 */
function tree(wat) {
  const top = { op: 'module', children: [] };
  const stack = [top];
  let i = 0;
  let open = false; // just after `(`: the next atom names the node
  while (i < wat.length) {
    const c = wat[i];
    if (c === '(') {
      const node = { op: '', children: [] };
      stack[stack.length - 1].children.push(node);
      stack.push(node);
      open = true;
      i += 1;
    } else if (c === ')') {
      if (stack.length > 1) stack.pop();
      open = false;
      i += 1;
    } else if (c === '"') {
      for (i += 1; i < wat.length && wat[i] !== '"'; i += wat[i] === '\\' ? 2 : 1);
      i += 1;
    } else if (c === ';' && wat[i + 1] === ';') {
      while (i < wat.length && wat[i] !== '\n') i += 1;
    } else if (/\s/.test(c)) {
      i += 1;
    } else {
      const start = i;
      while (i < wat.length && !/[\s()"]/.test(wat[i])) i += 1;
      const atom = wat.slice(start, i);
      const node = stack[stack.length - 1];
      // The name, and a constant's value or a function's name after it.
      if (open) node.op = atom;
      else if (/\.const$/.test(node.op) || node.op === 'func') node.op += ` ${atom}`;
      open = false;
    }
  }
  return top;
}

const containsBitmask = (node) => node.op === 'i8x16.bitmask' || node.children.some(containsBitmask);
/** The constant a node computes, when it is one (`i64.const 16`, or `i32.const 16` extended). */
function constant(node) {
  const m = /^i(32|64)\.const (-?\d+)$/.exec(node.op);
  if (m) return Number(m[2]);
  if (/^i64\.extend_i32_[su]$/.test(node.op) && node.children.length === 1) return constant(node.children[0]);
  return undefined;
}
const LANES = new Set([16, 32, 48]);

/** Where `wat` (binaryen's folded text) holds the miscompiled form: the enclosing functions. */
export function miscompiledBitmasks(wat) {
  const found = [];
  const visit = (node, func) => {
    const here = node.op.startsWith('func ') ? node.op.slice(5) : func;
    if (/^i(32|64)\.shl$/.test(node.op) && node.children.length === 2) {
      const [value, amount] = node.children;
      if (LANES.has(constant(value)) && containsBitmask(amount)) found.push(here);
    }
    for (const child of node.children) visit(child, here);
  };
  visit(tree(wat), '(module)');
  return found;
}

/** `miscompiledBitmasks` of a wasm file, disassembled by the npm binaryen's `wasm-dis`. */
export function checkWasmFile(file) {
  const wat = execFileSync(path.join(root, 'node_modules/.bin/wasm-dis'), [file], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  return miscompiledBitmasks(wat);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let bad = 0;
  for (const file of process.argv.slice(2)) {
    const found = checkWasmFile(file);
    if (found.length > 0) {
      bad += 1;
      console.error(`[check-wasm] ${file}: LLVM's miscompiled bitmask (llvm/llvm-project#190358) in ${[...new Set(found)].join(', ')}.`
        + ' A byte comparison of 32 or 64 lanes was vectorised into the broken form: write it so it is not'
        + ' (compare u64 words, or keep the loop scalar), or build with an LLVM that has the fix.');
    }
  }
  process.exit(bad > 0 ? 1 : 0);
}
