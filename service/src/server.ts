import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { JWTVerifyGetKey } from 'jose';
import { createApp } from './app.js';
import { createExtractor } from './attachments/extractor.js';
import { createDevAdmin } from './admin/dev-admin.js';
import { loadOrCreateSecretBox } from './admin/secret-box.js';
import { createAdmin } from './admin/services.js';
import { AuditLog } from './audit/audit-log.js';
import { loadOrCreateAuditKey } from './audit/keys.js';
import { createVerifierFromConfig } from './auth/from-config.js';
import type { TokenVerifier } from './auth/token-verifier.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './http/clock.js';
import { createLogger, type Logger } from './http/logger.js';
import { createRedisRateLimitStore, type RateLimitStore } from './http/rate-limit.js';
import { connectRedis, type RedisClient } from './http/redis.js';
import { describeError } from './http/request-log.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import type { Policy } from '@phiguard/core';
import { createRegistries } from './registries.js';
import { loadOrCreatePortalKeyring } from './portal/keyring.js';
import { createPortal, type Portal } from './portal/services.js';
import { createPolicySource, policySeed } from './policy-store/policy-source.js';
import { createPolicyStore } from './policy-store/policy-store.js';
import { loadOrCreateDevCertificate } from './tls/dev-certificate.js';

export interface RunningServer {
  /** `http://host:port`, with the port actually bound (`--port 0` picks a free one). */
  readonly url: string;
  /** The issuers whose tokens are accepted. */
  readonly issuers: ReadonlyArray<'microsoft' | 'google' | 'dev'>;
  /**
   * Graceful shutdown, once: /readyz fails, no new connections, in-flight requests finish (their
   * connections are cut after `shutdownTimeoutSeconds`), the audit log writes what it has
   * queued, then Redis and the store close.
   */
  close(): Promise<void>;
}

/** Replacements for tests: a captured logger, a fixed clock, local key sets, a prepared store. */
export interface ServerOverrides {
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly openStore?: (config: Config) => Promise<Store>;
  readonly keySets?: { microsoft?: JWTVerifyGetKey; google?: JWTVerifyGetKey };
  readonly verifier?: TokenVerifier;
  /** The organisation's policy (`phi-guard serve` reads policyFile); DEFAULT_POLICY when absent. */
  readonly policy?: Policy;
  /** Where dev mode prints the dev admin's credentials; stdout when absent. */
  readonly print?: (text: string) => void;
}

/**
 * Opens the store (migrating it) and the audit log (its signing key is created in the data folder
 * on first use; checkpoints and retention purges run on a schedule), connects Redis if
 * configured, and listens.
 */
export async function startServer(config: Config, overrides: ServerOverrides = {}): Promise<RunningServer> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  // Closed in reverse order of opening: the audit log flushes into the store before it closes.
  const cleanup: Array<() => Promise<void>> = [];
  try {
    const store = await (overrides.openStore ?? openConfiguredStore)(config);
    cleanup.unshift(() => store.close());

    let redis: RedisClient | undefined;
    let rateLimitStore: RateLimitStore | undefined;
    if (config.redisUrl !== undefined) {
      const client = await connectRedis(config.redisUrl, logger);
      redis = client;
      cleanup.unshift(() => client.close());
      rateLimitStore = createRedisRateLimitStore(client);
    }

    const auditLog = new AuditLog({
      store,
      key: await loadOrCreateAuditKey(config.dataDir),
      now: () => clock.now(),
      onBackgroundError: (error, task) => logger.error({ task, err: describeError(error) }, 'audit task failed'),
    });
    cleanup.unshift(() => auditLog.close());
    auditLog.start();

    let issuers: RunningServer['issuers'] = [];
    let verifier = overrides.verifier;
    if (verifier === undefined) {
      ({ verifier, issuers } = await createVerifierFromConfig(config, clock, overrides.keySets));
    }

    const now = () => clock.now();
    const portal = createPortal({
      config,
      store,
      auditLog,
      keyring: await loadOrCreatePortalKeyring(config.dataDir),
      logger,
      now,
      ...(redis === undefined ? {} : { rateLimitStore: (limiter: 'link' | 'ip') => createRedisRateLimitStore(redis!, `phiguard:rl:portal-${limiter}:`) }),
    });
    const sweep = startPortalSweep(portal, config.portal.retentionGraceDays, logger);
    cleanup.unshift(async () => clearInterval(sweep));

    // The newest stored version wins over the file from the first request; a stored policy that
    // no longer passes the checks stops start-up, as an invalid file does.
    const policySource = createPolicySource({
      policies: createPolicyStore({ store, auditLog, now }),
      seed: policySeed(overrides.policy),
      onError: (error) => logger.error({ task: 'policy refresh', err: describeError(error) }, 'policy task failed'),
    });
    await policySource.refresh();
    policySource.start();
    cleanup.unshift(async () => policySource.stop());

    const admin = createAdmin({
      config,
      store,
      auditLog,
      now,
      // Loaded now, so an unreadable key file stops start-up rather than the first sign-in.
      box: await loadOrCreateSecretBox(config.dataDir),
      ...(redis === undefined ? {} : { rateLimitStore: createRedisRateLimitStore(redis, 'phiguard:rl:admin-sign-in:') }),
    });
    if (config.dev) await createDevAdmin(admin.localAccounts, overrides.print ?? ((text) => void process.stdout.write(text)));

    // One per process: its OCR worker threads start on the first image and end with the server.
    const extractor = createExtractor({ heic: config.attachments.heic });
    cleanup.unshift(() => extractor.close());

    let url = config.portal.publicUrl?.replace(/\/+$/, '') ?? '';
    let draining = false;
    const app = createApp({
      config,
      logger,
      store,
      auditLog,
      registries: createRegistries({ store, auditLog, clock }),
      portal,
      publicUrl: () => url,
      admin,
      policySource,
      verifier,
      clock,
      isDraining: () => draining,
      extractor,
      ...(rateLimitStore === undefined ? {} : { rateLimitStore }),
    });
    const tls = await tlsOptions(config);
    const server: Server = tls ? createHttpsServer(tls) : createServer();
    // Registered before the app, so a response started during shutdown already says `Connection: close`.
    const inFlight = new Set<ServerResponse>();
    server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
      if (draining) res.setHeader('Connection', 'close');
      inFlight.add(res);
      res.once('close', () => inFlight.delete(res));
    });
    server.on('request', app);
    await listen(server, config.port, config.host);
    const ownUrl = urlOf(server.address() as AddressInfo, tls ? 'https' : 'http');
    url ||= ownUrl;
    logger.info({ url: ownUrl, store: config.databaseUrl === undefined ? 'sqlite' : 'postgres', redis: redis !== undefined, issuers, dev: config.dev }, 'listening');

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        draining = true;
        logger.info('shutting down');
        await drain(server, inFlight, config.shutdownTimeoutSeconds * 1000, logger);
        await runAll(cleanup, logger);
        logger.info('stopped');
      })());
    return { url: ownUrl, issuers, close };
  } catch (error) {
    await runAll(cleanup, logger);
    throw error;
  }
}

