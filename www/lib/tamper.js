// "Tamper": change one value of the body in place (every other byte stays as it was), the way
// an attacker or a buggy proxy would, so the verdict can be watched changing.

/** Spans of every scalar member value in JSON text: { path: 'a.b.0.c', start, end, raw }. */
export function jsonScalars(text) {
  const out = [];
  let i = 0;
  const ws = () => { while (/\s/.test(text[i] ?? '')) i++; };
  const str = () => {
    const s = i; i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return text.slice(s, i);
  };
  const value = (path) => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        const key = JSON.parse(str());
        ws(); if (text[i++] !== ':') throw new Error('expected :');
        value(path ? `${path}.${key}` : key);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        throw new Error('expected , or }');
      }
    }
    if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (let n = 0; ; n++) {
        value(path ? `${path}.${n}` : String(n));
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        throw new Error('expected , or ]');
      }
    }
    const start = i;
    if (c === '"') str();
    else { while (i < text.length && !/[\s,\]}]/.test(text[i])) i++; }
    if (i === start) throw new Error('unexpected end');
    out.push({ path, start, end: i, raw: text.slice(start, i) });
  };
  value('');
  return out;
}

/** The same lexeme with one character changed: a digit moved on by one (the last of a number,
 *  the first of a string), else the first letter. */
function flip(raw) {
  if (raw === 'true') return 'false';
  if (raw === 'false') return 'true';
  if (raw === 'null') return null;
  const quoted = raw.startsWith('"');
  const inner = quoted ? raw.slice(1, -1) : raw;
  if (quoted && inner === '') return '"x"';
  // For numbers the last digit (no leading-zero trouble); for strings the first digit or letter.
  const firstDigit = inner.search(/[0-9]/);
  const idx = !quoted ? inner.search(/[0-9](?=[^0-9]*$)/) : firstDigit >= 0 ? firstDigit : inner.search(/[A-Za-z]/);
  if (idx < 0) return quoted ? `"${inner}x"` : null;
  const ch = inner[idx];
  const next = /[0-9]/.test(ch) ? String((Number(ch) + 1) % 10)
    : ch === 'z' ? 'a' : ch === 'Z' ? 'A' : String.fromCharCode(ch.charCodeAt(0) + 1);
  const changed = inner.slice(0, idx) + next + inner.slice(idx + 1);
  return quoted ? `"${changed}"` : changed;
}

/**
 * Changes the first value whose path matches one of `prefer` (regexes, in order), else any
 * value matching `within`, else any value. Returns { text, what } or null.
 */
export function tamper(text, { prefer = [], within = /.*/ } = {}) {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let scalars;
    try { scalars = jsonScalars(text); } catch { scalars = null; }
    if (scalars) {
      const usable = scalars.filter((s) => flip(s.raw) !== null);
      const pick = prefer.map((re) => usable.find((s) => re.test(s.path))).find(Boolean)
        ?? usable.find((s) => within.test(s.path)) ?? usable[0];
      if (pick) {
        const to = flip(pick.raw);
        return { text: text.slice(0, pick.start) + to + text.slice(pick.end), what: `${pick.path}: ${pick.raw} → ${to}` };
      }
    }
  }
  // multipart/form-data: a part's value; form-urlencoded: a pair's value.
  const fields = [];
  for (const m of text.matchAll(/name="([^"]+)"\r?\n(?:[^\r\n]+\r?\n)*\r?\n([^\r\n]*)/g)) {
    fields.push({ path: m[1], start: m.index + m[0].length - m[2].length, raw: m[2] });
  }
  if (!fields.length && /^[^=&\s]+=/.test(text)) {
    let pos = 0;
    for (const pair of text.split('&')) {
      const eq = pair.indexOf('=');
      if (eq > 0) fields.push({ path: decodeURIComponent(pair.slice(0, eq)), start: pos + eq + 1, raw: pair.slice(eq + 1) });
      pos += pair.length + 1;
    }
  }
  const usable = fields.filter((f) => /[0-9A-Za-z]/.test(f.raw));
  const pick = prefer.map((re) => usable.find((f) => re.test(f.path))).find(Boolean) ?? usable[0];
  if (pick) {
    const to = flip(`"${pick.raw}"`).slice(1, -1);
    return { text: text.slice(0, pick.start) + to + text.slice(pick.start + pick.raw.length), what: `${pick.path}: ${pick.raw} → ${to}` };
  }
  // Anything else: the last letter or digit.
  const m = text.match(/[0-9A-Za-z](?=[^0-9A-Za-z]*$)/);
  if (!m) return null;
  const to = flip(`"${m[0]}"`).slice(1, -1);
  return { text: text.slice(0, m.index) + to + text.slice(m.index + 1), what: `character ${m.index + 1}: ${m[0]} → ${to}` };
}
