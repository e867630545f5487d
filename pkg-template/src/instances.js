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
    // Calls of this instance on the stack (a header getter the wasm runs may call it again). The
    // instance is never replaced under one: the call would go on in the old instance while the
    // glue, which holds one instance, hands it the new one's memory ("memory access out of
    // bounds"). A replacement waits until the outermost call has returned.
    running: 0,
    // Places `free` was asked to free while a call was running (`rebuildable`'s `free`).
    unfreed: undefined,
    /** Frees what `free` left for the outermost call's return (methods.js, the constructor), in
     *  an instance not since broken (a broken one's memory goes with it). */
    freeUnfreed() {
      const unfreed = instance.unfreed;
      instance.unfreed = undefined;
      if (instance.pending) return;
      for (const { glueFree, place } of unfreed) {
        try {
          glueFree.call({ __destroy_into_raw: () => place });
        } catch (e) {
          if (e instanceof RangeError || e instanceof Trap) instance.pending = true;
          return;
        }
      }
    },
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
      if (!instance.pending || instance.running !== 0) return; // replaced since, or in use
      try {
        instance.ensure();
      } catch {
        // Left pending: the next call tries again, and fails with what stops it.
      }
    },
  };
  return instance;
}

/** A verifier's options as its constructor reads them. `given` goes to the glue's constructor
 *  in place of `opts`: each member the wasm reads is read once from `opts` (getters, a Proxy's
 *  traps and the prototype chain as before) and copied before the wasm sees it, and `read()`
 *  gives those copies as a plain object, from which the verifier is made again after a
 *  replacement: exactly what it was made with, whatever the caller's object does later.
 *  (A copy of the whole object made beside it was not: `structuredClone` copies no inherited
 *  member and refuses a function member or a Proxy, and where it could not copy, the object
 *  itself was kept, so a secret changed in it later was the rebuilt verifier's secret.) */
function recorded(opts) {
  if (opts === null || typeof opts !== 'object') return { given: opts, read: () => opts };
  const members = new Map();
  const given = new Proxy(opts, {
    get(target, key, receiver) {
      if (!members.has(key)) members.set(key, copied(Reflect.get(target, key, receiver)));
      return members.get(key);
    },
  });
  return {
    given,
    read() {
      const options = {};
      for (const [key, value] of members) options[key] = value;
      return options;
    },
  };
}

/** A member's value that later changes to the caller's own cannot reach: objects copied (a list
 *  of secrets, of keys), elementwise where `structuredClone` cannot (a Proxy of an array). What
 *  neither copies (a function, a Proxy of an object) is kept: the options' checks refuse it. */
function copied(value) {
  if (value === null || (typeof value !== 'object')) return value;
  try {
    if (typeof structuredClone === 'function') return structuredClone(value);
  } catch {
    // below
  }
  try {
    if (Array.isArray(value) && value.length <= 100000) return Array.from(value, copied);
  } catch {
    // a Proxy's trap threw: the value as given, for the checks to read (and refuse)
  }
  return value;
}

/** The public class for wasm-bindgen's `Glue` class: the same class but for remembering the
 *  options each verifier was made with; and `recordOf`/`current`/`free` for its instances. */
export function rebuildable(Glue, instance) {
  // Per verifier, in a private member (so only an object its constructor made has one: a copy
  // made with `Object.create` and `Object.assign`, as deep-cloning libraries do, has its
  // `__wbg_ptr` but not this): the options it was made with (`recorded`), the generation of the
  // instance it lives in, and, once rebuilt, the glue object that holds its place in the new
  // instance.
  let recordOf;
  const Verifier = {
    [Glue.name]: class extends Glue {
      #made;
      static {
        recordOf = (v) => (typeof v === 'object' && v !== null && #made in v ? v.#made : undefined);
      }
      constructor(opts) {
        const options = recorded(opts);
        try {
          if (instance.pending && instance.running === 0) instance.ensure();
          instance.running++;
          try {
            super(options.given);
          } finally {
            if (--instance.running === 0 && instance.unfreed !== undefined) instance.freeUnfreed();
          }
        } catch (e) {
          if (e instanceof RangeError || e instanceof Trap) {
            instance.pending = true;
            try { later(instance.replaceWhenUnwound); } catch { /* no stack even for that */ }
          }
          throw e;
        }
        this.#made = { options: options.read(), generation: instance.generation, standIn: undefined };
      }
    },
  }[Glue.name];

  return {
    Verifier,
    /** The record of a verifier its constructor made (`undefined` for anything else). */
    recordOf,
    /** Before a method runs: a verifier of an instance since replaced is made again in the new
     *  one. Its old place went with the old memory (wasm-bindgen's finalizer checks which
     *  instance a place belongs to); the new one belongs to `standIn`, a glue object kept as long
     *  as the verifier lives, whose finalizer frees it. */
    current(v) {
      const m = recordOf(v);
      if (m === undefined || m.generation === instance.generation || v.__wbg_ptr === 0) return;
      const standIn = Reflect.construct(Glue, [m.options]);
      v.__wbg_ptr = standIn.__wbg_ptr;
      v.__wbg_inst = standIn.__wbg_inst;
      m.standIn = standIn;
      m.generation = instance.generation;
    },
    /** `free` for a verifier: its place in the instance it lives in, never one of an instance
     *  since replaced, or about to be (that place is gone, and the number would name another's
     *  or point into memory nothing vouches for). Called back by a call of the instance still
     *  running (a header getter that frees), the place is freed once that call has returned:
     *  the call may be running on this very verifier, whose place wasm-bindgen will not free
     *  while it is borrowed (a plain `Error`, "attempted to take ownership of Rust value while
     *  it was borrowed", thrown through the wasm's frames). */
    free(v, glueFree) {
      const m = recordOf(v);
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
      if (instance.running > 0) {
        const place = held.__destroy_into_raw();
        (instance.unfreed ??= []).push({ glueFree, place });
        return;
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
