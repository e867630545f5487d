// The hookseal debugger: reads the form, runs the package's verifier for the chosen provider
// (verify for the verdict and the event, explain for the diagnosis), and renders the result.
// Every provider module (providers/*.js) says how to build its verifier, read its diagnosis,
// load its samples and generate a delivery.
import * as hs from '/pkg/browser.mjs';
import { h } from './lib/dom.js';
import { parseHeaders, formatHeaders, bodyBytes, secretLines, curlCommand } from './lib/input.js';
import { renderTree } from './lib/tree.js';
import { tamper } from './lib/tamper.js';
import { isoOf } from './providers/common.js';
import seqino from './providers/seqino.js';
import treezor from './providers/treezor.js';
import sepay from './providers/sepay.js';
import numeral from './providers/numeral.js';

const PROVIDERS = { seqino, treezor, sepay, numeral };
const $ = (id) => document.getElementById(id);
const samples = {};
let lastGenerated = null;

const current = () => PROVIDERS[$('provider').value];

// ---------------------------------------------------------------- reading the form
function readContext() {
  const p = current();
  const { headers, request, problems } = parseHeaders($('headers').value);
  const ctx = {
    secretText: $('secret').value,
    secrets: secretLines($('secret').value),
    bodyText: $('body').value,
    headers, request, notes: problems,
    method: $('method').value.trim() || request.method || 'POST',
    url: $('url').value.trim(),
    clock: $('clock').value,
  };
  if (!ctx.url && request.target) {
    const host = request.authority ?? headers.find(([n]) => n.toLowerCase() === 'host')?.[1];
    if (host) { ctx.url = `https://${host}${request.path ?? request.target}`; ctx.notes.push(`URL taken from the pasted request line: ${ctx.url}`); }
  }
  ctx.body = bodyBytes(ctx.bodyText, $('body-format').value);
  const delivery = p.deliveryTime?.(ctx) ?? null;
  ctx.deliveryTime = delivery;
  ctx.now = p.usesClock(ctx) && ctx.clock === 'delivery' && delivery != null ? delivery : Date.now();
  ctx.nowSource = p.usesClock(ctx) ? (ctx.clock === 'delivery' && delivery != null ? 'the delivery\'s signed time' : 'this computer\'s clock') : null;
  return ctx;
}

// ---------------------------------------------------------------- checking
function check() {
  const p = current();
  let ctx;
  let event = null;
  let error = null;
  let diag = null;
  let diagError = null;
  try {
    ctx = readContext();
  } catch (e) {
    error = { code: 'invalid_input', message: e.message, hint: 'choose how the body is read ("read as")' };
  }
  if (ctx) {
    let verifier = null;
    try { verifier = p.makeVerifier(hs, ctx); } catch (e) { error = e; diagError = e; }
    if (verifier) {
      try { diag = verifier.explain(...p.args(ctx)); } catch (e) { diagError = e; }
      try { event = verifier.verify(...p.args(ctx)); } catch (e) { error = e; }
      verifier.free?.();
    }
  }
  renderVerdict(p, ctx, event, error);
  renderEvent(p, ctx, event);
  renderDiagnosis(p, ctx, diag, diagError);
  renderCode(p);
  // A counter tests (and anyone scripting the page) can wait on.
  $('verdict').dataset.checks = String(Number($('verdict').dataset.checks ?? 0) + 1);
}

