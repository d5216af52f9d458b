import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS } from './http/logger.js';

/** Microsoft identity platform signing keys, for every tenant (v2 endpoint). */
export const MICROSOFT_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
/** Google's OpenID Connect signing keys. */
export const GOOGLE_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';

/** Relative to the working directory; gitignored. */
export const DEFAULT_DATA_DIR = '.data';
export const DEFAULT_OUTLOOK_ADDIN_DIR = 'addin-outlook/dist';
export const DEFAULT_ADMIN_CONSOLE_DIR = 'service/console/dist';

const HttpsUrl = z.url({ protocol: /^https?$/, error: 'Expected an http(s) URL' });

const Origin = z
  .string()
  .refine(isOrigin, { error: 'Expected an origin: scheme, host and optional port, e.g. https://addin.example.org' });

const Domain = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, { error: 'Expected a domain such as example.org' })
  .transform((domain) => domain.toLowerCase());

/** An email address, or `group:NAME` matched against a token's `groups` claim. */
const RoleMember = z
  .string()
  .regex(/^(group:\S+|[^@\s]+@[^@\s]+)$/, { error: 'Expected an email address or group:NAME' })
  .transform((member) => (member.startsWith('group:') ? member : member.toLowerCase()));

const MicrosoftSchema = z
  .object({
    /** The API's application ID and/or ID URI: the `aud` of access tokens requested for its scope. */
    audiences: z.array(z.string().min(1)).min(1),
    /** Entra tenant ids (`tid`) whose users may call the service; there is no wildcard. */
    tenants: z.array(z.guid({ error: 'Expected a tenant id (GUID)' }).transform((t) => t.toLowerCase())).min(1),
    jwksUrl: HttpsUrl.default(MICROSOFT_JWKS_URL),
    /** Delegated scope the token must carry in `scp`, e.g. access_as_user. */
    scope: z.string().min(1).default('access_as_user'),
    /** The Outlook add-in's own app registration (SPA, redirect `brk-multihub://<service host>`), for nested app authentication. */
    addinClientId: z.guid({ error: 'Expected an application (client) id (GUID)' }).optional(),
  })
  .strict();

const GoogleSchema = z
  .object({
    /** OAuth client ids of the Apps Script projects: the `aud` of their ID tokens. */
    clientIds: z.array(z.string().min(1)).min(1),
    /** Google Workspace domains (`hd` claim) whose users may call the service. */
    hostedDomains: z.array(Domain).min(1),
    jwksUrl: HttpsUrl.default(GOOGLE_JWKS_URL),
  })
  .strict();

/**
 * Roles for Google and dev tokens (Microsoft tokens carry app roles in `roles`). Every signed-in
 * caller is a `user`; members listed here also get `admin` or `auditor`.
 */
const RolesSchema = z
  .object({
    admin: z.array(RoleMember).default([]),
    auditor: z.array(RoleMember).default([]),
  })
  .strict();

/** `host:port` or a bare host (port 53), IPv4 or bracketed IPv6: `127.0.0.1:5353`, `[::1]:53`. */
const DnsServer = z
  .string()
  .regex(/^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])(:\d{1,5})?$/i, { error: 'Expected an IP address with an optional port, e.g. 127.0.0.1:53' });

/**
 * Test-only: lets lookups reach local servers on loopback (a test DNS server, an HTTPS server with a
 * test CA, an SMTP server). Refused when NODE_ENV=production.
 */
const NetTestingSchema = z
  .object({
    /** Address ranges the outbound guard lets through although they are private (CIDR). */
    allowAddresses: z.array(z.string().min(1)).min(1),
    /** Port used instead of 443 for WKD and MTA-STS fetches. */
    httpsPort: z.number().int().min(1).max(65535).optional(),
    /** Port used instead of 25 for STARTTLS probes. */
    smtpPort: z.number().int().min(1).max(65535).optional(),
    /** Extra trusted CA certificates (PEM) for HTTPS and SMTP TLS. */
    caPem: z.string().min(1).optional(),
  })
  .strict();

