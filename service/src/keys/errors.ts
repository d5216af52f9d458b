import { CodedError } from '../coded-error.js';
import type { KeyProblem } from './parsed-key.js';

/** Stable codes callers switch on; messages never quote the key or certificate. */
export type KeyErrorCode =
  /** Not parseable as the declared key type. */
  | 'unreadable'
  /** Parseable, but something else: a PGP message or signature, a CSR, a PEM private key… */
  | 'not_a_public_key'
  /** A secret key or private key was uploaded; it is refused and never stored. */
  | 'private_key_refused'
  /** More than one key or certificate in one upload: upload them one at a time. */
  | 'multiple_keys'
  /** No email address in its user IDs (OpenPGP) or subject alternative names / subject (S/MIME). */
  | 'no_address'
  | 'expired'
  | 'revoked'
  /** Unusable for encryption for another reason; `problems` says which. */
  | 'not_usable'
  | 'not_found'
  /** Signed mail whose signature does not verify over its content. */
  | 'signature_invalid'
  /** Signed mail whose signer certificate does not name the message's From address. */
  | 'signer_mismatch'
  /** Signed mail whose signer certificate does not chain to a trusted CA (e.g. self-made). */
  | 'untrusted_issuer'
  /** A list cursor the registry never handed out. */
  | 'invalid_cursor';

export class KeyError extends CodedError<KeyErrorCode> {
  override readonly name = 'KeyError';
  constructor(
    code: KeyErrorCode,
    message: string,
    /** Why a key is unusable (for `expired`, `revoked`, `not_usable`). */
    readonly problems: readonly KeyProblem[] = [],
    options?: ErrorOptions,
  ) {
    super(code, message, options);
  }
}