/** How often expired portal messages are shredded and, after the grace period, deleted. */
const PORTAL_SWEEP_MS = 10 * 60_000;

function startPortalSweep(portal: Portal, graceDays: number, logger: Logger): NodeJS.Timeout {
  const timer = setInterval(() => {
    portal.messages.sweep(graceDays).catch((error: unknown) => logger.error({ task: 'portal sweep', err: describeError(error) }, 'portal task failed'));
  }, PORTAL_SWEEP_MS);
  timer.unref();
  return timer;
}

/** A repeat within this long is the same signal delivered twice (npm forwards Ctrl-C to its child). */
const REPEAT_SIGNAL_MS = 1_000;

/**
 * Closes the server on SIGTERM or SIGINT and resolves once it is closed. Another signal later
 * during shutdown exits at once, without waiting for requests in flight.
 */
export function closeOnSignals(server: Pick<RunningServer, 'close'>, logger: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    let first: number | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (first === undefined) {
        first = Date.now();
        logger.info({ signal }, 'signal received');
        server.close().then(
          () => {
            process.removeListener('SIGTERM', onSignal);
            process.removeListener('SIGINT', onSignal);
            resolve();
          },
          reject,
        );
      } else if (Date.now() - first > REPEAT_SIGNAL_MS) {
        logger.warn({ signal }, 'second signal: exiting without waiting');
        process.exit(1);
      }
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

function openConfiguredStore(config: Config): Promise<Store> {
  return config.databaseUrl === undefined ? openStore({ dataDir: config.dataDir }) : openStore({ databaseUrl: config.databaseUrl });
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Stops accepting connections and waits for in-flight requests. Idle keep-alive connections are
 * closed at once, busy ones after their response (`Connection: close`), and any left after the
 * timeout are cut.
 */
async function drain(server: Server, inFlight: ReadonlySet<ServerResponse>, timeoutMs: number, logger: Logger): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
  const timer = setTimeout(() => {
    logger.warn({ timeoutMs }, 'shutdown timeout: closing connections with requests in flight');
    server.closeAllConnections();
  }, timeoutMs);
  try {
    await closed;
  } finally {
    clearTimeout(timer);
  }
}

async function runAll(steps: ReadonlyArray<() => Promise<void>>, logger: Logger): Promise<void> {
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      logger.error({ err: describeError(error) }, 'shutdown step failed');
    }
  }
}

function urlOf(address: AddressInfo, scheme: 'http' | 'https'): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  // The development certificate names localhost, so that is the name to use over HTTPS.
  const shown = host === '0.0.0.0' || host === '[::]' || (scheme === 'https' && (host === '127.0.0.1' || host === '[::1]')) ? 'localhost' : host;
  return `${scheme}://${shown}:${address.port}`;
}

/** HTTPS settings: the configured certificate, or in dev mode with --https the generated one; none for plain HTTP. */
async function tlsOptions(config: Config): Promise<{ cert: string; key: string } | undefined> {
  if (config.tls) return { cert: await readFile(resolve(config.tls.certFile), 'utf8'), key: await readFile(resolve(config.tls.keyFile), 'utf8') };
  if (!config.devHttps) return undefined;
  const dev = await loadOrCreateDevCertificate(config.dataDir);
  return { cert: dev.certPem, key: dev.keyPem };
}