/** Recipient lookups: what the service may ask the internet about a recipient, and how long it waits. */
const LookupSchema = z
  .object({
    /** Most recipients per lookup call. */
    maxRecipients: z.number().int().min(1).max(500).default(100),
    /** The whole call answers within this; slower capabilities come back `unknown`. */
    deadlineMs: z.number().int().min(100).max(30_000).default(1500),
    /** DNS servers to ask; the system's when empty. DANE needs one that validates DNSSEC (AD bit). */
    dnsServers: z.array(DnsServer).default([]),
    /** Trust the resolver's AD bit for DANE: only for a validating resolver on a trusted path (e.g. loopback). */
    trustDnssec: z.boolean().default(false),
    /** Connect to port 25 to see whether MX hosts offer STARTTLS; many clouds block outbound 25. */
    starttlsProbe: z.boolean().default(true),
    /** Largest HTTPS response read (WKD keys, MTA-STS policies). */
    maxResponseBytes: z.number().int().min(1024).max(1024 * 1024).default(64 * 1024),
    /** Domains of free mail providers, for the "partner name on a free-mail address" warning; defaults when absent. */
    freeMailDomains: z.array(Domain).optional(),
    testing: NetTestingSchema.optional(),
  })
  .strict();

/** The secure message portal: where recipients pick messages up, and how passcodes reach them. */
const PortalConfigSchema = z
  .object({
    /** The address recipients open (`https://secure.clinic.example.org`); the service's own URL when absent. */
    publicUrl: HttpsUrl.optional(),
    /** Largest message (body and attachments together, before encryption). */
    maxMessageBytes: z
      .number()
      .int()
      .min(1024)
      .max(25 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    /** Content is deleted this long after a message expired or was recalled. */
    retentionGraceDays: z.number().int().min(0).max(365).default(7),
    passcodeMinutes: z.number().int().min(1).max(30).default(10),
    /** After 5 wrong passcodes the link locks for this long. */
    lockMinutes: z.number().int().min(1).max(1440).default(15),
    /** A recipient's session ends after this long without a request. */
    sessionIdleMinutes: z.number().int().min(1).max(120).default(10),
    /** SMTP relay for passcodes and reply notices (`smtp://…` or `smtps://…`, secret). Dev mode without one prints mails to the console. */
    smtpUrl: z.url({ protocol: /^smtps?$/, error: 'Expected an smtp:// or smtps:// URL' }).optional(),
    /** The From address of passcode and notice mails. */
    mailFrom: z.string().regex(/^[^\s@]+@[^\s@]+$/, { error: 'Expected an email address' }).default('no-reply@phiguard.invalid'),
  })
  .strict();

/** Attachments the scan endpoint and portal uploads read (the CLI takes `scan --heic` instead). */
const AttachmentsConfigSchema = z
  .object({
    /**
     * Read HEIC photos (iPhone pictures of an insurance card): off by default, because the decoder is
     * LGPL-3.0 (libheif, libde265) and HEVC is patent-encumbered. Off, they are uninspectable and the
     * policy's fail mode decides.
     */
    heic: z.boolean().default(false),
  })
  .strict();

/** Google's OpenID Connect issuer, for the admin console's sign-in. */
export const GOOGLE_ISSUER = 'https://accounts.google.com';
/** A tenant's Microsoft identity platform v2.0 issuer; the first group is the tenant id. */
const MICROSOFT_TENANT_ISSUER = /^https:\/\/[^/]+\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/v2\.0$/i;

/** The console's OpenID Connect client: a web app registration and its secret, inline (never printed) or in a file. */
const OidcClientFields = {
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
  clientSecretFile: z.string().min(1).optional(),
};
const hasOneSecret = (client: { clientSecret?: string; clientSecretFile?: string }) =>
  (client.clientSecret === undefined) !== (client.clientSecretFile === undefined);
const ONE_SECRET = { error: 'Expected one of clientSecret and clientSecretFile', path: ['clientSecret'] };

/** Sign-in to the admin console with Microsoft or Google; a provider without settings is not offered. */
const AdminOidcSchema = z
  .object({
    /** The issuer defaults to that of the one tenant in auth.microsoft.tenants. */
    microsoft: z
      .object({ issuer: z.url({ protocol: /^https$/, error: 'Expected an https URL' }).optional(), ...OidcClientFields })
      .strict()
      .refine(hasOneSecret, ONE_SECRET)
      .optional(),
    google: z
      .object({ issuer: z.url({ protocol: /^https$/, error: 'Expected an https URL' }).default(GOOGLE_ISSUER), ...OidcClientFields })
      .strict()
      .refine(hasOneSecret, ONE_SECRET)
      .optional(),
  })
  .strict();

/**
 * Console sign-in with Microsoft: its issuer (by default the one tenant's of auth.microsoft) and
 * the tenants whose users may sign in (auth.microsoft.tenants, else the issuer's own tenant).
 * Undefined when the configuration does not tell.
 */
export function microsoftSignIn(
  auth: { microsoft?: { tenants: string[] } | undefined },
  signIn: { issuer?: string | undefined },
): { issuer: string; tenants: string[] } | undefined {
  const own = signIn.issuer === undefined ? undefined : MICROSOFT_TENANT_ISSUER.exec(signIn.issuer)?.[1]?.toLowerCase();
  const tenants = auth.microsoft?.tenants ?? (own === undefined ? [] : [own]);
  const issuer = signIn.issuer ?? (tenants.length === 1 ? `https://login.microsoftonline.com/${tenants[0]}/v2.0` : undefined);
  return issuer === undefined || tenants.length === 0 ? undefined : { issuer, tenants };
}

/** The admin console: how long its sign-in sessions last, and the break-glass accounts' lockout. */
const AdminConfigSchema = z
  .object({
    /** A console session ends after this long without a request. */
    sessionIdleMinutes: z.number().int().min(1).max(240).default(15),
    /** However active, a console session ends this long after sign-in. */
    sessionMaxHours: z.number().int().min(1).max(24).default(8),
    /** Consecutive wrong sign-ins that lock a break-glass account. */
    maxFailedSignIns: z.number().int().min(1).max(100).default(5),
    /** How long a locked break-glass account refuses every sign-in (`phi-guard admin unlock` ends it sooner). */
    lockMinutes: z.number().int().min(1).max(1440).default(15),
    /** Mark the session cookie Secure even when the request arrived over plain HTTP (TLS ended at a proxy that does not say so). */
    secureCookie: z.boolean().default(false),
    oidc: AdminOidcSchema.prefault({}),
  })
  .strict();

export const AuthConfigSchema = z
  .object({
    microsoft: MicrosoftSchema.optional(),
    google: GoogleSchema.optional(),
    roles: RolesSchema.prefault({}),
  })
  .strict();

export const ConfigSchema = z
  .object({
    port: z.number().int().min(0).max(65535).default(8080),
    /** 127.0.0.1 by default; 0.0.0.0 in a container. */
    host: z.string().min(1).default('127.0.0.1'),
    /** Embedded SQLite database, dev signing key. Relative paths are resolved against the working directory. */
    dataDir: z
      .string()
      .min(1)
      .default(DEFAULT_DATA_DIR)
      .transform((dir) => resolve(dir)),
    /** The built Outlook add-in the service serves (`npm run build` writes it). Relative to the working directory. */
    outlookAddinDir: z
      .string()
      .min(1)
      .default(DEFAULT_OUTLOOK_ADDIN_DIR)
      .transform((dir) => resolve(dir)),
    /** The built admin console the service serves at /admin (`npm run build` writes it). Relative to the working directory. */
    adminConsoleDir: z
      .string()
      .min(1)
      .default(DEFAULT_ADMIN_CONSOLE_DIR)
      .transform((dir) => resolve(dir)),
    /** Serve HTTPS with this certificate chain and key (PEM files): Office loads add-ins only over HTTPS. */
    tls: z.object({ certFile: z.string().min(1), keyFile: z.string().min(1) }).strict().optional(),
    /** Dev only (`--https`): serve HTTPS on a generated certificate for localhost, kept in the data folder. */
    devHttps: z.boolean().default(false),
    /** PostgreSQL instead of the embedded SQLite file, for several replicas. Secret: never printed. */
    databaseUrl: z.url({ protocol: /^postgres(ql)?$/, error: 'Expected a postgres:// or postgresql:// URL' }).optional(),
    /** Shared rate-limit counters across replicas. Secret: never printed. */
    redisUrl: z.url({ protocol: /^rediss?$/, error: 'Expected a redis:// or rediss:// URL' }).optional(),
    /** Dev mode: accepts tokens from `phi-guard dev-token`. Never in production. */
    dev: z.boolean().default(false),
    /** Origins of the add-in web pages allowed to call the service from a browser. */
    corsOrigins: z.array(Origin).default([]),
    /** Reverse proxies in front of the service, so rate limits see the client address. */
    trustProxy: z.number().int().min(0).max(10).default(0),
    bodyLimitBytes: z
      .number()
      .int()
      .min(1024)
      .max(10 * 1024 * 1024)
      .default(100 * 1024),
    rateLimit: z
      .object({
        /** Requests per client address per window. */
        limit: z.number().int().min(1).default(300),
        windowSeconds: z.number().int().min(1).max(86_400).default(60),
      })
      .strict()
      .prefault({}),
    /** How long a shutdown waits for in-flight requests before closing their connections. */
    shutdownTimeoutSeconds: z.number().min(0).max(120).default(10),
    logLevel: z.enum(LOG_LEVELS).default('info'),
    auth: AuthConfigSchema.prefault({}),
    /** The organisation's policy (JSON, see shared/policy.example.json); the built-in default when absent. */
    policyFile: z.string().min(1).optional(),
    lookup: LookupSchema.prefault({}),
    portal: PortalConfigSchema.prefault({}),
    admin: AdminConfigSchema.prefault({}),
    attachments: AttachmentsConfigSchema.prefault({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    const signIn = config.admin.oidc.microsoft;
    if (signIn !== undefined && microsoftSignIn(config.auth, signIn) === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['admin', 'oidc', 'microsoft', 'issuer'],
        message: 'Expected https://login.microsoftonline.com/<tenant id>/v2.0, or exactly one tenant in auth.microsoft.tenants',
      });
    }
  });

export type Config = z.output<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
export type AuthConfig = Config['auth'];

type EnvKind = 'string' | 'int' | 'number' | 'bool' | 'list';

/** Every environment variable the service reads, and the setting it fills. */
export const ENV_SETTINGS: ReadonlyArray<{ name: string; path: readonly string[]; kind: EnvKind }> = [
  { name: 'PHIGUARD_PORT', path: ['port'], kind: 'int' },
  { name: 'PHIGUARD_HOST', path: ['host'], kind: 'string' },
  { name: 'PHIGUARD_DATA_DIR', path: ['dataDir'], kind: 'string' },
  { name: 'PHIGUARD_OUTLOOK_ADDIN_DIR', path: ['outlookAddinDir'], kind: 'string' },
  { name: 'PHIGUARD_ADMIN_CONSOLE_DIR', path: ['adminConsoleDir'], kind: 'string' },
  { name: 'DATABASE_URL', path: ['databaseUrl'], kind: 'string' },
  { name: 'REDIS_URL', path: ['redisUrl'], kind: 'string' },
  { name: 'PHIGUARD_DEV', path: ['dev'], kind: 'bool' },
  { name: 'PHIGUARD_TLS_CERT_FILE', path: ['tls', 'certFile'], kind: 'string' },
  { name: 'PHIGUARD_TLS_KEY_FILE', path: ['tls', 'keyFile'], kind: 'string' },
  { name: 'PHIGUARD_CORS_ORIGINS', path: ['corsOrigins'], kind: 'list' },
  { name: 'PHIGUARD_TRUST_PROXY', path: ['trustProxy'], kind: 'int' },
  { name: 'PHIGUARD_BODY_LIMIT_BYTES', path: ['bodyLimitBytes'], kind: 'int' },
  { name: 'PHIGUARD_RATE_LIMIT', path: ['rateLimit', 'limit'], kind: 'int' },
  { name: 'PHIGUARD_RATE_LIMIT_WINDOW_SECONDS', path: ['rateLimit', 'windowSeconds'], kind: 'int' },
  { name: 'PHIGUARD_SHUTDOWN_TIMEOUT_SECONDS', path: ['shutdownTimeoutSeconds'], kind: 'number' },
  { name: 'PHIGUARD_LOG_LEVEL', path: ['logLevel'], kind: 'string' },
  { name: 'PHIGUARD_MS_AUDIENCES', path: ['auth', 'microsoft', 'audiences'], kind: 'list' },
  { name: 'PHIGUARD_MS_TENANTS', path: ['auth', 'microsoft', 'tenants'], kind: 'list' },
  { name: 'PHIGUARD_MS_ADDIN_CLIENT_ID', path: ['auth', 'microsoft', 'addinClientId'], kind: 'string' },
  { name: 'PHIGUARD_MS_JWKS_URL', path: ['auth', 'microsoft', 'jwksUrl'], kind: 'string' },
  { name: 'PHIGUARD_MS_SCOPE', path: ['auth', 'microsoft', 'scope'], kind: 'string' },
  { name: 'PHIGUARD_GOOGLE_CLIENT_IDS', path: ['auth', 'google', 'clientIds'], kind: 'list' },
  { name: 'PHIGUARD_GOOGLE_HOSTED_DOMAINS', path: ['auth', 'google', 'hostedDomains'], kind: 'list' },
  { name: 'PHIGUARD_GOOGLE_JWKS_URL', path: ['auth', 'google', 'jwksUrl'], kind: 'string' },
  { name: 'PHIGUARD_POLICY_FILE', path: ['policyFile'], kind: 'string' },
  { name: 'PHIGUARD_DNS_SERVERS', path: ['lookup', 'dnsServers'], kind: 'list' },
  { name: 'PHIGUARD_STARTTLS_PROBE', path: ['lookup', 'starttlsProbe'], kind: 'bool' },
  { name: 'PHIGUARD_PUBLIC_URL', path: ['portal', 'publicUrl'], kind: 'string' },
  { name: 'PHIGUARD_SMTP_URL', path: ['portal', 'smtpUrl'], kind: 'string' },
  { name: 'PHIGUARD_MAIL_FROM', path: ['portal', 'mailFrom'], kind: 'string' },
  { name: 'PHIGUARD_ATTACHMENTS_HEIC', path: ['attachments', 'heic'], kind: 'bool' },
  { name: 'PHIGUARD_ADMINS', path: ['auth', 'roles', 'admin'], kind: 'list' },
  { name: 'PHIGUARD_AUDITORS', path: ['auth', 'roles', 'auditor'], kind: 'list' },
  { name: 'PHIGUARD_ADMIN_SESSION_IDLE_MINUTES', path: ['admin', 'sessionIdleMinutes'], kind: 'int' },
  { name: 'PHIGUARD_ADMIN_SESSION_MAX_HOURS', path: ['admin', 'sessionMaxHours'], kind: 'int' },
  { name: 'PHIGUARD_ADMIN_MAX_FAILED_SIGN_INS', path: ['admin', 'maxFailedSignIns'], kind: 'int' },
  { name: 'PHIGUARD_ADMIN_LOCK_MINUTES', path: ['admin', 'lockMinutes'], kind: 'int' },
  { name: 'PHIGUARD_ADMIN_SECURE_COOKIE', path: ['admin', 'secureCookie'], kind: 'bool' },
  { name: 'PHIGUARD_ADMIN_MS_ISSUER', path: ['admin', 'oidc', 'microsoft', 'issuer'], kind: 'string' },
  { name: 'PHIGUARD_ADMIN_MS_CLIENT_ID', path: ['admin', 'oidc', 'microsoft', 'clientId'], kind: 'string' },
  { name: 'PHIGUARD_ADMIN_MS_CLIENT_SECRET', path: ['admin', 'oidc', 'microsoft', 'clientSecret'], kind: 'string' },
  { name: 'PHIGUARD_ADMIN_MS_CLIENT_SECRET_FILE', path: ['admin', 'oidc', 'microsoft', 'clientSecretFile'], kind: 'string' },
  { name: 'PHIGUARD_ADMIN_GOOGLE_CLIENT_ID', path: ['admin', 'oidc', 'google', 'clientId'], kind: 'string' },
  { name: 'PHIGUARD_ADMIN_GOOGLE_CLIENT_SECRET', path: ['admin', 'oidc', 'google', 'clientSecret'], kind: 'string' },
  { name: 'PHIGUARD_ADMIN_GOOGLE_CLIENT_SECRET_FILE', path: ['admin', 'oidc', 'google', 'clientSecretFile'], kind: 'string' },
];

/** Command-line flags of `phi-guard serve`; they win over the environment, which wins over the file. */
export interface ConfigFlags {
  port?: number;
  https?: boolean;
  dataDir?: string;
  dev?: boolean;
  configFile?: string;
}

export interface ConfigSources {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  flags?: ConfigFlags;
  readText?: (path: string) => Promise<string>;
}

/** Each problem names the setting and where it came from, never its value (some are secrets). */
export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Defaults ← JSON config file (`--config` or PHIGUARD_CONFIG) ← environment ← flags, validated. */
export async function loadConfig(sources: ConfigSources): Promise<ConfigResult> {
  const { env, cwd, flags = {} } = sources;
  const input: Record<string, unknown> = {};
  const origins = new Map<string, string>();

  const file = flags.configFile ?? emptyToUndefined(env.PHIGUARD_CONFIG);
  if (file !== undefined) {
    const label = flags.configFile !== undefined ? `--config ${file}` : `PHIGUARD_CONFIG ${file}`;
    const loaded = await readConfigFile(resolve(cwd, file), sources.readText ?? ((path) => readFile(path, 'utf8')));
    if (!loaded.ok) return { ok: false, problems: [`${label}: ${loaded.problem}`] };
    Object.assign(input, loaded.value);
    for (const key of Object.keys(loaded.value)) origins.set(key, `in ${file}`);
  }

  for (const setting of ENV_SETTINGS) {
    const raw = emptyToUndefined(env[setting.name]);
    if (raw === undefined) continue;
    setPath(input, setting.path, fromEnv(raw, setting.kind));
    origins.set(setting.path.join('.'), `from ${setting.name}`);
  }

  const flagSettings: Array<[keyof ConfigFlags, string, string]> = [
    ['port', 'port', '--port'],
    ['dataDir', 'dataDir', '--data'],
    ['dev', 'dev', '--dev'],
    ['https', 'devHttps', '--https'],
  ];
  for (const [flag, path, name] of flagSettings) {
    if (flags[flag] === undefined) continue;
    input[path] = flags[flag];
    origins.set(path, `from ${name}`);
  }

  // Relative data folders are relative to the working directory given, not this process's.
  input.dataDir ??= DEFAULT_DATA_DIR;
  input.outlookAddinDir ??= DEFAULT_OUTLOOK_ADDIN_DIR;
  input.adminConsoleDir ??= DEFAULT_ADMIN_CONSOLE_DIR;
  for (const key of ['dataDir', 'outlookAddinDir', 'adminConsoleDir'] as const) {
    const dir = input[key];
    if (typeof dir === 'string' && !isAbsolute(dir)) input[key] = resolve(cwd, dir);
  }

  const result = ConfigSchema.safeParse(input);
  if (!result.success) {
    return { ok: false, problems: result.error.issues.map((issue) => describeIssue(issue, origins)) };
  }
  if (result.data.devHttps && !result.data.dev) {
    return { ok: false, problems: ['devHttps (--https): the generated development certificate is for dev mode only; give tls.certFile and tls.keyFile'] };
  }
  if (result.data.lookup.testing && env.NODE_ENV === 'production') {
    return { ok: false, problems: ['lookup.testing: test-only network settings are refused when NODE_ENV=production'] };
  }
  if (result.data.dev && env.NODE_ENV === 'production') {
    const from = origins.get('dev');
    return { ok: false, problems: [`dev${from === undefined ? '' : ` ${from}`}: dev mode is refused when NODE_ENV=production`] };
  }
  return { ok: true, config: result.data };
}

/** A valid configuration from plain values, for tests and in-process use. */
export function configFrom(input: ConfigInput = {}): Config {
  return ConfigSchema.parse(input);
}

/** A PostgreSQL URL without its credentials, safe to print. */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

async function readConfigFile(
  path: string,
  readText: (path: string) => Promise<string>,
): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; problem: string }> {
  let text: string;
  try {
    text = await readText(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, problem: code === 'ENOENT' ? 'file not found' : `the file could not be read (${code ?? 'error'})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text, which may hold secrets.
    return { ok: false, problem: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'expected a JSON object' };
  return { ok: true, value: value as Record<string, unknown> };
}

function fromEnv(raw: string, kind: EnvKind): unknown {
  switch (kind) {
    case 'string':
      return raw;
    case 'list':
      return raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    case 'int':
      return /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    case 'number':
      return raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    case 'bool': {
      const word = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(word)) return true;
      if (['0', 'false', 'no', 'off'].includes(word)) return false;
      return raw;
    }
  }
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = (node[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...next } : {}) as Record<
      string,
      unknown
    >;
  }
  node[path[path.length - 1]!] = value;
}

/** `auth.microsoft.tenants[0] from PHIGUARD_MS_TENANTS: Expected a tenant id (GUID) (invalid_format)`. */
function describeIssue(issue: z.core.$ZodIssue, origins: ReadonlyMap<string, string>): string {
  const path = issue.path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`),
    '',
  );
  const keys = issue.path.filter((key): key is string => typeof key === 'string');
  let origin: string | undefined;
  for (let n = keys.length; n > 0 && origin === undefined; n--) origin = origins.get(keys.slice(0, n).join('.'));
  const hint =
    origin === undefined
      ? ENV_SETTINGS.find((s) => s.path.join('.') === keys.join('.'))?.name
      : undefined;
  const where = origin !== undefined ? ` ${origin}` : hint !== undefined ? ` (set ${hint})` : '';
  // Only our own messages and zod's generic ones are used: neither quotes the value.
  const message = issue.code === 'unrecognized_keys' ? `unknown setting ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
  return `${path === '' ? 'config' : path}${where}: ${message} (${issue.code})`;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
