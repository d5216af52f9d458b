import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import type { Queryable, Store } from '../store/store.js';
import type { SecretBox } from './secret-box.js';

/** Break-glass accounts: lower-case letters, digits, dot, dash, underscore; they name the audit actor `local:<username>`. */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, { error: 'Expected 1-64 letters, digits, dots, dashes or underscores' });
/** SP 800-63B §3.1.1.2 asks at least 8; a break-glass password is typed rarely, so longer. Capped so nobody hashes megabytes. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;
export const PasswordSchema = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);
export const TotpCodeSchema = z.string().regex(/^\d{6}$/, { error: 'Expected the 6-digit code' });
export const LocalRoleSchema = z.enum(['admin', 'auditor']);
export type LocalRole = z.infer<typeof LocalRoleSchema>;

export const DEFAULT_MAX_FAILURES = 5;
export const DEFAULT_LOCK_MINUTES = 15;
export const TOTP_ISSUER = 'PHI Guard';
/** RFC 6238 defaults, the ones every authenticator app supports. */
const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** One step either side: a phone clock off by up to 30 s still works (RFC 6238 §5.2). */
const TOTP_WINDOW = 1;

/** scrypt cost (RFC 7914). */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}
/** OWASP Password Storage Cheat Sheet: N=2^16, r=8, p=2 (64 MiB), as strong as its 2^17/8/1 with half the memory. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 16, r: 8, p: 2 };
const SALT_BYTES = 16;
const HASH_BYTES = 32;

export type CreateAccountResult =
  | {
      readonly ok: true;
      readonly username: string;
      readonly roles: readonly LocalRole[];
      /** Base32, for typing into an authenticator app; shown once, stored only sealed. */
      readonly totpSecret: string;
      /** `otpauth://totp/…`, for a QR code. */
      readonly otpauthUri: string;
    }
  | { readonly ok: false; readonly code: 'invalid_username' | 'password_too_short' | 'password_too_long' | 'no_role' | 'username_taken' };

/** Unknown user, wrong password and wrong or reused code all give `invalid_credentials`: the caller cannot tell which. */
export type SignInResult =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly code: 'invalid_credentials' }
  | { readonly ok: false; readonly code: 'account_locked'; readonly lockedUntil: Date };

export interface LocalAccounts {
  /**
   * Creates an account, recorded as admin_account_created by `by` (the audit actor: the CLI's OS
   * user, or `service` for dev mode's account). Its TOTP secret is returned once and stored sealed.
   */
  create(by: string, input: { username: string; password: string; roles: readonly LocalRole[] }): Promise<CreateAccountResult>;
  /**
   * Checks password and TOTP code. Every failure is recorded (admin_sign_in_failed) and counted; the
   * maxFailures-th in a row locks the account for lockMinutes (admin_locked), during which even the
   * right password and code are refused.
   */
  verify(input: { username: string; password: string; code: string }): Promise<SignInResult>;
  /** Ends a lock and forgets earlier failures, recorded as admin_account_unlocked by `by`; false when there is no such account. */
  unlock(by: string, username: string): Promise<boolean>;
  /** How many accounts exist (dev mode creates one when there are none). */
  count(): Promise<number>;
}

export interface LocalAccountOptions {
  readonly store: Store;
  readonly auditLog: Pick<AuditLog, 'changeWithAudit'>;
  /** Seals the TOTP secrets (secret-box.ts); asked for on first use. */
  readonly box: () => Promise<SecretBox>;
  readonly now?: () => Date;
  readonly maxFailures?: number;
  readonly lockMinutes?: number;
  /** Cost of new password hashes; stored hashes keep their own. Tests lower it. */
  readonly scrypt?: ScryptParams;
}

interface AccountRow {
  [column: string]: string | number | null;
  username: string;
  password_hash: string;
  totp_secret: string;
  roles: string;
  failed_count: number;
  locked_until: string | null;
  last_totp_step: number | null;
}

/**
 * The console's break-glass admins, for when Microsoft or Google sign-in is down: a password
 * (scrypt) and a TOTP second factor (RFC 6238). The slow checks run before the transaction, so
 * the audit chain is never held while scrypt works; the transaction then re-reads the row, so
 * concurrent attempts cannot both use one code or lose a failure.
 */
