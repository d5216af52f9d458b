import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../http/clock.js';
import { invalidToken } from './errors.js';
import type { Principal } from './principal.js';
import { rolesFromClaim } from './roles.js';
import { CLOCK_TOLERANCE_SECONDS, type IssuerVerifier } from './token-verifier.js';

export interface MicrosoftOptions {
  /** The API's application ID and/or ID URI. */
  readonly audiences: readonly string[];
  /** Allowed tenant ids (`tid`), lower case. */
  readonly tenants: readonly string[];
  /** Delegated scope required in `scp`. */
  readonly scope: string;
  /** The identity platform's keys: createRemoteJWKSet in production, createLocalJWKSet in tests. */
  readonly keys: JWTVerifyGetKey;
  readonly clock: Clock;
}

const V2_ISSUER = /^https:\/\/login\.microsoftonline\.com\/([0-9a-f-]{36})\/v2\.0$/i;

/** The v2.0 issuer of a tenant (Entra access-token claims reference: `iss`). */
export function microsoftIssuer(tenantId: string): string {
  return `https://login.microsoftonline.com/${tenantId}/v2.0`;
}

/**
 * Microsoft identity platform v2.0 access tokens for our API, as Outlook's nested app
 * authentication obtains them: RS256 only, `iss` built from the token's own `tid`, which must be
 * on the tenant allow-list, `aud` = our API, and the delegated scope in `scp`.
 */
export function createMicrosoftVerifier(options: MicrosoftOptions): IssuerVerifier {
  const tenants = new Set(options.tenants.map((tenant) => tenant.toLowerCase()));
  return {
    accepts: (iss) => V2_ISSUER.test(iss),
    keys: options.keys,
    async verify(token, unverified) {
      const tid = unverified.tid;
      if (typeof tid !== 'string' || !tenants.has(tid.toLowerCase())) throw invalidToken('tenant_not_allowed');
      const { payload, key } = await jwtVerify(token, options.keys, {
        algorithms: ['RS256'],
        issuer: microsoftIssuer(tid),
        audience: [...options.audiences],
        requiredClaims: ['exp', 'tid', 'sub'],
        currentDate: options.clock.now(),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes(options.scope)) throw invalidToken('scope_missing');
      const email = [payload.preferred_username, payload.upn, payload.email].find((v): v is string => typeof v === 'string');
      const principal: Principal = {
        // oid identifies the user across applications; sub is pairwise per application.
        sub: typeof payload.oid === 'string' ? payload.oid : payload.sub!,
        roles: rolesFromClaim(payload.roles),
        issuer: 'microsoft',
        tenant: tid.toLowerCase(),
        ...(email === undefined ? {} : { email }),
      };
      return { principal, key };
    },
  };
}
