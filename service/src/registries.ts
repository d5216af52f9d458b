import type { AuditLog } from './audit/audit-log.js';
import { createConsentRegistry, type ConsentRegistry } from './consent/registry.js';
import { createCorrespondents, type Correspondents } from './correspondents/correspondents.js';
import type { Clock } from './http/clock.js';
import { KeyRegistry } from './keys/registry.js';
import type { Store } from './store/store.js';

/** What admins curate and lookups read: keys and certificates, patient consent, known correspondents. */
export interface Registries {
  /** The store they live in, which also holds the audit log they record changes to. */
  readonly store: Store;
  readonly keys: KeyRegistry;
  readonly consents: ConsentRegistry;
  readonly correspondents: Correspondents;
}

export function createRegistries(deps: { store: Store; auditLog: AuditLog; clock: Clock }): Registries {
  const options = { store: deps.store, auditLog: deps.auditLog, now: () => deps.clock.now() };
  return {
    store: deps.store,
    keys: new KeyRegistry(options),
    consents: createConsentRegistry(options),
    correspondents: createCorrespondents(options),
  };
}
