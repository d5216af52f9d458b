import { randomBytes } from 'node:crypto';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { createSecretFileOnce, readSecretJson, writeSecretAside } from '../secret-file.js';
import { PortalError } from './model.js';

/** The portal's secrets inside the data folder: key-encryption keys and the passcode pepper, mode 600. */
export const PORTAL_KEYS_FILE = 'portal-keys.json';

const KEY_BYTES = 32;
/** 32 bytes, base64url without padding. */
const SecretSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

const KeyFileSchema = z
  .strictObject({
    /** Oldest first; the last one wraps new messages. */
    keys: z
      .array(z.strictObject({ kid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), k: SecretSchema, createdAt: z.iso.datetime() }))
      .min(1),
    passcodeSecret: SecretSchema,
  })
  .refine((file) => new Set(file.keys.map((key) => key.kid)).size === file.keys.length, { message: 'duplicate kid' });
type KeyFile = z.infer<typeof KeyFileSchema>;

/**
 * The keys that wrap each message's content key (DEK). Old keys stay after a rotation, so messages
 * wrapped under them still open. Every replica must use the same file.
 */
export interface PortalKeyring {
  /** The key new messages are wrapped under: the newest. */
  readonly activeKid: string;
  /** A key-encryption key; PortalError `unknown_key` for a kid this keyring does not hold. */
  kek(kid: string): Uint8Array;
  /** HMAC pepper for stored passcodes. */
  readonly passcodeSecret: Buffer;
  /** Adds a key that becomes active (also on disk); resolves to its kid. */
  rotate(): Promise<string>;
}

/**
 * Loads the data folder's portal keyring, creating it on first use. Creation is atomic (written
 * aside, then hard-linked into place), so replicas or restarts racing here all end up with one file.
 */
export async function loadOrCreatePortalKeyring(dataDir: string, now: () => Date = () => new Date()): Promise<PortalKeyring> {
  const path = join(dataDir, PORTAL_KEYS_FILE);
  let file = await readKeyFile(path);
  if (file === undefined) {
    await createSecretFileOnce(path, fileText({ keys: [newKey(now())], passcodeSecret: randomBytes(KEY_BYTES).toString('base64url') }));
    file = await readKeyFile(path);
    if (file === undefined) throw new PortalError('keyring_invalid', 'the portal key file vanished while it was created');
  }

  let keys = keysOf(file);
  let activeKid = file.keys.at(-1)!.kid;
  return {
    get activeKid() {
      return activeKid;
    },
    kek(kid) {
      const key = keys.get(kid);
      if (key === undefined) throw new PortalError('unknown_key', 'no portal key with that id');
      return key;
    },
    passcodeSecret: Buffer.from(file.passcodeSecret, 'base64url'),
    async rotate() {
      // Re-read, so keys another process added since loading are kept.
      const latest = await readKeyFile(path);
      if (latest === undefined) throw new PortalError('keyring_invalid', 'the portal key file is missing');
      const key = newKey(now());
      const next: KeyFile = { ...latest, keys: [...latest.keys, key] };
      // Losing this file loses every message: flushed to disk before it replaces the old one.
      await rename(await writeSecretAside(path, fileText(next)), path);
      keys = keysOf(next);
      activeKid = key.kid;
      return key.kid;
    },
  };
}

function newKey(at: Date): KeyFile['keys'][number] {
  return { kid: `kek-${randomBytes(8).toString('hex')}`, k: randomBytes(KEY_BYTES).toString('base64url'), createdAt: at.toISOString() };
}

function keysOf(file: KeyFile): Map<string, Uint8Array> {
  return new Map(file.keys.map((key) => [key.kid, Buffer.from(key.k, 'base64url')]));
}

function fileText(file: KeyFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The parsed file, or undefined when there is none. */
function readKeyFile(path: string): Promise<KeyFile | undefined> {
  return readSecretJson(path, KeyFileSchema, (problem, cause) =>
    problem === 'not_json'
      ? new PortalError('keyring_invalid', 'the portal key file is not JSON', { cause })
      : new PortalError('keyring_invalid', 'the portal key file is not a portal keyring'),
  );
}
