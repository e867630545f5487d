// A TypeScript user of the installed tarball, checked with `tsc --strict --noEmit`
// (types.test.mjs) under NodeNext and bundler module resolution. Every `@ts-expect-error`
// must be an error: tsc fails on one that is not.
import type { IncomingMessage } from 'node:http';
import {
  HooksealError, NumeralVerifier, SeqinoVerifier, SepayVerifier, TreezorVerifier, readRawBody, signSeqino,
  verifyNodeRequest, type NumeralEvent, type SeqinoEvent, type SepayTransaction, type TreezorWebhook,
} from 'hookseal';
import { init } from 'hookseal/slim';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(): T | void {}

const seqino = new SeqinoVerifier({ secret: 'a'.repeat(64), encoding: 'auto', key: 'hex', toleranceSeconds: 300 });
new SeqinoVerifier({ secret: ['old', 'new'] });
// @ts-expect-error: not an encoding
new SeqinoVerifier({ secret: 'x', encoding: 'base32' });
// @ts-expect-error: the secret is required
new SeqinoVerifier({ header: 'x-signature' });
// @ts-expect-error: misspelled option
new SeqinoVerifier({ secret: 'x', tolerance: 300 });
// @ts-expect-error: a number is not a secret
new SeqinoVerifier({ secret: 42 });

const body = '{}';
// The options argument is optional, headers may be a plain object, Headers or Node's headers.
const event = seqino.verify(body, { 'x-seqino-signature': signSeqino(body, 'a'.repeat(64)) });
seqino.verify(new TextEncoder().encode(body), new Headers(), { now: Date.now() });
seqino.isValid(body, { 'x-seqino-signature': ['a', 'b'], host: undefined });
// @ts-expect-error: a parsed object is not a raw body
seqino.verify({ event_id: 'x' }, {});
// @ts-expect-error: now is a number of milliseconds
seqino.verify(body, {}, { now: new Date() });
seqino.verifySignature(body, 'sha256=00');
// @ts-expect-error: a signature is a string
seqino.verifySignature(body, 42);
// @ts-expect-error: a secret to sign with is a string
signSeqino(body, 42);

// Narrowing on event_type gives the typed payload; unknown event types do not swallow it.
expectType<Equal<typeof event, SeqinoEvent>>();
if (event.event_type === 'webhook.test') {
  expectType<Equal<typeof event.data.test_id, string>>();
} else if (event.event_type === 'invoice.status_updated') {
  const status: string | undefined = event.data.status;
  void status;
  // @ts-expect-error: invoice events carry no test_id
  void event.data.test_id;
} else if (event.event_type === 'mandate.activated') {
  const mandate: string | undefined = event.data.mandate_id;
  void mandate;
}
const id: string = event.event_id;
void id;

// HooksealError narrows with instanceof; its code is a closed union.
try {
  seqino.verify(body, {});
} catch (e) {
  if (e instanceof HooksealError) {
    expectType<Equal<typeof e.code extends string ? true : false, true>>();
    const provider: 'core' | 'seqino' | 'treezor' | 'sepay' | 'numeral' = e.provider;
    void provider;
    // @ts-expect-error: not one of the stable codes
    if (e.code === 'bad_signature') { /* never */ }
    const hint: string | undefined = e.hint;
    void hint;
  }
}

// verifyRequest returns the typed promise.
async function fetchHandler(request: Request): Promise<Response> {
  const p = seqino.verifyRequest(request);
  expectType<Equal<typeof p, Promise<SeqinoEvent>>>();
  const e = await p;
  // @ts-expect-error: verifyRequest takes a Request, not a body
  await seqino.verifyRequest(body);
  return Response.json({ id: e.event_id });
}
void fetchHandler;

// Node helpers accept http.IncomingMessage and give the verifier's event type.
async function nodeHandler(req: IncomingMessage): Promise<void> {
  const e = await verifyNodeRequest(seqino, req, { maxBodyBytes: 65536 });
  expectType<Equal<typeof e, SeqinoEvent>>();
  const raw = await readRawBody(req, { limit: 1024 });
  expectType<Equal<typeof raw, Uint8Array>>();
  // @ts-expect-error: misspelled option
  await verifyNodeRequest(seqino, req, { maxBytes: 1 });
}
void nodeHandler;

