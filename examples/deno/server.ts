// Deno: POST /webhooks/seqino, Seqino PDP e-invoicing events.
//   SEQINO_WEBHOOK_SECRET=… deno run --allow-net --allow-env=SEQINO_WEBHOOK_SECRET,PORT server.ts
import { HooksealError, SeqinoVerifier } from 'npm:hookseal';

const secret = Deno.env.get('SEQINO_WEBHOOK_SECRET');
if (!secret) throw new Error('SEQINO_WEBHOOK_SECRET is not set');
const seqino = new SeqinoVerifier({ secret });
const seen = new Set<string>(); // use a database in production

Deno.serve({ hostname: '127.0.0.1', port: Number(Deno.env.get('PORT') ?? 8000) }, async (req) => {
  const { pathname } = new URL(req.url);
  if (req.method !== 'POST' || pathname !== '/webhooks/seqino') return new Response('not found', { status: 404 });
  try {
    const event = await seqino.verifyRequest(req); // reads the raw body once
    if (seen.has(event.event_id)) return new Response(null, { status: 204 }); // a retry
    seen.add(event.event_id);
    if (event.event_type === 'invoice.status_updated') {
      console.log(`invoice ${event.data.invoice_id}: ${event.data.status}`);
    } else if (event.event_type === 'webhook.test') {
      console.log(`test delivery ${event.data.test_id}`);
    }
    // Seqino only needs a 2xx.
    return Response.json({ received: event.event_id });
  } catch (e) {
    if (e instanceof HooksealError) {
      const status = e.code === 'invalid_json' || e.code === 'schema_mismatch' ? 400 : 401;
      return Response.json({ error: e.code, message: e.message }, { status });
    }
    throw e;
  }
});
