// Writes the demo page's sample menus (www/samples/*.json) from the providers' own example
// payloads (the seed documents, see ../shared/DESIGN.md). Run once by hand; the output is
// committed:
//
//   node scripts/www-samples.mjs [path/to/seeds]
//
// The seeds are documentation, not deliveries: `//` comments, trailing commas and redacted
// signatures are cleaned out here, and the page signs each sample with a demo secret shown on
// screen (HMAC providers, with the package's sign helpers). Numeral signs with RSA and the
// package has no signer, so its sample is signed here with a throwaway key pair generated for
// this run: only the public key and the signed delivery are written, the private key is never
// saved anywhere.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const candidates = [process.argv[2], path.join(root, '../shared/seeds'), path.join(root, '../../shared/seeds')];
const seeds = candidates.find((d) => d && fs.existsSync(path.join(d, 'treezor-sepa-events.txt')));
if (!seeds) throw new Error('seed documents not found; pass their folder as the first argument');
const out = path.join(root, 'www/samples');
fs.mkdirSync(out, { recursive: true });
const read = (name) => fs.readFileSync(path.join(seeds, name), 'utf8');
const write = (name, value) => fs.writeFileSync(path.join(out, name), JSON.stringify(value, null, 1) + '\n');

/** Removes `//` comments and trailing commas outside strings; keeps every other byte. */
function cleanJsonText(text) {
  let res = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      res += c;
      if (c === '\\') res += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true; res += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      res = res.replace(/[ \t]+$/, '');
      res += '\n';
    } else {
      res += c;
    }
  }
  // A comma followed (past whitespace) by a closing bracket, outside strings: after comment
  // removal, a string can no longer contain a bare `,\n}` sequence that matters here, but check
  // by re-scanning to be exact.
  let final = '';
  inString = false;
  for (let i = 0; i < res.length; i++) {
    const c = res[i];
    if (inString) {
      final += c;
      if (c === '\\') final += res[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true; final += c;
    } else if (c === ',' && /^\s*[}\]]/.test(res.slice(i + 1, i + 200))) {
      // drop it
    } else {
      final += c;
    }
  }
  // Redacted numbers (`8500xxx`) are not JSON: the redacted digits become zeros, so the
  // member stays a number, as in a real delivery.
  return final.replace(/(:\s*)(\d[\dxX]*[xX][\dxX]*)(?=\s*[,}\]\n])/g, (_m, pre, n) => pre + n.replace(/[xX]/g, '0'))
    .replace(/\n{2,}/g, '\n').trim();
}

/** The JSON blocks of a seed document: text from a line `{` to its matching `}`. A closer that
 *  does not match its opener (the seed's mandate.create example lacks a `}`) gets the missing
 *  closer inserted before it, and the repair is recorded. */
function jsonBlocks(doc) {
  const lines = doc.split('\n');
  const blocks = [];
  let prevEnd = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== 'json' || lines[i + 1]?.trim() !== '{') continue;
    const stack = []; let inString = false; let text = ''; const repairs = [];
    let j = i + 1;
    outer: for (; j < lines.length; j++) {
      const line = lines[j];
      for (let k = 0; k < line.length; k++) {
        const c = line[k];
        if (inString) { if (c === '\\') { text += c + line[++k]; continue; } if (c === '"') inString = false; text += c; continue; }
        if (c === '"') inString = true;
        else if (c === '/' && line[k + 1] === '/') { text += line.slice(k); break; }
        else if (c === '{' || c === '[') stack.push(c);
        else if (c === '}' || c === ']') {
          const want = c === '}' ? '{' : '[';
          while (stack.length && stack[stack.length - 1] !== want) {
            const missing = stack.pop() === '{' ? '}' : ']';
            text = text.replace(/,?\s*$/, '') + `\n${missing}\n`;
            repairs.push(`added a missing "${missing}" at line ${j + 1}`);
          }
          stack.pop();
          if (stack.length === 0) { text += c + '\n'; break outer; }
        }
        text += c;
      }
      text += '\n';
    }
    // The prose lines since the previous block name the event, sometimes a section
    // (`SDDR webhooks`) and a variant (`SDDR Core`); bare numbers are the page's line numbers.
    const heading = lines.slice(prevEnd, i).map((l) => l.trim()).filter((l) => l && !/^\d+$/.test(l));
    blocks.push({ text, heading, line: i + 2, repairs });
    i = j;
    prevEnd = j + 1;
  }
  return blocks;
}

