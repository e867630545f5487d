// Numeral / Mambu Payments: RSA (rsa-v1_5-sha256) HTTP Message Signatures (RFC 9421) over the
// method, authority, request target and Content-Digest. Verifying needs the method and URL.
// The package has no RSA signer, so the sample is a delivery signed offline with a throwaway
// key (www/samples/numeral.json, made by scripts/www-samples.mjs) whose public key is shown.
import { h, dl, findings, rawDetails, code } from '../lib/dom.js';
import { headerValue, pemBlocks } from '../lib/input.js';
import { snippets, list, isoOf } from './common.js';

const $ = (id) => document.getElementById(id);

function coveredComponents(headers) {
  const input = headerValue(headers, 'signature-input') ?? '';
  const m = input.match(/\(([^)]*)\)/);
  return m ? [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]) : [];
}

export default {
  id: 'numeral',
  name: 'Numeral',
  available: (hs) => typeof hs.NumeralVerifier === 'function',
  secretLabel: () => 'Public key(s), PEM',
  secretHelp: () => 'Leave empty to trust the two keys Numeral publishes; paste one or more PEM blocks to use others (the demo key is a throwaway).',
  usesHeaders: true,
  usesRequestLine: true,
  usesClock: () => true,
  tamperPrefs: { prefer: [/^data\.amount$/, /^data\.currency$/, /^type$/] },

  makeVerifier(hs, ctx) {
    const keys = pemBlocks(ctx.secretText);
    return new hs.NumeralVerifier(keys.length ? { publicKeys: keys } : {});
  },
  args: (ctx) => [ctx.body, ctx.headers, { now: ctx.now, method: ctx.method, url: ctx.url }],
  deliveryTime(ctx) {
    const m = (headerValue(ctx.headers, 'signature-input') ?? '').match(/;created=(\d+)/);
    const legacy = headerValue(ctx.headers, 'tx-numeral-request-timestamp');
    if (m) return Number(m[1]) * 1000;
    return legacy && /^\d+$/.test(legacy.trim()) ? Number(legacy.trim()) * 1000 : null;
  },

  summary: (e) => `${e.topic}.${e.type} · event ${e.id}${e.created_at ? ` · ${e.created_at}` : ''}`,
  coverage(e, ctx) {
    const comps = coveredComponents(ctx.headers);
    return {
      text: comps.length
        ? ['Signed (RFC 9421): ', list(comps), comps.includes('content-digest') ? '; Content-Digest is the SHA-256 of the whole body, so every field below is covered.' : '; the body is not covered.', ' Other headers are not covered. Dedupe on id.']
        : 'Signed: the body, through the signature headers. Dedupe on id.',
      unverified: [], added: [],
    };
  },

  diagnosis(d) {
    // The signature base(s) hookseal rebuilt: one per signature label, or a single one.
    const sigs = Array.isArray(d.signatures) ? d.signatures : [];
    const bases = sigs.length ? sigs : [{ base: d.signature_base ?? d.signatureBase ?? null }];
    const scalar = (o, skipKeys) => Object.entries(o)
      .filter(([k, v]) => !skipKeys.includes(k) && v !== null && v !== undefined && typeof v !== 'object')
      .map(([k, v]) => [k.replace(/_/g, ' '), code(String(v))]);
    return [
      h('h3', {}, 'The rebuilt signature base'),
      bases.map((s) => [
        sigs.length > 1 || s.label ? h('h4', {}, `Signature ${s.label ?? ''}`) : null,
        s.base ? h('pre', { class: 'signature-base' }, s.base) : h('p', {}, 'No signature base could be rebuilt for this delivery (see below).'),
        sigs.length ? dl([...scalar(s, ['base']), ['covered', s.covered ? list(s.covered) : undefined]]) : null,
      ]),
      dl(scalar(d, ['provider', 'findings', 'signature_base', 'valid', 'message', 'hint', 'code'])),
      findings(d.findings),
      rawDetails(d),
    ];
  },

  loadSample(s) {
    return {
      secret: s.publicKey, body: s.body, headers: s.headers, method: s.method, url: s.url, clock: 'delivery',
      note: `${s.source}. The public key is filled in above; Signature-Input's created = ${isoOf(s.created * 1000)}.`,
    };
  },

  generate(hs, ctx, samples) {
    // No signer in the package (signing needs Numeral's private key): the fixed demo delivery.
    const s = samples[0];
    return { ...this.loadSample(s), note: 'Numeral signs with its private RSA key, which only Numeral has: hookseal has no signer. This is the fixed demo delivery, signed offline with a throwaway key whose public PEM is filled in.', route: new URL(s.url).pathname };
  },

  code() {
    return snippets({
      klass: 'NumeralVerifier', name: 'event', route: '/numeral/events', failStatus: 401,
      options: () => '/* Numeral\'s published public keys by default */',
      nodeCall: "verifier.verify(req.body, req.headers, { method: req.method, url: `https://${req.headers.host}${req.originalUrl}` })",
      workerCall: 'verifier.verifyRequest(request)',
      use: '// method and URL are signed too; dedupe on event.id\nconsole.log(event.topic, event.type, event.related_object_id);',
      okNode: 'res.sendStatus(200);', okWorker: "return new Response('ok');",
    });
  },
};
