// The typed event as a collapsible tree: native <details>/<summary>, so it works with the
// keyboard (Tab to a node, Enter/Space to fold) and with screen readers without extra ARIA.
import { h } from './dom.js';

/**
 * @param value the event (plain JSON value)
 * @param marks.unverified paths ("a.b") that no signature covers
 * @param marks.added paths that hookseal adds (not on the wire)
 */
export function renderTree(value, marks = {}, openDepth = 4) {
  const ctx = { unverified: new Set(marks.unverified ?? []), added: new Set(marks.added ?? []), openDepth };
  if (!isContainer(value)) return h('ul', {}, h('li', {}, h('div', { class: 'leaf' }, leaf(value))));
  return h('ul', {}, entries(value).map(([k, v]) => node(k, v, k, 0, ctx)));
}

const isContainer = (v) => v !== null && typeof v === 'object';
const entries = (v) => (Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v));

function node(key, value, path, depth, ctx) {
  const unverified = ctx.unverified.has(path);
  const added = ctx.added.has(path);
  const badges = [
    unverified && h('span', { class: 'badge unverified', title: 'No signature covers this field: do not trust it' }, 'not signed'),
    added && h('span', { class: 'badge added', title: 'Not on the wire: hookseal adds it' }, 'added by hookseal'),
  ];
  const name = h('span', { class: 'key' }, typeof key === 'number' ? `[${key}]` : key);
  const cls = unverified ? 'unverified' : undefined;
  if (isContainer(value) && entries(value).length > 0) {
    const list = entries(value);
    const count = Array.isArray(value) ? `[${list.length}]` : `{${list.length}}`;
    return h('li', { class: cls },
      h('details', { open: depth < ctx.openDepth && !added },
        h('summary', {}, name, ': ', h('span', { class: 'count' }, count), badges),
        h('ul', {}, list.map(([k, v]) => node(k, v, `${path}.${k}`, depth + 1, ctx)))));
  }
  return h('li', { class: cls }, h('div', { class: 'leaf' }, name, ': ', leaf(value), badges));
}

function leaf(v) {
  if (typeof v === 'string') return h('span', { class: 'str' }, JSON.stringify(v));
  if (typeof v === 'number' || typeof v === 'bigint') return h('span', { class: 'num' }, String(v));
  if (Array.isArray(v)) return h('span', { class: 'count' }, '[]');
  if (v && typeof v === 'object') return h('span', { class: 'count' }, '{}');
  return h('span', { class: 'lit' }, String(v));
}
