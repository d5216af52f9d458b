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
  {
    id: 2,
    name: 'recipient registries',
    statements: [
      // OpenPGP keys and S/MIME certificates the organisation holds for recipients. `data` is the
      // key or certificate as uploaded (armored / PEM); validity is re-checked on every use.
      `CREATE TABLE recipient_key (
        key_type TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        data TEXT NOT NULL,
        not_after TEXT,
        source TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (key_type, fingerprint)
      )`,
      'CREATE TABLE recipient_key_address (key_type TEXT NOT NULL, fingerprint TEXT NOT NULL, address TEXT NOT NULL, PRIMARY KEY (key_type, fingerprint, address))',
      'CREATE INDEX recipient_key_address_lookup ON recipient_key_address (address, key_type)',
      // A patient's consent to (unencrypted) email at an address. Revoked rows stay: consent history is kept six years.
      `CREATE TABLE consent (
        id TEXT PRIMARY KEY,
        address TEXT NOT NULL,
        patient_ref TEXT NOT NULL,
        allow_unencrypted BIGINT NOT NULL,
        consented_on TEXT NOT NULL,
        source TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        revoked_by TEXT,
        revoked_at TEXT
      )`,
      'CREATE INDEX consent_address ON consent (address, recorded_at)',
      // Admins' edits to the known-correspondent list; learned domains come from the audit log.
      `CREATE TABLE correspondent (
        domain TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        changed_by TEXT NOT NULL,
        changed_at TEXT NOT NULL
      )`,
    ],
  },
  {
    id: 3,
    name: 'secure portal',
    statements: [
      // Content and replies are JWE under a per-message key (DEK); the DEK is wrapped with a
      // key-encryption key (kek_id). Recall, expiry and purge delete dek_wrapped: the content can
      // no longer be opened even before it is deleted (crypto-shredding).
      `CREATE TABLE portal_message (
        id TEXT PRIMARY KEY,
        link_hash TEXT NOT NULL UNIQUE,
        sender TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        recalled_at TEXT,
        recalled_by TEXT,
        expired_recorded_at TEXT,
        deleted_at TEXT,
        kek_id TEXT,
        dek_wrapped TEXT,
        content TEXT,
        size_bytes BIGINT NOT NULL
      )`,
      'CREATE INDEX portal_message_sender ON portal_message (sender, created_at)',
      'CREATE INDEX portal_message_expires ON portal_message (expires_at)',
      `CREATE TABLE portal_recipient (
        message_id TEXT NOT NULL,
        address TEXT NOT NULL,
        notice_sent_at TEXT,
        passcode_hash TEXT,
        passcode_expires_at TEXT,
        passcode_tries BIGINT NOT NULL DEFAULT 0,
        failed_total BIGINT NOT NULL DEFAULT 0,
        locked_until TEXT,
        first_opened_at TEXT,
        last_opened_at TEXT,
        PRIMARY KEY (message_id, address)
      )`,
      `CREATE TABLE portal_reply (
        id TEXT PRIMARY KEY,
        message_id TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        content TEXT
      )`,
      'CREATE INDEX portal_reply_message ON portal_reply (message_id, created_at)',
      // Recipient sessions after a passcode: the cookie holds a random token, this table its hash.
      `CREATE TABLE portal_session (
        token_hash TEXT PRIMARY KEY,
        message_id TEXT NOT NULL,
        address TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
      )`,
    ],
  },
  {
    id: 4,
    name: 'admin console',
    statements: [
      // Break-glass admins who sign in without Microsoft or Google. password_hash is
      // `scrypt$N$r$p$salt$hash` (base64url); totp_secret is sealed with AES-256-GCM under the data
      // folder's admin key, so a stolen database alone yields neither factor. last_totp_step refuses
      // a code used before (RFC 6238 §5.2).
      `CREATE TABLE admin_account (
        username TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        totp_secret TEXT NOT NULL,
        roles TEXT NOT NULL,
        failed_count BIGINT NOT NULL DEFAULT 0,
        locked_until TEXT,
        last_totp_step BIGINT,
        created_at TEXT NOT NULL
      )`,
      // Console sessions: the cookie holds a random token, this table its SHA-256. The CSRF token is
      // useless without the cookie, so it is kept as is, to be handed back to the console.
      `CREATE TABLE admin_session (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        csrf TEXT NOT NULL,
        principal TEXT NOT NULL,
        method TEXT NOT NULL,
        created_at TEXT NOT NULL,
        idle_expires_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      )`,
      'CREATE INDEX admin_session_idle_expires ON admin_session (idle_expires_at)',
      'CREATE INDEX admin_session_expires ON admin_session (expires_at)',
    ],
  },
  {
    id: 5,
    name: 'policy versions',
    statements: [
      // The organisation's policy as admins save it, 1, 2, 3…; never updated or deleted (a revert
      // is a new row). `policy` is the admin's input as JSON, defaults not filled in.
      `CREATE TABLE policy_versions (
        version BIGINT PRIMARY KEY,
        policy TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        note TEXT,
        reverted_from BIGINT
      )`,
    ],
  },
  {
    id: 6,
    name: 'audit search indexes',
    statements: [
      // Live events have no purged_by, so an index holding them led SQLite to read every live event and
      // sort it for each search page. Indexing tombstones only lets a page walk seq and stop.
      'DROP INDEX audit_event_purged_by',
      'CREATE INDEX audit_event_purged_by ON audit_event (purged_by) WHERE purged_by IS NOT NULL',
      // The console's stats count a few kinds over a range of event time (audit/stats.ts).
      'CREATE INDEX audit_event_kind_occurred ON audit_event (kind, occurred, action)',
      // Live events oldest first, past the tombstones purges leave (AuditLog.retention, tombstoneDue).
      'CREATE INDEX audit_event_live_recorded ON audit_event (recorded) WHERE purged_by IS NULL',
    ],
  },
];

export const LATEST_MIGRATION = Math.max(...MIGRATIONS.map((m) => m.id));
