// A page script using the `browser` entry (wasm inlined, instantiated synchronously).
import * as hookseal from 'hookseal';
import { runDeliveries } from './run-deliveries.js';

window.hooksealTest = (input) => runDeliveries(hookseal, input);
window.hooksealReady = true;
