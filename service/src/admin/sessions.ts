import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { actorOf } from '../audit/actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import { PrincipalSchema, type Principal } from '../auth/principal.js';
import type { Store } from '../store/store.js';
import type { ActiveSession, AdminSessionStore, SignInMethod, StartedSession } from './session-contract.js';

export const DEFAULT_SESSION_IDLE_MINUTES = 15;
export const DEFAULT_SESSION_MAX_HOURS = 8;

/** base64url of 32 random bytes: the cookie value and the CSRF token. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const CONSOLE_ROLES: ReadonlySet<string> = new Set(['admin', 'auditor']);

export interface AdminSessionOptions {
  readonly store: Store;
  /** Sign-in and sign-out are recorded with the session change (admin_signed_in, admin_signed_out). */
  readonly auditLog: Pick<AuditLog, 'changeWithAudit'>;
  readonly now?: () => Date;
  /** A session ends after this long without a request. */
  readonly idleMinutes?: number;
  /** However active, a session ends this long after sign-in. */
  readonly maxHours?: number;
}

interface SessionRow {
  [column: string]: string | number | null;
  id: string;
  csrf: string;
  principal: string;
  method: string;
  idle_expires_at: string;
  expires_at: string;
}

/**
 * Console sessions in admin_session. The cookie holds a random token and the table only its
 * SHA-256, so a stolen database holds no usable session. Expired sessions are refused and deleted
 * when next seen, and all of them whenever a session starts.
 */
export function createAdminSessions(options: AdminSessionOptions): AdminSessionStore {
  const { store, auditLog } = options;
  const now = options.now ?? (() => new Date());
  const idleMs = (options.idleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES) * 60_000;
  const maxMs = (options.maxHours ?? DEFAULT_SESSION_MAX_HOURS) * 3_600_000;
  /** The idle expiry never outlives the session itself. */
  const idleUntil = (at: Date, expiresAt: Date) => new Date(Math.min(at.getTime() + idleMs, expiresAt.getTime()));

  return {
    async start(principal, method) {
      if (!principal.roles.some((role) => CONSOLE_ROLES.has(role))) {
        throw new TypeError('a console session needs the admin or auditor role');
      }
      const at = now();
      const session: StartedSession = {
        token: randomBytes(32).toString('base64url'),
        csrf: randomBytes(32).toString('base64url'),
        principal,
        method,
        expiresAt: new Date(at.getTime() + maxMs),
        idleExpiresAt: idleUntil(at, new Date(at.getTime() + maxMs)),
      };
      const id = randomUUID();
      await auditLog.changeWithAudit(actorOf(principal), async (tx, record) => {
        await tx.run('DELETE FROM admin_session WHERE idle_expires_at <= ? OR expires_at <= ?', [at.toISOString(), at.toISOString()]);
        await tx.run(
          `INSERT INTO admin_session (id, token_hash, csrf, principal, method, created_at, idle_expires_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            id,
            tokenHash(session.token),
            session.csrf,
            JSON.stringify(principal),
            method,
            at.toISOString(),
            session.idleExpiresAt.toISOString(),
            session.expiresAt.toISOString(),
          ],
        );
        record('admin_signed_in', { method, sessionId: id });
      });
      return session;
    },

    async resolve(token) {
      if (!TOKEN_PATTERN.test(token)) return undefined;
      const hash = tokenHash(token);
      const [row] = await store.all<SessionRow>(
        'SELECT id, csrf, principal, method, idle_expires_at, expires_at FROM admin_session WHERE token_hash = ?',
        [hash],
      );
      if (!row) return undefined;
      const at = now();
      const expiresAt = new Date(row.expires_at);
      const principal = parsePrincipal(row.principal);
      if (Date.parse(row.idle_expires_at) <= at.getTime() || expiresAt.getTime() <= at.getTime() || principal === undefined) {
        await store.run('DELETE FROM admin_session WHERE token_hash = ?', [hash]);
        return undefined;
      }
      const idleExpiresAt = idleUntil(at, expiresAt);
      await store.run('UPDATE admin_session SET idle_expires_at = ? WHERE token_hash = ?', [idleExpiresAt.toISOString(), hash]);
      return { id: row.id, token, csrf: row.csrf, principal, method: row.method as SignInMethod, idleExpiresAt, expiresAt } satisfies ActiveSession;
    },

    async end(token) {
      if (!TOKEN_PATTERN.test(token)) return;
      const hash = tokenHash(token);
      const [row] = await store.all<SessionRow>('SELECT id, principal, method, idle_expires_at, expires_at FROM admin_session WHERE token_hash = ?', [hash]);
      const principal = row && parsePrincipal(row.principal);
      if (!row || principal === undefined) return;
      const at = now().getTime();
      const live = Date.parse(row.idle_expires_at) > at && Date.parse(row.expires_at) > at;
      await auditLog.changeWithAudit(actorOf(principal), async (tx, record) => {
        const deleted = await tx.run('DELETE FROM admin_session WHERE token_hash = ?', [hash]);
        // A session that had already ended was not signed out of; another request may have ended it too.
        if (deleted > 0 && live) record('admin_signed_out', { method: row.method as SignInMethod, sessionId: row.id });
      });
    },
  };
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function parsePrincipal(json: string): Principal | undefined {
  try {
    const parsed = PrincipalSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
