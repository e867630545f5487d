// Where a `HooksealError` the wasm throws is constructed, and so where its stack trace starts.
//
// JavaScript engines capture the stack when an Error is constructed. The wasm makes its errors
// through `makeError` (src/wasm/error.rs), in the middle of the call, so that capture walked the
// wasm's frames too: in Node 20 on the bench machine it cost ~17 µs more than the same error made
// in JavaScript, and four of the ten lines V8 keeps were the package's own (`makeError`,
// wasm-bindgen's import shim, two `wasm-function[…]` frames), leaving six for the caller.
//
// So for a method of the package, `makeError` gives the wasm the error's fields (`Unmade`),
// which the wasm returns as its error and the glue throws; the method's wrapper (below) catches
// them and throws the `HooksealError` made from them, constructed in the wrapper once the wasm
// has returned: the stack starts at the method the caller called (`at SeqinoVerifier.verify`),
// then the caller's own frames, and costs what any JavaScript error costs. A constructor's
// error (bad options) is constructed where the wasm makes it: constructors have no wrapper.

/** An error's fields, made into the error by the method's wrapper that catches it. The wasm
 *  only ever returns what `makeError` gives it as its error (src/wasm/output.rs `throw`), so one
 *  never escapes a wrapped method any other way. */
class Unmade {
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

/** `fn` (a function or method of the wasm-bindgen glue), its errors constructed in the wrapper,
 *  which the caller called. For a method, `refusal(this, name)` first gives the fields of the
 *  error for a `this` it cannot run on (receivers.js), or `undefined`. Same name and `length`;
 *  arguments beyond four are not passed, so a function declaring more is refused when the
 *  package loads. */
export function stackedAtCaller(HooksealError, fn, Verifier, refusal) {
  if (fn.length > 4) throw new Error(`hookseal: ${fn.name} takes ${fn.length} arguments; stackedAtCaller passes 4`);
  // Fixed arguments, not `...args`: no array per call on the verifiers' hot path. Explicit
  // `undefined` for the ones not given is what the glue reads for an absent option anyway.
  const wrapped = {
    [fn.name](a, b, c, d) {
      // The usual case checked here, the rest by `refusal`: a live verifier of the class.
      if (Verifier !== undefined && !(this instanceof Verifier && this.__wbg_ptr !== 0)) {
        const refused = refusal(this, fn.name);
        throw new HooksealError(refused.code, refused.provider, refused.message, refused.hint);
      }
      try {
        return fn.call(this, a, b, c, d);
      } catch (e) {
        if (e instanceof Unmade) throw new HooksealError(e.code, e.provider, e.message, e.hint);
        throw e;
      }
    },
  }[fn.name];
  Object.defineProperty(wrapped, 'length', { value: fn.length });
  return wrapped;
}

/** Every method of a verifier class's prototype through `stackedAtCaller` with `refusal`, except
 *  the ones the wasm makes no error for (`free` and `Symbol.dispose`, see receivers.js;
 *  wasm-bindgen's `__destroy_into_raw`). Called before `verifyRequest` is added: it calls
 *  `verify`, which is wrapped. */
export function methodsStackedAtCaller(HooksealError, Verifier, refusal) {
  const proto = Verifier.prototype;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name === 'free' || name.startsWith('__')) continue;
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (typeof desc.value !== 'function') continue;
    Object.defineProperty(proto, name, { ...desc, value: stackedAtCaller(HooksealError, desc.value, Verifier, refusal) });
  }
}
