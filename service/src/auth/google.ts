import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../http/clock.js';
import { invalidToken } from './errors.js';
import type { Principal } from './principal.js';
import type { RoleClaims } from './roles.js';
import type { Role } from './principal.js';
import { CLOCK_TOLERANCE_SECONDS, type IssuerVerifier } from './token-verifier.js';

export interface GoogleOptions {
  /** OAuth client ids of the Apps Script projects (the ID token's `aud`). */
  readonly clientIds: readonly string[];
  /** Allowed Workspace domains (`hd`), lower case. */
  readonly hostedDomains: readonly string[];
  readonly keys: JWTVerifyGetKey;
  readonly clock: Clock;
  readonly roles: (claims: RoleClaims) => Role[];
}

/** Google issues ID tokens with either form (developers.google.com/identity/gsi/web/guides/verify-google-id-token). */
export const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'] as const;

/**
 * Google ID tokens from `ScriptApp.getIdentityToken()`: RS256 only, Google's issuer, `aud` one
 * of our client ids, a Workspace domain on the allow-list in `hd`, and a verified email.
 */
export function createGoogleVerifier(options: GoogleOptions): IssuerVerifier {
  const domains = new Set(options.hostedDomains.map((domain) => domain.toLowerCase()));
  return {
    accepts: (iss) => (GOOGLE_ISSUERS as readonly string[]).includes(iss),
    keys: options.keys,
    async verify(token) {
      const { payload, key } = await jwtVerify(token, options.keys, {
        algorithms: ['RS256'],
        issuer: [...GOOGLE_ISSUERS],
        audience: [...options.clientIds],
        requiredClaims: ['exp', 'sub'],
        currentDate: options.clock.now(),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      // A consumer account has no hd; only the organisation's own Workspace domains are let in.
      if (typeof payload.hd !== 'string' || !domains.has(payload.hd.toLowerCase())) throw invalidToken('domain_not_allowed');
      if (payload.email_verified !== true || typeof payload.email !== 'string') throw invalidToken('email_not_verified');
      const principal: Principal = {
        sub: payload.sub!,
        email: payload.email,
        roles: options.roles({ email: payload.email }),
        issuer: 'google',
        tenant: payload.hd.toLowerCase(),
      };
      return { principal, key };
    },
  };
}
