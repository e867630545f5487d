// JS-level parts of the API (hand-written: they exist only in the entry files).

/** Thrown by every verifier. `code` is stable; switch on it. */
export declare class HooksealError extends Error {
  readonly name: 'HooksealError';
  readonly code:
    | 'invalid_input' | 'body_too_large' | 'invalid_json' | 'duplicate_key' | 'missing_header'
    | 'missing_signature' | 'malformed_signature' | 'signature_mismatch' | 'credentials_mismatch'
    | 'timestamp_invalid' | 'timestamp_too_old' | 'timestamp_in_future' | 'invalid_secret'
    | 'invalid_key' | 'schema_mismatch';
  readonly provider: 'core' | 'seqino' | 'treezor' | 'sepay' | 'numeral';
  readonly hint?: string;
}

export interface SeqinoVerifier {
  /** Reads the Fetch API request's raw body once and verifies it. */
  verifyRequest(request: Request, opts?: VerifyOptions): Promise<SeqinoEvent>;
}

export interface TreezorVerifier {
  /** Reads the Fetch API request's raw body once and verifies it. */
  verifyRequest(request: Request): Promise<TreezorWebhook>;
}

export interface SepayVerifier {
  /** Reads the Fetch API request's raw body once and verifies it. */
  verifyRequest(request: Request, opts?: VerifyOptions): Promise<SepayTransaction>;
}

export interface NumeralVerifier {
  /** Reads the Fetch API request's raw body once and verifies it, passing `request.method` and
   *  `request.url` (both signed by Numeral). Behind a proxy that rewrites the URL, pass the
   *  public one as `opts.url`. */
  verifyRequest(request: Request, opts?: NumeralVerifyOptions): Promise<NumeralEvent>;
}

/** What the Node helpers need of a request: Node's `http.IncomingMessage` (plain http,
 *  Express, Fastify's `request.raw`, Next.js pages API with `bodyParser: false`) fits. */
export interface NodeIncomingRequest {
  headers: Record<string, string | string[] | undefined>;
  method?: string;
  url?: string;
  /** Set by Express; used instead of `url` to rebuild the URL a signature may cover. */
  originalUrl?: string;
  /** After `express.raw()` (a Buffer) or `express.text()` (a string) the bytes are taken from here. */
  body?: unknown;
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeListener(event: string, listener: (...args: any[]) => void): unknown;
  pause(): unknown;
  resume?(): unknown;
  readable?: boolean;
  readableEnded?: boolean;
}

export interface NodeRequestOptions extends VerifyOptions {
  /** Refuse (HooksealError `body_too_large`) a body over this many bytes, before reading it
   *  when Content-Length says so. Default 1 MiB. */
  maxBodyBytes?: number;
  /** The URL the sender signed, when a proxy changed the Host or the path. Default: Host
   *  header + `originalUrl`/`url`. */
  url?: string;
}

/** Reads a Node request's raw body, at most `limit` bytes (default 1 MiB); rejects with a
 *  HooksealError `body_too_large` as soon as the limit is passed (or Content-Length says so). */
export declare function readRawBody(req: NodeIncomingRequest, opts?: { limit?: number }): Promise<Uint8Array>;

/** Reads a Node request's raw body (or takes `express.raw()`'s Buffer) and verifies it:
 *  resolves to the typed event, rejects with a HooksealError. */
export declare function verifyNodeRequest(verifier: SeqinoVerifier, req: NodeIncomingRequest, opts?: NodeRequestOptions): Promise<SeqinoEvent>;
export declare function verifyNodeRequest(verifier: TreezorVerifier, req: NodeIncomingRequest, opts?: NodeRequestOptions): Promise<TreezorWebhook>;
export declare function verifyNodeRequest(verifier: SepayVerifier, req: NodeIncomingRequest, opts?: NodeRequestOptions): Promise<SepayTransaction>;
export declare function verifyNodeRequest(verifier: NumeralVerifier, req: NodeIncomingRequest, opts?: NodeRequestOptions): Promise<NumeralEvent>;
