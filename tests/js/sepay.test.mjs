// SePay through the built package, imported by name as a dependency would be (ESM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { SepayVerifier, HooksealError, signSepay, validateSepayWebhookConfig } from 'hookseal';

// The self-made vector of PROVIDERS.md.
const BODY = '{"id":92704,"gateway":"Vietcombank","transactionDate":"2023-03-25 14:02:37","accountNumber":"0123499999","code":null,"content":"payment content","transferType":"in","transferAmount":2277000,"accumulated":19077000,"subAccount":null,"referenceCode":"MBVCB.3278907687","description":""}';
const SECRET = 'whsec_test';
const TS = 1700000000;
const NOW = TS * 1000;
const VECTOR = 'sha256=0774c7717ffe7655f7e92a6ea129490cad878f177a4d9fab969f83783951a1d9';

const TRANSACTION = {
  id: 92704, gateway: 'Vietcombank', transactionDate: '2023-03-25 14:02:37',
  accountNumber: '0123499999', code: null, content: 'payment content', transferType: 'in',
  transferAmount: 2277000, accumulated: 19077000, subAccount: null,
  referenceCode: 'MBVCB.3278907687', description: '',
  transactionDateIso: '2023-03-25T14:02:37+07:00',
};
// The same members as form / multipart text: a form encoding has no null.
const FIELDS = Object.fromEntries(Object.entries(JSON.parse(BODY)).map(([k, v]) => [k, v === null ? '' : String(v)]));

function refusal(fn) {
  try { fn(); } catch (e) { return e; }
  assert.fail('expected a HooksealError');
}

function assertCode(fn, code, name) {
  const e = refusal(fn);
  assert.ok(e instanceof HooksealError, `${name}: instanceof HooksealError`);
  assert.equal(e.code, code, name);
  assert.ok(['sepay', 'core'].includes(e.provider), name);
  assert.ok(e.message.length > 0, name);
  return e;
}

test('the documented vector: signSepay agrees with node:crypto and verify returns the typed transaction', () => {
  const h = signSepay(BODY, SECRET, TS);
  assert.deepEqual(h, { 'X-SePay-Signature': VECTOR, 'X-SePay-Timestamp': '1700000000', 'Content-Type': 'application/json' });
  const own = 'sha256=' + createHmac('sha256', SECRET).update(`${TS}.${BODY}`).digest('hex');
  assert.equal(own, VECTOR);
  assert.deepEqual(signSepay(Buffer.from(BODY), SECRET, '1700000000'), h);
  const tx = new SepayVerifier({ mode: 'hmac', secret: SECRET }).verify(BODY, h, { now: NOW });
  assert.deepEqual(tx, TRANSACTION);
  assert.equal(typeof tx.transferAmount, 'number');
  assert.equal(new Date(tx.transactionDateIso).toISOString(), '2023-03-25T07:02:37.000Z');
});

