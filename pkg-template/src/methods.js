// The JavaScript wrapper every method and function of a provider's glue runs through: where the
// `HooksealError` the wasm returns is constructed, and so where its stack starts (below); what a
// method may be called on (receivers.js); and a provider's wasm instance replaced when a call
// was cut off inside it (instances.js). One wrapper for the three, so a call pays one extra
// frame.
//
// Stacks. JavaScript engines capture the stack when an Error is constructed. The wasm made its
// errors through `makeError` (src/wasm/error.rs) in the middle of the call, so that capture
// walked the wasm's frames too: in Node 20 on the bench machine it cost ~17 µs more than the
// same error made in JavaScript, and four of the ten lines V8 keeps were the package's own
// (`makeError`, wasm-bindgen's import shim, two `wasm-function[…]` frames). So for a method,
// `makeError` gives the wasm the error's fields (`Unmade`), which the wasm returns as its error
// and the glue throws; the wrapper catches them and throws the `HooksealError` made from them,
// constructed in the wrapper once the wasm has returned: the stack starts at the method the
// caller called (`at SeqinoVerifier.verify`), then the caller's own frames, and costs what any
// JavaScript error costs. A constructor's error (bad options) is constructed where the wasm
// makes it: constructors have no wrapper.

import { Trap, later } from './instances.js';

/** An error's fields, made into the error by the method's wrapper that catches it. The wasm
 *  only ever returns what `makeError` gives it as its error (src/wasm/output.rs `throw`), so one
 *  never escapes a wrapped method any other way. */
class Unmade {
  // Declared: defined on each, so that a setter of one of these names on Object.prototype (a
  // polluted prototype) does not take the assignments below.
  code;
  provider;
  message;
  hint;
  constructor(code, provider, message, hint) {
    this.code = code;
    this.provider = provider;
    this.message = message;
    this.hint = hint;
  }
}

/** A method's error from the wasm: its fields, for the method's wrapper to construct it. Every
 *  method and function of the glue is wrapped (tests/js/stacks.test.mjs calls each export). */
export function errorFromWasm(code, provider, message, hint) {
  return new Unmade(code, provider, message, hint);
}

/** `fn` (a function or method of the wasm-bindgen glue), wrapped: its errors constructed in the
 *  wrapper, which the caller called, and `instance` (instances.js) replaced when a call was cut
 *  off. For a method, `receiver` (receivers.js, instances.js) says what it runs on: `Verifier`,
 *  the public class, `refusal(this, name)` the error's fields for a `this` it cannot run on, and
 *  `current(this)` rebuilds a verifier of an instance since replaced. Same name and `length`;
 *  arguments beyond four are not passed, so a function declaring more is refused when the
 *  package loads. */
export function wrapped(HooksealError, fn, instance, receiver) {
  if (fn.length > 4) throw new Error(`hookseal: ${fn.name} takes ${fn.length} arguments; its wrapper passes 4`);
  const { Verifier, refusal, current, recordOf } = receiver ?? {};
  // Fixed arguments, not `...args`: no array per call on the verifiers' hot path. Explicit
  // `undefined` for the ones not given is what the glue reads for an absent option anyway.
  const method = {
    [fn.name](a, b, c, d) {
      // The usual case checked here, the rest by `refusal`: a live verifier its constructor made.
      if (Verifier !== undefined && !(recordOf(this) !== undefined && this.__wbg_ptr !== 0)) {
        const refused = refusal(this, fn.name);
        throw new HooksealError(refused.code, refused.provider, refused.message, refused.hint);
      }
      try {
        // Inside the `try`: replacing the instance and rebuilding the verifier run the wasm too,
        // and can be cut off as well. Never under a call still running (instances.js).
        if (instance.pending && instance.running === 0) instance.ensure();
        if (instance.generation !== 0 && Verifier !== undefined) current(this);
        instance.running++;
        try {
          return fn.call(this, a, b, c, d);
        } finally {
          if (--instance.running === 0 && instance.unfreed !== undefined) instance.freeUnfreed();
        }
      } catch (e) {
        if (e instanceof Unmade) throw new HooksealError(e.code, e.provider, e.message, e.hint);
        // Inline, no call but `later`'s, in a `try`: the stack here may be the one that ran
        // out (instances.js).
        if (e instanceof RangeError || e instanceof Trap) {
          instance.pending = true;
          try { later(instance.replaceWhenUnwound); } catch { /* no stack even for that */ }
        }
        throw e;
      }
    },
  }[fn.name];
  Object.defineProperty(method, 'length', { value: fn.length });
  return method;
}

/** Every method of the glue's class `Glue` wrapped, for `receiver.Verifier`, the public class
 *  that extends it (instances.js), except the ones the wasm makes no error for (`free` and
 *  `Symbol.dispose`, see receivers.js; wasm-bindgen's `__destroy_into_raw`). */
export function methodsWrapped(HooksealError, Glue, instance, receiver) {
  const proto = Glue.prototype;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name === 'free' || name.startsWith('__')) continue;
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (typeof desc.value !== 'function') continue;
    Object.defineProperty(proto, name, { ...desc, value: wrapped(HooksealError, desc.value, instance, receiver) });
  }
}
