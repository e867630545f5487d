// A page script using the `slim` entry with no argument: init() fetches hookseal_bg.wasm next
// to slim.mjs (`new URL(..., import.meta.url)`), which a bundler such as Vite emits as an asset.
import { init } from 'hookseal/slim';
import { runDeliveries } from './run-deliveries.js';

window.hooksealTest = async (input) => runDeliveries(await init(), input);
window.hooksealReady = true;
