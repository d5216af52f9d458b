import { KeyError, type KeyErrorCode } from './errors.js';
import { parseOpenPgpKey, type ParsedOpenPgpKey } from './openpgp.js';
import { parseSmimeCertificate, type ParsedSmimeCertificate } from './smime.js';

export const KEY_TYPES = ['openpgp', 'smime'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

/** Why a key or certificate can't be used to encrypt to its holder at a given time. Stable codes. */
export type KeyProblem =
  | 'expired'
  | 'revoked'
  | 'not_yet_valid'
  /** OpenPGP: no valid, unexpired, unrevoked encryption-capable (sub)key. */
  | 'no_encryption_key'
  /** S/MIME: key usage lacks keyEncipherment (RSA) or keyAgreement (EC). */
  | 'key_usage'
  /** S/MIME: extended key usage lacks emailProtection. */
  | 'extended_key_usage'
  /** S/MIME: a CA certificate, not an end entity's. */
  | 'ca_certificate'
  /** S/MIME: a public key type that can't receive encrypted mail (e.g. Ed25519). */
  | 'unsupported_algorithm';

export type ParsedKey = ParsedOpenPgpKey | ParsedSmimeCertificate;

/** Parses one key or certificate of `keyType` (KeyError on failure); `now` decides usability. */
export async function parseKey(keyType: KeyType, data: string | Uint8Array, now: Date): Promise<ParsedKey> {
  return keyType === 'openpgp' ? parseOpenPgpKey(data, { now }) : parseSmimeCertificate(data, { now });
}

/**
 * Refuses a key that can't be used at `now`: `expired` or `revoked` when that is why, else
 * `not_usable` with every problem.
 */
export function assertUsable(key: ParsedKey): void {
  if (key.usableForEncryption) return;
  const code: KeyErrorCode = key.problems.includes('revoked') ? 'revoked' : key.problems.includes('expired') ? 'expired' : 'not_usable';
  throw new KeyError(code, `the ${key.keyType === 'openpgp' ? 'key' : 'certificate'} cannot be used for encryption`, key.problems);
}
