import { z } from 'zod';
import { ActionSchema, AppliedProtectionSchema, KindSchema, REASON_CODES, ReasonCodeSchema } from '@phiguard/core';
import { RoleSchema } from '../auth/principal.js';

/** What a host add-in reports. Public contract (stored in the chain): add, never rename. */
export const CLIENT_EVENT_KINDS = [
  'scan',
  'warning_shown',
  'send_allowed',
  'send_blocked',
  'override',
  'protection_applied',
] as const;
/** What the service records about the audit log itself; clients cannot submit these. */
export const SERVICE_EVENT_KINDS = [
  'purge',
  'hold_placed',
  'hold_released',
  'checkpoint',
  'export',
  'key_added',
  'key_removed',
  'consent_recorded',
  'consent_revoked',
  'correspondent_added',
  'correspondent_removed',
  'portal_created',
  'portal_notice_sent',
  'portal_passcode_sent',
  'portal_passcode_failed',
  'portal_locked',
  'portal_opened',
  'portal_downloaded',
  'portal_replied',
  'portal_recalled',
  'portal_expiry_changed',
  'portal_expired',
  'portal_deleted',
  'admin_signed_in',
  'admin_sign_in_failed',
  'admin_locked',
  'admin_signed_out',
  'admin_account_created',
  'admin_account_unlocked',
  'policy_changed',
  'attachments_scanned',
] as const;

/** Service events that record a change to a registry, written with the change (AuditLog.changeWithAudit). */
export type RegistryEventKind = Extract<
  (typeof SERVICE_EVENT_KINDS)[number],
  | 'key_added'
  | 'key_removed'
  | 'consent_recorded'
  | 'consent_revoked'
  | 'correspondent_added'
  | 'correspondent_removed'
  // The organisation's policy, as its version history (policy-store/).
  | 'policy_changed'
>;
/** What happens to a secure-portal message, recorded with the change (AuditLog.changeWithAudit). */
export type PortalEventKind = Extract<(typeof SERVICE_EVENT_KINDS)[number], `portal_${string}`>;
/** Sign-ins to the admin console and changes to its break-glass accounts, recorded with the session or account change (AuditLog.changeWithAudit). */
export type AdminEventKind = Extract<(typeof SERVICE_EVENT_KINDS)[number], `admin_${string}`>;

export const ClientEventKindSchema = z.enum(CLIENT_EVENT_KINDS);
export const AuditKindSchema = z.enum([...CLIENT_EVENT_KINDS, ...SERVICE_EVENT_KINDS]);
export type AuditKind = z.infer<typeof AuditKindSchema>;

export const AuditClientSchema = z.enum(['outlook', 'gmail', 'service']);
export type AuditClient = z.infer<typeof AuditClientSchema>;

/** Longest override justification kept; the one free-text field of an audit event. */
export const JUSTIFICATION_MAX_LENGTH = 500;
export const MAX_RECIPIENTS = 500;

/** ISO 8601 with an offset; stored as UTC with milliseconds (`2026-01-02T03:04:05.678Z`). */
export const TimestampSchema = z.iso.datetime({ offset: true });
/** SHA-256, lower-case hex. */
export const HashSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** Idempotency key chosen by the client, e.g. a UUID; one event per actor and id. */
export const ClientEventIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/);
/** An opaque message id (Outlook item id, Gmail message id, Message-ID): printable ASCII, no spaces, never content. */
export const MessageRefSchema = z.string().regex(/^[\x21-\x7e]{1,512}$/);
/** A mailbox: no spaces or display-name punctuation, so it can't carry a sentence. Lower-cased when stored. */
export const AddressSchema = z
  .string()
  .max(320)
  .regex(/^[^\s@",;<>()[\]\\]+@[^\s@",;<>()[\]\\]+$/u);
/** Printable text without control characters other than tab and newline. */
const FreeText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/);

export const PhiKindCountsSchema = z.partialRecord(KindSchema, z.number().int().min(1).max(1_000_000));

