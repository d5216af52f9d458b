import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreatePortalKeyring, PORTAL_KEYS_FILE } from './keyring.js';

const freshDir = async () => join(await mkdtemp(join(tmpdir(), 'phi-guard-portal-keys-')), 'data');

describe('portal keyring', () => {
  it('is created on first use as a mode-600 file with a 32-byte key and a 32-byte passcode pepper', async () => {
    const dataDir = await freshDir();
    const keyring = await loadOrCreatePortalKeyring(dataDir);
    const path = join(dataDir, PORTAL_KEYS_FILE);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(keyring.kek(keyring.activeKid)).toHaveLength(32);
    expect(keyring.passcodeSecret).toHaveLength(32);
    const file = JSON.parse(await readFile(path, 'utf8'));
    expect(file.keys).toEqual([{ kid: keyring.activeKid, k: expect.stringMatching(/^[\w-]{43}$/), createdAt: expect.any(String) }]);
  });

  it('loads the same keys again, and processes racing to create it end up with one keyring', async () => {
    const dataDir = await freshDir();
    const [a, b] = await Promise.all([loadOrCreatePortalKeyring(dataDir), loadOrCreatePortalKeyring(dataDir)]);
    const again = await loadOrCreatePortalKeyring(dataDir);
    expect(b.activeKid).toBe(a.activeKid);
    expect(again.activeKid).toBe(a.activeKid);
    expect(Buffer.from(again.kek(a.activeKid))).toEqual(Buffer.from(a.kek(a.activeKid)));
    expect(again.passcodeSecret).toEqual(a.passcodeSecret);
  });

  it('rotation adds a key that becomes active and keeps the old one, on disk too; the pepper stays', async () => {
    const dataDir = await freshDir();
    const keyring = await loadOrCreatePortalKeyring(dataDir);
    const old = keyring.activeKid;
    const oldKey = Buffer.from(keyring.kek(old));
    const kid = await keyring.rotate();
    expect(kid).not.toBe(old);
    expect(keyring.activeKid).toBe(kid);
    expect(Buffer.from(keyring.kek(old))).toEqual(oldKey);
    const reloaded = await loadOrCreatePortalKeyring(dataDir);
    expect(reloaded.activeKid).toBe(kid);
    expect(Buffer.from(reloaded.kek(old))).toEqual(oldKey);
    expect(reloaded.passcodeSecret).toEqual(keyring.passcodeSecret);
    expect((await stat(join(dataDir, PORTAL_KEYS_FILE))).mode & 0o777).toBe(0o600);
  });

  it('a rotation keeps keys another process added meanwhile', async () => {
    const dataDir = await freshDir();
    const first = await loadOrCreatePortalKeyring(dataDir);
    const second = await loadOrCreatePortalKeyring(dataDir);
    const byFirst = await first.rotate();
    const bySecond = await second.rotate();
    expect(second.kek(byFirst)).toHaveLength(32);
    expect((await loadOrCreatePortalKeyring(dataDir)).activeKid).toBe(bySecond);
  });

  it('refuses an unknown kid with unknown_key', async () => {
    const keyring = await loadOrCreatePortalKeyring(await freshDir());
    expect(() => keyring.kek('kek-nope')).toThrow(expect.objectContaining({ name: 'PortalError', code: 'unknown_key' }));
  });

  it.each([
    ['not JSON', '{"keys": ['],
    ['no keys', JSON.stringify({ keys: [], passcodeSecret: 'A'.repeat(43) })],
    ['a short key', JSON.stringify({ keys: [{ kid: 'a', k: 'AAAA', createdAt: '2026-01-01T00:00:00Z' }], passcodeSecret: 'A'.repeat(43) })],
  ])('refuses a key file that is %s with keyring_invalid, without quoting it', async (_title, text) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-portal-keys-'));
    await writeFile(join(dataDir, PORTAL_KEYS_FILE), text);
    const error = await loadOrCreatePortalKeyring(dataDir).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PortalError', code: 'keyring_invalid' });
    expect((error as Error).message).not.toContain('AAAA');
  });
});
