// Next.js App Router route handler: POST /api/webhooks/seqino.
// Works unchanged with `runtime = 'nodejs'` (hookseal's node entry, wasm inlined) and
// `runtime = 'edge'` (the edge-light entry, wasm imported with `?module` as Vercel requires).
import { HooksealError, SeqinoVerifier, type SeqinoEvent } from 'hookseal';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Created on first use, so a missing secret is reported by the first delivery, not the build.
let seqino: SeqinoVerifier | undefined;
function verifier(): SeqinoVerifier {
  const secret = process.env.SEQINO_WEBHOOK_SECRET;
  if (!secret) throw new Error('SEQINO_WEBHOOK_SECRET is not set');
  return (seqino ??= new SeqinoVerifier({ secret }));
}

export async function POST(request: Request): Promise<Response> {
  let event: SeqinoEvent;
  try {
    event = await verifier().verifyRequest(request); // reads the raw body once
  } catch (e) {
    if (e instanceof HooksealError) {
      // 401 for a bad signature, 400 for a signed body that is not a Seqino event.
      const status = e.code === 'invalid_json' || e.code === 'schema_mismatch' ? 400 : 401;
      return Response.json({ error: e.code, message: e.message }, { status });
    }
    throw e;
  }

  switch (event.event_type) {
    case 'webhook.test':
      console.log('Seqino test delivery', event.data.test_id);
      break;
    case 'invoice.created':
    case 'invoice.received':
    case 'invoice.status_updated':
      await recordInvoiceStatus(event.data.invoice_id, event.data.status);
      break;
    default:
      // Event types hookseal does not know yet still verify; their data is `unknown` to you.
      break;
  }
  // Seqino only needs a 2xx; retried deliveries carry the same event_id (dedupe on it).
  return Response.json({ received: event.event_id });
}

async function recordInvoiceStatus(invoiceId: string | undefined, status: string | undefined): Promise<void> {
  // Your persistence goes here.
  void invoiceId; void status;
}
