// Console sign-in with Microsoft or Google: OpenID Connect authorization code flow with PKCE,
// server-side, through openid-client. The ID token is mapped to a principal with the same role
// rules as the add-ins' tokens (auth/roles.ts).
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as client from 'openid-client';
import { actorOf } from '../audit/actor.js';
import type { Principal, Role } from '../auth/principal.js';
import { createRoleMap, rolesFromClaim, type RoleClaims } from '../auth/roles.js';
import { microsoftSignIn, type Config } from '../config.js';
import { onceSuccessful } from '../once-successful.js';

export const OIDC_PROVIDERS = ['microsoft', 'google'] as const;
export type OidcProvider = (typeof OIDC_PROVIDERS)[number];

/** An ID token with the user's email and name (OpenID Connect Core §5.4). */
export const OIDC_SCOPE = 'openid email profile';
/** How long a sign-in may take between leaving for the provider and coming back. */
export const SIGN_IN_MINUTES = 10;
/** Seconds for discovery, key-set and token requests to the provider. */
const REQUEST_TIMEOUT_SECONDS = 10;

/** Why a sign-in was refused: the `error` of the redirect to /admin and the audit event's reason. */
export const SIGN_IN_FAILURES = [
  /** No sign-in under way: the state cookie is missing or older than SIGN_IN_MINUTES. */
  'sign_in_expired',
  /** The state cookie is forged or for another provider, or `state` does not match it. */
  'state_mismatch',
  /** The provider answered with an error (the user cancelled, consent refused). */
  'provider_error',
  /** The provider could not be reached or answered nonsense. */
  'provider_unavailable',
  /** The token endpoint refused the code (used, expired, PKCE verifier wrong). */
  'code_rejected',
  'nonce_mismatch',
  /** Signature, issuer, audience, expiry or another ID token check failed. */
  'id_token_invalid',
  'email_not_verified',
  'domain_not_allowed',
  'tenant_not_allowed',
  /** Signed in, but holds neither the admin nor the auditor role. */
  'not_admin',
] as const;
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number];

interface ClientSettings {
  readonly issuer: string;
  readonly clientId: string;
  /** Read on first use, so a secret file is read when it is needed. */
  readonly clientSecret: () => Promise<string>;
}

export interface MicrosoftSignIn extends ClientSettings {
  /** Tenant ids (`tid`) whose users may sign in, lower case. */
  readonly tenants: readonly string[];
}

export interface GoogleSignIn extends ClientSettings {
  /** Workspace domains allowed in `hd`, lower case; any account when absent (the role lists still apply). */
  readonly hostedDomains?: readonly string[];
  /** PHIGUARD_ADMINS / PHIGUARD_AUDITORS. */
  readonly roles: (claims: RoleClaims) => Role[];
}

export interface AdminOidcOptions {
  readonly microsoft?: MicrosoftSignIn;
  readonly google?: GoogleSignIn;
  /** Tests only: lets openid-client use a local http issuer. No configuration setting reaches it. */
  readonly allowInsecureRequests?: boolean;
  readonly now?: () => Date;
  /** Told why a provider was unavailable, for the log; its message may quote the provider, so log codes only. */
  readonly onUnavailable?: (provider: OidcProvider, error: unknown) => void;
}

export type BeginResult = { ok: true; url: URL; sealed: string } | { ok: false; code: 'provider_unavailable' };

export type SignInResult =
  | { ok: true; principal: Principal }
  /** `actor` names who tried when the ID token was valid. */
  | { ok: false; code: SignInFailure; actor?: string };

export interface AdminOidc {
  /** The configured providers, in button order. */
  readonly providers: readonly OidcProvider[];
  /**
   * The provider's authorization URL with a fresh state, nonce and PKCE challenge, and those
   * values sealed (HMAC) for a cookie the callback hands back to `complete`.
   */
  begin(provider: OidcProvider, redirectUri: string): Promise<BeginResult>;
  /**
   * Checks the sealed state against the callback's, exchanges the code, has openid-client
   * validate the ID token (signature, issuer, audience, expiry, nonce) and maps it to a principal
   * that holds the admin or auditor role.
   */
  complete(provider: OidcProvider, sealed: string | undefined, callbackUrl: URL): Promise<SignInResult>;
}