// ---- Treezor: every example of the seed, plus the self-made vector of PROVIDERS.md --------
const treezor = [{
  id: 'vector',
  label: 'payin.create — PROVIDERS.md vector (secret test_secret; Élodie, "/", 😀)',
  source: 'PROVIDERS.md self-made vector, checked against PHP 8.2 json_encode',
  secret: 'test_secret',
  expectSignature: '6JjZD/GchUarjsTEPh4v0feKYs5NFxZM4AVsItDkq2g=',
  body: '{"webhook":"payin.create","webhook_id":"647192090","object":"payin","object_id":"8513424","object_payload":{"payins":[{"payinId":"8513424","userFirstname":"Élodie","DbtrIBAN":"FR76/1","emoji":"😀","amount":"17.01"}]},"object_payload_signature":"","webhook_created_at":17008888888888}',
}];
const seen = new Map();
let section = null;
for (const block of jsonBlocks(read('treezor-sepa-events.txt'))) {
  const text = cleanJsonText(block.text);
  let parsed;
  try { parsed = JSON.parse(text); } catch (e) { console.error(`line ${block.line}:\n${text}`); throw e; }
  const inner = parsed.object_payload ? parsed : parsed.webhook;
  const shape = parsed.object_payload ? 'flat' : 'wrapped';
  const name = inner.webhook;
  section = block.heading.filter((h) => /^[A-Z]{4} webhooks$/.test(h)).pop()?.slice(0, 4) ?? section;
  const variant = block.heading.filter((h) => h !== name && h.length < 40 && !/[.:]$/.test(h) && !/^[,.]/.test(h)
    && !/^(The|is|Note|attribute) /.test(h) && !/^(Appearance|SEPA|[A-Z][a-z]+s)$/.test(h) && !/ webhooks$/.test(h)).pop();
  const tags = [shape, variant?.startsWith(section) ? null : section, variant].filter(Boolean);
  let label = `${name} — ${tags.join(', ')}`;
  const n = (seen.get(label) ?? 0) + 1;
  seen.set(label, n);
  if (n > 1) label += ` (${n})`;
  treezor.push({
    id: `seed-${block.line}`,
    label,
    source: `seeds/treezor-sepa-events.txt line ${block.line} (comments and trailing commas removed${block.repairs.length ? `; ${block.repairs.join('; ')}` : ''}${/:\s*\d[\dxX]*[xX]/.test(block.text) ? '; redacted digits (xxx) written as 0' : ''}; the seed's signature cannot be checked, re-signed here)`,
    body: text,
  });
}
write('treezor.json', treezor);

// ---- Seqino: the one published example, and constructed events of the documented types ----
const seqinoSeed = read('seqino-pdp-webhooks.txt');
const seqinoTest = seqinoSeed.match(/\{ "event_id": "evt_abc123def456".*\} \}/)[0];
JSON.parse(seqinoTest);
const seqino = [
  { id: 'webhook.test', label: 'webhook.test — Seqino\'s published example', source: 'seeds/seqino-pdp-webhooks.txt (the only payload Seqino publishes)', body: seqinoTest },
  {
    id: 'invoice.status_updated', label: 'invoice.status_updated — constructed (data shape not published)',
    source: 'constructed: envelope as documented; Seqino does not publish `data` for invoices, the names are the likely ones',
    body: '{"event_id":"evt_9f2c41d07a3e","event_type":"invoice.status_updated","timestamp":"2025-09-15T08:30:00Z","sponsor_id":"sandbox-1234/5678","data":{"invoice_id":"inv_2025_000417","status":"APPROVED"}}',
  },
  {
    id: 'variant', label: 'webhook.test — signed base64 with the decoded key (find the variant)',
    source: 'Seqino\'s example, signed another way Seqino might sign: explain() finds which',
    body: seqinoTest, variant: { encoding: 'base64', key: 'hex', header: 'X-Webhook-Signature' },
  },
];
write('seqino.json', seqino);