function renderVerdict(p, ctx, event, error) {
  const v = $('verdict');
  v.replaceChildren();
  const append = (...nodes) => v.append(...nodes.filter((n) => n !== null && n !== undefined));
  const when = ctx?.nowSource ? h('p', { class: 'when' }, `Time window checked at ${isoOf(ctx.now)} (${ctx.nowSource}).`) : null;
  if (event) {
    v.dataset.state = 'valid';
    const weak = p.id === 'sepay' && $('sepay-mode').value !== 'hmac';
    append(
      h('p', { class: 'verdict-title' }, h('span', { 'aria-hidden': 'true' }, '✓ '), 'Valid',
        weak ? ($('sepay-mode').value === 'none' ? ' — accepted, but No_Authen checks nothing' : ' — the credential matches (the body is not signed)') : ' — the signature matches'),
      h('p', {}, p.summary(event)),
      when,
    );
  } else {
    v.dataset.state = 'invalid';
    const code = error?.code ?? 'error';
    append(
      h('p', { class: 'verdict-title' }, h('span', { 'aria-hidden': 'true' }, '✗ '), 'Invalid — ', h('span', { class: 'code' }, code)),
      h('p', { class: 'message' }, error?.message ?? String(error)),
      error?.hint ? h('p', { class: 'hint' }, error.hint) : null,
      when,
    );
  }
}

function renderEvent(p, ctx, event) {
  if (!event) {
    $('coverage').replaceChildren(ctx ? 'No event: verify refused the delivery, so nothing from it should be used.' : '');
    $('event').replaceChildren();
    return;
  }
  const cov = p.coverage(event, ctx);
  $('coverage').replaceChildren(...[cov.text].flat(Infinity).filter((x) => x !== null && x !== undefined && x !== ''));
  $('event').replaceChildren(renderTree(event, cov));
}

function renderDiagnosis(p, ctx, diag, diagError) {
  const parts = [];
  if (ctx?.notes.length) parts.push(h('h3', {}, 'Input'), h('ul', { class: 'findings' }, ctx.notes.map((n) => h('li', {}, n))));
  if (diag) parts.push(...[p.diagnosis(diag, ctx, api)].flat(Infinity).filter(Boolean));
  else if (diagError) parts.push(h('p', { class: 'bad' }, `No diagnosis: ${diagError.code ? `${diagError.code} — ` : ''}${diagError.message}`));
  $('diagnosis').replaceChildren(...parts);
}

function renderCode(p) {
  const { node, worker } = p.code();
  const pre = (label, text) => h('pre', { tabindex: '0', 'aria-label': label }, text);
  const parts = [h('h3', {}, 'Node (Express)'), pre('Node code', node), h('h3', {}, 'Worker'), pre('Worker code', worker)];
  if (lastGenerated && lastGenerated.provider === p.id) {
    parts.push(h('h3', {}, 'Send the generated delivery to your server'),
      h('pre', { id: 'curl', tabindex: '0', 'aria-label': 'curl command' }, curlCommand(`http://localhost:3000${lastGenerated.route}`, lastGenerated.method ?? 'POST', lastGenerated.headers, lastGenerated.body)));
  }
  $('code').replaceChildren(...parts);
}

/** On a narrow screen the verdict is below the form: bring it into view after Verify. */
function revealVerdict() {
  const r = $('verdict').getBoundingClientRect();
  if (r.top < 0 || r.bottom > window.innerHeight) $('verdict').scrollIntoView({ block: 'nearest' });
}

const api = {
  verify: () => check(),
  modeChanged: () => updateProviderUi(),
};

// ---------------------------------------------------------------- filling the form
function fill(d) {
  const p = current();
  $('secret').value = d.secret ?? '';
  $('body').value = d.body ?? '';
  $('headers').value = formatHeaders(d.headers ?? []);
  $('body-format').value = d.bodyFormat ?? 'text';
  $('method').value = d.method ?? 'POST';
  $('url').value = d.url ?? '';
  if (d.clock) $('clock').value = d.clock;
  p.writeOptions?.(d.options ?? {});
  $('sample-source').textContent = d.note ?? '';
  updateProviderUi();
}

async function loadSample() {
  const p = current();
  const s = samples[p.id]?.find((x) => x.id === $('sample').value);
  if (!s) return;
  lastGenerated = null;
  try {
    fill(await p.loadSample(s, hs));
    $('action-note').textContent = '';
  } catch (e) {
    $('sample-source').textContent = `This sample could not be prepared: ${e.message}`;
  }
  check();
}

