// Entry of the Node bundles (esbuild, webpack): the bundle must run with no node_modules.
import * as hookseal from 'hookseal';
import { runDeliveries } from './run-deliveries.js';

runDeliveries(hookseal, JSON.parse(process.env.HOOKSEAL_TEST_INPUT))
  .then((out) => process.stdout.write(JSON.stringify(out)))
  .catch((e) => { console.error(e); process.exitCode = 1; });