test('hmac: accepted forms, rotation, and every refusal with its own code', () => {
  const v = new SepayVerifier({ mode: 'hmac', secret: ['whsec_new', SECRET] });
  const ts = { 'x-sepay-timestamp': String(TS) };
  for (const sig of [VECTOR, VECTOR.toUpperCase().replace('SHA256=', 'sha256='), VECTOR.slice(7)]) {
    assert.ok(v.isValid(BODY, { 'X-SEPAY-SIGNATURE': sig, ...ts }, { now: NOW }), sig);
  }
  assert.ok(v.isValid(BODY, new Headers(signSepay(BODY, 'whsec_new', TS)), { now: NOW }));
  const sig = { 'x-sepay-signature': VECTOR };
  const cases = [
    ['no signature', () => v.verify(BODY, ts, { now: NOW }), 'missing_signature'],
    ['no timestamp', () => v.verify(BODY, sig, { now: NOW }), 'missing_header'],
    ['timestamp not a number', () => v.verify(BODY, { ...sig, 'x-sepay-timestamp': 'yesterday' }, { now: NOW }), 'timestamp_invalid'],
    ['signature not hex', () => v.verify(BODY, { 'x-sepay-signature': 'sha256=xyz', ...ts }, { now: NOW }), 'malformed_signature'],
    ['signature truncated', () => v.verify(BODY, { 'x-sepay-signature': VECTOR.slice(0, 40), ...ts }, { now: NOW }), 'malformed_signature'],
    ['other secret', () => v.verify(BODY, signSepay(BODY, 'whsec_other', TS), { now: NOW }), 'signature_mismatch'],
    ['secret without whsec_', () => v.verify(BODY, signSepay(BODY, 'test', TS), { now: NOW }), 'signature_mismatch'],
    ['tampered amount', () => v.verify(BODY.replace('2277000', '9277000'), { ...sig, ...ts }, { now: NOW }), 'signature_mismatch'],
    ['re-serialized body', () => v.verify(JSON.stringify(JSON.parse(BODY), null, 2), { ...sig, ...ts }, { now: NOW }), 'signature_mismatch'],
    ['parsed object', () => v.verify(JSON.parse(BODY), { ...sig, ...ts }, { now: NOW }), 'invalid_input'],
    ['no headers', () => v.verify(BODY), 'invalid_input'],
    ['now not a number', () => v.verify(BODY, { ...sig, ...ts }, { now: 'soon' }), 'invalid_input'],
  ];
  for (const [name, fn, code] of cases) assertCode(fn, code, name);
  // Default now is Date.now(): a 2023 timestamp is long stale.
  assertCode(() => v.verify(BODY, { ...sig, ...ts }), 'timestamp_too_old', 'default now');
});

test('the clock window: ±300 s accepted, ±301 s refused, toleranceSeconds replaces it', () => {
  const v = new SepayVerifier({ mode: 'hmac', secret: SECRET });
  const at = (ts) => signSepay(BODY, SECRET, ts);
  assert.ok(v.isValid(BODY, at(TS - 300), { now: NOW }));
  assert.ok(v.isValid(BODY, at(TS + 300), { now: NOW }));
  assertCode(() => v.verify(BODY, at(TS - 301), { now: NOW }), 'timestamp_too_old', '-301');
  assertCode(() => v.verify(BODY, at(TS + 301), { now: NOW }), 'timestamp_in_future', '+301');
  const wide = new SepayVerifier({ mode: 'hmac', secret: SECRET, toleranceSeconds: 600 });
  assert.ok(wide.isValid(BODY, at(TS - 599), { now: NOW }));
  assertCode(() => new SepayVerifier({ mode: 'hmac', secret: SECRET, toleranceSeconds: -1 }), 'invalid_input', 'negative tolerance');
});

test('api_key: SePay\'s header forms, several keys, constant codes', () => {
  const v = new SepayVerifier({ mode: 'api_key', apiKey: ['key_old_1234567890', 'key_new_abcdefghij'] });
  for (const auth of ['Apikey key_old_1234567890', 'Bearer Apikey key_new_abcdefghij', 'Apikey key_new_abcdefghij, other']) {
    assert.deepEqual(v.verify(BODY, { authorization: auth }), TRANSACTION, auth);
  }
  assertCode(() => v.verify(BODY, { authorization: 'Apikey key_new_abcdefghiX' }), 'credentials_mismatch', 'wrong key');
  assertCode(() => v.verify(BODY, { authorization: 'Bearer key_new_abcdefghij' }), 'credentials_mismatch', 'bearer instead of apikey');
  assertCode(() => v.verify(BODY, { 'content-type': 'application/json' }), 'missing_header', 'no Authorization');
  assertCode(() => new SepayVerifier({ mode: 'api_key' }), 'invalid_secret', 'no apiKey');
  assertCode(() => new SepayVerifier({ mode: 'api_key', apiKey: 'key \n' }), 'invalid_secret', 'whitespace');
});

