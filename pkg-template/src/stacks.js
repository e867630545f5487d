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

// How many wrapped methods are running: more than one when the caller's code that a method runs
// (a header getter) calls another.
let running = 0;

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

/** A method's error from the wasm: its fields, for the method's wrapper to construct it; the
 *  error itself if no wrapper is running (a function of the glue left unwrapped by mistake still
 *  throws a `HooksealError`, with the wasm's frames in its stack). */
export function errorFromWasm(HooksealError, code, provider, message, hint) {
  return running === 0
    ? new HooksealError(code, provider, message, hint)
    : new Unmade(code, provider, message, hint);
}

/** `fn` (a function or method of the wasm-bindgen glue), its errors constructed in the wrapper,
 *  which the caller called. Same name and `length`; arguments beyond four are not passed, so a
 *  function declaring more is refused when the package loads. */
export function stackedAtCaller(HooksealError, fn) {
  if (fn.length > 4) throw new Error(`hookseal: ${fn.name} takes ${fn.length} arguments; stackedAtCaller passes 4`);
  // Fixed arguments, not `...args`: no array per call on the verifiers' hot path. Explicit
  // `undefined` for the ones not given is what the glue reads for an absent option anyway.
  const wrapped = {
    [fn.name](a, b, c, d) {
      running++;
      try {
        return fn.call(this, a, b, c, d);
      } catch (e) {
        if (e instanceof Unmade) throw new HooksealError(e.code, e.provider, e.message, e.hint);
        throw e;
      } finally {
        running--;
      }
    },
  }[fn.name];
  Object.defineProperty(wrapped, 'length', { value: fn.length });
  return wrapped;
}

/** Every method of a verifier class's prototype through `stackedAtCaller`, except the ones that
 *  cannot throw a `HooksealError` (`free`, wasm-bindgen's `__destroy_into_raw`, `Symbol.dispose`).
 *  Called before `verifyRequest` is added: it calls `verify`, which is wrapped. */
export function methodsStackedAtCaller(HooksealError, Verifier) {
  const proto = Verifier.prototype;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name === 'free' || name.startsWith('__')) continue;
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (typeof desc.value !== 'function') continue;
    Object.defineProperty(proto, name, { ...desc, value: stackedAtCaller(HooksealError, desc.value) });
  }
}