export function createLocalAccounts(options: LocalAccountOptions): LocalAccounts {
  const { store, auditLog, box } = options;
  const now = options.now ?? (() => new Date());
  const maxFailures = options.maxFailures ?? DEFAULT_MAX_FAILURES;
  const lockMs = (options.lockMinutes ?? DEFAULT_LOCK_MINUTES) * 60_000;
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  // Checked against for unknown usernames, so they take as long as known ones.
  let decoy: Promise<string> | undefined;

  return {
    async create(by, input) {
      const username = UsernameSchema.safeParse(input.username);
      if (!username.success) return { ok: false, code: 'invalid_username' };
      const password = input.password.normalize('NFKC');
      if (password.length < MIN_PASSWORD_LENGTH) return { ok: false, code: 'password_too_short' };
      if (password.length > MAX_PASSWORD_LENGTH) return { ok: false, code: 'password_too_long' };
      const roles = LocalRoleSchema.options.filter((role) => input.roles.includes(role));
      if (roles.length === 0) return { ok: false, code: 'no_role' };

      const totp = new TOTP({ issuer: TOTP_ISSUER, label: username.data, secret: new Secret({ size: 20 }), ...TOTP_PARAMS });
      const passwordHash = await hashPassword(password, params);
      const sealedSecret = (await box()).seal(totp.secret.base32, username.data);
      const inserted = await auditLog.changeWithAudit(by, async (tx, record) => {
        const n = await tx.run(
          `INSERT INTO admin_account (username, password_hash, totp_secret, roles, failed_count, created_at)
           VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (username) DO NOTHING`,
          [username.data, passwordHash, sealedSecret, roles.join(','), now().toISOString()],
        );
        if (n > 0) record('admin_account_created', { account: username.data, roles });
        return n > 0;
      });
      if (!inserted) return { ok: false, code: 'username_taken' };
      return { ok: true, username: username.data, roles, totpSecret: totp.secret.base32, otpauthUri: totp.toString() };
    },

    async verify(input) {
      const parsed = UsernameSchema.safeParse(input.username);
      const username = parsed.success ? parsed.data : undefined;
      const actor = `local:${username ?? 'invalid'}`;
      const found = username === undefined ? undefined : await readAccount(store, username);
      decoy ??= hashPassword(randomBytes(16).toString('base64url'), params);
      const passwordOk = await verifyPassword(input.password.normalize('NFKC'), found?.password_hash ?? (await decoy));
      const at = now();
      const step =
        found && TotpCodeSchema.safeParse(input.code).success ? totpStep((await box()).open(found.totp_secret, found.username), input.code, at) : undefined;

      return auditLog.changeWithAudit(actor, async (tx, record): Promise<SignInResult> => {
        const row = found && (await readAccount(tx, found.username));
        if (!row || username === undefined) {
          record('admin_sign_in_failed', { method: 'local', reason: 'invalid_credentials' });
          return { ok: false, code: 'invalid_credentials' };
        }
        if (row.locked_until !== null && Date.parse(row.locked_until) > at.getTime()) {
          record('admin_sign_in_failed', { method: 'local', reason: 'account_locked' });
          return { ok: false, code: 'account_locked', lockedUntil: new Date(row.locked_until) };
        }
        const fresh = step !== undefined && (row.last_totp_step === null || step > Number(row.last_totp_step));
        if (passwordOk && fresh) {
          await tx.run('UPDATE admin_account SET failed_count = 0, locked_until = NULL, last_totp_step = ? WHERE username = ?', [step, username]);
          return { ok: true, principal: principalOf(row) };
        }
        record('admin_sign_in_failed', { method: 'local', reason: 'invalid_credentials' });
        const failures = Number(row.failed_count) + 1;
        if (failures < maxFailures) {
          await tx.run('UPDATE admin_account SET failed_count = ? WHERE username = ?', [failures, username]);
          return { ok: false, code: 'invalid_credentials' };
        }
        const lockedUntil = new Date(at.getTime() + lockMs);
        // The count starts again after the lock: another maxFailures tries, then another lock.
        await tx.run('UPDATE admin_account SET failed_count = 0, locked_until = ? WHERE username = ?', [lockedUntil.toISOString(), username]);
        record('admin_locked', { method: 'local', lockedUntil: lockedUntil.toISOString() });
        return { ok: false, code: 'account_locked', lockedUntil };
      });
    },

    async unlock(by, rawUsername) {
      const username = UsernameSchema.safeParse(rawUsername);
      if (!username.success) return false;
      const at = now();
      return auditLog.changeWithAudit(by, async (tx, record) => {
        const [row] = await tx.all<{ locked_until: string | null }>('SELECT locked_until FROM admin_account WHERE username = ?', [username.data]);
        if (!row) return false;
        await tx.run('UPDATE admin_account SET failed_count = 0, locked_until = NULL WHERE username = ?', [username.data]);
        const lockedUntil = row.locked_until !== null && Date.parse(row.locked_until) > at.getTime() ? row.locked_until : undefined;
        record('admin_account_unlocked', lockedUntil === undefined ? { account: username.data } : { account: username.data, lockedUntil });
        return true;
      });
    },

    async count() {
      const [row] = await store.all<{ n: number }>('SELECT count(*) AS n FROM admin_account');
      return Number(row?.n ?? 0);
    },
  };
}

async function readAccount(db: Queryable, username: string): Promise<AccountRow | undefined> {
  const [row] = await db.all<AccountRow>(
    'SELECT username, password_hash, totp_secret, roles, failed_count, locked_until, last_totp_step FROM admin_account WHERE username = ?',
    [username],
  );
  return row;
}

function principalOf(row: AccountRow): Principal {
  const roles = row.roles.split(',').filter((role): role is LocalRole => LocalRoleSchema.safeParse(role).success);
  return { sub: row.username, roles, issuer: 'local' };
}

/** The time step the code belongs to, within the window around `at`; undefined for a wrong code. */
function totpStep(base32: string, code: string, at: Date): number | undefined {
  const timestamp = at.getTime();
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(base32), ...TOTP_PARAMS, timestamp, window: TOTP_WINDOW });
  return delta === null ? undefined : TOTP.counter({ period: TOTP_PARAMS.period, timestamp }) + delta;
}

/** `scrypt$N$r$p$salt$hash`: the cost travels with the hash, so it can be raised later. */
export async function hashPassword(password: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scrypt(password, salt, HASH_BYTES, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (!match) return false;
  const [, N, r, p, salt, hash] = match;
  const expected = Buffer.from(hash!, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt!, 'base64url'), expected.length, { N: Number(N), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

function scrypt(password: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
  // Node refuses more than 32 MiB unless told: 128·N·r bytes are needed, with room to spare.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => scryptCallback(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}
