import type { AuditLog } from '../audit/audit-log.js';
import type { Config } from '../config.js';
import type { RateLimitStore } from '../http/rate-limit.js';
import type { Store } from '../store/store.js';
import { createLocalAccounts, type LocalAccounts, type ScryptParams } from './local-accounts.js';
import { loadOrCreateSecretBox, type SecretBox } from './secret-box.js';
import type { AdminSessionStore } from './session-contract.js';
import { createAdminSessions } from './sessions.js';
import { onceSuccessful } from '../once-successful.js';

/** The admin console's sign-in: sessions (for every sign-in method) and the break-glass accounts. */
export interface Admin {
  readonly sessions: AdminSessionStore;
  readonly localAccounts: LocalAccounts;
  /** Mark the session cookie Secure even on plain HTTP (TLS ended at a proxy that does not say so). */
  readonly secureCookie: boolean;
  /** Shared counters for the sign-in routes' rate limit when Redis is configured. */
  readonly rateLimitStore?: RateLimitStore;
}

export function createAdmin(deps: {
  config: Config;
  store: Store;
  auditLog: AuditLog;
  now: () => Date;
  /** The key that seals TOTP secrets; loaded from (or created in) the data folder on first use when absent. */
  box?: SecretBox;
  rateLimitStore?: RateLimitStore;
  /** Tests lower the password hashing cost. */
  scrypt?: ScryptParams;
}): Admin {
  const { config, store, auditLog, now } = deps;
  const { admin } = config;
  return {
    sessions: createAdminSessions({ store, auditLog, now, idleMinutes: admin.sessionIdleMinutes, maxHours: admin.sessionMaxHours }),
    localAccounts: createLocalAccounts({
      store,
      auditLog,
      box: deps.box === undefined ? onceSuccessful(() => loadOrCreateSecretBox(config.dataDir)) : async () => deps.box!,
      now,
      maxFailures: admin.maxFailedSignIns,
      lockMinutes: admin.lockMinutes,
      ...(deps.scrypt === undefined ? {} : { scrypt: deps.scrypt }),
    }),
    secureCookie: admin.secureCookie,
    ...(deps.rateLimitStore === undefined ? {} : { rateLimitStore: deps.rateLimitStore }),
  };
}

