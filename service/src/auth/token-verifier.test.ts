import { describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { invalidToken } from './errors.js';
import type { Principal } from './principal.js';
import { createTokenVerifier, VERIFIED_TOKEN_CACHE_MS, type IssuerVerifier } from './token-verifier.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const SECRET = new TextEncoder().encode('test-only-secret-test-only-secret');

/** An issuer that counts its signature checks and accepts tokens until `exp` by the shared clock. */
function countingIssuer(clock: { now(): Date }) {
  const calls: string[] = [];
  const issuer: IssuerVerifier = {
    accepts: (iss) => iss === 'urn:test',
    verify: async (token, unverified) => {
      calls.push(token);
      if ((unverified.exp ?? 0) * 1000 <= clock.now().getTime()) throw invalidToken('expired');
      return { sub: String(unverified.sub), roles: ['user'], issuer: 'dev' } satisfies Principal;
    },
  };
  return { issuer, calls };
}

const token = (sub: string, expiresInSeconds: number) =>
  new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer('urn:test').setSubject(sub).setExpirationTime(Math.floor(NOW.getTime() / 1000) + expiresInSeconds).sign(SECRET);

describe('verified-token cache', () => {
  it('checks a token once, then trusts it until the cache time or its expiry, whichever is sooner', async () => {
    let now = NOW;
    const clock = { now: () => now };
    const { issuer, calls } = countingIssuer(clock);
    const verifier = createTokenVerifier([issuer], { cache: { clock } });
    const long = await token('alice', 3600);
    const short = await token('bob', 60);
    for (let i = 0; i < 3; i++) {
      await expect(verifier.verify(long)).resolves.toMatchObject({ sub: 'alice' });
      await expect(verifier.verify(short)).resolves.toMatchObject({ sub: 'bob' });
    }
    expect(calls).toEqual([long, short]);

    now = new Date(NOW.getTime() + 61_000);
    await expect(verifier.verify(short)).rejects.toMatchObject({ code: 'invalid_token' });
    await expect(verifier.verify(long)).resolves.toMatchObject({ sub: 'alice' });
    now = new Date(NOW.getTime() + VERIFIED_TOKEN_CACHE_MS + 1);
    await verifier.verify(long);
    expect(calls).toEqual([long, short, short, long]);
  });

  it('never remembers a failure, and without a cache checks every time', async () => {
    const clock = { now: () => NOW };
    const { issuer, calls } = countingIssuer(clock);
    const expired = await token('carol', -10);
    const cached = createTokenVerifier([issuer], { cache: { clock } });
    await expect(cached.verify(expired)).rejects.toBeDefined();
    await expect(cached.verify(expired)).rejects.toBeDefined();
    const plain = createTokenVerifier([issuer]);
    const fine = await token('dan', 600);
    await plain.verify(fine);
    await plain.verify(fine);
    expect(calls).toEqual([expired, expired, fine, fine]);
  });
});
