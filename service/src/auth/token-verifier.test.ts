import { describe, expect, it } from '@jest/globals';
import { SignJWT, createRemoteJWKSet, customFetch, jwtVerify, type JWK, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../http/clock.js';
import { createMicrosoftVerifier } from './microsoft.js';
import { TEST_API, TEST_TENANT, createTestIssuer, microsoftClaims } from './testing.js';
import {
  CLOCK_TOLERANCE_SECONDS,
  VERIFIED_TOKEN_CACHE_MS,
  createTokenVerifier,
  type IssuerVerifier,
  type TokenVerifier,
} from './token-verifier.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const ISSUER = 'urn:test';
const SECRET_A = new TextEncoder().encode('test-only-secret-a-test-only-secret-a');
const SECRET_B = new TextEncoder().encode('test-only-secret-b-test-only-secret-b');

/** A clock the test moves by hand. */
function fakeClock() {
  let now = NOW.getTime();
  return { clock: { now: () => new Date(now) } satisfies Clock, advance: (ms: number) => void (now += ms), at: (ms: number) => void (now = NOW.getTime() + ms) };
}

/** An HS256 issuer whose key set the test can rotate or break; records every token whose signature it checks. */
function testIssuer(clock: Clock) {
  let current: Uint8Array = SECRET_A;
  let unavailable = false;
  const checked: string[] = [];
  const keys: JWTVerifyGetKey = async () => {
    if (unavailable) throw new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') });
    return current;
  };
  const issuer: IssuerVerifier = {
    accepts: (iss) => iss === ISSUER,
    keys,
    async verify(token) {
      checked.push(token);
      const { payload, key } = await jwtVerify(token, keys, {
        issuer: ISSUER,
        requiredClaims: ['exp', 'sub'],
        currentDate: clock.now(),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return { principal: { sub: payload.sub!, roles: ['user'], issuer: 'dev' }, key };
    },
  };
  return {
    issuer,
    checked,
    rotateTo: (secret: Uint8Array) => void (current = secret),
    setUnavailable: (value: boolean) => void (unavailable = value),
  };
}

const sign = (sub: string, expiresInSeconds: number, secret = SECRET_A) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setSubject(sub)
    .setExpirationTime(Math.floor(NOW.getTime() / 1000) + expiresInSeconds)
    .sign(secret);

function setup(maxEntries?: number) {
  const time = fakeClock();
  const issuer = testIssuer(time.clock);
  const verifier = createTokenVerifier([issuer.issuer], { cache: { clock: time.clock, ...(maxEntries === undefined ? {} : { maxEntries }) } });
  return { ...time, ...issuer, verifier };
}

const subOf = async (verifier: TokenVerifier, token: string) => (await verifier.verify(token)).sub;

describe('verified-token cache', () => {
  it('checks a token once, then trusts it for VERIFIED_TOKEN_CACHE_MS', async () => {
    const { verifier, checked, at } = setup();
    const token = await sign('alice', 3600);
    for (let i = 0; i < 3; i++) expect(await subOf(verifier, token)).toBe('alice');
    at(VERIFIED_TOKEN_CACHE_MS - 1);
    await verifier.verify(token);
    expect(checked).toEqual([token]);
    at(VERIFIED_TOKEN_CACHE_MS);
    await verifier.verify(token);
    expect(checked).toEqual([token, token]);
  });

  it('never trusts a remembered token at or past its exp: it is checked again, and refused beyond the clock tolerance', async () => {
    const { verifier, checked, at } = setup();
    const token = await sign('bob', 30);
    await verifier.verify(token);
    at(29_999);
    await verifier.verify(token);
    expect(checked).toHaveLength(1);
    at(30_000);
    await verifier.verify(token);
    await verifier.verify(token);
    expect(checked).toHaveLength(3);
    at((30 + CLOCK_TOLERANCE_SECONDS + 1) * 1000);
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'token_expired' });
  });

  it('keeps tokens apart: each is checked on its own, and a remembered token with a forged signature is refused', async () => {
    const { verifier, checked } = setup();
    const alice = await sign('alice', 3600);
    const bob = await sign('bob', 3600);
    expect(await subOf(verifier, alice)).toBe('alice');
    expect(await subOf(verifier, bob)).toBe('bob');
    expect(await subOf(verifier, alice)).toBe('alice');
    const forged = `${alice.slice(0, alice.lastIndexOf('.') + 1)}${(await sign('mallory', 3600, SECRET_B)).split('.')[2]}`;
    await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'invalid_token', reason: 'bad_signature' });
    expect(checked).toEqual([alice, bob, forged]);
  });

  it('never remembers a failure: a refused token is checked every time, and keys that were unreachable are asked again', async () => {
    const { verifier, checked, setUnavailable } = setup();
    const foreign = await sign('eve', 3600, SECRET_B);
    await expect(verifier.verify(foreign)).rejects.toMatchObject({ reason: 'bad_signature' });
    await expect(verifier.verify(foreign)).rejects.toMatchObject({ reason: 'bad_signature' });
    const token = await sign('carol', 3600);
    setUnavailable(true);
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'issuer_unavailable' });
    setUnavailable(false);
    expect(await subOf(verifier, token)).toBe('carol');
    expect(checked).toEqual([foreign, foreign, token, token]);
  });

  it('ends the trust in a remembered token as soon as its key leaves the issuer key set', async () => {
    const { verifier, checked, rotateTo } = setup();
    const old = await sign('dan', 3600);
    await verifier.verify(old);
    rotateTo(SECRET_B);
    await expect(verifier.verify(old)).rejects.toMatchObject({ reason: 'bad_signature' });
    const renewed = await sign('dan', 3600, SECRET_B);
    expect(await subOf(verifier, renewed)).toBe('dan');
    expect(checked).toEqual([old, old, renewed]);
  });

  it('asks the key set again on a hit, so keys that became unreachable are reported rather than skipped', async () => {
    const { verifier, setUnavailable } = setup();
    const token = await sign('frank', 3600);
    await verifier.verify(token);
    setUnavailable(true);
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'issuer_unavailable' });
  });

  it('remembers at most maxEntries tokens, forgetting the least recently used first', async () => {
    const { verifier, checked } = setup(2);
    const [a, b, c] = await Promise.all([sign('a', 3600), sign('b', 3600), sign('c', 3600)]);
    for (const token of [a, b, a, c, b, a]) await verifier.verify(token);
    // c pushed out b (a was used more recently); b coming back pushed out a.
    expect(checked).toEqual([a, b, c, b, a]);
  });

  it('without a cache, checks every token every time', async () => {
    const { clock } = fakeClock();
    const { issuer, checked } = testIssuer(clock);
    const verifier = createTokenVerifier([issuer]);
    const token = await sign('gina', 600);
    await verifier.verify(token);
    await verifier.verify(token);
    expect(checked).toEqual([token, token]);
  });
});