// ---- SePay: the transaction of PROVIDERS.md in each authentication mode and body format ----
const tx = { id: 92704, gateway: 'Vietcombank', transactionDate: '2023-03-25 14:02:37', accountNumber: '0123499999', code: null, content: 'payment content', transferType: 'in', transferAmount: 2277000, accumulated: 19077000, subAccount: null, referenceCode: 'MBVCB.3278907687', description: '' };
const txJson = JSON.stringify(tx);
const out2 = { ...tx, id: 92711, transactionDate: '2023-03-25 16:40:02', code: 'DH1042', content: 'DH1042 hoan tien', transferType: 'out', transferAmount: 150000, accumulated: 18927000, referenceCode: 'MBVCB.3279011234', description: 'BankAPINotify DH1042 hoan tien' };
const form = new URLSearchParams(Object.entries(out2).map(([k, v]) => [k, v ?? ''])).toString();
const boundary = '----hooksealDemoBoundary7MA4YWxkTrZu0gW';
const multipart = Object.entries(tx).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v ?? ''}\r\n`).join('') + `--${boundary}--\r\n`;
const sepay = [
  { id: 'hmac-json', label: 'HMAC, JSON — PROVIDERS.md vector (whsec_test, 1700000000)', source: 'PROVIDERS.md self-made vector; payload as in SePay\'s laravel-sepay', mode: 'hmac', secret: 'whsec_test', timestamp: 1700000000, expectSignature: 'sha256=0774c7717ffe7655f7e92a6ea129490cad878f177a4d9fab969f83783951a1d9', body: txJson },
  { id: 'apikey-json', label: 'Api_Key, JSON', source: 'payload as in SePay\'s laravel-sepay; Authorization: Apikey as documented', mode: 'api_key', body: txJson, contentType: 'application/json' },
  { id: 'oauth2-form', label: 'OAuth2.0, form-urlencoded (outgoing transfer)', source: 'payload as in SePay\'s laravel-sepay, sent as a form', mode: 'oauth2', body: form, contentType: 'application/x-www-form-urlencoded' },
  { id: 'hmac-multipart', label: 'HMAC, multipart/form-data', source: 'payload as in SePay\'s laravel-sepay, sent as multipart (CRLF line breaks)', mode: 'hmac', body: multipart, contentType: `multipart/form-data; boundary=${boundary}` },
  { id: 'none-json', label: 'No_Authen, JSON', source: 'payload as in SePay\'s laravel-sepay; nothing authenticates it', mode: 'none', body: txJson, contentType: 'application/json' },
];
write('sepay.json', sepay);

// ---- Numeral: the published event, signed per RFC 9421 with a throwaway key -------------------
const numeralSeed = read('numeral-event-object.txt');
const eventText = cleanJsonText(numeralSeed.slice(numeralSeed.indexOf('{\n"id"')));
const event = JSON.parse(eventText);
const body = JSON.stringify(event); // compact, as an HTTP client sends it; no number here needs care
const created = Math.floor(Date.parse('2023-02-01T17:13:16Z') / 1000);
const method = 'POST';
const url = 'https://webhooks.example.com/numeral/events';
const target = new URL(url);
const digest = `sha-256=:${crypto.createHash('sha256').update(body).digest('base64')}:`;
const params = `("@method" "@authority" "@request-target" "content-digest");alg="rsa-v1_5-sha256";keyid="hookseal-demo";created=${created}`;
const base = [
  `"@method": ${method}`,
  `"@authority": ${target.host}`,
  `"@request-target": ${target.pathname}${target.search}`,
  `"content-digest": ${digest}`,
  `"@signature-params": ${params}`,
].join('\n');
const previous = fs.existsSync(path.join(out, 'numeral.json')) ? JSON.parse(fs.readFileSync(path.join(out, 'numeral.json'), 'utf8'))[0] : null;
// Keep the committed delivery (and its key) when nothing it covers changed; a new key otherwise.
const keep = previous && previous.body === body && previous.created === created && previous.url === url && !process.argv.includes('--new-key');
const { privateKey, publicKey } = keep ? { publicKey: crypto.createPublicKey(previous.publicKey) } : crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signature = keep ? previous.headers.find(([n]) => n === 'Signature')[1].slice(6, -1) : crypto.sign('sha256', Buffer.from(base), { key: privateKey, padding: crypto.constants.RSA_PKCS1_PADDING }).toString('base64');
const publicPem = publicKey.export({ type: 'spki', format: 'pem' });
if (!crypto.verify('sha256', Buffer.from(base), publicKey, Buffer.from(signature, 'base64'))) throw new Error('self-check failed');
write('numeral.json', [{
  id: 'payment_order.executed',
  label: 'payment_order.executed — Numeral\'s published event (RFC 9421, demo key)',
  source: 'seeds/numeral-event-object.txt (trailing commas removed, compacted); signed offline with a throwaway RSA key: only its public key is kept',
  method, url, body,
  headers: [['Content-Type', 'application/json'], ['Content-Digest', digest], ['Signature-Input', `sigx=${params}`], ['Signature', `sigx=:${signature}:`]],
  created,
  publicKey: publicPem,
  signatureBase: base,
}]);

console.log(`wrote ${treezor.length} Treezor, ${seqino.length} Seqino, ${sepay.length} SePay, 1 Numeral samples to ${path.relative(root, out)}/`);
