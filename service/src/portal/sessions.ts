import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';

/** base64url of 32 random bytes. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const MINUTE_MS = 60_000;
/** However active, a session ends this long after the passcode: a left-open tab does not stay signed in all day. */
export const MAX_SESSION_HOURS = 4;

/** A recipient's signed-in visit to one message, after a right passcode. */
export interface Sessions {
  /** A new session; the token goes into the cookie and only its hash is stored. */
  start(messageId: string, address: string): Promise<string>;
  /** The recipient's address while the session is live for this message; keeps it alive. */
  check(token: string, messageId: string): Promise<string | undefined>;
  end(token: string): Promise<void>;
}

export interface SessionOptions {
  readonly store: Store;
  /** A session ends after this long without a request. */
  readonly idleMinutes: number;
  readonly now?: () => Date;
}

interface SessionRow {
  [column: string]: string | number | null;
  message_id: string;
  address: string;
  created_at: string;
  last_seen_at: string;
}

/** Sessions in portal_session: a stolen database holds no usable token. */
export function createSessions(options: SessionOptions): Sessions {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const idleMs = options.idleMinutes * MINUTE_MS;
  const idleSince = (at: Date) => new Date(at.getTime() - idleMs).toISOString();
  const startedSince = (at: Date) => new Date(at.getTime() - MAX_SESSION_HOURS * 60 * MINUTE_MS).toISOString();

  return {
    start: async (messageId, address) => {
      const token = randomBytes(32).toString('base64url');
      const at = now();
      // Sessions left idle are of no use to anyone; clear them while we are writing anyway.
      await store.run('DELETE FROM portal_session WHERE last_seen_at < ? OR created_at < ?', [idleSince(at), startedSince(at)]);
      await store.run('INSERT INTO portal_session (token_hash, message_id, address, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)', [
        tokenHash(token),
        messageId,
        address.trim().toLowerCase(),
        at.toISOString(),
        at.toISOString(),
      ]);
      return token;
    },

    check: async (token, messageId) => {
      if (!TOKEN_PATTERN.test(token)) return undefined;
      const hash = tokenHash(token);
      const [row] = await store.all<SessionRow>('SELECT message_id, address, created_at, last_seen_at FROM portal_session WHERE token_hash = ?', [hash]);
      if (!row || row.message_id !== messageId) return undefined;
      const at = now();
      if (row.last_seen_at < idleSince(at) || row.created_at < startedSince(at)) {
        await store.run('DELETE FROM portal_session WHERE token_hash = ?', [hash]);
        return undefined;
      }
      await store.run('UPDATE portal_session SET last_seen_at = ? WHERE token_hash = ?', [at.toISOString(), hash]);
      return row.address;
    },

    end: async (token) => {
      if (TOKEN_PATTERN.test(token)) await store.run('DELETE FROM portal_session WHERE token_hash = ?', [tokenHash(token)]);
    },
  };
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
