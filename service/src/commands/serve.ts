import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_POLICY } from '@phiguard/core';
import { DEFAULT_DATA_DIR, describeDatabaseUrl, loadConfig, type Config, type ConfigFlags } from '../config.js';
import { createLogger } from '../http/logger.js';
import { RedisUnavailableError } from '../http/redis.js';
import { closeOnSignals, startServer } from '../server.js';
import { StoreError } from '../store/store.js';
import { DEV_CA_FILE, DEV_TLS_DIR } from '../tls/dev-certificate.js';
import { EXIT, UsageError, internalError, write, type Command } from './command.js';
import { formatPolicyProblems, loadPolicyFile } from './policy.js';

const USAGE = `Usage:
  phi-guard serve [--port N] [--data DIR] [--dev] [--https] [--config FILE]

Runs the PHI Guard service. With no configuration it keeps its data in an
embedded SQLite database in ./.data and listens on http://127.0.0.1:8080.

Options:
  --port N        port to listen on, 0 for any free one (PHIGUARD_PORT; default 8080)
  --data DIR      data folder: SQLite database, dev signing key (PHIGUARD_DATA_DIR; default ./.data)
  --dev           dev mode: also accept tokens from 'phi-guard dev-token' (PHIGUARD_DEV=1).
                  Never in production: it is refused when NODE_ENV=production.
  --https         with --dev: serve HTTPS on a generated localhost certificate (Office loads
                  add-ins only over HTTPS); trust the printed CA file once on this machine.
                  In production give PHIGUARD_TLS_CERT_FILE and PHIGUARD_TLS_KEY_FILE instead.
  --config FILE   JSON configuration file (PHIGUARD_CONFIG); the environment overrides it,
                  and these options override both

Other settings come from the environment: DATABASE_URL (PostgreSQL instead of SQLite),
REDIS_URL (rate limits shared by replicas), PHIGUARD_HOST, PHIGUARD_CORS_ORIGINS,
PHIGUARD_MS_AUDIENCES, PHIGUARD_MS_TENANTS, PHIGUARD_GOOGLE_CLIENT_IDS,
PHIGUARD_GOOGLE_HOSTED_DOMAINS, PHIGUARD_ADMINS, PHIGUARD_AUDITORS, PHIGUARD_POLICY_FILE
(the organisation's policy; the built-in default otherwise), ... (README, "Service").

Logs are JSON lines on stdout. SIGTERM or Ctrl-C stops it gracefully: requests in flight
finish, then the database is closed.

Exit status: 0 after a clean shutdown, 1 when the configuration is invalid or the
service cannot start, 2 for a bad command line.
`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the PHI Guard service (embedded SQLite in ./.data unless configured)',
  usage: USAGE,
  async run(args, io) {
    const loaded = await loadConfig({ env: process.env, cwd: process.cwd(), flags: parseServeArgs(args) });
    if (!loaded.ok) {
      await write(io.stderr, `phi-guard serve: invalid configuration\n${loaded.problems.map((p) => `  ${p}\n`).join('')}`);
      return EXIT.failed;
    }
    const { config } = loaded;
    let policy = DEFAULT_POLICY;
    if (config.policyFile !== undefined) {
      const file = resolve(config.policyFile);
      const result = await loadPolicyFile(file);
      if (!result.ok) {
        await write(io.stderr, `phi-guard serve: invalid policy\n${formatPolicyProblems(file, result).replace(/^/gm, '  ').trimEnd()}\n`);
        return EXIT.failed;
      }
      policy = result.policy;
    }
    const logger = createLogger(config.logLevel, io.stdout);
    let server;
    try {
      server = await startServer(config, { logger, policy });
    } catch (error) {
      await write(io.stderr, `phi-guard serve: could not start: ${startFailure(error, config)}\n`);
      return EXIT.failed;
    }
    await write(io.stdout, banner(server.url, server.issuers, config));
    await closeOnSignals(server, logger);
    return EXIT.ok;
  },
};

function parseServeArgs(args: readonly string[]): ConfigFlags {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        dev: { type: 'boolean' },
        https: { type: 'boolean' },
        config: { type: 'string' },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { port, data, dev, https, config } = parsed.values;
  if (port !== undefined && !/^\d{1,5}$/.test(port)) throw new UsageError('--port takes a number from 0 to 65535');
  return {
    ...(port === undefined ? {} : { port: Number(port) }),
    ...(data === undefined ? {} : { dataDir: data }),
    ...(dev === undefined ? {} : { dev }),
    ...(https === undefined ? {} : { https }),
    ...(config === undefined ? {} : { configFile: config }),
  };
}

function banner(url: string, issuers: readonly string[], config: Config): string {
  const store = config.databaseUrl === undefined ? `SQLite in ${config.dataDir}` : `PostgreSQL at ${describeDatabaseUrl(config.databaseUrl)}`;
  const lines = [
    `PHI Guard service listening on ${url}`,
    `  store: ${store}${config.redisUrl === undefined ? '' : '; rate limits in Redis'}`,
    `  tokens accepted from: ${issuers.length === 0 ? 'no issuer configured (every signed-in route answers 401)' : issuers.join(', ')}`,
  ];
  if (config.devHttps) {
    lines.push(`  HTTPS on a development certificate: trust ${join(config.dataDir, DEV_TLS_DIR, DEV_CA_FILE)} once (see README, "Outlook add-in")`);
  }
  if (config.dev) {
    // dev-token finds the key by itself when run from here with the same PHIGUARD_DATA_DIR.
    const sameDataDir = config.dataDir === resolve(process.env.PHIGUARD_DATA_DIR?.trim() || DEFAULT_DATA_DIR);
    lines.push(
      '  DEV MODE: tokens from the local dev key are accepted. Never expose this service.',
      `  try: curl -H "Authorization: Bearer $(npx phi-guard dev-token${sameDataDir ? '' : ` --data ${config.dataDir}`} --sub alice)" ${url}/v1/me`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Why the service did not start, without configuration values (some are secrets). */
function startFailure(error: unknown, config: Config): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return `port ${config.port} is in use on ${config.host} (set --port or PHIGUARD_PORT)`;
  if (code === 'EACCES' || code === 'EPERM') return `not allowed to listen on ${config.host}:${config.port} or to write ${config.dataDir}`;
  if (code === 'EADDRNOTAVAIL') return `${config.host} is not an address of this machine (PHIGUARD_HOST)`;
  if (error instanceof StoreError) return `${error.message} (${error.code})`;
  if (error instanceof RedisUnavailableError) return error.message;
  // Network errors, and PostgreSQL's SQLSTATE codes (28P01 bad password, 3D000 no such database).
  if (typeof code === 'string' && config.databaseUrl !== undefined && /^(E[A-Z]+|[0-9A-Z]{5})$/.test(code)) {
    return `PostgreSQL (DATABASE_URL) did not accept the connection (${code})`;
  }
  return internalError(error);
}
