// Argument types every provider's API uses (hand-written: declared once for the whole package).

/** The raw body, exactly as received: never a parsed object. */
export type Body = string | Uint8Array | ArrayBuffer;
/** Request headers: a Fetch `Headers`, Node's `req.headers`, a Map or a plain object; names in any case. */
export type HeaderBag = Headers | Map<string, string> | Iterable<[string, string]> | Record<string, string | string[] | undefined>;
export interface VerifyOptions {
  /** Milliseconds since the epoch, like Date.now(). Default: Date.now(). */
  now?: number;
}
