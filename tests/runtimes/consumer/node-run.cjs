// Node, CommonJS: `require('hookseal')` from the installed tarball, deliveries through the
// shared handler. Input (config + deliveries) comes in HOOKSEAL_TEST_INPUT, the answers go to
// stdout as JSON.
'use strict';
const path = require('node:path');

(async () => {
  const api = require('hookseal');
  const { runDeliveries } = await import('./run-deliveries.js');
  const out = await runDeliveries(api, JSON.parse(process.env.HOOKSEAL_TEST_INPUT));
  out.entry = path.basename(require.resolve('hookseal'));
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
