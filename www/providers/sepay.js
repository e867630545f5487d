// SePay: one of four authentication modes per webhook (`authen_type`); only HMAC signs the
// body. The diagnosis says which mode the headers look like and how far the clock drifts.
import { h, dl, findings, rawDetails, code, yesNo } from '../lib/dom.js';
import { headerValue } from '../lib/input.js';
import { jsObject, q, snippets, list, duration, isoOf } from './common.js';

const DEMO = { hmac: 'whsec_hookseal_demo', api_key: 'hookseal-demo-api-key', oauth2: 'hookseal-demo-access-token' };
const MODE_NAMES = { hmac: 'HMAC-SHA256', api_key: 'Api_Key', oauth2: 'OAuth2.0', none: 'No_Authen' };
const $ = (id) => document.getElementById(id);
const mode = () => $('sepay-mode').value;

export default {
  id: 'sepay',
  name: 'SePay',
  available: (hs) => typeof hs.SepayVerifier === 'function',
  secretLabel: () => ({ hmac: 'Secret (whsec_…, exactly as SePay shows it)', api_key: 'API key', oauth2: 'Access token(s) your token endpoint issued to SePay', none: 'Secret (not used: No_Authen checks nothing)' })[mode()],
  secretHelp: () => (mode() === 'none' ? 'No_Authen: nothing authenticates the delivery.' : 'One per line to accept several (rotation).'),
  usesHeaders: true,
  usesClock: () => mode() === 'hmac',
  tamperPrefs: { prefer: [/^transferAmount$/, /^accumulated$/, /^content$/] },

  makeVerifier(hs, ctx) {
    const m = mode();
    const one = ctx.secrets.length === 1 ? ctx.secrets[0] : ctx.secrets;
    const opts = m === 'hmac' ? { mode: m, secret: one } : m === 'api_key' ? { mode: m, apiKey: one } : m === 'oauth2' ? { mode: m, accessToken: one } : { mode: m };
    return new hs.SepayVerifier(opts);
  },
  args: (ctx) => [ctx.body, ctx.headers, { now: ctx.now }],
  deliveryTime(ctx) {
    const ts = headerValue(ctx.headers, 'x-sepay-timestamp');
    return ts && /^\d{1,12}$/.test(ts.trim()) ? Number(ts.trim()) * 1000 : null;
  },

  summary: (tx) => `${tx.transferType === 'in' ? 'incoming' : 'outgoing'} ${Number(tx.transferAmount).toLocaleString('en-US')} VND · id ${tx.id} · ${tx.gateway} · ${tx.transactionDateIso ?? tx.transactionDate}`,
  coverage(tx) {
    const m = mode();
    const wire = Object.keys(tx).filter((k) => k !== 'transactionDateIso');
    const text = {
      hmac: 'Signed: X-SePay-Timestamp and the whole raw body (HMAC-SHA256), so every field below is covered. Other headers are not. Dedupe on id.',
      api_key: 'Nothing is signed in Api_Key mode: the key only shows the sender knows it, and the body is protected by TLS alone. Every field is marked not signed. Dedupe on id.',
      oauth2: 'Nothing is signed in OAuth2.0 mode: the bearer token only shows the sender holds it, and the body is protected by TLS alone. Every field is marked not signed. Dedupe on id.',
      none: 'No_Authen: nothing authenticates this delivery; anyone who knows your URL can send it. Confirm the transaction with SePay\'s API before acting on it.',
    }[m];
    return { text, unverified: m === 'hmac' ? [] : wire, added: ['transactionDateIso'] };
  },

  diagnosis(d, ctx, api) {
    const ts = d.timestamp && /^\d+$/.test(d.timestamp) ? Number(d.timestamp) : null;
    const realDrift = ts != null ? Math.round(Date.now() / 1000 - ts) : null;
    const switchTo = d.looks_like && d.looks_like !== d.mode
      ? h('button', { type: 'button', class: 'secondary', id: 'switch-mode', onclick: () => { $('sepay-mode').value = d.looks_like; api.modeChanged(); api.verify(); } },
        `Switch to ${MODE_NAMES[d.looks_like]} and verify`)
      : null;
    return [
      h('h3', {}, 'Mode and clock'),
      dl([
        ['Configured mode', `${MODE_NAMES[d.mode]} (${d.mode})`],
        ['The headers look like', d.looks_like ? [d.looks_like === d.mode ? yesNo(true, `${MODE_NAMES[d.looks_like]}, as configured`, '') : yesNo(false, '', `${MODE_NAMES[d.looks_like]}, not the configured mode`)] : 'no SePay authentication scheme'],
        ['Missing headers', d.missing.length ? list(d.missing) : undefined],
        ['Headers received', list(d.headers_received)],
        ['Body read as', d.body_format ? `${d.body_format}${d.content_type ? ` (Content-Type: ${d.content_type})` : ' (no Content-Type: sniffed)'}` : h('span', { class: 'bad' }, `unreadable with Content-Type ${d.content_type}`)],
        ['X-SePay-Timestamp', d.timestamp != null ? [code(d.timestamp), ts != null ? ` = ${isoOf(ts * 1000)}` : ''] : undefined],
        ['Drift at the checking time', d.drift_seconds != null ? [`${duration(d.drift_seconds)}${d.drift_seconds > 0 ? ' in the past' : d.drift_seconds < 0 ? ' in the future' : ''}`,
          d.tolerance_seconds != null ? [' — ', yesNo(Math.abs(d.drift_seconds) <= d.tolerance_seconds, `within the ${d.tolerance_seconds} s window`, `outside the ${d.tolerance_seconds} s window`)] : ''] : undefined],
        ['Drift against this computer\'s clock', realDrift != null && ctx.clock === 'delivery' ? `${duration(realDrift)} (what your server would see if it received this now)` : undefined],
        ['Expected', d.expected.length ? list(d.expected) : undefined],
        ['Received', d.received != null ? code(d.received) : undefined],
      ]),
      switchTo,
      findings(d.findings),
      rawDetails(d),
    ];
  },

  loadSample(s, hs) {
    const m = s.mode;
    const secret = s.secret ?? DEMO[m] ?? '';
    const bytes = new TextEncoder().encode(s.body);
    let headers;
    if (m === 'hmac') {
      const signed = hs.signSepay(bytes, secret, s.timestamp ?? Math.floor(Date.now() / 1000));
      headers = Object.entries(signed).map(([n, v]) => [n, n === 'Content-Type' && s.contentType ? s.contentType : v]);
      if (s.expectSignature && signed['X-SePay-Signature'] !== s.expectSignature) throw new Error(`signSepay disagrees with the published vector ${s.expectSignature}`);
    } else {
      headers = [['Content-Type', s.contentType]];
      if (m === 'api_key') headers.push(['Authorization', `Apikey ${secret}`]);
      if (m === 'oauth2') headers.push(['Authorization', `Bearer ${secret}`]);
    }
    return {
      secret, body: s.body, headers, options: { mode: m }, bodyFormat: s.body.includes('\r\n') ? 'crlf' : 'text', clock: 'delivery',
      note: `${m === 'none' ? 'No secret' : `${s.secret ? 'Secret' : 'Demo value (public, for this page only)'}: ${secret}`}. ${s.source}.${s.expectSignature ? ` signSepay gives the published ${s.expectSignature}.` : ''}`,
    };
  },

  writeOptions(o = {}) { if (o.mode) $('sepay-mode').value = o.mode; },

  generate(hs, ctx) {
    const m = mode();
    const secret = ctx.secrets[0] ?? DEMO[m] ?? '';
    const now = Date.now();
    const tx = {
      id: 90000 + Math.floor(Math.random() * 900000), gateway: 'Vietcombank',
      transactionDate: new Date(now + 7 * 3600e3).toISOString().slice(0, 19).replace('T', ' '),
      accountNumber: '0123499999', code: 'DH2041', content: 'DH2041 thanh toan don hang', transferType: 'in',
      transferAmount: 1000 * (1 + Math.floor(Math.random() * 5000)), accumulated: 25000000, subAccount: null,
      referenceCode: `MBVCB.${Math.floor(Math.random() * 1e10)}`, description: 'BankAPINotify DH2041 thanh toan don hang',
    };
    const body = JSON.stringify(tx);
    let headers = [['Content-Type', 'application/json']];
    if (m === 'hmac') headers = Object.entries(hs.signSepay(body, secret, Math.floor(now / 1000)));
    if (m === 'api_key') headers.push(['Authorization', `Apikey ${secret}`]);
    if (m === 'oauth2') headers.push(['Authorization', `Bearer ${secret}`]);
    return {
      secret, body, headers, options: { mode: m }, clock: 'now',
      note: m === 'hmac' ? 'Signed now with signSepay(body, secret): valid against this computer\'s clock for 5 minutes.' : `A ${MODE_NAMES[m]} delivery: the Authorization header carries the ${m === 'none' ? 'nothing' : 'credential'} as SePay sends it.`,
      route: '/webhooks/sepay',
    };
  },

  code() {
    const m = mode();
    const cred = { hmac: ['secret', 'SEPAY_WEBHOOK_SECRET'], api_key: ['apiKey', 'SEPAY_API_KEY'], oauth2: ['accessToken', 'SEPAY_ACCESS_TOKEN'] }[m];
    return snippets({
      klass: 'SepayVerifier', name: 'tx', route: '/webhooks/sepay', failStatus: 401,
      options: (env) => jsObject([['mode', q(m)], cred && [cred[0], `${env}.${cred[1]}`]].filter(Boolean)),
      nodeCall: 'verifier.verify(req.body, req.headers)',
      workerCall: 'verifier.verifyRequest(request)',
      use: '// dedupe on tx.id; amounts are whole VND\nconsole.log(tx.transferType, tx.transferAmount, tx.code);',
      okNode: 'res.json({ success: true }); // SePay retries anything but 2xx', okWorker: 'return Response.json({ success: true });',
    });
  },
};
