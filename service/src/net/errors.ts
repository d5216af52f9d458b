import { CodedError } from '../coded-error.js';

/** Why an outbound lookup failed. Messages name hosts at most, never a recipient's address. */
export type NetErrorCode =
  /** The name resolved only to addresses the guard refuses (loopback, private, metadata…). */
  | 'forbidden_address'
  | 'timeout'
  /** The host name has no A or AAAA record. */
  | 'no_address'
  /** The resolver failed (SERVFAIL, REFUSED, a malformed or mismatched reply). */
  | 'dns_failure'
  | 'connect_failed'
  | 'tls_failed'
  /** An HTTP status the caller cannot use (not 2xx, not 3xx). */
  | 'http_status'
  /** A 3xx; RFC 8461 §3.3 says redirects MUST NOT be followed, and we follow none. */
  | 'redirect_refused'
  | 'too_large'
  /** The peer broke its protocol (bad SMTP reply, unsupported URL…). */
  | 'protocol'
  /** The caller's AbortSignal fired. */
  | 'aborted';

export class NetError extends CodedError<NetErrorCode> {
  override readonly name = 'NetError';
}

/** The NetError for an aborted signal: `timeout` when the caller's deadline ran out, else `aborted`. */
export function abortError(signal: AbortSignal): NetError {
  const reason: unknown = signal.reason;
  // No instanceof: AbortSignal.timeout's DOMException may come from another realm (e.g. under Jest).
  const timedOut = typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError';
  return new NetError(timedOut ? 'timeout' : 'aborted', timedOut ? 'Deadline reached' : 'Lookup aborted', { cause: reason });
}
