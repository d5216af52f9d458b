import type { AuditLog } from '../audit/audit-log.js';
import type { Config } from '../config.js';
import type { Logger } from '../http/logger.js';
import type { RateLimitStore } from '../http/rate-limit.js';
import type { Store } from '../store/store.js';
import type { PortalKeyring } from './keyring.js';
import { createMailer, type Mailer } from './mailer.js';
import { createPortalMessages, type PortalMessages } from './messages.js';
import { createPasscodes, type Passcodes } from './passcodes.js';
import { createSessions, type Sessions } from './sessions.js';

/** The secure portal's parts, shared by the sender API and the pickup pages. */
export interface Portal {
  readonly messages: PortalMessages;
  readonly passcodes: Passcodes;
  readonly sessions: Sessions;
  readonly mailer: Mailer;
  /** Shared counters for the pickup pages' rate limits when Redis is configured (one store per limiter). */
  readonly rateLimitStore?: (limiter: 'link' | 'ip') => RateLimitStore;
}

export function createPortal(deps: {
  config: Config;
  store: Store;
  auditLog: AuditLog;
  keyring: PortalKeyring;
  logger: Logger;
  now: () => Date;
  rateLimitStore?: (limiter: 'link' | 'ip') => RateLimitStore;
}): Portal {
  const { config, store, auditLog, now } = deps;
  const { portal } = config;
  return {
    messages: createPortalMessages({ store, auditLog, keyring: deps.keyring, now }),
    passcodes: createPasscodes({
      store,
      auditLog,
      secret: deps.keyring.passcodeSecret,
      now,
      passcodeMinutes: portal.passcodeMinutes,
      lockMinutes: portal.lockMinutes,
    }),
    sessions: createSessions({ store, idleMinutes: portal.sessionIdleMinutes, now }),
    mailer: createMailer({ smtpUrl: portal.smtpUrl, from: portal.mailFrom, dev: config.dev, logger: deps.logger }),
    ...(deps.rateLimitStore === undefined ? {} : { rateLimitStore: deps.rateLimitStore }),
  };
}
