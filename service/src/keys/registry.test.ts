import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { openTestAuditLog, type TestAuditLog } from '../audit/testing.js';
import { storeTargets, targetTitle } from '../store/testing.js';
import { KeyRegistry } from './registry.js';
import { FIXTURE_NOW, openPgpFixture, smimeFixture, type OpenPgpFixture, type SmimeFixture } from './testing.js';

const ADMIN = 'Admin@Clinic.example.org';

let bob: OpenPgpFixture;
let bobSoon: OpenPgpFixture;
let expired: OpenPgpFixture;
let revoked: OpenPgpFixture;
let signOnly: OpenPgpFixture;
let carol: SmimeFixture;
let bobCert: SmimeFixture;
let wrongEku: SmimeFixture;
beforeAll(async () => {
  [bob, bobSoon, expired, revoked, signOnly] = await Promise.all([
    openPgpFixture(['Bob@Partner.example']),
    openPgpFixture(['bob@partner.example'], { keyExpirationTime: 120 * 86_400 }),
    openPgpFixture(['old@partner.example'], { date: new Date('2024-01-01T00:00:00Z'), keyExpirationTime: 86_400 }),
    openPgpFixture(['gone@partner.example'], { revoked: true }),
    openPgpFixture(['signer@partner.example'], { signOnly: true }),
  ]);
  [carol, bobCert, wrongEku] = await Promise.all([
    smimeFixture({ sanEmails: ['carol@partner.example', 'c.jones@partner.example'] }),
    smimeFixture({ sanEmails: ['bob@partner.example'], notAfter: new Date('2026-06-01T00:00:00Z') }),
    smimeFixture({ sanEmails: ['carol@partner.example'], extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'] }),
  ]);
});

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'key registry'), () => {
    let t: TestAuditLog;
    let registry: KeyRegistry;
    beforeEach(async () => {
      t = await openTestAuditLog(target);
      t.clock.set(FIXTURE_NOW.toISOString());
      registry = new KeyRegistry({ store: t.db.store, auditLog: t.log, now: t.clock.now });
    });
    afterEach(async () => t.dispose());

    const keyEvents = async () => (await t.log.search({ kinds: ['key_added', 'key_removed'] })).events.reverse();

    it('adds an OpenPGP key with its addresses and records key_added with them as recipients', async () => {
      const { key, created } = await registry.add(ADMIN, { keyType: 'openpgp', data: bob.armored, source: 'admin_upload' });
      expect(created).toBe(true);
      expect(key).toEqual({
        keyType: 'openpgp',
        fingerprint: bob.fingerprint,
        addresses: ['bob@partner.example'],
        notAfter: null,
        source: 'admin_upload',
        addedBy: 'admin@clinic.example.org',
        addedAt: FIXTURE_NOW.toISOString(),
      });
      const [event] = await keyEvents();
      expect(event).toMatchObject({
        kind: 'key_added',
        actor: 'admin@clinic.example.org',
        recipients: ['bob@partner.example'],
        detail: { keyType: 'openpgp', fingerprint: bob.fingerprint },
      });
      expect((await registry.list()).keys).toEqual([key]);
    });

    it('stores a binary key as armor and a DER certificate as PEM', async () => {
      await registry.add(ADMIN, { keyType: 'openpgp', data: bob.binary, source: 'harvested' });
      await registry.add(ADMIN, { keyType: 'smime', data: carol.der, source: 'admin_upload' });
      const rows = await t.db.store.all<{ key_type: string; data: string }>('SELECT key_type, data FROM recipient_key ORDER BY key_type');
      expect(rows.map((row) => row.data.split('\n')[0])).toEqual(['-----BEGIN PGP PUBLIC KEY BLOCK-----', '-----BEGIN CERTIFICATE-----']);
    });

    it('adding the same key again changes nothing and records nothing', async () => {
      const first = await registry.add(ADMIN, { keyType: 'openpgp', data: bob.armored, source: 'admin_upload' });
      t.clock.advanceDays(1);
      const again = await registry.add('other@clinic.example.org', { keyType: 'openpgp', data: bob.binary, source: 'harvested' });
      expect(again).toEqual({ key: first.key, created: false });
      expect(await keyEvents()).toHaveLength(1);
    });

    it.each([
      { label: 'an expired key', keyType: 'openpgp' as const, data: () => expired.armored, code: 'expired', problems: ['expired'] },
      { label: 'a revoked key', keyType: 'openpgp' as const, data: () => revoked.armored, code: 'revoked', problems: ['revoked'] },
      { label: 'a key without encryption subkey', keyType: 'openpgp' as const, data: () => signOnly.armored, code: 'not_usable', problems: ['no_encryption_key'] },
      { label: 'a secret key', keyType: 'openpgp' as const, data: () => bob.privateArmored, code: 'private_key_refused', problems: [] },
      { label: 'a certificate without emailProtection', keyType: 'smime' as const, data: () => wrongEku.pem, code: 'not_usable', problems: ['extended_key_usage'] },
      { label: 'a key of the wrong type', keyType: 'smime' as const, data: () => bob.armored, code: 'not_a_public_key', problems: [] },
    ])('$label is refused ($code) and nothing is stored or recorded', async ({ keyType, data, code, problems }) => {
      await expect(registry.add(ADMIN, { keyType, data: data(), source: 'admin_upload' })).rejects.toMatchObject({ name: 'KeyError', code, problems });
      expect(await t.db.store.all('SELECT fingerprint FROM recipient_key')).toEqual([]);
      expect(await keyEvents()).toEqual([]);
    });

    it('a certificate naming no address is refused', async () => {
      const nameless = await smimeFixture({ sanEmails: [], subject: 'CN=Nobody' });
      await expect(registry.add(ADMIN, { keyType: 'smime', data: nameless.pem, source: 'admin_upload' })).rejects.toMatchObject({ code: 'no_address' });
    });

    it('lists newest first, filtered by address and type, a page at a time', async () => {
      await registry.add(ADMIN, { keyType: 'openpgp', data: bob.armored, source: 'admin_upload' });
      t.clock.advanceDays(1);
      await registry.add(ADMIN, { keyType: 'smime', data: carol.pem, source: 'admin_upload' });
      t.clock.advanceDays(1);
      await registry.add(ADMIN, { keyType: 'smime', data: bobCert.pem, source: 'admin_upload' });

      const first = await registry.list({ limit: 2 });
      expect(first.keys.map((k) => k.addresses)).toEqual([['bob@partner.example'], ['c.jones@partner.example', 'carol@partner.example']]);
      const second = await registry.list({ limit: 2, cursor: first.nextCursor });
      expect(second).toEqual({ keys: [expect.objectContaining({ fingerprint: bob.fingerprint })] });

      expect((await registry.list({ address: 'BOB@partner.example' })).keys.map((k) => k.keyType)).toEqual(['smime', 'openpgp']);
      expect((await registry.list({ address: 'bob@partner.example', keyType: 'openpgp' })).keys).toHaveLength(1);
      expect((await registry.list({ address: 'nobody@partner.example' })).keys).toEqual([]);
      await expect(registry.list({ cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'invalid_cursor' });
    });

    it('removes a key and its addresses, recording key_removed; an absent key is not_found', async () => {
      const { key } = await registry.add(ADMIN, { keyType: 'smime', data: carol.pem, source: 'admin_upload' });
      const removed = await registry.remove(ADMIN, 'smime', key.fingerprint.toLowerCase());
      expect(removed).toEqual(key);
      expect((await registry.list()).keys).toEqual([]);
      expect(await t.db.store.all('SELECT address FROM recipient_key_address')).toEqual([]);
      expect((await keyEvents()).at(-1)).toMatchObject({
        kind: 'key_removed',
        recipients: ['c.jones@partner.example', 'carol@partner.example'],
        detail: { keyType: 'smime', fingerprint: key.fingerprint },
      });
      await expect(registry.remove(ADMIN, 'smime', key.fingerprint)).rejects.toMatchObject({ code: 'not_found' });
      await expect(registry.remove(ADMIN, 'openpgp', bob.fingerprint)).rejects.toMatchObject({ code: 'not_found' });
    });

    it('forAddresses returns the keys usable at that time; expired ones drop out', async () => {
      await registry.add(ADMIN, { keyType: 'openpgp', data: bob.armored, source: 'admin_upload' });
      await registry.add(ADMIN, { keyType: 'openpgp', data: bobSoon.armored, source: 'admin_upload' });
      await registry.add(ADMIN, { keyType: 'smime', data: bobCert.pem, source: 'admin_upload' });

      const nowKeys = (await registry.forAddresses(['Bob@Partner.example'], FIXTURE_NOW)).get('Bob@Partner.example')!;
      expect(nowKeys.openpgp.map((k) => k.fingerprint).sort()).toEqual([bob.fingerprint, bobSoon.fingerprint].sort());
      expect(nowKeys.smime).toHaveLength(1);

      const later = (await registry.forAddresses(['bob@partner.example'], new Date('2026-07-01T00:00:00Z'))).get('bob@partner.example')!;
      expect(later.openpgp.map((k) => k.fingerprint)).toEqual([bob.fingerprint]);
      expect(later.smime).toEqual([]);
      expect(await registry.forAddresses(['carol@partner.example', 'bob@partner.example'], FIXTURE_NOW)).toEqual(
        new Map([
          ['carol@partner.example', { openpgp: [], smime: [] }],
          ['bob@partner.example', nowKeys],
        ]),
      );
    });
  });
}
