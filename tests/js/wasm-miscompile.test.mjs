// scripts/check-wasm.mjs, which scripts/build runs on every wasm it makes (and so on every wasm
// these tests load): it must find the form LLVM miscompiles 32- and 64-lane byte comparisons
// into (llvm/llvm-project#190358), and pass the form that was meant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkWasmFile, miscompiledBitmasks } from '../../scripts/check-wasm.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A module whose one function `mask` returns `body` over the two vectors it is given. */
const module = (body) => `(module
  (func $mask (export "mask") (param $a v128) (param $b v128) (result i64)
    ${body}))`;
// The two 16-lane masks of a 32-byte comparison, as LLVM computes them.
const LOW = '(i8x16.bitmask (i8x16.ne (local.get $a) (local.get $b)))';
const HIGH = '(i8x16.bitmask (i8x16.ne (local.get $b) (local.get $a)))';

const FORMS = {
  // What the broken combine emits (the wasm of a `d |= x ^ y` loop over 32 bytes, measured
  // with rustc 1.95): the constant shifted by the mask.
  'i32: 16 << (mask + 16), the miscompiled form': [true, `(i64.extend_i32_u (i32.shl (i32.const 16) (i32.add ${LOW} (i32.const 16))))`],
  'i64: 32 << mask, extended from i32': [true, `(i64.shl (i64.extend_i32_u (i32.const 32)) (i64.extend_i32_u ${HIGH}))`],
  'i64: 48 << mask': [true, `(i64.shl (i64.const 48) (i64.extend_i32_u ${LOW}))`],
  'mask << 16 | mask, the form meant': [false, `(i64.extend_i32_u (i32.or (i32.shl ${HIGH} (i32.const 16)) ${LOW}))`],
  '1 << ctz(mask), a bit picked by the mask': [false, `(i64.extend_i32_u (i32.shl (i32.const 1) (i32.ctz ${LOW})))`],
  '16 << 3, no mask': [false, '(i64.extend_i32_u (i32.shl (i32.const 16) (i32.const 3)))'],
};

test('check-wasm finds the miscompiled form in assembled wasm, and only it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hookseal-check-wasm-'));
  try {
    for (const [name, [broken, body]] of Object.entries(FORMS)) {
      const wat = path.join(dir, 'm.wat');
      const wasm = path.join(dir, 'm.wasm');
      writeFileSync(wat, module(body));
      execFileSync(path.join(root, 'node_modules/.bin/wasm-as'), ['--enable-simd', '-g', wat, '-o', wasm]);
      // The fixture is a valid module (V8 validates it), so the check reads real wasm.
      assert.ok(WebAssembly.validate(readFileSync(wasm)), name);
      assert.deepEqual(checkWasmFile(wasm), broken ? ['$mask'] : [], name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('check-wasm reads operands from the parentheses, not from the lines', () => {
  // A bitmask after the shift, at the shift's own depth, is its sibling, not its amount; one
  // written on the amount's line, inside it, is the amount.
  const wat = [
    '(module',
    ' (func $f (result i32)',
    '  (i32.add',
    '   (i32.shl',
    '    (i32.const 16)',
    '    (i32.const 2)',
    '   )',
    '   (i8x16.bitmask',
    '    (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)',
    '   )',
    '  )',
    ' )',
    ')',
  ].join('\n');
  assert.deepEqual(miscompiledBitmasks(wat), []);
  assert.deepEqual(miscompiledBitmasks(wat.replace('(i32.const 2)', '(i8x16.bitmask (local.get $v))')), ['$f']);
});
