// Seqino PDP: HMAC-SHA256 of the raw body; header, encoding and key form are unpublished, so
// they are options here and the diagnosis says which variant a delivery matches.
import { h, dl, findings, rawDetails, code } from '../lib/dom.js';
import { randomHex } from '../lib/input.js';
import { jsObject, q, snippets, list, hmac, toBase64, fromHex } from './common.js';

export const DEMO_SECRET = '5eb1ce0d4e7a9b26c3f8a0d1e2b3c4d5f60718293a4b5c6d7e8f9a0b1c2d3e4f';
const $ = (id) => document.getElementById(id);

export default {
  id: 'seqino',
  name: 'Seqino PDP',
  available: (hs) => typeof hs.SeqinoVerifier === 'function',
  secretLabel: () => 'Secret (the 64 hex characters returned by POST /webhooks)',
  secretHelp: () => 'One per line to try several (rotation). The demo secret is public.',
  usesHeaders: true,
  usesClock: () => false,
  tamperPrefs: { prefer: [/^data\.status$/, /^data\.test_id$/, /^data\.invoice_id$/, /^event_id$/] },

  readOptions() {
    return { header: $('seqino-header').value.trim() || undefined, encoding: $('seqino-encoding').value, key: $('seqino-key').value };
  },
  writeOptions(o = {}) {
    $('seqino-header').value = o.header ?? '';
    $('seqino-encoding').value = o.encoding ?? 'auto';
    $('seqino-key').value = o.key ?? 'utf8';
  },

  makeVerifier(hs, ctx) {
    const o = this.readOptions();
    return new hs.SeqinoVerifier({ secret: ctx.secrets.length === 1 ? ctx.secrets[0] : ctx.secrets, ...o });
  },
  args: (ctx) => [ctx.body, ctx.headers, { now: ctx.now }],

  summary: (e) => `${e.event_type} · ${e.event_id} · sponsor ${e.sponsor_id}`,
  coverage: () => ({
    text: 'Signed: the whole raw body (HMAC-SHA256), so every field below is covered. Headers are not covered. Dedupe on event_id.',
    unverified: [], added: [],
  }),

  diagnosis(d, ctx, api) {
    const m = d.matched;
    const variant = m
      ? h('span', { class: 'ok' }, `✓ encoding ${m.encoding}, key ${m.key === 'hex' ? 'the 32 decoded bytes (hex)' : 'the 64 characters (utf8)'}, `,
        m.prefix ? ['prefix ', code(m.prefix)] : 'no prefix', `, over the ${m.message}`, ctx.secrets.length > 1 ? `, secret #${m.secret_index + 1}` : '')
      : h('span', { class: 'bad' }, d.signature_received
        ? '✗ none: no encoding (hex, base64), key form (utf8, hex) or signed bytes (raw, trimmed, compact body) gives this signature with the secret(s) given'
        : '✗ no signature to compare');
    // A variant matches that the current options refuse: offer to switch to it.
    const apply = m && !d.valid
      ? h('button', { type: 'button', class: 'secondary', id: 'apply-variant',
        onclick: () => { this.writeOptions({ header: d.header ?? '', encoding: m.encoding, key: m.key }); api.verify(); } },
      'Apply these options and verify')
      : null;
    return [
      h('h3', {}, 'Which variant matches'),
      dl([
        ['Matching variant', variant],
        ['Options for it', d.suggested_options ? code(`new SeqinoVerifier(${d.suggested_options.replace('{ ', '{ secret, ')})`) : undefined],
        ['Signature header', d.header ? code(d.header) : h('span', { class: 'bad' }, 'none of the looked-for headers is present')],
        ['Headers received', list(d.headers_received)],
        ['Signature received', d.signature_received ? code(d.signature_received) : 'none'],
        ['It decodes as', d.signature_decoding],
        ['Expected (hex, current key form)', d.expected_hex.length ? list(d.expected_hex) : undefined],
      ]),
      apply,
      findings(d.findings),
      rawDetails(d),
    ];
  },

  async loadSample(s, hs) {
    const secret = DEMO_SECRET;
    let signature = hs.signSeqino(s.body, secret);
    let header = 'X-Seqino-Signature';
    if (s.variant) {
      const key = s.variant.key === 'hex' ? fromHex(secret) : new TextEncoder().encode(secret);
      const mac = await hmac(key, s.body);
      signature = s.variant.encoding === 'base64' ? toBase64(mac) : Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
      header = s.variant.header ?? header;
    }
    return {
      secret, body: s.body, options: {},
      headers: [['Content-Type', 'application/json'], [header, signature]],
      note: `Demo secret ${secret} (public, for this page only). ${s.source}.`,
    };
  },

  generate(hs, ctx) {
    const secret = ctx.secrets[0] ?? DEMO_SECRET;
    const id = randomHex(6);
    const body = JSON.stringify({
      event_id: `evt_${id}`, event_type: 'webhook.test',
      timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), sponsor_id: 'sandbox-1234/5678', data: { test_id: `test_${id}` },
    });
    return {
      secret, body, options: this.readOptions(),
      headers: [['Content-Type', 'application/json'], ['X-Seqino-Signature', hs.signSeqino(body, secret)]],
      note: `Signed with signSeqino(body, secret) (hex, key = the secret's characters): ${secret === DEMO_SECRET ? 'the demo secret' : 'your secret'}.`,
      route: '/webhooks/seqino',
    };
  },

  code() {
    const o = this.readOptions();
    return snippets({
      klass: 'SeqinoVerifier', name: 'event', route: '/webhooks/seqino', failStatus: 401,
      options: (env) => jsObject([['secret', `${env}.SEQINO_WEBHOOK_SECRET`], ['header', o.header && q(o.header)],
        ['encoding', o.encoding !== 'auto' ? q(o.encoding) : undefined], ['key', o.key !== 'utf8' ? q(o.key) : undefined]]),
      nodeCall: 'verifier.verify(req.body, req.headers)',
      workerCall: 'verifier.verifyRequest(request)',
      use: "if (event.event_type === 'webhook.test') console.log(event.data.test_id); // dedupe on event.event_id",
      okNode: 'res.sendStatus(200);', okWorker: "return new Response('ok');",
    });
  },
};
