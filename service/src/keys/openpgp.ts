import * as openpgp from 'openpgp';
import { KeyError } from './errors.js';
import type { KeyProblem } from './parsed-key.js';

/** An OpenPGP public key as plain data; `armored` is what the registry stores. */
export interface ParsedOpenPgpKey {
  readonly keyType: 'openpgp';
  /** Primary key fingerprint, upper-case hex. */
  readonly fingerprint: string;
  /** Email addresses of the user IDs with a valid self-signature, lower-cased, in key order. */
  readonly addresses: readonly string[];
  /** Primary key algorithm, e.g. `ed25519`, `rsaEncryptSign 3072`. */
  readonly algorithm: string;
  readonly created: string;
  /** When the primary key expires; null when it never does. */
  readonly expires: string | null;
  readonly revoked: boolean;
  /** True when a valid, unexpired, unrevoked encryption (sub)key exists at `now`. */
  readonly usableForEncryption: boolean;
  /** Why not, when not usable. */
  readonly problems: readonly KeyProblem[];
  readonly armored: string;
}

const ARMOR_BEGIN = /-----BEGIN PGP /g;

/** One public key, armored or binary. KeyError for anything else, including several keys. */
export async function parseOpenPgpKey(input: string | Uint8Array, options: { now: Date }): Promise<ParsedOpenPgpKey> {
  const keys = await parseOpenPgpKeys(input, options);
  if (keys.length > 1) throw new KeyError('multiple_keys', 'more than one OpenPGP key was given; upload them one at a time');
  return keys[0]!;
}

/**
 * Every public key in one armored block or binary key ring (a WKD response may hold several).
 * A secret key anywhere refuses the whole input.
 */
export async function parseOpenPgpKeys(input: string | Uint8Array, options: { now: Date }): Promise<ParsedOpenPgpKey[]> {
  const keys = await readPublicKeys(input);
  return Promise.all(keys.map((key) => describe(key, options.now)));
}

async function readPublicKeys(input: string | Uint8Array): Promise<openpgp.Key[]> {
  const text = typeof input === 'string' ? input : armoredText(input);
  const binary = text === undefined ? input : await unarmorKey(text);
  let keys: openpgp.Key[];
  try {
    keys = await openpgp.readKeys({ binaryKeys: new Uint8Array(binary as Uint8Array) });
  } catch (error) {
    throw new KeyError('unreadable', 'not a readable OpenPGP key', [], { cause: error });
  }
  if (keys.some((key) => key.isPrivate())) throw new KeyError('private_key_refused', 'a secret key was given; only public keys are accepted');
  return keys;
}

/** The text of armored input given as bytes (some WKD servers serve armor despite the draft). */
function armoredText(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  return /^\s*-----BEGIN PGP /.test(head) ? Buffer.from(bytes).toString('utf8') : undefined;
}

async function unarmorKey(text: string): Promise<Uint8Array> {
  if (!text.includes('-----BEGIN PGP ') && text.includes('-----BEGIN ')) {
    throw new KeyError('not_a_public_key', 'PEM, not OpenPGP armor, was given');
  }
  // openpgp reads only the first armored block and would silently drop the rest.
  if ((text.match(ARMOR_BEGIN)?.length ?? 0) > 1) throw new KeyError('multiple_keys', 'more than one armored block was given');
  let unarmored: { type: openpgp.enums.armor; data: Uint8Array };
  try {
    unarmored = (await openpgp.unarmor(text)) as { type: openpgp.enums.armor; data: Uint8Array };
  } catch (error) {
    throw new KeyError('unreadable', 'not readable OpenPGP armor', [], { cause: error });
  }
  if (unarmored.type === openpgp.enums.armor.privateKey) {
    throw new KeyError('private_key_refused', 'a secret key was given; only public keys are accepted');
  }
  if (unarmored.type !== openpgp.enums.armor.publicKey) throw new KeyError('not_a_public_key', 'the armored block is not a public key');
  return unarmored.data;
}

async function describe(key: openpgp.Key, now: Date): Promise<ParsedOpenPgpKey> {
  const expiration = await key.getExpirationTime();
  const expires = expiration instanceof Date ? expiration : null;
  const revoked = await key.isRevoked(undefined, undefined, now);
  const created = key.getCreationTime();
  const problems: KeyProblem[] = [];
  if (revoked) problems.push('revoked');
  if (expires !== null && expires <= now) problems.push('expired');
  if (created > now) problems.push('not_yet_valid');
  if (problems.length === 0 && !(await hasEncryptionKey(key, now))) problems.push('no_encryption_key');
  const { algorithm, bits, curve } = key.getAlgorithmInfo();
  return {
    keyType: 'openpgp',
    fingerprint: key.getFingerprint().toUpperCase(),
    addresses: await selfSignedAddresses(key),
    algorithm: [algorithm, bits ?? curve].filter((part) => part !== undefined).join(' '),
    created: created.toISOString(),
    expires: expires?.toISOString() ?? null,
    revoked,
    usableForEncryption: problems.length === 0,
    problems,
    armored: key.armor(),
  };
}

/** openpgp's own choice of encryption key at `now`: checks expiry, revocation and algorithm policy. */
async function hasEncryptionKey(key: openpgp.Key, now: Date): Promise<boolean> {
  try {
    await key.getEncryptionKey(undefined, now);
    return true;
  } catch {
    return false;
  }
}

/**
 * Addresses of user IDs the key holder certified. Verified without a date (null), so an expired
 * key still names its owner; a user ID anyone appended without a self-signature is ignored.
 */
async function selfSignedAddresses(key: openpgp.Key): Promise<string[]> {
  const addresses = await Promise.all(
    key.users.map(async (user) => {
      const email = user.userID?.email;
      if (!email) return undefined;
      const certified = await user.verify(null as unknown as Date).then(
        () => true,
        () => false,
      );
      return certified ? email.toLowerCase() : undefined;
    }),
  );
  return [...new Set(addresses.filter((address) => address !== undefined))];
}
