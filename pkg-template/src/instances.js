// A provider's wasm instance, replaced when a call was cut off inside it.
//
// A JavaScript exception that unwinds through the wasm's frames skips every bit of Rust that
// would have run after it: the shadow stack pointer is not given back, an allocation may be half
// done. The wasm's own errors never do that (they are returned, src/wasm/output.rs), and what
// the caller's code throws while the wasm waits on it is caught (src/wasm/input.rs). Two things
// still can: a stack overflow (`RangeError`), when the caller's stack is nearly used up as it
// calls in and V8 finds no room at the entry of a wasm function; and a trap
// (`WebAssembly.RuntimeError`), which no input has produced (the fuzzers and the mutation test
// look for one). Measured before this module: in Node 20, a `verify` cut off by stack overflows
// leaked ~1.6 kB of the shadow stack each time, and after ten to forty of them every later call
// of that provider, on any verifier, new ones included, failed with "memory access out of
// bounds".
//
// So when a call ends with one of those, its exception goes on to the caller, and the instance is
// replaced with a fresh one (wasm-bindgen's `__wbg_reset_state`, built with
// `--experimental-reset-state-function`; the old memory is dropped, not reused) as soon as the
// stack has unwound, by a microtask queued where the call ended (`replaceWhenUnwound`), or by
// the next call of that provider if it comes first. Each verifier is rebuilt in the new
// instance, from a copy of the options it was made with, at its own next call.

/** A trap; with `RangeError` (a stack overflow), what leaves an instance mid-way. Tested inline
 *  where a call ends (`e instanceof RangeError || e instanceof Trap`), marking the instance
 *  `pending` with a property set, not a function call: the stack there may be the one that ran
 *  out, and a call would only throw again. The one call made there, `later`, is in a `try` of
 *  its own for that reason. */
export const Trap = typeof WebAssembly === 'object' ? WebAssembly.RuntimeError : class Trap {};

/** Runs a function once the running job's stack has unwound, before any other task. */
export const later = typeof queueMicrotask === 'function' ? queueMicrotask : (f) => { Promise.resolve().then(f); };

/** One provider's instance. A call cut off marks it `pending`; the microtask it queues, or the
 *  next call before it runs, replaces it (`ensure`), never the cut-off call itself: its stack is
 *  the one that ran out, and the replacement, a new `WebAssembly.Instance`, would run out of it
 *  too. `generation` counts the replacements made. */
export function replaceableInstance(resetState) {
  const instance = {
    generation: 0,
    pending: false,
    ensure() {
      // Throws where it cannot be made (still no stack): the call fails, and the next tries again.
      resetState();
      instance.pending = false;
      instance.generation++;
    },
    /** Queued with `later` where a call is cut off: the instance replaced as soon as the stack
     *  has unwound, not at the provider's next call, which may be much later. Until then the
     *  broken instance is still the glue's, and wasm-bindgen's finalizers free collected
     *  verifiers into it (a finalizer runs as a task of its own, so never before this); a free
     *  that trapped there would be an uncaught exception. Also gives its memory back, and
     *  spares the next call the replacement, which at a stack still nearly used up would fail
     *  again. */
    replaceWhenUnwound() {
      if (!instance.pending) return; // a call since has replaced it
      try {
        instance.ensure();
      } catch {
        // Left pending: the next call tries again, and fails with what stops it.
      }
    },
  };
  return instance;
}

/** A copy of a verifier's options: the caller's object may change later. */
function snapshot(opts) {
  try {
    return typeof structuredClone === 'function' ? structuredClone(opts) : opts;
  } catch {
    return opts; // something structuredClone cannot copy: the options as given
  }
}

/** The public class for wasm-bindgen's `Glue` class: the same class but for remembering the
 *  options each verifier was made with; and `current`/`free` for its instances. */
export function rebuildable(Glue, instance) {
  // Per verifier: a copy of its options, the generation of the instance it lives in, and, once
  // rebuilt, the glue object that holds its place in the new instance.
  const made = new WeakMap();
  const Verifier = {
    [Glue.name]: class extends Glue {
      constructor(opts) {
        try {
          if (instance.pending) instance.ensure();
          super(opts);
        } catch (e) {
          if (e instanceof RangeError || e instanceof Trap) {
            instance.pending = true;
            try { later(instance.replaceWhenUnwound); } catch { /* no stack even for that */ }
          }
          throw e;
        }
        made.set(this, { options: snapshot(opts), generation: instance.generation, standIn: undefined });
      }
    },
  }[Glue.name];

  return {
    Verifier,
    /** Before a method runs: a verifier of an instance since replaced is made again in the new
     *  one. Its old place went with the old memory (wasm-bindgen's finalizer checks which
     *  instance a place belongs to); the new one belongs to `standIn`, a glue object kept as long
     *  as the verifier lives, whose finalizer frees it. */
    current(v) {
      const m = made.get(v);
      if (m === undefined || m.generation === instance.generation || v.__wbg_ptr === 0) return;
      const standIn = Reflect.construct(Glue, [m.options]);
      v.__wbg_ptr = standIn.__wbg_ptr;
      v.__wbg_inst = standIn.__wbg_inst;
      m.standIn = standIn;
      m.generation = instance.generation;
    },
    /** `free` for a verifier: its place in the instance it lives in, never one of an instance
     *  since replaced, or about to be (that place is gone, and the number would name another's
     *  or point into memory nothing vouches for). */
    free(v, glueFree) {
      const m = made.get(v);
      if (instance.pending || (m !== undefined && m.generation !== instance.generation)) {
        v.__destroy_into_raw(); // nothing to free: the memory goes, or went, with its instance
        return;
      }
      let held = v;
      if (m !== undefined && m.standIn !== undefined) {
        held = m.standIn;
        m.standIn = undefined;
        v.__destroy_into_raw();
      }
      try {
        glueFree.call(held);
      } catch (e) {
        if (e instanceof RangeError || e instanceof Trap) {
          instance.pending = true;
          try { later(instance.replaceWhenUnwound); } catch { /* no stack even for that */ }
        }
        throw e;
      }
    },
  };
}
