// Treezor through `require('hookseal')`: real CommonJS, one instance shared with ESM.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const hookseal = require('hookseal');

const SECRET = 'hookseal-fixture-secret';
const BODY = readFileSync(path.join(__dirname, '../fixtures/treezor/30-sepa_sddr.reception-wrapped.json'), 'utf8');

test('require() verifies a wrapped SDDR reception and throws the shared HooksealError', async () => {
  const v = new hookseal.TreezorVerifier({ secret: SECRET });
  const e = v.verify(Buffer.from(BODY));
  assert.equal(e.webhook, 'sepa_sddr.reception');
  assert.equal(e.object_payload.sepaSddr.interbank_settlement_amount, '98.77');
  assert.equal(e.envelope, 'wrapped');
  try {
    v.verify(BODY.replace('98.77', '98.78'));
    assert.fail('should throw');
  } catch (err) {
    assert.ok(err instanceof hookseal.HooksealError);
    assert.equal(err.code, 'signature_mismatch');
    assert.equal(err.provider, 'treezor');
  }
  const esm = await import('hookseal');
  assert.equal(esm.TreezorVerifier, hookseal.TreezorVerifier);
  assert.equal(esm.signTreezor, hookseal.signTreezor);
});
