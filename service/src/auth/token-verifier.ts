import { createHash } from 'node:crypto';
import { decodeJwt, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../http/clock.js';
import { AuthError, invalidToken, toAuthError } from './errors.js';
import type { Principal } from './principal.js';

/** Turns a bearer token into the caller, or throws an AuthError. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** One trusted issuer: Microsoft, Google or the dev issuer. */
export interface IssuerVerifier {
  /** Whether this issuer handles a token claiming `iss`; the claim is verified later. */
  accepts(iss: string): boolean;
  verify(token: string, unverified: JWTPayload): Promise<Principal>;
}

/** A verified token is trusted again without checking its signature for at most this long (and never past its `exp`). */
export const VERIFIED_TOKEN_CACHE_MS = 5 * 60_000;
const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Picks the issuer by the token's (still unverified) `iss` claim, then that issuer verifies the
 * signature against its own keys, algorithms, issuer and audience. No issuer, no entry.
 * With `cache`, a token that verified is remembered (by its SHA-256) until it expires or for
 * VERIFIED_TOKEN_CACHE_MS, whichever is sooner: an add-in sends the same token many times, and
 * checking its signature was the largest cost of a request. Failures are never remembered.
 */
export function createTokenVerifier(issuers: readonly IssuerVerifier[], options: { cache?: { clock: Clock } } = {}): TokenVerifier {
  const verifier = uncachedVerifier(issuers);
  const clock = options.cache?.clock;
  if (!clock) return verifier;
  const verified = new LRUCache<string, { principal: Principal; expiresAt: number }>({ max: VERIFIED_TOKEN_CACHE_SIZE });
  return {
    async verify(token) {
      const key = createHash('sha256').update(token).digest('base64url');
      const now = clock.now().getTime();
      const hit = verified.get(key);
      if (hit && hit.expiresAt > now) return hit.principal;
      const principal = await verifier.verify(token);
      const exp = decodeJwt(token).exp;
      if (typeof exp === 'number') verified.set(key, { principal, expiresAt: Math.min(exp * 1000, now + VERIFIED_TOKEN_CACHE_MS) });
      return principal;
    },
  };
}

function uncachedVerifier(issuers: readonly IssuerVerifier[]): TokenVerifier {
  return {
    async verify(token) {
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
        return await issuer.verify(token, unverified);
      } catch (error) {
        throw error instanceof AuthError ? error : toAuthError(error);
      }
    },
  };
}

/** Accepted clock skew between us and the issuer. */
export const CLOCK_TOLERANCE_SECONDS = 60;
