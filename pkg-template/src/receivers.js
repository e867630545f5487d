// What a verifier's method is called on.
//
// wasm-bindgen's glue hands the wasm the verifier's place in the wasm's memory, read from `this`
// (`__wbg_ptr`, 0 once freed). A method taken off its verifier (`const { verify } = verifier`,
// `deliveries.filter(verifier.isValid)`), called on something else, or called on a freed
// verifier (`free()`, the end of a `using` block) handed it a null pointer, and wasm-bindgen
// threw a plain `Error`, "null pointer passed to rust", that said nothing of what went wrong;
// `isValid`, which never throws for any delivery, threw it too. A verifier of another copy of the
// package (another version, or the browser build loaded next to the Node one: each has its own
// wasm instance) would have handed a place in another instance's memory. So each method first
// asks `refusal` about its `this`.

/** For the methods of `Verifier` (`provider`'s class): the fields of the `invalid_input` error
 *  for a `this` they cannot run on, or `undefined`. A verifier is what the class's constructor
 *  made (`recordOf`, instances.js), not whatever inherits its methods: a copy of one
 *  (`Object.assign(Object.create(proto), verifier)`, what deep-cloning libraries make) carries
 *  its `__wbg_ptr`, and used after the original was freed it read freed memory, or freed the
 *  same place twice and broke the allocator for every later verifier. */
export function receiverRefusal(Verifier, provider, recordOf) {
  const className = `${provider[0].toUpperCase()}${provider.slice(1)}Verifier`;
  return function refusal(self, method) {
    const inherits = inheritsFrom(self, Verifier);
    if (inherits && recordOf(self) === undefined) {
      return {
        code: 'invalid_input',
        provider,
        message: `${method}() was called on an object that inherits ${className}'s methods but was not made by new ${className}() (a copy of a verifier, or Object.create)`,
        hint: 'a verifier cannot be copied or cloned (it holds a place in the wasm\'s memory): pass the verifier itself around, or make another with new ' + className + '()',
      };
    }
    if (!inherits) {
      const what = described(self);
      return {
        code: 'invalid_input',
        provider,
        message: what === `a ${className}`
          ? `${method}() was called on a ${className} of another copy of the package`
          : `${method}() was called on ${what}, not on a ${className}`,
        hint: what === `a ${className}`
          ? 'each copy (another version, or the browser build loaded next to the Node one) has its own classes and wasm: use one copy\'s verifier with its own methods'
          : `call it on the verifier, verifier.${method}(…), or pass verifier.${method}.bind(verifier): a method taken off its verifier loses it`,
      };
    }
    if (self.__wbg_ptr === 0) {
      return {
        code: 'invalid_input',
        provider,
        message: `${method}() was called on a ${className} that was freed`,
        hint: 'free() (or the end of a `using` block) releases a verifier: make one per configuration and keep it for as long as deliveries arrive',
      };
    }
    return undefined;
  };
}

/** `self instanceof Verifier`, false where asking throws (a Proxy whose getPrototypeOf does). */
export function inheritsFrom(self, Verifier) {
  try {
    return self instanceof Verifier;
  } catch {
    return false;
  }
}

/** Makes the glue's `free` (and `Symbol.dispose`, the same function) free once: called again (an
 *  explicit `free()`, then the end of a `using` block) it does nothing, as disposers do, where
 *  the glue handed the wasm a null pointer; called on something else, it is refused. What it
 *  frees is `release(verifier, glueFree)`'s business (instances.js). */
export function freeingOnce(HooksealError, Glue, recordOf, refusal, release) {
  const proto = Glue.prototype;
  const glueFree = proto.free;
  const once = {
    free() {
      if (recordOf(this) !== undefined && this.__wbg_ptr === 0) return;
      const refused = refusal(this, 'free');
      if (refused !== undefined) throw new HooksealError(refused.code, refused.provider, refused.message, refused.hint);
      release(this, glueFree);
    },
  }.free;
  Object.defineProperty(proto, 'free', { ...Object.getOwnPropertyDescriptor(proto, 'free'), value: once });
  if (typeof Symbol.dispose === 'symbol' && proto[Symbol.dispose] === glueFree) {
    Object.defineProperty(proto, Symbol.dispose, { ...Object.getOwnPropertyDescriptor(proto, Symbol.dispose), value: once });
  }
}

/** What a method was called on, for its error: nothing, a verifier of another class, ... */
function described(self) {
  if (self === undefined || self === null || self === globalThis) return 'no verifier (a method taken off its verifier?)';
  if (typeof self !== 'object' && typeof self !== 'function') return `a ${typeof self}`;
  let name;
  try {
    name = self.constructor?.name; // a getter or a proxy of the caller's may throw
  } catch {
    name = undefined;
  }
  return typeof name === 'string' && name !== '' && name !== 'Object' ? `a ${name}` : 'another object';
}
