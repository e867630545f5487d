// A page script using the `slim` entry: no inlined wasm, `init()` fetches the .wasm from a URL.
import { init } from 'hookseal/slim';
import { runDeliveries } from './run-deliveries.js';

window.hooksealTest = async (input) => runDeliveries(await init(new URL('/hookseal_bg.wasm', location.href)), input);
window.hooksealReady = true;
