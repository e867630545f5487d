// Feeds deliveries to the shared handler as Fetch API Requests, in-process (Node, Chromium,
// bundles): the same answers a server would send.
import { createHandler } from './handler.js';

export async function runDeliveries(api, { config, deliveries, baseUrl = 'http://127.0.0.1:8787' }) {
  const handle = createHandler(api, config);
  const providers = (await (await handle(new Request(baseUrl + '/providers'))).json()).providers;
  const answers = [];
  for (const d of deliveries) {
    const res = await handle(new Request(baseUrl + d.path, { method: d.method, headers: d.headers, body: d.body }));
    answers.push({ status: res.status, body: await res.json() });
  }
  return { providers, answers };
}
