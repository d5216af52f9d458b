import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MICROSOFT_JWKS_URL, configFrom, describeDatabaseUrl, loadConfig, type ConfigSources } from './config.js';

const CWD = '/srv/phi-guard';
const TENANT = '7f3c2a10-5b1e-4c8d-9a6f-2e4b8d1c0a93';

async function load(env: Record<string, string>, extra: Partial<ConfigSources> = {}) {
  return loadConfig({ env, cwd: CWD, ...extra });
}

async function problems(env: Record<string, string>, extra: Partial<ConfigSources> = {}): Promise<string[]> {
  const result = await load(env, extra);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.problems;
}

describe('configuration', () => {
  it('needs nothing: SQLite in ./.data, 127.0.0.1:8080, no dev mode, no CORS origins, no issuers', async () => {
    const result = await load({});
    expect(result).toEqual({ ok: true, config: expect.objectContaining({ port: 8080, host: '127.0.0.1', dataDir: '/srv/phi-guard/.data', dev: false, corsOrigins: [] }) });
    if (!result.ok) return;
    expect(result.config.databaseUrl).toBeUndefined();
    expect(result.config.auth).toEqual({ roles: { admin: [], auditor: [] } });
  });

  it('reads the environment: numbers, flags, comma-separated lists and nested auth settings', async () => {
    const result = await load({
      PHIGUARD_PORT: '9000',
      PHIGUARD_DEV: 'yes',
      PHIGUARD_DATA_DIR: 'var/data',
      PHIGUARD_CORS_ORIGINS: 'https://addin.example.org, https://localhost:3000',
      PHIGUARD_MS_AUDIENCES: 'api://phiguard',
      PHIGUARD_MS_TENANTS: TENANT.toUpperCase(),
      PHIGUARD_ADMINS: 'Alice@Clinic.example.org,group:phi-admins',
      PHIGUARD_RATE_LIMIT: '50',
      DATABASE_URL: 'postgres://svc:pw@db:5432/phiguard',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      port: 9000,
      dev: true,
      dataDir: '/srv/phi-guard/var/data',
      corsOrigins: ['https://addin.example.org', 'https://localhost:3000'],
      rateLimit: { limit: 50, windowSeconds: 60 },
      databaseUrl: 'postgres://svc:pw@db:5432/phiguard',
      auth: {
        microsoft: { audiences: ['api://phiguard'], tenants: [TENANT], jwksUrl: MICROSOFT_JWKS_URL, scope: 'access_as_user' },
        roles: { admin: ['alice@clinic.example.org', 'group:phi-admins'], auditor: [] },
      },
    });
  });

  it('layers defaults ← config file ← environment ← flags', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'phi-guard-config-'));
    const file = join(dir, 'phi-guard.json');
    await writeFile(file, JSON.stringify({ port: 7000, host: '0.0.0.0', logLevel: 'warn', auth: { google: { clientIds: ['c'], hostedDomains: ['Clinic.Example.org'] } } }));
    const result = await load({ PHIGUARD_CONFIG: file, PHIGUARD_PORT: '7100', PHIGUARD_GOOGLE_CLIENT_IDS: 'd,e' }, { flags: { port: 7200, dev: true } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      port: 7200,
      host: '0.0.0.0',
      logLevel: 'warn',
      dev: true,
      auth: { google: { clientIds: ['d', 'e'], hostedDomains: ['clinic.example.org'] } },
    });
  });

  it.each([
    ['a port out of range', { PHIGUARD_PORT: '70000' }, /^port from PHIGUARD_PORT: .*too_big/],
    ['a port that is not a number', { PHIGUARD_PORT: 'eighty' }, /^port from PHIGUARD_PORT: .*invalid_type/],
    ['a flag that is not a boolean', { PHIGUARD_DEV: 'maybe' }, /^dev from PHIGUARD_DEV: .*invalid_type/],
    ['a CORS origin with a path', { PHIGUARD_CORS_ORIGINS: 'https://ok.example.org,https://addin.example.org/taskpane' }, /^corsOrigins\[1\] from PHIGUARD_CORS_ORIGINS: Expected an origin/],
    ['a tenant that is not a GUID', { PHIGUARD_MS_TENANTS: 'contoso', PHIGUARD_MS_AUDIENCES: 'api://x' }, /^auth\.microsoft\.tenants\[0\] from PHIGUARD_MS_TENANTS: Expected a tenant id/],
    ['half of the Microsoft settings', { PHIGUARD_MS_TENANTS: TENANT }, /^auth\.microsoft\.audiences \(set PHIGUARD_MS_AUDIENCES\): /],
    ['a role member that is neither email nor group', { PHIGUARD_AUDITORS: 'ron' }, /^auth\.roles\.auditor\[0\] from PHIGUARD_AUDITORS: Expected an email address or group:NAME/],
    ['an unknown log level', { PHIGUARD_LOG_LEVEL: 'verbose' }, /^logLevel from PHIGUARD_LOG_LEVEL: /],
    ['a HEIC switch that is neither on nor off', { PHIGUARD_ATTACHMENTS_HEIC: 'sometimes' }, /^attachments\.heic from PHIGUARD_ATTACHMENTS_HEIC: .*invalid_type/],
  ])('names the setting and its source for %s', async (_title, env, pattern) => {
    const found = await problems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(pattern);
  });

  it('never echoes a secret it refuses', async () => {
    const secret = 'hunter2-Sup3rS3cret';
    const found = await problems({ DATABASE_URL: `mysql://svc:${secret}@db/phiguard`, REDIS_URL: `http://:${secret}@cache:6379` });
    expect(found).toEqual([
      'databaseUrl from DATABASE_URL: Expected a postgres:// or postgresql:// URL (invalid_format)',
      'redisUrl from REDIS_URL: Expected a redis:// or rediss:// URL (invalid_format)',
    ]);
    expect(found.join('\n')).not.toContain(secret);
  });

  it('refuses dev mode when NODE_ENV=production', async () => {
    expect(await problems({ NODE_ENV: 'production' }, { flags: { dev: true } })).toEqual([
      'dev from --dev: dev mode is refused when NODE_ENV=production',
    ]);
  });

  it('reports an unreadable, malformed or unknown-keyed config file without quoting it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'phi-guard-config-'));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"databaseUrl": "postgres://u:secret@h/db",');
    expect(await problems({}, { flags: { configFile: bad } })).toEqual([`--config ${bad}: not valid JSON`]);
    expect(await problems({ PHIGUARD_CONFIG: join(dir, 'missing.json') })).toEqual([`PHIGUARD_CONFIG ${join(dir, 'missing.json')}: file not found`]);
    const unknown = join(dir, 'unknown.json');
    await writeFile(unknown, JSON.stringify({ prot: 1 }));
    expect(await problems({ PHIGUARD_CONFIG: unknown })).toEqual(['config: unknown setting "prot" (unrecognized_keys)']);
  });

  it('prints a database URL without its credentials', () => {
    expect(describeDatabaseUrl('postgres://svc:pw@db.internal:5432/phiguard')).toBe('postgres://db.internal:5432/phiguard');
  });

  it('reads HEIC photos only when switched on (an LGPL decoder of patent-encumbered HEVC), by file or PHIGUARD_ATTACHMENTS_HEIC', async () => {
    expect(configFrom().attachments).toEqual({ heic: false });
    const byEnv = await load({ PHIGUARD_ATTACHMENTS_HEIC: 'on' });
    expect(byEnv.ok && byEnv.config.attachments).toEqual({ heic: true });
    const dir = await mkdtemp(join(tmpdir(), 'phi-guard-config-'));
    const file = join(dir, 'phi-guard.json');
    await writeFile(file, JSON.stringify({ attachments: { heic: true } }));
    const byFile = await load({ PHIGUARD_CONFIG: file, PHIGUARD_ATTACHMENTS_HEIC: 'off' });
    expect(byFile.ok && byFile.config.attachments).toEqual({ heic: false });
  });

  it('configFrom gives the defaults for in-process use', () => {
    expect(configFrom({ dev: true })).toMatchObject({ dev: true, bodyLimitBytes: 102_400, rateLimit: { limit: 300, windowSeconds: 60 } });
  });
});
