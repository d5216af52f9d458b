import { createHash } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../http/clock.js';
import { invalidToken, toAuthError } from './errors.js';
import type { Principal } from './principal.js';

/** Turns a bearer token into the caller, or throws an AuthError. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** One trusted issuer: Microsoft, Google or the dev issuer. */
export interface IssuerVerifier {
  /** Whether this issuer handles a token claiming `iss`; the claim is verified later. */
  accepts(iss: string): boolean;
  /** The issuer's signing keys, as `verify` looks them up (a remote key set refetches itself when stale). */
  readonly keys: JWTVerifyGetKey;
  /** Checks signature and claims: the caller, and the key (from `keys`) the signature was checked with. */
  verify(token: string, unverified: JWTPayload): Promise<IssuerVerified>;
}

export interface IssuerVerified {
  readonly principal: Principal;
  /** jwtVerify's resolved key. */
  readonly key: unknown;
}

/**
 * A verified token is trusted again without checking its signature for at most this long, never
 * past its `exp`: any time rule the cache does not model (the dev issuer's maximum token age) is
 * then off by no more than the clock tolerance already allows.
 */
export const VERIFIED_TOKEN_CACHE_MS = 60_000;
const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/** Accepted clock skew between us and the issuer. */
export const CLOCK_TOLERANCE_SECONDS = 60;

export interface VerifiedTokenCacheOptions {
  readonly clock: Clock;
  /** Tokens remembered at once; the least recently used is forgotten first. */
  readonly maxEntries?: number;
}

interface Checked extends IssuerVerified {
  readonly issuer: IssuerVerifier;
  readonly exp: number | undefined;
}

type ProtectedHeader = Parameters<JWTVerifyGetKey>[0];

interface Remembered {
  readonly principal: Principal;
  readonly issuer: IssuerVerifier;
  readonly key: unknown;
  /** The token's protected header (`alg`, `kid`), to look its key up again. */
  readonly header: ProtectedHeader;
  readonly expiresAt: number;
}

/**
 * Picks the issuer by the token's (still unverified) `iss` claim, then that issuer verifies the
 * signature against its own keys, algorithms, issuer and audience. No issuer, no entry.
 *
 * With `cache`, a token that verified is remembered by its SHA-256 (the token itself is not kept)
 * until its `exp` or for VERIFIED_TOKEN_CACHE_MS, whichever is sooner: an add-in sends the same
 * token many times, and checking its signature was the largest cost of a request. A remembered
 * token is trusted only while its issuer's key set still yields the very key that checked it, so a
 * key dropped from the set (rotation, revocation; jose refetches a remote set every 10 minutes, or
 * sooner on an unknown `kid`) ends the trust with the next request. Failures are never remembered.
 */
export function createTokenVerifier(issuers: readonly IssuerVerifier[], options: { cache?: VerifiedTokenCacheOptions } = {}): TokenVerifier {
  const check = async (token: string): Promise<Checked> => {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw invalidToken('malformed');
    }
    const iss = unverified.iss;
    const issuer = typeof iss === 'string' ? issuers.find((candidate) => candidate.accepts(iss)) : undefined;
    if (issuer === undefined) throw invalidToken('unknown_issuer');
    try {
      return { ...(await issuer.verify(token, unverified)), issuer, exp: unverified.exp };
    } catch (error) {
      throw toAuthError(error);
    }
  };
  const cache = options.cache;
  if (cache === undefined) return { verify: async (token) => (await check(token)).principal };

  const remembered = new LRUCache<string, Remembered>({ max: cache.maxEntries ?? VERIFIED_TOKEN_CACHE_SIZE });
  return {
    async verify(token) {
      const digest = createHash('sha256').update(token).digest('base64url');
      const hit = remembered.get(digest);
      if (hit !== undefined) {
        if (hit.expiresAt > cache.clock.now().getTime() && (await stillSignedBy(hit, token))) return hit.principal;
        remembered.delete(digest);
      }
      const { principal, issuer, key, exp } = await check(token);
      // Every issuer requires `exp`, now verified; the ceiling counts from the check.
      if (typeof exp === 'number') {
        const expiresAt = Math.min(exp * 1000, cache.clock.now().getTime() + VERIFIED_TOKEN_CACHE_MS);
        remembered.set(digest, { principal, issuer, key, header: decodeProtectedHeader(token) as ProtectedHeader, expiresAt });
      }
      return principal;
    },
  };
}

/** Whether the issuer's key set still resolves the token's header to the key that checked it. */
async function stillSignedBy(entry: Remembered, token: string): Promise<boolean> {
  const [protectedHeader, payload, signature] = token.split('.');
  try {
    return (await entry.issuer.keys(entry.header, { protected: protectedHeader!, payload: payload!, signature: signature! })) === entry.key;
  } catch {
    // Keys unavailable or gone: a full check decides, and reports why.
    return false;
  }
}