/**
 * One event as a client reports it. Strict: unknown fields are rejected, and no field can hold
 * message text except `justification`, which only an override carries, capped at
 * JUSTIFICATION_MAX_LENGTH. The actor is never taken from here but from the signed-in principal.
 */
export const AuditEventInputSchema = z
  .strictObject({
    clientEventId: ClientEventIdSchema,
    /** When it happened on the client. */
    time: TimestampSchema,
    kind: ClientEventKindSchema,
    client: AuditClientSchema,
    messageRef: MessageRefSchema.optional(),
    recipients: z.array(AddressSchema).max(MAX_RECIPIENTS).default([]),
    /** How many findings of each PHI kind; never the findings themselves. */
    phiKinds: PhiKindCountsSchema.default({}),
    action: ActionSchema.optional(),
    reasonCodes: z.array(ReasonCodeSchema).max(REASON_CODES.length).default([]),
    protection: AppliedProtectionSchema.optional(),
    justification: FreeText(JUSTIFICATION_MAX_LENGTH).optional(),
  })
  .superRefine((event, ctx) => {
    if (event.justification !== undefined && event.kind !== 'override') {
      ctx.addIssue({ code: 'custom', path: ['justification'], message: 'Only an override carries a justification.' });
    }
  })
  .meta({ id: 'AuditEventInput' });
export type AuditEventInput = z.input<typeof AuditEventInputSchema>;
export type ParsedAuditEventInput = z.output<typeof AuditEventInputSchema>;

export const PurgeDetailSchema = z.strictObject({
  /** Events recorded before this instant were due, unless held. */
  cutoff: z.string(),
  purged: z.number().int(),
});
export const HoldScopeSchema = z.strictObject({
  actor: z.string().optional(),
  recipient: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});
export const HoldPlacedDetailSchema = HoldScopeSchema.extend({ holdId: z.string(), reason: z.string() });
export const HoldReleasedDetailSchema = z.strictObject({ holdId: z.string() });
export const CheckpointDetailSchema = z.strictObject({ size: z.number().int(), root: z.string() });
export const ExportDetailSchema = z.strictObject({ format: z.enum(['csv', 'ndjson']) });
/** A recipient key or certificate in the organisation's registry; the addresses are the event's recipients. */
export const KeyDetailSchema = z.strictObject({ keyType: z.enum(['openpgp', 'smime']), fingerprint: z.string() });
/** A patient's communication consent; never the patient reference itself. The address is the event's recipient. */
export const ConsentDetailSchema = z.strictObject({
  consentId: z.string(),
  allowUnencrypted: z.boolean(),
  source: z.string().optional(),
});
export const CorrespondentDetailSchema = z.strictObject({ domain: z.string() });
/** A secure-portal message by its id; never its subject or content. */
export const PortalDetailSchema = z.strictObject({
  messageId: z.string(),
  /** Which attachment was downloaded (its position, not its name: names can hold PHI). */
  attachment: z.number().int().min(0).optional(),
  expiresAt: z.string().optional(),
});
/** A console sign-in, failure, lockout or sign-out; never a password, code or token. */
export const AdminDetailSchema = z.strictObject({
  /** How the admin signed in; absent for a token that did not verify. */
  method: z.enum(['local', 'microsoft', 'google']).optional(),
  /** The console session, for sign-in and sign-out. */
  sessionId: z.string().optional(),
  /** Why a sign-in failed: a stable code such as invalid_credentials or account_locked. */
  reason: z.string().regex(/^[a-z_]{1,64}$/).optional(),
  lockedUntil: z.string().optional(),
});
/** A break-glass account created or unlocked (`phi-guard admin …`); never its password or TOTP secret. */
export const AdminAccountDetailSchema = z.strictObject({
  /** The account's username; its own sign-ins name the actor `local:<username>`. */
  account: z.string(),
  /** The roles it was created with. */
  roles: z.array(RoleSchema).optional(),
  /** The lock an unlock ended; absent when none was in force. */
  lockedUntil: z.string().optional(),
});
/** A new version of the organisation's policy; never the policy itself (the version holds it). */
export const PolicyChangedDetailSchema = z.strictObject({
  version: z.number().int().min(1),
  /** 0: the policy file or the built-in default was in force. */
  previousVersion: z.number().int().min(0),
  /** The version a revert restored. */
  revertedFrom: z.number().int().min(1).optional(),
});
/**
 * Attachments a user had the service extract and scan: how many and how many could not be
 * inspected. Never names (they can hold PHI) or text; the kinds found are the event's phiKinds.
 */
