// Treezor: base64 HMAC-SHA256 over PHP's json_encode(object_payload), carried in the body.
// Only object_payload is signed; the diagnosis puts the string Treezor signs next to the one
// a JavaScript verifier would build with JSON.stringify, and marks where they part.
import { h, dl, findings, rawDetails, code, yesNo } from '../lib/dom.js';
import { randomHex } from '../lib/input.js';
import { snippets, list } from './common.js';

export const DEMO_SECRET = 'hookseal-demo-treezor-secret';
const ADDED = ['envelope', 'payload_typed', 'created_at_ms', 'created_at_iso', 'verified', 'unverified', 'notes'];

/** What a JavaScript verifier typically signs: JSON.stringify(JSON.parse(body).object_payload). */
export function naiveCanonical(bodyText) {
  try {
    const parsed = JSON.parse(bodyText);
    const payload = parsed?.object_payload ?? parsed?.webhook?.object_payload;
    return payload === undefined ? null : JSON.stringify(payload);
  } catch {
    return null;
  }
}

export function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** How many UTF-16 units to highlight at a difference: an escape, a number, or one character. */
function tokenLength(s, i) {
  if (i >= s.length) return 0;
  if (s[i] === '\\') return s[i + 1] === 'u' ? 6 : 2;
  if (/[0-9]/.test(s[i])) { let j = i; while (/[0-9.eE+-]/.test(s[j] ?? '')) j++; return j - i; }
  return s.codePointAt(i) > 0xffff ? 2 : 1;
}

function marked(s, i, from = 0, to = s.length) {
  const len = tokenLength(s, i);
  return [from > 0 ? '…' : '', s.slice(from, i), h('mark', {}, i < s.length ? s.slice(i, i + len) : '(end)'), s.slice(i + len, to), to < s.length ? '…' : ''];
}

function comparison(canonical, naive) {
  const i = firstDifference(canonical, naive);
  if (i < 0) {
    return [h('p', {}, yesNo(true, 'Identical here: this payload has no "/", non-ASCII character or big integer, so a JSON.stringify verifier happens to work on it (and will break on the first one that has).', ''))];
  }
  const from = Math.max(0, i - 40);
  const c = canonical.codePointAt(i);
  const nc = naive.codePointAt(i);
  const what = i >= naive.length || i >= canonical.length ? 'one string is longer'
    : ['PHP writes ', code(canonical.slice(i, i + tokenLength(canonical, i))), ' where JSON.stringify writes ', code(naive.slice(i, i + tokenLength(naive, i)))];
  const why = canonical[i] === '\\' && canonical[i + 1] === '/' ? 'PHP escapes "/" by default'
    : canonical[i] === '\\' && canonical[i + 1] === 'u' && nc > 0x7f ? 'PHP escapes every non-ASCII character as \\uXXXX'
      : /[0-9]/.test(canonical[i]) && /[0-9]/.test(naive[i] ?? '') ? 'JSON.parse rounded an integer beyond 2^53'
        : c !== nc ? 'the two encoders disagree here' : '';
  return [
    h('p', { class: 'difference', id: 'first-difference' },
      h('strong', {}, `First difference at character ${i}: `), what, why ? ` (${why}).` : '.'),
    h('div', { class: 'compare' },
      h('div', {}, h('h4', {}, 'Treezor signs: PHP json_encode(object_payload)'), h('pre', { class: 'canonical' }, marked(canonical, i, from, i + 80))),
      h('div', {}, h('h4', {}, 'Naive: JSON.stringify(parsed object_payload)'), h('pre', { class: 'naive' }, marked(naive, i, from, i + 80)))),
    h('details', { class: 'raw' }, h('summary', {}, 'Both strings in full'),
      h('h4', {}, `PHP json_encode (${canonical.length} characters)`), h('pre', {}, marked(canonical, i)),
      h('h4', {}, `JSON.stringify (${naive.length} characters)`), h('pre', {}, marked(naive, i))),
  ];
}