// SePay: the options are a union on `mode`; verifyRequest / verifyNodeRequest give a transaction.
const sepay = new SepayVerifier({ mode: 'hmac', secret: 'whsec_x', toleranceSeconds: 300 });
new SepayVerifier({ mode: 'api_key', apiKey: ['k1', 'k2'] });
new SepayVerifier({ mode: 'none' });
// @ts-expect-error: hmac mode needs its secret
new SepayVerifier({ mode: 'hmac' });
// @ts-expect-error: api_key mode takes apiKey, not secret
new SepayVerifier({ mode: 'api_key', secret: 'k' });
// @ts-expect-error: not a mode
new SepayVerifier({ mode: 'basic', apiKey: 'k' });
async function sepayHandlers(request: Request, req: IncomingMessage): Promise<void> {
  const tx = await sepay.verifyRequest(request);
  expectType<Equal<typeof tx, SepayTransaction>>();
  const amount: number = tx.transferAmount;
  const direction: 'in' | 'out' = tx.transferType === 'in' ? 'in' : 'out';
  void amount; void direction;
  const tx2 = await verifyNodeRequest(sepay, req);
  expectType<Equal<typeof tx2, SepayTransaction>>();
}
void sepayHandlers;

// Treezor: narrowing on `webhook` gives the typed object_payload.
const treezor = new TreezorVerifier({ secret: 's', maxBodyBytes: 65536 });
// @ts-expect-error: Treezor's secret is required
new TreezorVerifier({});
async function treezorHandlers(request: Request, req: IncomingMessage): Promise<void> {
  const w = await treezor.verifyRequest(request);
  expectType<Equal<typeof w, TreezorWebhook>>();
  if (w.webhook === 'payin.create') {
    const amounts: (string | null | undefined)[] = w.object_payload.payins.map((p) => p.amount);
    void amounts;
    // @ts-expect-error: a payin webhook carries no payouts
    void w.object_payload.payouts;
  }
  const unverified: string[] = w.unverified;
  void unverified;
  const w2 = await verifyNodeRequest(treezor, req);
  expectType<Equal<typeof w2, TreezorWebhook>>();
  // @ts-expect-error: Treezor.verify takes the body only
  treezor.verify('{}', {});
}
void treezorHandlers;

// Numeral: the published keys by default; narrowing on `topic` gives the typed `data`;
// verifyRequest takes the method and URL from the Request, verify needs them as options.
const numeral = new NumeralVerifier();
new NumeralVerifier({ publicKeys: ['-----BEGIN PUBLIC KEY-----…'], toleranceSeconds: 300 });
// @ts-expect-error: public keys are PEM strings in a list
new NumeralVerifier({ publicKeys: '-----BEGIN PUBLIC KEY-----…' });
async function numeralHandlers(request: Request, req: IncomingMessage): Promise<void> {
  const e = await numeral.verifyRequest(request, { url: 'https://hooks.example.test/numeral' });
  expectType<Equal<typeof e, NumeralEvent>>();
  if (e.topic === 'payment_order') {
    const amount: number = e.data.amount;
    const currency: string = e.data.currency;
    void amount; void currency;
  }
  numeral.verify('{}', {}, { method: 'POST', url: 'https://hooks.example.test/numeral', now: Date.now() });
  // @ts-expect-error: the method is a string
  numeral.verify('{}', {}, { method: 1 });
  const e2 = await verifyNodeRequest(numeral, req, { url: 'https://hooks.example.test/numeral' });
  expectType<Equal<typeof e2, NumeralEvent>>();
}
void numeralHandlers;

// The slim entry resolves to the same API.
async function slim(): Promise<void> {
  const api = await init({ seqino: new URL('https://example.test/hookseal_seqino_bg.wasm') });
  const v: SeqinoVerifier = new api.SeqinoVerifier({ secret: 'x' });
  void v;
}
void slim;