test('oauth2: Bearer tokens issued by your endpoint', () => {
  const v = new SepayVerifier({ mode: 'oauth2', accessToken: 'eyJhbGci.token.one' });
  assert.deepEqual(v.verify(BODY, new Headers({ Authorization: 'Bearer eyJhbGci.token.one' })), TRANSACTION);
  assertCode(() => v.verify(BODY, { authorization: 'Bearer eyJhbGci.token.two' }), 'credentials_mismatch', 'other token');
  assertCode(() => v.verify(BODY, { authorization: 'Apikey eyJhbGci.token.one' }), 'credentials_mismatch', 'apikey instead of bearer');
  assertCode(() => v.verify(BODY, {}), 'missing_header', 'no Authorization');
});

test('none: nothing checked, the body still typed; bad modes explained', () => {
  const v = new SepayVerifier({ mode: 'none' });
  assert.deepEqual(v.verify(BODY, {}), TRANSACTION);
  assertCode(() => v.verify('{"id":1}', {}), 'schema_mismatch', 'not a transaction');
  assertCode(() => v.verify('{"id":', { 'content-type': 'application/json' }), 'invalid_json', 'broken JSON');
  assertCode(() => new SepayVerifier({ mode: 'none', maxBodyBytes: 10 }).verify(BODY, {}), 'body_too_large', 'limit');
  const e = assertCode(() => new SepayVerifier({ mode: 'Api_Key', apiKey: 'k' }), 'invalid_input', 'SePay name');
  assert.match(e.hint, /mode 'api_key'/);
  assertCode(() => new SepayVerifier({}), 'invalid_input', 'no mode');
  assertCode(() => new SepayVerifier(), 'invalid_input', 'no options');
});

test('JSON, form-urlencoded and multipart bodies are typed the same', async () => {
  const v = new SepayVerifier({ mode: 'hmac', secret: SECRET });
  const form = new URLSearchParams(FIELDS).toString();
  const formHeaders = { ...signSepay(form, SECRET, TS), 'Content-Type': 'application/x-www-form-urlencoded' };
  assert.deepEqual(v.verify(form, formHeaders, { now: NOW }), TRANSACTION);

  // A real multipart body, as fetch encodes FormData (its own boundary).
  const fd = new FormData();
  for (const [k, value] of Object.entries(FIELDS)) fd.append(k, value);
  const encoded = new Request('https://example.test/hook', { method: 'POST', body: fd });
  const contentType = encoded.headers.get('content-type');
  assert.match(contentType, /^multipart\/form-data; boundary=/);
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  const mpHeaders = { ...signSepay(bytes, SECRET, TS), 'Content-Type': contentType };
  assert.deepEqual(v.verify(bytes, mpHeaders, { now: NOW }), TRANSACTION);

  // verifyRequest reads the raw body once, whatever its format.
  const req = new Request('https://example.test/hook', { method: 'POST', body: bytes, headers: mpHeaders });
  assert.deepEqual(await v.verifyRequest(req, { now: NOW }), TRANSACTION);
  await assert.rejects(v.verifyRequest({}), (e) => e instanceof HooksealError && e.code === 'invalid_input');

  // Non-integers in text are refused, not rounded.
  const none = new SepayVerifier({ mode: 'none' });
  for (const bad of ['2277000.5', '1e6', '9007199254740993', '']) {
    const body = new URLSearchParams({ ...FIELDS, transferAmount: bad }).toString();
    assertCode(() => none.verify(body, { 'content-type': 'application/x-www-form-urlencoded' }), 'schema_mismatch', bad);
  }
  // Members SePay adds later are kept, as sent.
  const extra = none.verify(new URLSearchParams({ ...FIELDS, bankBrandName: 'VCB' }).toString(), {});
  assert.equal(extra.bankBrandName, 'VCB');
});

