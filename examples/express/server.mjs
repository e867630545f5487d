// Express: POST /webhooks/treezor, Treezor (French BaaS) events.
//   TREEZOR_WEBHOOK_SECRET=… node server.mjs        (PORT, default 3000)
// The signature covers Treezor's exact bytes, so the route takes the raw body
// (express.raw) and never a parsed one (express.json would lose it).
import express from 'express';
import { HooksealError, TreezorVerifier } from 'hookseal';

const secret = process.env.TREEZOR_WEBHOOK_SECRET;
if (!secret) throw new Error('TREEZOR_WEBHOOK_SECRET is not set');
const treezor = new TreezorVerifier({ secret });
const seen = new Set(); // use a database in production

export const app = express();

// Treezor may send `text/plain`: take every content type as raw bytes.
app.post('/webhooks/treezor', express.raw({ type: '*/*', limit: '1mb' }), (req, res) => {
  let webhook;
  try {
    webhook = treezor.verify(req.body); // the signature is inside the body
  } catch (e) {
    if (!(e instanceof HooksealError)) throw e;
    // Treezor expects 200 when a webhook is valid and a 5xx when it is not: it then retries,
    // so a genuine delivery refused for a configuration mistake (a rotated secret) is not lost.
    console.warn(`treezor webhook refused: ${e.code}: ${e.message}`);
    return res.status(500).json({ error: e.code });
  }

  // Dedupe retries on webhook_id. It is NOT covered by the signature (only object_payload is:
  // see webhook.unverified), so act on object_payload and use the envelope only to dedupe.
  const id = String(webhook.webhook_id);
  if (!seen.has(id)) {
    seen.add(id);
    if (webhook.webhook === 'payin.create' || webhook.webhook === 'payin.update') {
      for (const payin of webhook.object_payload.payins) {
        console.log(`payin ${payin.payinId}: ${payin.amount} ${payin.currency ?? ''} (${payin.payinStatus ?? 'no status'})`);
      }
    }
  }
  res.sendStatus(200);
});

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const port = Number(process.env.PORT ?? 3000);
  app.listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}/webhooks/treezor`));
}