function populateSamples() {
  const p = current();
  const list = samples[p.id] ?? [];
  $('sample').replaceChildren(...list.map((s) => h('option', { value: s.id }, s.label)));
  $('sample').disabled = list.length === 0;
}

function updateProviderUi() {
  const p = current();
  $('options-seqino').hidden = p.id !== 'seqino';
  $('options-sepay').hidden = p.id !== 'sepay';
  $('options-numeral').hidden = p.id !== 'numeral';
  $('request-line').hidden = !p.usesRequestLine;
  $('clock-field').hidden = !p.usesClock({});
  $('secret-label').textContent = p.secretLabel();
  $('secret-help').textContent = p.secretHelp();
  $('secret').rows = p.id === 'numeral' ? 6 : 2;
  $('headers-help').textContent = p.usesHeaders
    ? 'As copied from a request log; a request line (POST /path HTTP/1.1) is read too.'
    : `${p.name} signs inside the body: headers are not used.`;
  $('clock-help').textContent = 'Signed timestamps are checked against a window. A sample or a logged delivery is older than the window: check it at its own time to test the signature alone.';
  updateBodySize();
}

function updateBodySize() {
  let text;
  try { text = `${bodyBytes($('body').value, $('body-format').value).length} bytes.`; } catch (e) { text = e.message; }
  $('body-size').textContent = text;
}

// ---------------------------------------------------------------- actions
function onTamper() {
  const p = current();
  const t = tamper($('body').value, p.tamperPrefs);
  if (!t) { $('action-note').textContent = 'Nothing to tamper with: the body is empty.'; return; }
  $('body').value = t.text;
  updateBodySize();
  check();
  const still = $('verdict').dataset.state === 'valid';
  $('action-note').textContent = `Tampered: ${t.what}.${still ? ' Still valid: no signature covers that value (see the event below).' : ''}`;
}

function onGenerate() {
  const p = current();
  let ctx;
  try { ctx = readContext(); } catch { ctx = { secrets: [] }; }
  try {
    const d = p.generate(hs, ctx, samples[p.id] ?? []);
    fill(d);
    lastGenerated = { provider: p.id, route: d.route, method: d.method, headers: d.headers, body: d.body };
    $('action-note').textContent = 'Generated a new signed delivery.';
    $('sample-source').textContent = d.note;
  } catch (e) {
    $('action-note').textContent = `Could not generate: ${e.code ? `${e.code} — ` : ''}${e.message}`;
    return;
  }
  check();
  $('code-section').open = true;
}

async function onProviderChange() {
  updateProviderUi();
  populateSamples();
  await loadSample();
}

// ---------------------------------------------------------------- start
async function main() {
  for (const opt of $('provider').options) {
    const p = PROVIDERS[opt.value];
    if (!p.available(hs)) { opt.disabled = true; opt.textContent += ' (not in this build yet)'; }
  }
  await Promise.all(Object.keys(PROVIDERS).map(async (id) => {
    try { samples[id] = await (await fetch(`samples/${id}.json`)).json(); } catch { samples[id] = []; }
  }));
  $('form').addEventListener('submit', (e) => { e.preventDefault(); check(); revealVerdict(); });
  $('provider').addEventListener('change', onProviderChange);
  $('sample').addEventListener('change', loadSample);
  $('tamper').addEventListener('click', onTamper);
  $('generate').addEventListener('click', onGenerate);
  $('sepay-mode').addEventListener('change', updateProviderUi);
  $('body').addEventListener('input', updateBodySize);
  $('body-format').addEventListener('change', updateBodySize);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.target.closest?.('#form')) { e.preventDefault(); check(); revealVerdict(); }
  });
  // Samples demonstrate the page on first load.
  const wanted = new URLSearchParams(location.search).get('provider');
  if (wanted && PROVIDERS[wanted]?.available(hs)) $('provider').value = wanted;
  await onProviderChange();
  document.documentElement.dataset.ready = 'true';
}

main();