test('explain() names the mode the headers look like, what is missing, the drift', () => {
  const v = new SepayVerifier({ mode: 'hmac', secret: SECRET });
  const late = v.explain(BODY, signSepay(BODY, SECRET, TS - 400), { now: NOW });
  assert.equal(late.valid, false);
  assert.equal(late.code, 'timestamp_too_old');
  assert.equal(late.drift_seconds, 400);
  assert.equal(late.tolerance_seconds, 300);
  assert.deepEqual(late.expected, [signSepay(BODY, SECRET, TS - 400)['X-SePay-Signature']]);

  const wrongMode = v.explain(BODY, { Authorization: 'Apikey abcdefghijklmnop' }, { now: NOW });
  assert.equal(wrongMode.code, 'missing_signature');
  assert.equal(wrongMode.mode, 'hmac');
  assert.equal(wrongMode.looks_like, 'api_key');
  assert.deepEqual(wrongMode.missing, ['x-sepay-signature', 'x-sepay-timestamp']);
  assert.match(wrongMode.findings[0], /api_key/);

  const keyed = new SepayVerifier({ mode: 'api_key', apiKey: 'abcdefghijklmnop' });
  const d = keyed.explain(BODY, { Authorization: 'Apikey abcdefghijklmnoX' });
  assert.equal(d.code, 'credentials_mismatch');
  assert.equal(d.received, 'Apikey ab…oX (16 characters)');
  assert.ok(!JSON.stringify(d).includes('abcdefghijklmnop'), 'the configured key is never shown');
  assert.equal(keyed.explain(BODY).missing[0], 'authorization');
  assert.equal(v.explain(BODY, signSepay(BODY, SECRET, TS), { now: NOW }).valid, true);
});

const VALID = {
  bank_account_id: 19, name: 'Online shop', event_type: 'In_only', authen_type: 'Api_Key',
  webhook_url: 'https://example.com/webhook/payment', is_verify_payment: 1, skip_if_no_code: 0,
  active: 1, only_va: 1, bank_sub_account_ids: [25, 26], api_key: 'a7c3b4e5f6a7b8c9',
  request_content_type: 'Json',
};
const without = (obj, ...keys) => Object.fromEntries(Object.entries(obj).filter(([k]) => !keys.includes(k)));
const problems = (request, opts) => validateSepayWebhookConfig(request, opts).map((p) => `${p.field}:${p.code}`);

test('validateSepayWebhookConfig: one case per rule', () => {
  assert.deepEqual(validateSepayWebhookConfig(VALID), []);
  assert.deepEqual(validateSepayWebhookConfig({}, { update: true }), []);
  const cases = [
    [without(VALID, 'name'), ['name:required']],
    [without(VALID, 'authen_type'), ['authen_type:required']],
    [without(VALID, 'api_key'), ['api_key:required']],
    [without(VALID, 'request_content_type'), ['request_content_type:required']],
    [{ ...without(VALID, 'api_key', 'request_content_type'), authen_type: 'No_Authen' }, ['request_content_type:required']],
    [{ ...without(VALID, 'api_key', 'request_content_type'), authen_type: 'OAuth2.0' },
      ['oauth2_access_token_url:required', 'oauth2_client_id:required', 'oauth2_client_secret:required']],
    [{ ...VALID, event_type: 'Both' }, ['event_type:invalid_enum']],
    [{ ...VALID, request_content_type: 'form' }, ['request_content_type:invalid_enum']],
    [{ ...VALID, active: 2 }, ['active:invalid_flag']],
    [{ ...VALID, is_verify_payment: true }, ['is_verify_payment:invalid_type']],
    [without(VALID, 'bank_sub_account_ids'), ['bank_sub_account_ids:required']],
    [{ ...VALID, bank_sub_account_ids: [] }, ['bank_sub_account_ids:empty']],
    [{ ...VALID, bank_sub_account_ids: [25, 'x'] }, ['bank_sub_account_ids[1]:invalid_type']],
    [{ ...VALID, webhook_url: 'example.com/hook' }, ['webhook_url:invalid_url']],
    [{ ...VALID, bank_account_id: '19' }, ['bank_account_id:invalid_type']],
    [{ ...VALID, webhok_url: 'https://x.vn' }, ['webhok_url:unknown_field']],
  ];
  for (const [request, expected] of cases) assert.deepEqual(problems(request), expected, JSON.stringify(request));
  assert.deepEqual(problems({ event_type: 'in_only' }, { update: true }), ['event_type:invalid_enum']);
  assert.match(validateSepayWebhookConfig({ event_type: 'in_only' }, { update: true })[0].message, /did you mean "In_only"/);
  assert.deepEqual(problems([]), [':not_an_object']);
  assert.deepEqual(problems(undefined), [':not_an_object']);
  assert.equal(refusal(() => validateSepayWebhookConfig({ a: 1n })).code, 'invalid_input');
  assert.equal(refusal(() => validateSepayWebhookConfig({}, { update: 'yes' })).code, 'invalid_input');
});

