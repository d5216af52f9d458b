import { decodeJwt, type JWTPayload } from 'jose';
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

/**
 * Picks the issuer by the token's (still unverified) `iss` claim, then that issuer verifies the
 * signature against its own keys, algorithms, issuer and audience. No issuer, no entry.
 */
export function createTokenVerifier(issuers: readonly IssuerVerifier[]): TokenVerifier {
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
