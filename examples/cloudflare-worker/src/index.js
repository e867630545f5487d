// Cloudflare Worker: POST /webhooks/sepay, SePay bank-transfer notifications.
// `wrangler deploy` bundles `hookseal` through its `workerd` export condition, which imports
// the .wasm as a module (Workers refuse to compile wasm from bytes at run time).
import { HooksealError, SepayVerifier } from 'hookseal';

let sepay;

export default {
  /** @param {Request} request @param {{ SEPAY_WEBHOOK_SECRET: string }} env */
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (request.method !== 'POST' || pathname !== '/webhooks/sepay') {
      return new Response('not found', { status: 404 });
    }
    // The webhook's HMAC secret (`whsec_…`, a secret binding). For the API-key mode use
    // { mode: 'api_key', apiKey: env.SEPAY_API_KEY } instead.
    sepay ??= new SepayVerifier({ mode: 'hmac', secret: env.SEPAY_WEBHOOK_SECRET });

    let tx;
    try {
      tx = await sepay.verifyRequest(request); // JSON, form-urlencoded or multipart alike
    } catch (e) {
      if (e instanceof HooksealError) {
        const status = e.code === 'invalid_json' || e.code === 'schema_mismatch' ? 400 : 401;
        return Response.json({ success: false, error: e.code }, { status });
      }
      throw e;
    }

    if (tx.transferType === 'in') {
      // tx.id is the key to deduplicate retries on; tx.code / tx.content carry the order
      // reference the payer typed; amounts are integer VND.
      console.log(`SePay ${tx.id}: +${tx.transferAmount} VND on ${tx.accountNumber} (${tx.code ?? tx.content})`);
    }
    // SePay retries until it gets a 2xx with {"success": true}.
    return Response.json({ success: true });
  },
};
