// Minimal debugger: loads the browser build of the package and verifies a Seqino sample.
import { SeqinoVerifier, signSeqino } from '/pkg/browser.mjs';

const $ = (id) => document.getElementById(id);
const DEMO_SECRET = 'demo0000000000000000000000000000000000000000000000000000000000ff';
const SAMPLE = '{ "event_id": "evt_abc123def456", "event_type": "webhook.test", "timestamp": "2019-08-24T14:15:22Z", "sponsor_id": "sandbox-1234/5678", "data": { "test_id": "test_abc123def456" } }';

$('secret').value = DEMO_SECRET;
$('body').value = SAMPLE;
$('headers').value = `Content-Type: application/json\nX-Seqino-Signature: ${signSeqino(SAMPLE, DEMO_SECRET)}`;

function headerLines(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const i = l.indexOf(':');
    return i < 0 ? [l, ''] : [l.slice(0, i).trim(), l.slice(i + 1).trim()];
  });
}

$('verify').addEventListener('click', () => {
  const verdict = $('verdict');
  try {
    const v = new SeqinoVerifier({ secret: $('secret').value });
    const headers = headerLines($('headers').value);
    $('diagnosis').textContent = JSON.stringify(v.explain($('body').value, headers), null, 2);
    const event = v.verify($('body').value, headers);
    verdict.dataset.state = 'valid';
    verdict.textContent = 'Valid: the signature matches.';
    $('event').textContent = JSON.stringify(event, null, 2);
  } catch (e) {
    verdict.dataset.state = 'invalid';
    verdict.textContent = `Invalid: ${e.code ?? 'error'} — ${e.message}${e.hint ? ` (${e.hint})` : ''}`;
    $('event').textContent = '';
  }
});
