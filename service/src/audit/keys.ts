import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { CodedError } from '../coded-error.js';
import { createSecretFileOnce } from '../secret-file.js';

/** The audit signing key inside the data folder: a private Ed25519 JWK, mode 600. */
export const AUDIT_KEY_FILE = 'audit-signing-key.jwk';

/** A public key that checkpoints are verified with. `kid` is its RFC 7638 thumbprint. */
export interface AuditPublicKey {
  readonly kid: string;
  readonly jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' };
}

/** The service key that signs checkpoints. Separate from any token-signing key. */
export interface AuditSigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: AuditPublicKey;
}

export type AuditKeyErrorCode = 'key_missing' | 'key_invalid';

export class AuditKeyError extends CodedError<AuditKeyErrorCode> {
  override readonly name = 'AuditKeyError';
}

/**
 * Loads the data folder's audit key, creating it on first use. Creation is atomic (written
 * aside, then hard-linked into place), so replicas or restarts racing here all end up with one key.
 */
export async function loadOrCreateAuditKey(dataDir: string): Promise<AuditSigningKey> {
  const path = join(dataDir, AUDIT_KEY_FILE);
  try {
    return await loadAuditKey(path);
  } catch (error) {
    if (!(error instanceof AuditKeyError) || error.code !== 'key_missing') throw error;
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  await createSecretFileOnce(path, `${JSON.stringify({ ...jwk, kid: await thumbprint(jwk), alg: 'EdDSA', use: 'sig' })}\n`);
  return loadAuditKey(path);
}

/** Loads a private key file (JWK with `d`). */
export async function loadAuditKey(path: string): Promise<AuditSigningKey> {
  const jwk = await readJwk(path);
  if (typeof jwk.d !== 'string') throw new AuditKeyError('key_invalid', 'the key file holds no private key');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  } catch (error) {
    throw new AuditKeyError('key_invalid', 'the key file is not an Ed25519 private key', { cause: error });
  }
  const publicKey = await toPublicKey(jwk);
  return { kid: publicKey.kid, privateKey, publicKey };
}

/** Loads the public half from a public or private key file, for verifiers. */
export async function loadAuditPublicKey(path: string): Promise<AuditPublicKey> {
  return toPublicKey(await readJwk(path));
}

/** The public key of a JWK (private or public); refuses anything but Ed25519. */
export async function toPublicKey(jwk: JsonWebKey): Promise<AuditPublicKey> {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new AuditKeyError('key_invalid', 'the key is not an Ed25519 JWK');
  }
  const kid = await thumbprint(jwk);
  return { kid, jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' } };
}

/** A KeyObject for a public key, for signature checks. */
export function publicKeyObject(key: AuditPublicKey): KeyObject {
  const { kty, crv, x } = key.jwk;
  return createPublicKey({ key: { kty, crv, x }, format: 'jwk' });
}

async function readJwk(path: string): Promise<JsonWebKey> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AuditKeyError('key_missing', 'no audit key file', { cause: error });
    throw error;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('not an object');
    return value as JsonWebKey;
  } catch (error) {
    // JSON.parse would quote the file, which holds a secret.
    throw new AuditKeyError('key_invalid', 'the key file is not a JSON Web Key', { cause: error });
  }
}

async function thumbprint(jwk: JsonWebKey): Promise<string> {
  return calculateJwkThumbprint({ kty: 'OKP', crv: jwk.crv as string, x: jwk.x as string });
}