interface Pending {
  readonly provider: OidcProvider;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

interface Client {
  readonly configuration: client.Configuration;
  /** Seals the pending sign-in; derived from the client secret, so every replica has it without more configuration. */
  readonly key: Buffer;
}

type Mapped = { ok: true; principal: Principal } | { ok: false; code: SignInFailure; actor?: string };

export function createAdminOidc(options: AdminOidcOptions): AdminOidc {
  const now = options.now ?? (() => new Date());
  const settings: Partial<Record<OidcProvider, ClientSettings>> = { microsoft: options.microsoft, google: options.google };
  const providers = OIDC_PROVIDERS.filter((name) => settings[name] !== undefined);
  const clients = new Map<OidcProvider, () => Promise<Client>>(
    providers.map((name) => [name, onceSuccessful(() => connect(settings[name]!, options.allowInsecureRequests === true))]),
  );
  const mappers: Record<OidcProvider, (claims: client.IDToken) => Mapped> = {
    microsoft: (claims) => fromMicrosoft(options.microsoft!, claims),
    google: (claims) => fromGoogle(options.google!, claims),
  };
  /** The provider's client, or provider_unavailable; asking for one not configured is a bug. */
  const clientOf = async (provider: OidcProvider): Promise<Client | undefined> => {
    const get = clients.get(provider);
    if (get === undefined) throw new TypeError(`sign-in with ${provider} is not configured`);
    try {
      return await get();
    } catch (error) {
      if (isProgrammingError(error)) throw error;
      options.onUnavailable?.(provider, error);
      return undefined;
    }
  };

  return {
    providers,

    async begin(provider, redirectUri) {
      const found = await clientOf(provider);
      if (found === undefined) return { ok: false, code: 'provider_unavailable' };
      const pending: Pending = {
        provider,
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
        expiresAt: now().getTime() + SIGN_IN_MINUTES * 60_000,
      };
      const url = client.buildAuthorizationUrl(found.configuration, {
        redirect_uri: redirectUri,
        scope: OIDC_SCOPE,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { ok: true, url, sealed: seal(pending, found.key) };
    },

    async complete(provider, sealed, callbackUrl) {
      const found = await clientOf(provider);
      if (found === undefined) return { ok: false, code: 'provider_unavailable' };
      const pending = sealed === undefined ? undefined : unseal(sealed, found.key);
      if (pending === undefined) return { ok: false, code: sealed === undefined ? 'sign_in_expired' : 'state_mismatch' };
      if (pending.expiresAt <= now().getTime()) return { ok: false, code: 'sign_in_expired' };
      const state = callbackUrl.searchParams.get('state');
      if (pending.provider !== provider || state === null || !sameText(state, pending.state)) return { ok: false, code: 'state_mismatch' };
      let claims: client.IDToken | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(found.configuration, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
        });
        claims = tokens.claims();
      } catch (error) {
        const code = failureOf(error);
        if (code === 'provider_unavailable') options.onUnavailable?.(provider, error);
        return { ok: false, code };
      }
      if (claims === undefined) return { ok: false, code: 'id_token_invalid' };
      const mapped = mappers[provider](claims);
      if (!mapped.ok) return mapped;
      if (!mapped.principal.roles.some((role) => role === 'admin' || role === 'auditor')) {
        return { ok: false, code: 'not_admin', actor: actorOf(mapped.principal) };
      }
      return mapped;
    },
  };
}

/** The providers the configuration enables; secrets in files are read on first use. */
export function adminOidcFromConfig(config: Config): Pick<AdminOidcOptions, 'microsoft' | 'google'> {
  const { microsoft, google } = config.admin.oidc;
  const secret = (inline: string | undefined, file: string | undefined) => async () =>
    inline ?? (await readFile(resolve(file!), 'utf8')).trim();
  const options: { microsoft?: MicrosoftSignIn; google?: GoogleSignIn } = {};
  if (microsoft) {
    // ConfigSchema refuses a configuration without an issuer or tenants.
    const { issuer, tenants } = microsoftSignIn(config.auth, microsoft)!;
    options.microsoft = { issuer, clientId: microsoft.clientId, clientSecret: secret(microsoft.clientSecret, microsoft.clientSecretFile), tenants };
  }
  if (google) {
    options.google = {
      issuer: google.issuer,
      clientId: google.clientId,
      clientSecret: secret(google.clientSecret, google.clientSecretFile),
      roles: createRoleMap(config.auth.roles),
      ...(config.auth.google ? { hostedDomains: config.auth.google.hostedDomains } : {}),
    };
  }
  return options;
}

/** App roles from the ID token's `roles` claim and `tid` on the allow-list, as for the Outlook add-in's tokens. */
function fromMicrosoft(settings: MicrosoftSignIn, claims: client.IDToken): Mapped {
  const tid = typeof claims.tid === 'string' ? claims.tid.toLowerCase() : undefined;
  if (tid === undefined || !settings.tenants.includes(tid)) return { ok: false, code: 'tenant_not_allowed', actor: `microsoft:${claims.sub}` };
  const email = [claims.preferred_username, claims.upn, claims.email].find((v): v is string => typeof v === 'string');
  return {
    ok: true,
    principal: {
      // oid identifies the user across applications; sub is pairwise per application.
      sub: typeof claims.oid === 'string' ? claims.oid : claims.sub,
      roles: rolesFromClaim(claims.roles),
      issuer: 'microsoft',
      tenant: tid,
      ...(email === undefined ? {} : { email }),
    },
  };
}

/** A verified email, `hd` on the allow-list when there is one, roles from the configured lists, as for the Gmail add-on's tokens. */
function fromGoogle(settings: GoogleSignIn, claims: client.IDToken): Mapped {
  const hd = typeof claims.hd === 'string' ? claims.hd.toLowerCase() : undefined;
  if (settings.hostedDomains !== undefined && (hd === undefined || !settings.hostedDomains.includes(hd))) {
    return { ok: false, code: 'domain_not_allowed', actor: `google:${claims.sub}` };
  }
  // An unverified email names nobody: it is not used, not even as the audit actor.
  if (claims.email_verified !== true || typeof claims.email !== 'string') return { ok: false, code: 'email_not_verified', actor: `google:${claims.sub}` };
  return {
    ok: true,
    principal: {
      sub: claims.sub,
      email: claims.email,
      roles: settings.roles({ email: claims.email }),
      issuer: 'google',
      ...(hd === undefined ? {} : { tenant: hd }),
    },
  };
}

async function connect(settings: ClientSettings, allowInsecure: boolean): Promise<Client> {
  const secret = await settings.clientSecret();
  const configuration = await client.discovery(new URL(settings.issuer), settings.clientId, secret, undefined, {
    timeout: REQUEST_TIMEOUT_SECONDS,
    ...(allowInsecure ? { execute: [client.allowInsecureRequests] } : {}),
  });
  const key = Buffer.from(hkdfSync('sha256', secret, '', 'phiguard admin sign-in state', 32));
  return { configuration, key };
}


function seal(pending: Pending, key: Buffer): string {
  const body = Buffer.from(JSON.stringify(pending)).toString('base64url');
  return `${body}.${mac(body, key)}`;
}

function unseal(sealed: string, key: Buffer): Pending | undefined {
  const [body, tag, extra] = sealed.split('.');
  if (body === undefined || tag === undefined || extra !== undefined || !sameText(tag, mac(body, key))) return undefined;
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Pending>;
    const fields = [value.state, value.nonce, value.codeVerifier];
    if (!OIDC_PROVIDERS.includes(value.provider as OidcProvider) || fields.some((f) => typeof f !== 'string') || typeof value.expiresAt !== 'number') {
      return undefined;
    }
    return value as Pending;
  } catch {
    return undefined;
  }
}