test('validateSepayWebhookConfig: every rule broken at once, all reported', () => {
  const got = validateSepayWebhookConfig({
    bank_account_id: -1, name: ' ', event_type: 'Everything', authen_type: 'OAuth2.0',
    webhook_url: 'ftp://example.com', is_verify_payment: 'yes', skip_if_no_code: 3, active: false,
    retry_conditions: 'always', only_va: 1, oauth2_access_token_url: 'https://exa mple.com/token',
    oauth2_client_id: 7, request_content_type: 'XML', colour: 'blue',
  });
  assert.deepEqual(got.map((p) => `${p.field}:${p.code}`), [
    'bank_account_id:out_of_range', 'name:empty', 'event_type:invalid_enum', 'webhook_url:invalid_url',
    'is_verify_payment:invalid_type', 'skip_if_no_code:invalid_flag', 'active:invalid_type',
    'retry_conditions:invalid_type', 'bank_sub_account_ids:required', 'oauth2_access_token_url:invalid_url',
    'oauth2_client_id:invalid_type', 'oauth2_client_secret:required', 'request_content_type:invalid_enum',
    'colour:unknown_field',
  ]);
  for (const p of got) assert.ok(p.message.length > 0);
});

test('the instance survives thousands of hostile calls', () => {
  const v = new SepayVerifier({ mode: 'none' });
  const form = new URLSearchParams(FIELDS).toString();
  const types = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=b', 'multipart/form-data', undefined];
  for (let i = 0; i < 3000; i++) {
    const body = i % 4 === 0 ? '--b\r\n'.repeat(i % 200) + 'Content-Disposition: form-data; name="'
      : i % 4 === 1 ? BODY.slice(0, i % BODY.length) : i % 4 === 2 ? form.slice(i % form.length) + '%' : '{'.repeat(i);
    const ct = types[i % types.length];
    try { v.verify(body, ct ? { 'content-type': ct } : {}); } catch (e) { assert.ok(e instanceof HooksealError); }
  }
  assert.deepEqual(v.verify(BODY, {}), TRANSACTION);
});

test('Vietnamese text reaches the transaction as JSON.parse reads it, as bytes and as a string', () => {
  const content = 'Thanh toán đơn hàng DH102969 — cảm ơn quý khách 😀 \u0085';
  const json = BODY.replace('"payment content"', JSON.stringify(content)).replace('"description":""', '"description":"Chuyển khoản"');
  const bytes = Buffer.from(json);
  const v = new SepayVerifier({ mode: 'hmac', secret: SECRET });
  for (const body of [bytes, Uint8Array.from(bytes).buffer, json]) {
    const tx = v.verify(body, signSepay(bytes, SECRET, TS), { now: NOW });
    assert.deepEqual(tx, { ...TRANSACTION, content, description: 'Chuyển khoản' });
  }
});
