// The wasm's SHA-256 and SHA-512 against node:crypto (OpenSSL). Every wasm is built with
// simd128 (.cargo/config.toml), so sha2 runs its wasm SIMD backend there, which `cargo test`
// (native) never runs: these compare it at every length around the block boundaries, with
// keys shorter and longer than a block, through the package's own entry points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { NumeralVerifier, signSeqino } from 'hookseal';

/** Deterministic bytes (a xorshift), every value included. */
function bytes(n, seed) {
  const out = Buffer.alloc(n);
  let x = seed | 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

// 0-300 covers the one- and two-block paddings of both hashes (64- and 128-byte blocks);
// the longer ones, many blocks per update.
const LENGTHS = [...Array(301).keys(), 511, 512, 513, 4095, 4096, 4097, 65536 + 7, 1_000_003];

test('HMAC-SHA256 (signSeqino) is node:crypto\'s at every length, for keys of every size class', () => {
  // HMAC hashes a key longer than the 64-byte block first; both sides of that line.
  const keys = ['k', 'x'.repeat(63), 'y'.repeat(64), 'z'.repeat(65), 'secret-\u00e9t\u00e9-'.repeat(20)];
  for (const key of keys) {
    for (const n of LENGTHS) {
      const body = bytes(n, n + key.length);
      assert.equal(signSeqino(body, key), createHmac('sha256', key).update(body).digest('hex'), `length ${n}, key ${key.length}`);
    }
  }
});

test('SHA-256 and SHA-512 Content-Digests (Numeral) are node:crypto\'s at every length', () => {
  // explain() checks the Content-Digest received against the body and reports the sha-256 it
  // computes: no signature or JSON needed for that part.
  const PUBLIC = readFileSync(new URL('../fixtures/numeral/test-key-rsa-public.pem', import.meta.url), 'utf8');
  const v = new NumeralVerifier({ publicKeys: [PUBLIC] });
  const b64 = (alg, body) => createHash(alg).update(body).digest('base64');
  for (const n of LENGTHS) {
    const body = bytes(n, 7 * n + 3);
    const sha256 = `sha-256=:${b64('sha256', body)}:`;
    const sha512 = `sha-512=:${b64('sha512', body)}:`;
    for (const digest of [sha256, sha512, `${sha512}, ${sha256}`]) {
      const d = v.explain(body, { 'content-digest': digest }, { method: 'POST', url: 'https://example.com/' });
      assert.equal(d.content_digest_matches, true, `length ${n}: ${digest.slice(0, 7)}`);
      assert.equal(d.content_digest_of_body, sha256, `length ${n}`);
    }
    // One bit off in the body: neither digest matches.
    if (n > 0) {
      const changed = Buffer.from(body);
      changed[n >> 1] ^= 0x10;
      for (const digest of [sha256, sha512]) {
        assert.equal(v.explain(changed, { 'content-digest': digest }, {}).content_digest_matches, false, `length ${n}`);
      }
    }
  }
});