export default {
  id: 'treezor',
  name: 'Treezor',
  available: (hs) => typeof hs.TreezorVerifier === 'function',
  secretLabel: () => 'Secret (your Treezor webhook secret)',
  secretHelp: () => 'One per line to try several (rotation). Treezor signs inside the body: headers are not used.',
  usesHeaders: false,
  usesClock: () => false,
  tamperPrefs: { prefer: [/(^|\.)object_payload\..*\.amount$/, /(^|\.)object_payload\..*Id$/], within: /(^|\.)object_payload\./ },

  makeVerifier: (hs, ctx) => new hs.TreezorVerifier({ secret: ctx.secrets.length === 1 ? ctx.secrets[0] : ctx.secrets }),
  args: (ctx) => [ctx.body],

  summary: (e) => `${e.webhook} · ${e.envelope} envelope · webhook_id ${e.webhook_id ?? '—'}${e.created_at_iso ? ` · created ${e.created_at_iso}` : ''}`,
  coverage: (e) => ({
    text: [h('strong', {}, 'Signed: object_payload only. '),
      e.unverified?.length ? ['Not covered by any signature: ', list(e.unverified), ' — marked ', h('span', { class: 'badge unverified' }, 'not signed'), ' below; anyone can change them. '] : '',
      'Dedupe on webhook_id, order by webhook_created_at.'],
    unverified: e.unverified ?? [], added: ADDED,
  }),

  diagnosis(d, ctx) {
    const naive = naiveCanonical(ctx.bodyText);
    return [
      h('h3', {}, 'The string Treezor signs, and the naive one'),
      d.canonical != null && naive != null ? comparison(d.canonical, naive)
        : h('p', {}, d.canonical_error ? `No canonical form: ${d.canonical_error}` : 'The body has no object_payload to compare.'),
      d.naive_signature_matches ? h('p', { class: 'bad' }, 'The received signature matches the JSON.stringify form: the sender signed the JavaScript way, not the PHP way.') : null,
      h('h3', {}, 'Signature'),
      dl([
        ['Envelope', d.envelope ?? 'not recognised'],
        ['Event', d.event_name ?? undefined],
        ['Received', d.signature_received ? code(d.signature_received) : 'none'],
        ['It decodes as', d.signature_decoding],
        ['Expected', d.expected_signatures.length ? list(d.expected_signatures) : undefined],
        ['Matches', d.matched_secret_index != null ? yesNo(true, `secret #${d.matched_secret_index + 1}`, '') : yesNo(false, '', 'no configured secret')],
        ['Duplicate members', d.duplicates.length ? list(d.duplicates) : undefined],
        ['Integers beyond 2^53', d.unsafe_integers.length ? list(d.unsafe_integers) : undefined],
        ['webhook_created_at', d.webhook_created_at ? [code(d.webhook_created_at), d.created_at_iso ? ` = ${d.created_at_iso} (read as ${d.created_at_unit})` : ''] : undefined],
      ]),
      findings([...d.findings, ...d.notes]),
      rawDetails(d),
    ];
  },

  loadSample(s, hs) {
    const secret = s.secret ?? DEMO_SECRET;
    const body = hs.signTreezor(s.body, secret);
    let check = '';
    if (s.expectSignature) {
      const got = JSON.parse(body).object_payload_signature;
      check = got === s.expectSignature ? ` signTreezor gives the published ${s.expectSignature}.` : ` signTreezor gives ${got}, NOT the published ${s.expectSignature}.`;
    }
    return {
      secret, body, headers: [['Content-Type', 'application/json']],
      note: `${secret === DEMO_SECRET ? `Demo secret ${secret} (public, for this page only)` : `Secret ${secret}`}. ${s.source}.${check}`,
    };
  },

  generate(hs, ctx) {
    const secret = ctx.secrets[0] ?? DEMO_SECRET;
    const now = new Date();
    const id = String(10000000 + Math.floor(Math.random() * 89999999));
    const envelope = {
      webhook: 'payin.create', webhook_id: String(600000000 + Math.floor(Math.random() * 99999999)), object: 'payin', object_id: id,
      object_payload: { payins: [{
        payinId: id, walletId: '3404621', userId: '3', payinStatus: 'VALIDATED', paymentMethodId: '20',
        amount: (Math.floor(Math.random() * 100000) / 100).toFixed(2), currency: 'EUR',
        createdDate: now.toISOString().slice(0, 19).replace('T', ' '), userFirstname: 'Élodie', userLastname: 'Lefèvre',
        DbtrIBAN: 'FR7630003045100002009351319', ibanTxEndToEndId: `E2E/${randomHex(4)}`,
      }] },
      object_payload_signature: '', webhook_created_at: now.getTime() * 10,
    };
    return {
      secret, body: hs.signTreezor(JSON.stringify(envelope), secret), headers: [['Content-Type', 'application/json']],
      note: `Signed with signTreezor(envelope, secret) (${secret === DEMO_SECRET ? 'the demo secret' : 'your secret'}); body written the way PHP writes it.`,
      route: '/webhooks/treezor',
    };
  },

  code: () => snippets({
    klass: 'TreezorVerifier', name: 'webhook', route: '/webhooks/treezor', failStatus: 500,
    options: (env) => `{ secret: ${env}.TREEZOR_WEBHOOK_SECRET }`,
    nodeCall: 'verifier.verify(req.body)',
    workerCall: 'verifier.verifyRequest(request)',
    use: "// the signature is in the body; only object_payload is signed (webhook.unverified\n// lists the rest): dedupe on webhook.webhook_id\nconsole.log(webhook.webhook, webhook.object_payload);",
    okNode: 'res.sendStatus(200); // Treezor: 200 when valid, 5xx otherwise', okWorker: "return new Response('ok');",
  }),
};
