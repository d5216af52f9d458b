import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { createApp, type AppDeps } from '../app.js';
import type { AuditLog } from '../audit/audit-log.js';
import { openTestAuditLog } from '../audit/testing.js';
import { createTokenVerifier } from '../auth/token-verifier.js';
import { configFrom, type ConfigInput } from '../config.js';
import { loadOrCreatePortalKeyring } from '../portal/keyring.js';
import { createPortal } from '../portal/services.js';
import { createRegistries } from '../registries.js';
import { storeTargets } from '../store/testing.js';
import { createLogger, type Logger } from './logger.js';

/** A logger whose output the test can read: everything the service would write to stdout. */
export interface CapturedLogs {
  readonly logger: Logger;
  /** Every line written so far, raw. */
  text(): string;
  /** Every line, parsed. */
  entries(): Array<Record<string, unknown>>;
}

export function captureLogs(level: 'info' | 'debug' | 'trace' = 'trace'): CapturedLogs {
  const chunks: string[] = [];
  const logger = createLogger(level, { write: (chunk: string) => void chunks.push(chunk) });
  return {
    logger,
    text: () => chunks.join(''),
    entries: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

export interface TestApp {
  readonly app: Express;
  readonly logs: CapturedLogs;
  /** The real audit log the app was given (SQLite in a temp folder). */
  readonly auditLog: AuditLog;
}

const opened: Array<() => Promise<void>> = [];

/**
 * The app in-process with a captured logger, a store that is always ready, a real audit log on a
 * fresh SQLite file and no token issuers. Call `disposeTestApps` in afterAll.
 */
export async function createTestApp(options: { config?: ConfigInput; deps?: Partial<AppDeps> } = {}): Promise<TestApp> {
  const logs = captureLogs();
  const sqlite = storeTargets().find((target) => target.name === 'sqlite')!;
  const audit = await openTestAuditLog(sqlite);
  opened.push(() => audit.dispose());
  const clock = options.deps?.clock ?? { now: () => new Date() };
  const config = configFrom(options.config);
  const keyring = await loadOrCreatePortalKeyring(await mkdtemp(join(tmpdir(), 'phi-guard-portal-keys-')));
  const now = () => clock.now();
  const app = createApp({
    config,
    logger: logs.logger,
    store: { ping: async () => undefined },
    auditLog: audit.log,
    registries: createRegistries({ store: audit.db.store, auditLog: audit.log, clock }),
    portal: createPortal({ config, store: audit.db.store, auditLog: audit.log, keyring, logger: logs.logger, now }),
    publicUrl: () => 'http://portal.test',
    verifier: createTokenVerifier([]),
    clock,
    ...options.deps,
  });
  return { app, logs, auditLog: audit.log };
}

/** Closes the audit logs and stores createTestApp opened. */
export async function disposeTestApps(): Promise<void> {
  await Promise.all(opened.splice(0).map((dispose) => dispose()));
}
