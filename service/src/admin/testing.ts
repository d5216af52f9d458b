import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { openTestAuditLog, type TestAuditLog } from '../audit/testing.js';
import { configFrom, type ConfigInput } from '../config.js';
import type { StoreTarget } from '../store/testing.js';
import type { ScryptParams } from './local-accounts.js';
import { createSecretBox } from './secret-box.js';
import { createAdmin, type Admin } from './services.js';

/** Cheap scrypt: the cost is not what tests are about (RFC 7914's smallest sensible N). */
export const TEST_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 };
export const TEST_PASSWORD = 'correct horse battery staple';

/** The code an authenticator app shows for `secret` at `at`, `steps` periods later or earlier. */
export function totpCode(secret: string, at: Date, steps = 0): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: at.getTime() + steps * 30_000 });
}

export interface TestAdmin extends TestAuditLog {
  readonly admin: Admin;
}

/** Admin sign-in over a fresh store of `target`, with the audit log's test clock and cheap password hashing. */
export async function openTestAdmin(target: StoreTarget, config: ConfigInput = {}): Promise<TestAdmin> {
  const audit = await openTestAuditLog(target);
  const admin = createAdmin({
    config: configFrom(config),
    store: audit.db.store,
    auditLog: audit.log,
    now: audit.clock.now,
    box: createSecretBox('test', randomBytes(32)),
    scrypt: TEST_SCRYPT,
  });
  return { ...audit, admin };
}
