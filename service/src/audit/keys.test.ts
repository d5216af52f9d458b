import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_KEY_FILE, loadAuditKey, loadAuditPublicKey, loadOrCreateAuditKey } from './keys.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'phi-guard-keys-'));

describe('audit signing key', () => {
  it('is created on first use as an owner-only Ed25519 JWK, and loaded unchanged afterwards', async () => {
    const dir = await tempDir();
    const created = await loadOrCreateAuditKey(dir);
    const file = join(dir, AUDIT_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: created.kid, alg: 'EdDSA' });
    expect((await loadOrCreateAuditKey(dir)).kid).toBe(created.kid);
    expect(created.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('replicas starting together end up with one key', async () => {
    const dir = await tempDir();
    const keys = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateAuditKey(dir)));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
  });

  it('verifiers get the public half only', async () => {
    const dir = await tempDir();
    const key = await loadOrCreateAuditKey(dir);
    const publicKey = await loadAuditPublicKey(join(dir, AUDIT_KEY_FILE));
    expect(publicKey).toEqual(key.publicKey);
    expect(publicKey.jwk).not.toHaveProperty('d');
  });

  it.each([
    ['not JSON', '{ "d": "secret-material'],
    ['not an Ed25519 key', JSON.stringify({ kty: 'RSA', n: 'x', e: 'AQAB', d: 'secret-material' })],
  ])('a key file that is %s is refused without quoting it', async (_name, content) => {
    const file = join(await tempDir(), AUDIT_KEY_FILE);
    await writeFile(file, content);
    const error = await loadAuditKey(file).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'key_invalid' });
    expect((error as Error).message).not.toContain('secret');
  });

  it('a missing key file is reported as missing', async () => {
    await expect(loadAuditKey(join(await tempDir(), AUDIT_KEY_FILE))).rejects.toMatchObject({ code: 'key_missing' });
  });
});
