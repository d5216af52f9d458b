import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { CodedError } from '../coded-error.js';
import { createSecretFileOnce, readSecretJson } from '../secret-file.js';

/** The key that seals break-glass accounts' TOTP secrets, in the data folder, mode 600. */
export const ADMIN_KEY_FILE = 'admin-key.json';

export type SecretBoxErrorCode = 'admin_key_invalid' | 'sealed_invalid';

/** Never carries the key, the plaintext or the sealed value. */
export class SecretBoxError extends CodedError<SecretBoxErrorCode> {
  override readonly name = 'SecretBoxError';
}

const KeyFileSchema = z.strictObject({
  kid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** 32 bytes, base64url without padding. */
  k: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

/** AES-256-GCM with a 96-bit random nonce (SP 800-38D §8.2.2); few seals per key, so random nonces are safe. */
const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Seals short secrets; `context` (e.g. the username) is bound as associated data, so a sealed value cannot be moved to another row. */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  /** SecretBoxError `sealed_invalid` when the value was altered, moved or sealed under another key file. */
  open(sealed: string, context: string): string;
}

/**
 * Loads the data folder's admin key, creating it on first use (create-once, so replicas and the
 * `phi-guard admin` command racing here end up with one file). Every replica needs the same file.
 */
export async function loadOrCreateSecretBox(dataDir: string): Promise<SecretBox> {
  const path = join(dataDir, ADMIN_KEY_FILE);
  let file = await readKeyFile(path);
  if (file === undefined) {
    const created = { kid: `adm-${randomBytes(8).toString('hex')}`, k: randomBytes(32).toString('base64url') };
    await createSecretFileOnce(path, `${JSON.stringify(created, null, 2)}\n`);
    file = await readKeyFile(path);
    if (file === undefined) throw new SecretBoxError('admin_key_invalid', 'the admin key file vanished while it was created');
  }
  return createSecretBox(file.kid, Buffer.from(file.k, 'base64url'));
}

/** `kid.nonce.ciphertext.tag`, each part base64url. */
export function createSecretBox(kid: string, key: Buffer): SecretBox {
  return {
    seal(plaintext, context) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [kid, nonce, ciphertext, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    open(sealed, context) {
      const [sealedKid, nonce, ciphertext, tag, ...rest] = sealed.split('.');
      if (sealedKid !== kid || nonce === undefined || ciphertext === undefined || tag === undefined || rest.length > 0) {
        throw new SecretBoxError('sealed_invalid', 'the value was not sealed under this admin key');
      }
      try {
        const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(nonce, 'base64url'), { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new SecretBoxError('sealed_invalid', 'the sealed value does not open under this admin key', { cause: error });
      }
    },
  };
}

function readKeyFile(path: string): Promise<z.infer<typeof KeyFileSchema> | undefined> {
  return readSecretJson(path, KeyFileSchema, (problem, cause) =>
    problem === 'not_json'
      ? new SecretBoxError('admin_key_invalid', 'the admin key file is not JSON', { cause })
      : new SecretBoxError('admin_key_invalid', 'the admin key file is not an admin key'),
  );
}
