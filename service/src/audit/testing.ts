import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreTarget, TestStore } from '../store/testing.js';
import { AuditLog, type AuditLogOptions } from './audit-log.js';
import { loadOrCreateAuditKey, type AuditSigningKey } from './keys.js';
import type { AuditEventInput } from './schema.js';

let sharedKey: Promise<AuditSigningKey> | undefined;

/** One signing key per test process: key generation is not what the tests are about. */
export function testAuditKey(): Promise<AuditSigningKey> {
  sharedKey ??= mkdtemp(join(tmpdir(), 'phi-guard-key-')).then(loadOrCreateAuditKey);
  return sharedKey;
}

/** A settable clock for retention and timestamp tests. */
export interface TestClock {
  now(): Date;
  set(iso: string): void;
  advanceDays(days: number): void;
}

export function testClock(start = '2026-03-01T12:00:00.000Z'): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (iso) => {
      current = new Date(iso);
    },
    advanceDays: (days) => {
      current = new Date(current.getTime() + days * 86_400_000);
    },
  };
}

export interface TestAuditLog {
  readonly log: AuditLog;
  readonly db: TestStore;
  readonly clock: TestClock;
  dispose(): Promise<void>;
}

/** A fresh audit log over a fresh store of `target`, with a test clock. */
export async function openTestAuditLog(target: StoreTarget, options: Partial<AuditLogOptions> = {}): Promise<TestAuditLog> {
  const db = await target.open();
  const clock = testClock();
  const log = new AuditLog({ store: db.store, key: await testAuditKey(), now: clock.now, ...options });
  return {
    log,
    db,
    clock,
    dispose: async () => {
      await log.close();
      await db.dispose();
    },
  };
}

/** A typical blocked send, overridable field by field. */
export function sampleEvent(clientEventId: string, overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    clientEventId,
    time: '2026-03-01T11:00:00Z',
    kind: 'send_blocked',
    client: 'outlook',
    messageRef: 'AAMkAGI2TG93AAA=',
    recipients: ['Bob@Example.org'],
    phiKinds: { SSN: 1, CONDITION: 2 },
    action: 'block',
    reasonCodes: ['phi_unprotected'],
    ...overrides,
  };
}
