import { randomBytes } from 'node:crypto';
import { CompactEncrypt, compactDecrypt } from 'jose';
import type { PortalKeyring } from './keyring.js';
import { PortalError } from './model.js';

/** Content under the message's own key (DEK); the protected header is the AAD, so it can't be edited. */
const CONTENT = { alg: 'dir', enc: 'A256GCM' } as const;
/** The DEK under a key-encryption key (RFC 3394 key wrap), `kid` naming which. */
const WRAP = { alg: 'A256KW', enc: 'A256GCM' } as const;
const DEK_BYTES = 32;

/** The keyring as sealing needs it. */
export type KekSource = Pick<PortalKeyring, 'activeKid' | 'kek'>;

export interface Sealed {
  /** Compact JWE of the content under a fresh DEK. */
  readonly jwe: string;
  /** Compact JWE of the DEK under the active KEK. Deleting it makes `jwe` unreadable (crypto-shredding). */
  readonly dekWrapped: string;
  readonly kid: string;
}

/** Seals content under a fresh random DEK and wraps that DEK under the keyring's active KEK. */
export async function seal(plaintext: Uint8Array, keyring: KekSource): Promise<Sealed> {
  const dek = randomBytes(DEK_BYTES);
  const kid = keyring.activeKid;
  const [jwe, dekWrapped] = await Promise.all([
    sealWithDek(plaintext, dek),
    new CompactEncrypt(dek).setProtectedHeader({ ...WRAP, kid }).encrypt(keyring.kek(kid)),
  ]);
  return { jwe, dekWrapped, kid };
}

/** The DEK inside `dekWrapped`; PortalError `unknown_key` when its KEK is not in the keyring, jose errors when tampered with. */
export async function unwrapDek(dekWrapped: string, keyring: KekSource): Promise<Uint8Array> {
  const { plaintext } = await compactDecrypt(
    dekWrapped,
    ({ kid }) => {
      if (kid === undefined) throw new PortalError('unknown_key', 'the wrapped key names no key-encryption key');
      return keyring.kek(kid);
    },
    { keyManagementAlgorithms: [WRAP.alg], contentEncryptionAlgorithms: [WRAP.enc] },
  );
  return plaintext;
}

/** Seals more content (a reply) under an existing message's DEK. */
export function sealWithDek(plaintext: Uint8Array, dek: Uint8Array): Promise<string> {
  return new CompactEncrypt(plaintext).setProtectedHeader(CONTENT).encrypt(dek);
}

/** Opens content sealed under `dek`; jose's ERR_JWE_DECRYPTION_FAILED when it was altered. */
export async function openWithDek(jwe: string, dek: Uint8Array): Promise<Uint8Array> {
  const { plaintext } = await compactDecrypt(jwe, dek, { keyManagementAlgorithms: [CONTENT.alg], contentEncryptionAlgorithms: [CONTENT.enc] });
  return plaintext;
}
