// Numeral / Mambu Payments: RSA (rsa-v1_5-sha256) HTTP Message Signatures (RFC 9421) over the
// method, authority, request target and Content-Digest. Verifying needs the method and URL.
// The package has no RSA signer, so the sample is a delivery signed offline with a throwaway
// key (www/samples/numeral.json, made by scripts/www-samples.mjs) whose public key is shown.
import { h, dl, findings, rawDetails, code, yesNo } from '../lib/dom.js';
import { headerValue, pemBlocks } from '../lib/input.js';
import { snippets, list, isoOf, duration } from './common.js';

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

  readOptions: () => ({ legacy: $('numeral-legacy').value }),
  writeOptions(o = {}) { $('numeral-legacy').value = o.legacy ?? 'timestamp.body'; },

  makeVerifier(hs, ctx) {
    const keys = pemBlocks(ctx.secretText);
    return new hs.NumeralVerifier({ ...(keys.length ? { publicKeys: keys } : {}), ...this.readOptions() });
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

  diagnosis(d, ctx, api) {
    const when = (secs) => (secs == null ? undefined : `${secs} = ${isoOf(secs * 1000)}`);
    const age = (a) => (a == null ? undefined : [`${duration(a)}${a < 0 ? ' (in the future)' : ''} — `,
      yesNo(Math.abs(a) <= d.tolerance_seconds, `within the ${d.tolerance_seconds} s window`, `outside the ${d.tolerance_seconds} s window`)]);
    const legacy = d.legacy;
    const applyLegacy = legacy?.matched && legacy.matched !== legacy.configured
      ? h('button', { type: 'button', class: 'secondary', id: 'apply-legacy',
        onclick: () => { this.writeOptions({ legacy: legacy.matched }); api.verify(); } }, `Use legacy: '${legacy.matched}' and verify`)
      : null;
    return [
      d.signatures.length ? d.signatures.map((s) => [
        h('h3', {}, `The rebuilt signature base${d.signatures.length > 1 ? ` (${s.label})` : ''}`),
        s.signature_base ? h('pre', { class: 'signature-base' }, s.signature_base)
          : h('p', {}, 'Could not be rebuilt: ', s.message),
        dl([
          ['Result', yesNo(s.valid, `verifies with ${s.matched_key}`, `${s.code ?? 'refused'}: ${s.message}`)],
          ['Label, key id', [code(s.label), s.keyid ? [' keyid ', code(s.keyid)] : '']],
          ['Algorithm', s.alg ?? undefined],
          ['Covers', list(s.covered)],
          ['Created', when(s.created)],
          ['Age at the checking time', age(s.age_seconds)],
          ['Keys tried', list(s.keys_tried)],
          ['Key that matches', s.matched_key ? code(s.matched_key) : (s.signature_base ? 'none' : undefined)],
        ]),
      ]) : h('p', {}, d.scheme === 'legacy' ? 'Older scheme (TX-Numeral-Signature-N): no RFC 9421 signature base.' : 'No Signature-Input / Signature headers: there is no signature base to rebuild.'),
      h('h3', {}, 'Request and body'),
      dl([
        ['Scheme', d.scheme ?? 'no signature header found'],
        ['Method, URL', d.method || d.url ? code(`${d.method ?? '?'} ${d.url ?? '?'}`) : undefined],
        ['Missing', d.missing.length ? list(d.missing) : undefined],
        ['Content-Digest received', d.content_digest_received ? code(d.content_digest_received) : 'none'],
        ['Content-Digest of this body', code(d.content_digest_of_body)],
        ['Digest matches', d.content_digest_matches == null ? undefined : yesNo(d.content_digest_matches, 'the body is the one signed', 'the body is not the one signed')],
        ['Trusted keys', list(d.trusted_keys)],
      ]),
      legacy ? [
        h('h3', {}, 'Older scheme (TX-Numeral-Signature-N)'),
        dl([
          ['Signature headers', list(legacy.signature_headers)],
          ['Timestamp', legacy.timestamp ? code(legacy.timestamp) : undefined],
          ['Age', age(legacy.age_seconds)],
          ['Signed bytes configured', code(legacy.configured)],
          ['Signed bytes that match', legacy.matched ? yesNo(true, legacy.matched, '') : yesNo(false, '', 'none of ' + legacy.candidates.map((c) => c.legacy).join(', '))],
          ['Options for it', legacy.suggested_options ? code(legacy.suggested_options) : undefined],
        ]),
        applyLegacy,
      ] : null,
      findings(d.findings),
      rawDetails(d),
    ];
  },

  loadSample(s) {
    return {
      secret: s.publicKey, body: s.body, headers: s.headers, method: s.method, url: s.url, clock: 'delivery', options: {},
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
