import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config.js';
import type { Clock } from '../http/clock.js';
import { createDevVerifier, loadDevKey } from './dev-issuer.js';
import { createGoogleVerifier } from './google.js';
import { createMicrosoftVerifier } from './microsoft.js';
import { createRoleMap } from './roles.js';
import { createTokenVerifier, type IssuerVerifier, type TokenVerifier } from './token-verifier.js';

/** Key-set caching for remote issuers: refetch at most every 30 s on an unknown `kid`, 5 s timeout. */
const REMOTE_JWKS = { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000, timeoutDuration: 5_000 } as const;

export interface VerifierFromConfig {
  readonly verifier: TokenVerifier;
  /** Which issuers are accepted, for the start-up line. */
  readonly issuers: ReadonlyArray<'microsoft' | 'google' | 'dev'>;
}

/**
 * The issuers the configuration enables: Microsoft and Google with their remote key sets, and
 * the dev issuer only in dev mode (its key is created in the data folder on first use).
 * `keySets` replaces the remote sets (tests).
 */
export async function createVerifierFromConfig(
  config: Config,
  clock: Clock,
  keySets: { microsoft?: JWTVerifyGetKey; google?: JWTVerifyGetKey } = {},
): Promise<VerifierFromConfig> {
  const roles = createRoleMap(config.auth.roles);
  const issuers: IssuerVerifier[] = [];
  const names: Array<'microsoft' | 'google' | 'dev'> = [];
  const { microsoft, google } = config.auth;
  if (microsoft) {
    issuers.push(
      createMicrosoftVerifier({
        ...microsoft,
        keys: keySets.microsoft ?? createRemoteJWKSet(new URL(microsoft.jwksUrl), REMOTE_JWKS),
        clock,
      }),
    );
    names.push('microsoft');
  }
  if (google) {
    issuers.push(
      createGoogleVerifier({ ...google, keys: keySets.google ?? createRemoteJWKSet(new URL(google.jwksUrl), REMOTE_JWKS), clock, roles }),
    );
    names.push('google');
  }
  if (config.dev) {
    const key = await loadDevKey(config.dataDir);
    issuers.push(createDevVerifier({ publicJwk: key.publicJwk, clock, roles }));
    names.push('dev');
  }
  return { verifier: createTokenVerifier(issuers, { cache: { clock } }), issuers: names };
}
