import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log.js';
import type { Queryable, Store } from '../store/store.js';

export const DEFAULT_MAX_TRIES = 5;
/** Every this-many wrong codes overall lock the link too, so asking for new codes does not buy endless guesses. */
export const MAX_FAILURES_ACROSS_CODES = 10;
const CODE_DIGITS = 6;
const MINUTE_MS = 60_000;

/** What asking for a code gave. `none`: the address is not a recipient (the caller must not reveal this). */
export type PasscodeIssue =
  | { readonly outcome: 'issued'; readonly code: string }
  | { readonly outcome: 'locked'; readonly lockedUntil: Date }
  | { readonly outcome: 'none' };

/**
 * What checking a code gave. `expired` also covers a code already used or never issued; `none`:
 * the address is not a recipient. Callers show wrong, expired and none alike.
 */
export type PasscodeCheck =
  | { readonly outcome: 'ok' | 'wrong' | 'expired' | 'none' }
  | { readonly outcome: 'locked'; readonly lockedUntil: Date };

export interface Passcodes {
  readonly passcodeMinutes: number;
  readonly lockMinutes: number;
  /** A new one-time code for a recipient, replacing any earlier one; recorded as portal_passcode_sent. */
  issue(messageId: string, address: string): Promise<PasscodeIssue>;
  /** Checks and, when right, uses up the code; wrong codes are recorded and lock the link after maxTries. */
  verify(messageId: string, address: string, code: string): Promise<PasscodeCheck>;
}

export interface PasscodeOptions {
  readonly store: Store;
  readonly auditLog: Pick<AuditLog, 'changeWithAudit'>;
  /** The HMAC pepper (keyring.passcodeSecret): a stolen database alone cannot test codes. */
  readonly secret: Buffer;
  readonly now?: () => Date;
  readonly passcodeMinutes: number;
  readonly lockMinutes: number;
  /** Wrong tries per code before the link locks for this recipient. */
  readonly maxTries?: number;
}

interface RecipientRow {
  [column: string]: string | number | null;
  passcode_hash: string | null;
  passcode_expires_at: string | null;
  passcode_tries: number;
  failed_total: number;
  locked_until: string | null;
}

/**
 * One-time passcodes per recipient of a portal message: six random digits, valid for
 * passcodeMinutes, stored only as HMAC-SHA-256(secret, messageId|address|code) and checked in
 * constant time (SP 800-63B §5.1.3). Every change runs with its audit event in one transaction,
 * which also serializes concurrent checks of the same code.
 */
export function createPasscodes(options: PasscodeOptions): Passcodes {
  const { auditLog, secret, passcodeMinutes, lockMinutes } = options;
  const now = options.now ?? (() => new Date());
  const maxTries = options.maxTries ?? DEFAULT_MAX_TRIES;
  const digest = (messageId: string, address: string, code: string) =>
    createHmac('sha256', secret).update(`${messageId}|${address}|${code}`).digest();

  return {
    passcodeMinutes,
    lockMinutes,

    issue: (messageId, rawAddress) => {
      const address = rawAddress.trim().toLowerCase();
      return auditLog.changeWithAudit(address, async (tx, record): Promise<PasscodeIssue> => {
        const row = await readRecipient(tx, messageId, address);
        if (!row) return { outcome: 'none' };
        const at = now();
        const lockedUntil = activeLock(row, at);
        if (lockedUntil) return { outcome: 'locked', lockedUntil };
        const code = randomInt(0, 10 ** CODE_DIGITS).toString().padStart(CODE_DIGITS, '0');
        await tx.run(
          'UPDATE portal_recipient SET passcode_hash = ?, passcode_expires_at = ?, passcode_tries = 0, locked_until = NULL WHERE message_id = ? AND address = ?',
          [digest(messageId, address, code).toString('hex'), addMinutes(at, passcodeMinutes).toISOString(), messageId, address],
        );
        record('portal_passcode_sent', { messageId }, [address]);
        return { outcome: 'issued', code };
      });
    },

    verify: (messageId, rawAddress, code) => {
      const address = rawAddress.trim().toLowerCase();
      return auditLog.changeWithAudit(address, async (tx, record): Promise<PasscodeCheck> => {
        const row = await readRecipient(tx, messageId, address);
        if (!row) return { outcome: 'none' };
        const at = now();
        const lockedUntil = activeLock(row, at);
        if (lockedUntil) return { outcome: 'locked', lockedUntil };
        if (row.passcode_hash === null || row.passcode_expires_at === null || Date.parse(row.passcode_expires_at) <= at.getTime()) {
          return { outcome: 'expired' };
        }
        if (timingSafeEqual(Buffer.from(row.passcode_hash, 'hex'), digest(messageId, address, code))) {
          await tx.run(
            'UPDATE portal_recipient SET passcode_hash = NULL, passcode_expires_at = NULL, passcode_tries = 0 WHERE message_id = ? AND address = ?',
            [messageId, address],
          );
          return { outcome: 'ok' };
        }
        const tries = row.passcode_tries + 1;
        const failed = row.failed_total + 1;
        record('portal_passcode_failed', { messageId }, [address]);
        if (tries < maxTries && failed % MAX_FAILURES_ACROSS_CODES !== 0) {
          await tx.run('UPDATE portal_recipient SET passcode_tries = ?, failed_total = ? WHERE message_id = ? AND address = ?', [
            tries,
            failed,
            messageId,
            address,
          ]);
          return { outcome: 'wrong' };
        }
        // The code dies with the lock: after it, the recipient asks for a new one.
        const until = addMinutes(at, lockMinutes);
        await tx.run(
          'UPDATE portal_recipient SET passcode_hash = NULL, passcode_expires_at = NULL, passcode_tries = 0, failed_total = ?, locked_until = ? WHERE message_id = ? AND address = ?',
          [failed, until.toISOString(), messageId, address],
        );
        record('portal_locked', { messageId }, [address]);
        return { outcome: 'locked', lockedUntil: until };
      });
    },
  };
}

async function readRecipient(tx: Queryable, messageId: string, address: string): Promise<RecipientRow | undefined> {
  const [row] = await tx.all<RecipientRow>(
    'SELECT passcode_hash, passcode_expires_at, passcode_tries, failed_total, locked_until FROM portal_recipient WHERE message_id = ? AND address = ?',
    [messageId, address],
  );
  return row;
}

function activeLock(row: RecipientRow, at: Date): Date | undefined {
  if (row.locked_until === null) return undefined;
  const until = new Date(row.locked_until);
  return until.getTime() > at.getTime() ? until : undefined;
}

function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * MINUTE_MS);
}
