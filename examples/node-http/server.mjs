// Plain node:http, no framework: POST /webhooks/numeral, Numeral (Mambu Payments) events.
//   node server.mjs        (PORT, default 3000)
// Numeral signs the method, the authority (Host) and the path with RSA (RFC 9421), so the
// verifier needs the URL it was sent to: verifyNodeRequest rebuilds it from the Host header and
// req.url. Behind a proxy that rewrites them, set PUBLIC_BASE_URL (e.g. https://hooks.example.com).
import http from 'node:http';
import { HooksealError, NumeralVerifier, verifyNodeRequest } from 'hookseal';

// Numeral's published public keys are built in; NUMERAL_PUBLIC_KEY (PEM) pins another one.
const numeral = new NumeralVerifier(process.env.NUMERAL_PUBLIC_KEY ? { publicKeys: [process.env.NUMERAL_PUBLIC_KEY] } : {});
const base = process.env.PUBLIC_BASE_URL;
const seen = new Set(); // use a database in production

const server = http.createServer(async (req, res) => {
  if (req.method !== 'POST' || !req.url.startsWith('/webhooks/numeral')) {
    res.writeHead(404).end();
    return;
  }
  let event;
  try {
    event = await verifyNodeRequest(numeral, req, {
      maxBodyBytes: 512 * 1024, // refused before reading when Content-Length says more
      url: base ? new URL(req.url, base).href : undefined,
    });
  } catch (e) {
    if (!(e instanceof HooksealError)) throw e;
    const status = e.code === 'body_too_large' ? 413 : e.code === 'invalid_json' || e.code === 'schema_mismatch' ? 400 : 401;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: e.code }));
    return;
  }
  // Numeral wants a 2xx within 5 s: answer first, work after. Dedupe retries on event.id.
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ received: event.id }));
  if (seen.has(event.id)) return;
  seen.add(event.id);
  if (event.topic === 'payment_order' && event.type === 'executed') {
    console.log(`payment order ${event.data.id} executed: ${event.data.amount} ${event.data.currency}`);
  }
});

const port = Number(process.env.PORT ?? 3000);
server.listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}/webhooks/numeral`));
