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
   *  `request.url` (signed by Numeral). Behind a proxy that rewrites the URL, pass `url`. */
  verifyRequest(request: Request, opts?: NumeralVerifyOptions): Promise<NumeralEvent>;
}
