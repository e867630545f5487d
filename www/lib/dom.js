// A tiny element builder: text is always set as text, never parsed as HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** A definition list from [term, description] pairs; pairs with an undefined description are skipped. */
export function dl(pairs) {
  return h('dl', {}, pairs.filter(([, d]) => d !== undefined).map(([t, d]) => [h('dt', {}, t), h('dd', {}, d)]));
}

export function findings(list) {
  if (!list?.length) return null;
  return [h('h3', {}, 'Findings'), h('ul', { class: 'findings' }, list.map((f) => h('li', {}, f)))];
}

export function rawDetails(obj, title = 'Full explain() output') {
  return h('details', { class: 'raw' }, h('summary', {}, title), h('pre', {}, JSON.stringify(obj, null, 2)));
}

export const code = (text) => h('code', {}, text);
export const yesNo = (ok, yes, no) => h('span', { class: ok ? 'ok' : 'bad' }, ok ? `✓ ${yes}` : `✗ ${no}`);
