import type { AuditLog } from '../audit/audit-log.js';
import { normalizeActor } from '../audit/actor.js';
import { MAX_RECIPIENTS } from '../audit/schema.js';
import type { Store } from '../store/store.js';
import { newConsentId } from './consent-id.js';
import { parseConsentCsv } from './csv.js';
import { ConsentError } from './errors.js';
import { consentById, insertConsents, listConsents, newestConsents, revokeConsent, type ConsentPosition } from './repository.js';
import {
  ConsentInputSchema,
  type ConsentImportResult,
  type ConsentInput,
  type ConsentRecord,
  type ConsentStatus,
  type ParsedConsentInput,
} from './schema.js';

export const DEFAULT_CONSENT_PAGE = 100;
export const MAX_CONSENT_PAGE = 1000;
/** Most addresses one statusFor call takes (a message's recipients). */
export const MAX_STATUS_ADDRESSES = MAX_RECIPIENTS;

export interface ConsentRegistryOptions {
  readonly store: Store;
  readonly auditLog: AuditLog;
  readonly now?: () => Date;
}

export interface ConsentListQuery {
  readonly address?: string;
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

export interface ConsentPage {
  /** Newest first. */
  readonly consents: ConsentRecord[];
  readonly nextCursor?: string;
}

/**
 * Patients' consent to email at an address (HIPAA allows unencrypted email when the patient was
 * warned and still asks for it). Every change is audited in the same transaction; the patient
 * reference is stored but never put in audit details. Rows are never deleted.
 */
export interface ConsentRegistry {
  /** Records a consent; for its address it supersedes every earlier row. */
  record(by: string, input: ConsentInput): Promise<ConsentRecord>;
  /** Imports a CSV (csv.ts) in one transaction; ConsentError csv_* when the file can't be read at all. */
  importCsv(by: string, text: string): Promise<ConsentImportResult>;
  /** ConsentError `consent_not_found` or `already_revoked`. */
  revoke(by: string, consentId: string): Promise<ConsentRecord>;
  list(query?: ConsentListQuery): Promise<ConsentPage>;
  /** The state of each address (keyed as given), from its newest row, in one query. */
  statusFor(addresses: readonly string[]): Promise<Map<string, ConsentStatus>>;
}

export function createConsentRegistry(options: ConsentRegistryOptions): ConsentRegistry {
  const { store, auditLog } = options;
  const now = options.now ?? (() => new Date());

  const stored = (by: string, at: string, input: ParsedConsentInput): ConsentRecord => ({
    id: newConsentId(),
    ...input,
    recordedBy: normalizeActor(by),
    recordedAt: at,
  });

  const save = (by: string, consents: readonly ConsentRecord[]) =>
    auditLog.changeWithAudit(by, async (tx, record) => {
      await insertConsents(tx, consents);
      for (const { id, allowUnencrypted, source, address } of consents) {
        record('consent_recorded', { consentId: id, allowUnencrypted, source }, [address]);
      }
    });

  return {
    async record(by, input) {
      const parsed = ConsentInputSchema.safeParse(input);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ path: issue.path, code: issue.code }));
        throw new ConsentError('invalid_input', 'the consent is not valid', { issues });
      }
      const consent = stored(by, now().toISOString(), parsed.data);
      await save(by, [consent]);
      return consent;
    },

    async importCsv(by, text) {
      const { rows, rejected, errors, errorsTruncated } = parseConsentCsv(text);
      const at = now().toISOString();
      if (rows.length > 0) await save(by, rows.map((row) => stored(by, at, row.consent)));
      return { imported: rows.length, rejected, errors, ...(errorsTruncated ? { errorsTruncated } : {}) };
    },

    async revoke(by, consentId) {
      const revokedBy = normalizeActor(by);
      return auditLog.changeWithAudit(by, async (tx, record) => {
        const revoked = await revokeConsent(tx, consentId, revokedBy, now().toISOString());
        if (revoked === undefined) {
          throw (await consentById(tx, consentId))
            ? new ConsentError('already_revoked', 'the consent was already revoked')
            : new ConsentError('consent_not_found', 'no consent with that id');
        }
        record('consent_revoked', { consentId, allowUnencrypted: revoked.allowUnencrypted, source: revoked.source }, [revoked.address]);
        return revoked;
      });
    },

    async list(query = {}) {
      const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_CONSENT_PAGE), MAX_CONSENT_PAGE);
      const consents = await listConsents(store, {
        address: query.address?.toLowerCase(),
        after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
        limit,
      });
      const last = consents.at(-1);
      return consents.length === limit && last ? { consents, nextCursor: encodeCursor(last) } : { consents };
    },

    async statusFor(addresses) {
      if (addresses.length > MAX_STATUS_ADDRESSES) throw new RangeError(`statusFor takes at most ${MAX_STATUS_ADDRESSES} addresses`);
      const newest = await newestConsents(store, [...new Set(addresses.map((a) => a.toLowerCase()))]);
      const byAddress = new Map(newest.map((consent) => [consent.address, consent]));
      return new Map(addresses.map((address) => [address, statusOf(byAddress.get(address.toLowerCase()))]));
    },
  };
}

function statusOf(newest: ConsentRecord | undefined): ConsentStatus {
  if (newest === undefined) return { state: 'none', allowUnencrypted: false };
  // A revoked newest row leaves no consent: an older grant must not come back.
  const state = newest.revokedAt !== undefined ? 'revoked' : newest.allowUnencrypted ? 'granted' : 'refused';
  return { state, allowUnencrypted: state === 'granted', consentId: newest.id };
}

function encodeCursor(position: ConsentPosition): string {
  return Buffer.from(`${position.recordedAt} ${position.id}`).toString('base64url');
}

/** ConsentError `invalid_cursor` for a cursor this registry never handed out. */
function decodeCursor(cursor: string): ConsentPosition {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) ([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new ConsentError('invalid_cursor', 'the cursor is not valid');
  return { recordedAt: match[1]!, id: match[2]! };
}
