// One webhook endpoint per provider, the same code in every runtime (workerd, Deno, Chromium,
// bundles): POST /<provider> answers 200 {ok, id} for a verified delivery, 401 when the
// signature or credentials are wrong, 400 when a correctly signed body is not a webhook.
// GET /providers lists the verifiers this runtime's `hookseal` has.
const CLASS = { seqino: 'SeqinoVerifier', treezor: 'TreezorVerifier', sepay: 'SepayVerifier', numeral: 'NumeralVerifier' };
const BAD_REQUEST = new Set(['invalid_input', 'invalid_json', 'duplicate_key', 'schema_mismatch', 'body_too_large']);

/** The id a provider's event is deduplicated on. */
function eventId(provider, e) {
  switch (provider) {
    case 'seqino': return e.event_id;
    case 'treezor': return e.webhook_id ?? e.webhook?.webhook_id;
    default: return e.id;
  }
}

export function createHandler(hookseal, config) {
  const verifiers = {};
  for (const [provider, opts] of Object.entries(config)) {
    const Verifier = hookseal[CLASS[provider]];
    if (Verifier) verifiers[provider] = new Verifier(opts);
  }
  return async function handle(request) {
    const url = new URL(request.url);
    if (request.method === 'GET') {
      return Response.json({ providers: Object.keys(verifiers).sort() });
    }
    const provider = url.pathname.slice(1);
    const verifier = verifiers[provider];
    if (!verifier) return Response.json({ ok: false, error: `no verifier for ${provider}` }, { status: 404 });
    try {
      const event = await verifier.verifyRequest(request);
      return Response.json({ ok: true, id: String(eventId(provider, event)) });
    } catch (e) {
      if (e instanceof hookseal.HooksealError) {
        // The stack's frames, for the suites to check in every runtime where it starts (at the
        // verifier's `verify`, not inside the wasm: pkg-template/src/methods.js).
        const frames = String(e.stack).split('\n').filter((l) => /^\s*at /.test(l)).slice(0, 4);
        return Response.json({ ok: false, code: e.code, frames }, { status: BAD_REQUEST.has(e.code) ? 400 : 401 });
      }
      return Response.json({ ok: false, error: String(e && e.stack || e) }, { status: 500 });
    }
  };
}
