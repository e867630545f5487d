// Node, ESM: `import 'hookseal'` from the installed tarball (see node-run.cjs).
import * as api from 'hookseal';
import { runDeliveries } from './run-deliveries.js';

const out = await runDeliveries(api, JSON.parse(process.env.HOOKSEAL_TEST_INPUT));
out.entry = import.meta.resolve('hookseal').split('/').pop();
process.stdout.write(JSON.stringify(out));
