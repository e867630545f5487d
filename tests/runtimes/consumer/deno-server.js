// Deno: `hookseal` resolved by Deno from the project's node_modules (the installed tarball,
// `deno` export condition), the shared handler behind Deno.serve on 127.0.0.1.
import * as hookseal from 'hookseal';
import { createHandler } from './handler.js';

const [port, config] = [Number(Deno.args[0]), JSON.parse(Deno.args[1])];
const handle = createHandler(hookseal, config);
Deno.serve({
  hostname: '127.0.0.1',
  port,
  onListen() { console.log(`hookseal from ${import.meta.resolve('hookseal')}`); },
}, handle);
