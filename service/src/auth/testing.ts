import { createHmac, createPublicKey, randomUUID, type JsonWebKey } from 'node:crypto';
import {
  SignJWT,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { ProblemError } from '../http/problem.js';
import { microsoftIssuer } from './microsoft.js';
import type { Principal } from './principal.js';
import type { RequireRole } from './require-role.js';

/** An RS256 issuer for tests: its key set stands in for Microsoft's or Google's JWKS endpoint. */
export interface TestIssuer {
  readonly keys: JWTVerifyGetKey;
  readonly publicJwk: JWK;
  readonly kid: string;
  sign(claims: JWTPayload, options?: { privateKey?: CryptoKey; kid?: string }): Promise<string>;
}

export async function createTestIssuer(): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    keys: createLocalJWKSet({ keys: [publicJwk] }),
    publicJwk,
    kid,
    sign: (claims, options = {}) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: options.kid ?? kid, typ: 'JWT' }).sign(options.privateKey ?? privateKey),
  };
}

export const TEST_TENANT = '7f3c2a10-5b1e-4c8d-9a6f-2e4b8d1c0a93';
export const OTHER_TENANT = '0b9e8d7c-6a5f-4e3d-2c1b-0a9f8e7d6c5b';
export const TEST_API = 'api://phiguard.example.org/4e1c9a2b-8d7f-4a3e-b6c5-1d2e3f4a5b6c';
export const TEST_GOOGLE_CLIENT = '1234567890-abc.apps.googleusercontent.com';
export const TEST_DOMAIN = 'clinic.example.org';

/** Claims of a valid v2.0 access token for our API (nested app authentication), now = `now`. */
export function microsoftClaims(now: Date, overrides: JWTPayload = {}): JWTPayload {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    iss: microsoftIssuer(TEST_TENANT),
    aud: TEST_API,
    tid: TEST_TENANT,
    sub: 'pairwise-sub-of-alice',
    oid: '5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
    preferred_username: 'alice@clinic.example.org',
    scp: 'access_as_user',
    ver: '2.0',
    iat,
    nbf: iat,
    exp: iat + 3600,
    ...overrides,
  };
}

/** Claims of a valid Google ID token from ScriptApp.getIdentityToken(). */
export function googleClaims(now: Date, overrides: JWTPayload = {}): JWTPayload {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    iss: 'https://accounts.google.com',
    aud: TEST_GOOGLE_CLIENT,
    azp: TEST_GOOGLE_CLIENT,
    sub: '109876543210987654321',
    email: 'bob@clinic.example.org',
    email_verified: true,
    hd: TEST_DOMAIN,
    iat,
    exp: iat + 3600,
    ...overrides,
  };
}

/** An unsecured JWT (`alg: none`, RFC 7519 §6): must never be accepted. */
export function unsecuredToken(claims: JWTPayload): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}

/** An HS256 token whose HMAC secret is the issuer's public key: the classic RS/HS confusion attack. */
export function hmacWithPublicKey(claims: JWTPayload, publicJwk: JWK): string {
  const pem = createPublicKey({ key: publicJwk as JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'HS256', typ: 'JWT', kid: publicJwk.kid })}.${encode(claims)}`;
  return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
}

/** Signed-in people for route tests, by name (see fakeRequireRole). */
export const TEST_PRINCIPALS: Record<string, Principal> = {
  alice: { sub: 'alice-sub', email: 'Alice@Clinic.example.org', roles: ['user'], issuer: 'microsoft' },
  admin: { sub: 'admin-sub', email: 'admin@clinic.example.org', roles: ['user', 'admin'], issuer: 'microsoft' },
  auditor: { sub: 'auditor-sub', email: 'auditor@clinic.example.org', roles: ['auditor'], issuer: 'google' },
};

/** Stands in for token verification: `Authorization: Test <name>`. */
export const fakeRequireRole: RequireRole =
  (...roles) =>
  (req, res, next) => {
    const principal = TEST_PRINCIPALS[/^Test (\w+)$/.exec(req.get('authorization') ?? '')?.[1] ?? ''];
    if (!principal) throw new ProblemError('missing_token', 401, 'A bearer token is required');
    res.locals.principal = principal;
    if (roles.length > 0 && !principal.roles.some((role) => roles.includes(role))) throw new ProblemError('forbidden', 403, 'Forbidden');
    next();
  };
