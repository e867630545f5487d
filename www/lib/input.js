// Turning what a person pastes into what a verifier takes: header lines, body bytes.

const REQUEST_LINE = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/[\d.]+)?$/;

/**
 * Reads headers pasted one `Name: value` per line, as request logs show them. A request line
 * (`POST /path HTTP/1.1`) and HTTP/2 pseudo-headers (`:method`, `:path`, `:authority`) are
 * read as the request line. Repeated names are kept in order.
 */
export function parseHeaders(text) {
  const headers = [];
  const request = {};
  const problems = [];
  for (const [n, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const rl = line.match(REQUEST_LINE);
    if (rl && !line.includes(':')) { request.method = rl[1]; request.target = rl[2]; continue; }
    const pseudo = line.match(/^:(method|path|authority|scheme):\s*(.*)$/i);
    if (pseudo) { request[pseudo[1].toLowerCase()] = pseudo[2].trim(); continue; }
    const i = line.indexOf(':');
    if (i <= 0) { problems.push(`line ${n + 1} has no "Name: value" form and was ignored`); continue; }
    const name = line.slice(0, i).trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) { problems.push(`line ${n + 1}: "${name}" is not a header name and was ignored`); continue; }
    headers.push([name, line.slice(i + 1).trim()]);
  }
  return { headers, request, problems };
}

export function headerValue(headers, name) {
  const want = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === want)?.[1];
}

export function formatHeaders(pairs) {
  return pairs.map(([n, v]) => `${n}: ${v}`).join('\n');
}

/** The body bytes, per the "read as" choice. Throws an Error with a readable message. */
export function bodyBytes(text, format) {
  switch (format) {
    case 'crlf': return new TextEncoder().encode(text.replace(/\r?\n/g, '\r\n'));
    case 'base64': {
      const clean = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
      let bin;
      try { bin = atob(clean); } catch { throw new Error('the body is not valid base64'); }
      return Uint8Array.from(bin, (c) => c.charCodeAt(0));
    }
    case 'hex': {
      const clean = text.replace(/\s+/g, '');
      if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw new Error('the body is not valid hex');
      return Uint8Array.from(clean.match(/../g) ?? [], (b) => parseInt(b, 16));
    }
    default: return new TextEncoder().encode(text);
  }
}

/** Secrets one per line (several = a rotation); lines are not trimmed, so stray spaces get reported. */
export function secretLines(text) {
  return text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
}

/** PEM blocks in a text (several = several trusted keys). */
export function pemBlocks(text) {
  return text.match(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g) ?? (text.trim() ? [text.trim()] : []);
}

export function randomHex(bytes) {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function randomUuid() {
  return crypto.randomUUID ? crypto.randomUUID() : randomHex(16).replace(/(.{8})(.{4})(.{4})(.{4})(.{12})/, '$1-$2-$3-$4-$5');
}

/** A shell command that POSTs exactly these bytes (no trailing newline) with these headers. */
export function curlCommand(url, method, headers, body) {
  const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
  const parts = [`printf '%s' ${q(body)} |`, `  curl -sS -X ${method} ${q(url)}`];
  for (const [n, v] of headers) parts.push(`  -H ${q(`${n}: ${v}`)}`);
  parts.push('  --data-binary @-');
  return parts.join(' \\\n');
}
