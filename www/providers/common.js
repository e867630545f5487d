// What the provider modules share: the code snippets' skeleton and small formatting helpers.
import { h } from '../lib/dom.js';

/** A JavaScript object literal for verifier options, values given as JS source. */
export function jsObject(entries) {
  const parts = entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`);
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}
export const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * Node (Express, raw body) and Worker snippets for one verifier.
 * spec: { klass, options(envExpr) -> string, route, call(v) -> {node, worker}, use, ok, fail }
 */
export function snippets(spec) {
  const indent = (text, n) => text.split('\n').join(`\n${' '.repeat(n)}`);
  const node = `// npm install hookseal express
const express = require('express');
const { ${spec.klass}, HooksealError } = require('hookseal');

const verifier = new ${spec.klass}(${spec.options('process.env')});

// express.raw keeps the exact bytes: a parsed-then-re-serialized body cannot verify.
express().post('${spec.route}', express.raw({ type: '*/*' }), (req, res) => {
  try {
    const ${spec.name} = ${spec.nodeCall};
    ${indent(spec.use, 4)}
    ${spec.okNode}
  } catch (e) {
    if (e instanceof HooksealError) return res.status(${spec.failStatus}).send(e.code);
    throw e;
  }
}).listen(3000);`;
  const worker = `// Cloudflare Worker (also Vercel edge, Deno): npm install hookseal
import { ${spec.klass}, HooksealError } from 'hookseal';

export default {
  async fetch(request, env) {
    const verifier = new ${spec.klass}(${spec.options('env')});
    try {
      const ${spec.name} = await ${spec.workerCall};
      ${indent(spec.use, 6)}
      ${spec.okWorker}
    } catch (e) {
      if (e instanceof HooksealError) return new Response(e.code, { status: ${spec.failStatus} });
      throw e;
    }
  },
};`;
  return { node, worker };
}

export function isoOf(ms) {
  if (!Number.isFinite(ms)) return String(ms);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** "3 d 4 h" style, for clock drift. */
export function duration(seconds) {
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '-' : '';
  if (s < 120) return `${sign}${s} s`;
  if (s < 7200) return `${sign}${Math.round(s / 60)} min`;
  if (s < 172800) return `${sign}${Math.round(s / 3600)} h`;
  return `${sign}${Math.round(s / 86400)} days`;
}

export function list(items, render = (x) => h('code', {}, x)) {
  if (!items?.length) return 'none';
  return items.flatMap((x, i) => (i ? [', ', render(x)] : [render(x)]));
}

/** HMAC-SHA256 with WebCrypto, for sample variants the package's sign helpers do not produce. */
export async function hmac(keyBytes, message) {
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message)));
}
export const toBase64 = (bytes) => btoa(String.fromCharCode(...bytes));
export const fromHex = (hex) => Uint8Array.from(hex.match(/../g), (b) => parseInt(b, 16));