export const AttachmentsScannedDetailSchema = z.strictObject({
  attachments: z.number().int().min(0),
  uninspectable: z.number().int().min(0),
});
export type AttachmentsScannedDetail = z.infer<typeof AttachmentsScannedDetailSchema>;
/** Extra fields of the service's own events (purge, holds, checkpoints, exports). */
export const AuditDetailSchema = z.union([
  PurgeDetailSchema,
  HoldPlacedDetailSchema,
  HoldReleasedDetailSchema,
  CheckpointDetailSchema,
  ExportDetailSchema,
  KeyDetailSchema,
  ConsentDetailSchema,
  CorrespondentDetailSchema,
  PortalDetailSchema,
  AdminDetailSchema,
  AdminAccountDetailSchema,
  PolicyChangedDetailSchema,
  AttachmentsScannedDetailSchema,
]);
export type AuditDetail = z.infer<typeof AuditDetailSchema>;

/** The fields of a stored event that its hash covers (see event-hash.ts). */
export const AuditRecordSchema = z
  .object({
    seq: z.number().int().positive(),
    /** When the service stored it; retention counts from here. */
    recorded: z.string(),
    clientEventId: z.string(),
    time: z.string(),
    kind: AuditKindSchema,
    /** Who: the signed-in principal's email, or issuer:sub without one; `service` for the service's own events. */
    actor: z.string(),
    client: AuditClientSchema,
    messageRef: z.string().optional(),
    recipients: z.array(z.string()),
    phiKinds: PhiKindCountsSchema,
    action: ActionSchema.optional(),
    reasonCodes: z.array(ReasonCodeSchema),
    protection: AppliedProtectionSchema.optional(),
    justification: z.string().optional(),
    detail: AuditDetailSchema.optional(),
  })
  .meta({ id: 'AuditRecord' });
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

/** A stored event with its place in the hash chain. */
export const AuditEventSchema = AuditRecordSchema.extend({ prevHash: HashSchema, hash: HashSchema }).meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** What an append returns for each event: the original result again for a repeated id. */
export const AppendResultSchema = z
  .object({
    clientEventId: z.string(),
    seq: z.number().int().positive(),
    hash: HashSchema,
    recorded: z.string(),
    status: z.enum(['created', 'duplicate']),
  })
  .meta({ id: 'AuditAppendResult' });
export type AppendResult = z.infer<typeof AppendResultSchema>;

/** Which events a search or export covers; every filter narrows. Times compare with the event's `time`. */
export interface AuditFilter {
  /** Inclusive. */
  readonly from?: string;
  /** Exclusive. */
  readonly to?: string;
  readonly actor?: string;
  readonly recipient?: string;
  readonly kinds?: readonly AuditKind[];
  readonly reasonCode?: z.infer<typeof ReasonCodeSchema>;
  /** Events that counted at least one finding of this PHI kind. */
  readonly phiKind?: z.infer<typeof KindSchema>;
  readonly client?: AuditClient;
}

