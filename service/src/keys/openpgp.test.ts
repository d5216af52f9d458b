import { beforeAll, describe, expect, it } from '@jest/globals';
import * as openpgp from 'openpgp';
import { parseOpenPgpKey, parseOpenPgpKeys } from './openpgp.js';
import { FIXTURE_CREATED, FIXTURE_NOW as now, keyRing, openPgpFixture, type OpenPgpFixture } from './testing.js';

describe('parseOpenPgpKey', () => {
  let bob: OpenPgpFixture;
  let expired: OpenPgpFixture;
  let revoked: OpenPgpFixture;
  let signOnly: OpenPgpFixture;
  let noEmail: OpenPgpFixture;
  beforeAll(async () => {
    [bob, expired, revoked, signOnly, noEmail] = await Promise.all([
      openPgpFixture(['Bob@Partner.example', 'bob.smith@partner.example']),
      openPgpFixture(['old@partner.example'], { date: new Date('2024-01-01T00:00:00Z'), keyExpirationTime: 365 * 86_400 }),
      openPgpFixture(['gone@partner.example'], { revoked: true }),
      openPgpFixture(['signer@partner.example'], { signOnly: true }),
      openpgp.generateKey({ type: 'curve25519', userIDs: [{ name: 'No Mail' }], date: FIXTURE_CREATED, format: 'armored' }).then((k) => ({
        armored: k.publicKey,
        binary: new Uint8Array(),
        privateArmored: k.privateKey,
        fingerprint: '',
      })),
    ]);
  });

  it('reads an armored public key as plain data: upper-hex fingerprint, lower-cased addresses, usable', async () => {
    const key = await parseOpenPgpKey(bob.armored, { now });
    expect(key).toMatchObject({
      keyType: 'openpgp',
      fingerprint: bob.fingerprint,
      addresses: ['bob@partner.example', 'bob.smith@partner.example'],
      algorithm: 'ed25519',
      expires: null,
      revoked: false,
      usableForEncryption: true,
      problems: [],
    });
    expect(key.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(key.armored).toContain('-----BEGIN PGP PUBLIC KEY BLOCK-----');
  });

  it('reads a binary key the same way, and returns it armored for storage', async () => {
    const key = await parseOpenPgpKey(bob.binary, { now });
    expect(key.fingerprint).toBe(bob.fingerprint);
    expect(key.armored).toContain('-----BEGIN PGP PUBLIC KEY BLOCK-----');
  });

  it('an expired key names its owner and expiry but is not usable', async () => {
    const key = await parseOpenPgpKey(expired.armored, { now });
    expect(key).toMatchObject({
      addresses: ['old@partner.example'],
      expires: '2024-12-31T00:00:00.000Z',
      usableForEncryption: false,
      problems: ['expired'],
    });
    // Before it expired it was usable: validity is judged at `now`.
    expect((await parseOpenPgpKey(expired.armored, { now: new Date('2024-06-01T00:00:00Z') })).usableForEncryption).toBe(true);
  });

  it('a revoked key is not usable', async () => {
    const key = await parseOpenPgpKey(revoked.armored, { now });
    expect(key).toMatchObject({ revoked: true, usableForEncryption: false, problems: ['revoked'] });
  });

  it('a key without an encryption subkey is not usable', async () => {
    const key = await parseOpenPgpKey(signOnly.armored, { now });
    expect(key).toMatchObject({ usableForEncryption: false, problems: ['no_encryption_key'] });
  });

  it('a user ID without an email contributes no address', async () => {
    expect((await parseOpenPgpKey(noEmail.armored, { now })).addresses).toEqual([]);
  });

  it('a user ID appended without the holder’s self-signature is ignored', async () => {
    const key = await openpgp.readKey({ armoredKey: bob.armored });
    const forged = openpgp.UserIDPacket.fromObject({ name: 'Mallory', email: 'mallory@attacker.example' });
    const packets = key.toPacketList();
    packets.push(forged);
    const tampered = new openpgp.PublicKey(packets);
    const reread = await openpgp.readKey({ binaryKey: tampered.write() });
    expect(reread.users.map((user) => user.userID?.email)).toContain('mallory@attacker.example');
    expect((await parseOpenPgpKey(tampered.write(), { now })).addresses).not.toContain('mallory@attacker.example');
  });

  it.each([
    { label: 'an armored secret key', input: () => bob.privateArmored, code: 'private_key_refused' },
    { label: 'a binary secret key', input: async () => (await openpgp.readPrivateKey({ armoredKey: bob.privateArmored })).write(), code: 'private_key_refused' },
    { label: 'an armored message', input: async () => openpgp.encrypt({ message: await openpgp.createMessage({ text: 'x' }), passwords: ['p'] }), code: 'not_a_public_key' },
    { label: 'two armored keys', input: () => `${bob.armored}\n${expired.armored}`, code: 'multiple_keys' },
    { label: 'one armored block with two keys', input: () => openpgp.armor(openpgp.enums.armor.publicKey, keyRing(bob, expired)), code: 'multiple_keys' },
    { label: 'a PEM certificate', input: () => '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', code: 'not_a_public_key' },
    { label: 'plain text', input: () => 'not a key at all', code: 'unreadable' },
    { label: 'broken armor', input: () => bob.armored.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!'), code: 'unreadable' },
    { label: 'random bytes', input: () => new Uint8Array([0x99, 1, 2, 3, 4, 5]), code: 'unreadable' },
  ])('$label is refused ($code)', async ({ input, code }) => {
    const data = await input();
    await expect(parseOpenPgpKey(data as string | Uint8Array, { now })).rejects.toMatchObject({ name: 'KeyError', code });
  });

  it('parseOpenPgpKeys reads every key of a key ring', async () => {
    const keys = await parseOpenPgpKeys(keyRing(bob, expired), { now });
    expect(keys.map((key) => key.fingerprint)).toEqual([bob.fingerprint, expired.fingerprint]);
  });

  it('a refused secret key never appears in the error', async () => {
    const error = (await parseOpenPgpKey(bob.privateArmored, { now }).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('PGP PRIVATE KEY');
    expect(error.message).not.toContain(bob.fingerprint.toLowerCase());
  });
});