describe('verified-token cache over a remote key set', () => {
  it('refuses a remembered Microsoft token once the refetched JWKS no longer holds its key', async () => {
    const { clock } = fakeClock();
    const [current, next] = await Promise.all([createTestIssuer(), createTestIssuer()]);
    let served: JWK[] = [current.publicJwk];
    let fetches = 0;
    const keys = createRemoteJWKSet(new URL('https://login.example.test/keys'), {
      [customFetch]: async () => {
        fetches++;
        return new Response(JSON.stringify({ keys: served }), { headers: { 'content-type': 'application/json' } });
      },
    });
    const microsoft = createMicrosoftVerifier({ audiences: [TEST_API], tenants: [TEST_TENANT], scope: 'access_as_user', keys, clock });
    const checked: string[] = [];
    const counting: IssuerVerifier = { ...microsoft, verify: (token, unverified) => (checked.push(token), microsoft.verify(token, unverified)) };
    const verifier = createTokenVerifier([counting], { cache: { clock } });
    const token = await current.sign(microsoftClaims(NOW));

    await verifier.verify(token);
    await verifier.verify(token);
    expect({ checked: checked.length, fetches }).toEqual({ checked: 1, fetches: 1 });

    // The key set moves on; jose refetches it after cacheMaxAge (or on an unknown kid).
    served = [next.publicJwk];
    await keys.reload();
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'invalid_token', reason: 'no_matching_key' });
    expect(await verifier.verify(await next.sign(microsoftClaims(NOW)))).toMatchObject({ issuer: 'microsoft' });
  });
});
