// Seqino through `require('hookseal')`: real CommonJS, one instance shared with ESM.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const hookseal = require('hookseal');

const SECRET = 'a'.repeat(64);
const BODY = '{"event_id":"evt_1","event_type":"mandate.activated","timestamp":"2026-01-01T00:00:00Z","sponsor_id":"s","data":{"mandate_id":"m_1"}}';

test('require() gives the same API and a working HooksealError', () => {
  const v = new hookseal.SeqinoVerifier({ secret: SECRET });
  const e = v.verify(Buffer.from(BODY), { 'X-Seqino-Signature': hookseal.signSeqino(BODY, SECRET) });
  assert.equal(e.event_type, 'mandate.activated');
  assert.equal(e.data.mandate_id, 'm_1');
  try {
    v.verify(BODY, { 'x-seqino-signature': '0'.repeat(64) });
    assert.fail('should throw');
  } catch (err) {
    assert.ok(err instanceof hookseal.HooksealError);
    assert.equal(err.code, 'signature_mismatch');
  }
});

test('the ESM and CommonJS entries share one HooksealError class', async () => {
  const esm = await import('hookseal');
  assert.equal(esm.HooksealError, hookseal.HooksealError);
  assert.equal(esm.SeqinoVerifier, hookseal.SeqinoVerifier);
  assert.match(require.resolve('hookseal'), /node\.cjs$/);
});
