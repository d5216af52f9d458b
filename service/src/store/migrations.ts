/** One schema change: statements in portable SQL (see Queryable), applied once, in id order, in one transaction. */
export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/** SHA-256 of nothing yet: the `prev` of the first audit event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The one schema for both dialects. Timestamps are fixed-width ISO-8601 UTC text
 * (`2026-01-02T03:04:05.678Z`), so text order is time order on either database.
 * Never edit a released migration; add one.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'audit log',
    statements: [
      // A purged event keeps seq, recorded, kind and its hashes (see audit/retention.ts); the rest is nulled.
      `CREATE TABLE audit_event (
        seq BIGINT PRIMARY KEY,
        recorded TEXT NOT NULL,
        kind TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        purged_by BIGINT,
        client_event_id TEXT,
        occurred TEXT,
        actor TEXT,
        client TEXT,
        message_ref TEXT,
        action TEXT,
        body TEXT
      )`,
      // Idempotency keys are per actor, so nobody can pre-empt another user's ids; looked up by id first.
      'CREATE UNIQUE INDEX audit_event_client_event ON audit_event (client_event_id, actor)',
      'CREATE INDEX audit_event_occurred ON audit_event (occurred)',
      'CREATE INDEX audit_event_recorded ON audit_event (recorded)',
      'CREATE INDEX audit_event_actor ON audit_event (actor, seq)',
      'CREATE INDEX audit_event_kind ON audit_event (kind, seq)',
      'CREATE INDEX audit_event_purged_by ON audit_event (purged_by)',
      // Search indexes derived from the body; not part of the hash chain.
      'CREATE TABLE audit_event_recipient (seq BIGINT NOT NULL, recipient TEXT NOT NULL, PRIMARY KEY (seq, recipient))',
      'CREATE INDEX audit_event_recipient_address ON audit_event_recipient (recipient, seq)',
      'CREATE TABLE audit_event_reason (seq BIGINT NOT NULL, code TEXT NOT NULL, PRIMARY KEY (seq, code))',
      'CREATE INDEX audit_event_reason_code ON audit_event_reason (code, seq)',
      // One row: the last seq and hash. Appenders lock it, which orders writers across replicas.
      'CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL, hash TEXT NOT NULL)',
      `INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}')`,
      `CREATE TABLE audit_checkpoint (
        size BIGINT PRIMARY KEY,
        recorded TEXT NOT NULL,
        root TEXT NOT NULL,
        key_id TEXT NOT NULL,
        jws TEXT NOT NULL,
        note TEXT NOT NULL,
        frontier TEXT NOT NULL
      )`,
      `CREATE TABLE audit_hold (
        id TEXT PRIMARY KEY,
        actor TEXT,
        recipient TEXT,
        time_from TEXT,
        time_to TEXT,
        reason TEXT NOT NULL,
        placed_by TEXT NOT NULL,
        placed_at TEXT NOT NULL,
        released_by TEXT,
        released_at TEXT
      )`,
    ],
  },
];

export const LATEST_MIGRATION = Math.max(...MIGRATIONS.map((m) => m.id));
