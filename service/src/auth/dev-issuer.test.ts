import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, DEV_KEY_FILE, createDevVerifier, loadDevKey, signDevToken } from './dev-issuer.js';
import { createRoleMap } from './roles.js';
import { createTokenVerifier } from './token-verifier.js';

const NOW = new Date('2026-11-25T12:00:00Z');

async function tempDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'phi-guard-dev-key-')), 'data');
}

describe('the dev issuer key', () => {
  it('is created in the data folder on first use, readable by its owner only', async () => {
    const dataDir = await tempDir();
    const key = await loadDevKey(dataDir);
    const file = join(dataDir, DEV_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ kid: key.kid, privateJwk: { kty: 'OKP', crv: 'Ed25519' } });
    expect(key.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', kid: key.kid });
    expect(key.publicJwk).not.toHaveProperty('d');
  });

  it('is reused afterwards, and two processes creating it at once end up with one key', async () => {
    const dataDir = await tempDir();
    const [a, b] = await Promise.all([loadDevKey(dataDir), loadDevKey(dataDir)]);
    const c = await loadDevKey(dataDir);
    expect(new Set([a.kid, b.kid, c.kid]).size).toBe(1);
  });
});

describe('dev tokens', () => {
  it('are EdDSA JWTs from the dev issuer with subject, roles and lifetime', async () => {
    const key = await loadDevKey(await tempDir());
    const token = await signDevToken(key, { sub: 'alice', roles: ['admin'], email: 'alice@dev.local', ttlSeconds: 900, now: NOW });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'EdDSA', kid: key.kid });
    const iat = NOW.getTime() / 1000;
    expect(decodeJwt(token)).toEqual({ iss: DEV_ISSUER, aud: DEV_AUDIENCE, sub: 'alice', roles: ['admin'], email: 'alice@dev.local', iat, exp: iat + 900 });
  });

  it('verify against the same folder\'s key until they expire', async () => {
    const key = await loadDevKey(await tempDir());
    const token = await signDevToken(key, { sub: 'alice', roles: ['user'], ttlSeconds: 300, now: NOW });
    const at = (ms: number) =>
      createTokenVerifier([createDevVerifier({ publicJwk: key.publicJwk, clock: { now: () => new Date(NOW.getTime() + ms) }, roles: createRoleMap({ admin: [], auditor: [] }) })]);
    await expect(at(0).verify(token)).resolves.toMatchObject({ sub: 'alice', issuer: 'dev', roles: ['user'] });
    await expect(at(301_000 + 60_000).verify(token)).rejects.toMatchObject({ code: 'token_expired' });
  });
});
