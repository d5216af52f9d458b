import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SignJWT,
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type CryptoKey,
  type JWK,
} from 'jose';
import type { Clock } from '../http/clock.js';
import { createSecretFileOnce } from '../secret-file.js';
import type { Principal, Role } from './principal.js';
import { mergeRoles, rolesFromClaim, stringArrayClaim, type RoleClaims } from './roles.js';
import { CLOCK_TOLERANCE_SECONDS, type IssuerVerifier } from './token-verifier.js';

export const DEV_ISSUER = 'urn:phiguard:dev';
export const DEV_AUDIENCE = 'urn:phiguard:service';
/** The key file in the data folder. */
export const DEV_KEY_FILE = 'dev-token-key.json';
export const DEV_TOKEN_DEFAULT_TTL_SECONDS = 60 * 60;
export const DEV_TOKEN_MAX_TTL_SECONDS = 12 * 60 * 60;

export interface DevKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** Public half with `kid` and `alg`. */
  readonly publicJwk: JWK;
}

interface DevKeyFile {
  kid: string;
  privateJwk: JWK;
  createdAt: string;
}

/**
 * The dev issuer's Ed25519 key from the data folder, created on first use (owner-only file).
 * `serve --dev` and `dev-token` agree on it by using the same folder.
 */
export async function loadDevKey(dataDir: string): Promise<DevKey> {
  const path = join(dataDir, DEV_KEY_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    text = await createKeyFile(path);
  }
  const file = JSON.parse(text) as DevKeyFile;
  const privateKey = (await importJWK(file.privateJwk, 'EdDSA')) as CryptoKey;
  const { d: _private, ...publicJwk } = file.privateJwk;
  return { kid: file.kid, privateKey, publicJwk: { ...publicJwk, kid: file.kid, alg: 'EdDSA', use: 'sig' } };
}

async function createKeyFile(path: string): Promise<string> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const file: DevKeyFile = { kid: await calculateJwkThumbprint(privateJwk), privateJwk, createdAt: new Date().toISOString() };
  // Another process (serve and dev-token started together) may create it first: then theirs is read.
  await createSecretFileOnce(path, `${JSON.stringify(file, null, 2)}\n`);
  return readFile(path, 'utf8');
}

export interface DevTokenRequest {
  sub: string;
  roles: readonly Role[];
  email?: string;
  ttlSeconds: number;
  now: Date;
}

/** A short-lived EdDSA token from the dev issuer. */
export async function signDevToken(key: DevKey, request: DevTokenRequest): Promise<string> {
  if (!(request.ttlSeconds > 0 && request.ttlSeconds <= DEV_TOKEN_MAX_TTL_SECONDS)) {
    throw new RangeError(`dev token lifetime must be 1 to ${DEV_TOKEN_MAX_TTL_SECONDS} seconds`);
  }
  const iat = Math.floor(request.now.getTime() / 1000);
  return new SignJWT({ roles: [...request.roles], ...(request.email === undefined ? {} : { email: request.email }) })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(request.sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + request.ttlSeconds)
    .sign(key.privateKey);
}

export interface DevVerifierOptions {
  readonly publicJwk: JWK;
  readonly clock: Clock;
  readonly roles: (claims: RoleClaims) => Role[];
}

/**
 * Tokens from `phi-guard dev-token`: EdDSA only, signed by this data folder's key. Wired in only
 * in dev mode; roles come from the token's `roles` claim plus the configured lists.
 */
export function createDevVerifier(options: DevVerifierOptions): IssuerVerifier {
  const keys = createLocalJWKSet({ keys: [options.publicJwk] });
  return {
    accepts: (iss) => iss === DEV_ISSUER,
    keys,
    async verify(token) {
      const { payload, key } = await jwtVerify(token, keys, {
        algorithms: ['EdDSA'],
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: DEV_TOKEN_MAX_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
        currentDate: options.clock.now(),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      const email = typeof payload.email === 'string' ? payload.email : undefined;
      const principal: Principal = {
        sub: payload.sub!,
        roles: mergeRoles(rolesFromClaim(payload.roles), options.roles({ ...(email === undefined ? {} : { email }), groups: stringArrayClaim(payload.groups) })),
        issuer: 'dev',
        ...(email === undefined ? {} : { email }),
      };
      return { principal, key };
    },
  };
}
