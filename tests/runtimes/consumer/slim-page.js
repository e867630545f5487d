// A page script using the `slim` entry: no inlined wasm, `init()` fetches each provider's .wasm
// from the URL it is given (one per provider the deliveries are for).
import { init } from 'hookseal/slim';
import { runDeliveries } from './run-deliveries.js';

window.hooksealTest = async (input) => {
  const providers = [...new Set(input.deliveries.map((d) => d.provider))];
  const urls = Object.fromEntries(providers.map((p) => [p, new URL(`/hookseal_${p}_bg.wasm`, location.href)]));
  return runDeliveries(await init(urls), input);
};
window.hooksealReady = true;