export const HoldInputSchema = z
  .strictObject({
    actor: z.string().min(1).max(320).optional(),
    recipient: AddressSchema.optional(),
    /** Events whose `time` is at or after this (inclusive). */
    from: TimestampSchema.optional(),
    /** Events whose `time` is before this (exclusive). */
    to: TimestampSchema.optional(),
    /** Why (e.g. a case number); shown to admins and kept in the audit log. */
    reason: FreeText(500),
  })
  .superRefine((hold, ctx) => {
    if (hold.actor === undefined && hold.recipient === undefined && hold.from === undefined && hold.to === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'A hold names an actor, a recipient or a time range.' });
    }
    if (hold.from !== undefined && hold.to !== undefined && Date.parse(hold.from) >= Date.parse(hold.to)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'A hold ends after it starts.' });
    }
  })
  .meta({ id: 'AuditHoldInput' });
export type HoldInput = z.input<typeof HoldInputSchema>;

export const HoldSchema = z
  .object({
    id: z.string(),
    actor: z.string().optional(),
    recipient: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    reason: z.string(),
    placedBy: z.string(),
    placedAt: z.string(),
    releasedBy: z.string().optional(),
    releasedAt: z.string().optional(),
  })
  .meta({ id: 'AuditHold' });
export type Hold = z.infer<typeof HoldSchema>;

export const CheckpointSchema = z
  .object({
    /** Events covered: seq 1..size. */
    size: z.number().int().nonnegative(),
    /** RFC 6962 Merkle tree head over the event hashes, base64. */
    root: z.string(),
    origin: z.string(),
    recorded: z.string(),
    keyId: z.string(),
    /** Compact JWS (EdDSA) whose payload is the C2SP checkpoint body `origin\nsize\nroot\n`. */
    jws: z.string(),
    /** The same body as a C2SP signed note (Ed25519), for transparency-log tooling. */
    note: z.string(),
  })
  .meta({ id: 'AuditCheckpoint' });
export type Checkpoint = z.infer<typeof CheckpointSchema>;

export const VERIFY_PROBLEM_CODES = [
  'missing_event',
  'prev_hash_mismatch',
  'hash_mismatch',
  'malformed_event',
  'purge_not_recorded',
  'head_mismatch',
  'checkpoint_signature_invalid',
  'checkpoint_unknown_key',
  'checkpoint_mismatch',
  'checkpoint_root_mismatch',
  'checkpoint_beyond_log',
] as const;
export const VerifyProblemCodeSchema = z.enum(VERIFY_PROBLEM_CODES);
export type VerifyProblemCode = z.infer<typeof VerifyProblemCodeSchema>;

export const VerifyProblemSchema = z.object({
  /** The first event position affected; for a checkpoint, its size. */
  seq: z.number().int(),
  code: VerifyProblemCodeSchema,
  /** The checkpoint concerned, for checkpoint problems. */
  checkpoint: z.number().int().optional(),
});
export type VerifyProblem = z.infer<typeof VerifyProblemSchema>;

export const VerifyReportSchema = z
  .object({
    ok: z.boolean(),
    /** Events read, purged ones included. */
    events: z.number().int(),
    purged: z.number().int(),
    checkpoints: z.number().int(),
    head: z.object({ seq: z.number().int(), hash: HashSchema }),
    /** Size of the newest checkpoint that verified. */
    verifiedThrough: z.number().int(),
    /** In seq order; the first is where tampering starts. Capped at MAX_VERIFY_PROBLEMS. */
    problems: z.array(VerifyProblemSchema),
  })
  .meta({ id: 'AuditVerifyReport' });
export type VerifyReport = z.infer<typeof VerifyReportSchema>;

/** How long events are kept and what keeps them longer (AuditLog.retention). */
export const RetentionStatusSchema = z
  .object({
    retentionDays: z.number().int().positive(),
    /** Events recorded before this are due for the next purge, unless held or exempt. */
    cutoff: z.string(),
    /**
     * When the oldest event a purge could remove (not purge-exempt, under no active hold) falls due:
     * its `recorded` plus the retention period. In the past when a purge is pending; absent when
     * there is no such event.
     */
    nextPurgeEligible: z.string().optional(),
    activeHolds: z.number().int().nonnegative(),
  })
  .meta({ id: 'AuditRetentionStatus' });
export type RetentionStatus = z.infer<typeof RetentionStatusSchema>;