function mac(body: string, key: Buffer): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** openid-client's errors by what went wrong; the provider's messages are not kept (they may quote the code). */
function failureOf(error: unknown): SignInFailure {
  if (error instanceof client.AuthorizationResponseError) return 'provider_error';
  if (error instanceof client.ResponseBodyError) return 'code_rejected';
  if (error instanceof client.ClientError) {
    if (error.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && claimOf(error) === 'nonce') return 'nonce_mismatch';
    const unavailable = ['OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON', 'OAUTH_TIMEOUT', 'OAUTH_ABORT'];
    return error.code !== undefined && unavailable.includes(error.code) ? 'provider_unavailable' : 'id_token_invalid';
  }
  if (isProgrammingError(error)) throw error;
  return 'provider_unavailable';
}

/** oauth4webapi keeps the failed claim's name on the cause of its comparison error. */
function claimOf(error: client.ClientError): unknown {
  const cause = (error.cause as { cause?: { claim?: unknown } } | undefined)?.cause;
  return cause?.claim;
}

/** openid-client's argument errors (ERR_INVALID_ARG_*) are our bugs; fetch's TypeError is the network. */
function isProgrammingError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return error instanceof TypeError && typeof code === 'string' && code.startsWith('ERR_INVALID_ARG');
}
