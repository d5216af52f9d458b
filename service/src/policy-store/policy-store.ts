import { parsePolicy, type Policy, type PolicyIssue } from '@phiguard/core';
import { normalizeActor } from '../audit/actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Store } from '../store/store.js';
import { PolicyStoreError } from './errors.js';
import { insertVersion, latestVersion, newestRow, versionInfos, versionRow, type PolicyVersionRow } from './repository.js';
import { PolicyNoteSchema, type PolicyInput, type PolicyVersionInfo, type StoredPolicy } from './schema.js';

export const DEFAULT_HISTORY_LIMIT = 50;
export const MAX_HISTORY_LIMIT = 200;

/** The newest stored version with the policy it gives, every default filled in. */
export interface CurrentPolicy extends StoredPolicy {
  readonly policy: Policy;
}

export type SaveResult =
  | { readonly ok: true; readonly saved: CurrentPolicy }
  /** Nothing was stored; the core's issues say where and why (`organisation.domains[1]`). */
  | { readonly ok: false; readonly code: 'invalid_policy'; readonly issues: readonly PolicyIssue[] };

export type RevertResult = SaveResult | { readonly ok: false; readonly code: 'version_not_found' };

/**
 * The organisation's policy as admins edit it, one numbered version per change, in the service's
 * store. Reads are uncached (PolicySource caches what the service applies). Versions are never
 * changed or deleted: a revert is a new version.
 */
export interface PolicyStore {
  /** The newest version, or undefined when none is stored (the file or the built-in default applies). */
  current(): Promise<CurrentPolicy | undefined>;
  /** The newest version number, 0 when none is stored; one cheap query. */
  latestVersion(): Promise<number>;
  /**
   * Checks `input` with the core's parsePolicy and stores it as the next version, together with a
   * `policy_changed` audit event (one transaction). An invalid policy stores nothing.
   * PolicyStoreError `invalid_note` for a note PolicyNoteSchema refuses.
   */
  save(input: unknown, actor: string, note?: string): Promise<SaveResult>;
  /** Metadata of the versions below `before` (all when absent), newest first; limit 1…MAX_HISTORY_LIMIT. */
  history(limit?: number, before?: number): Promise<PolicyVersionInfo[]>;
  version(version: number): Promise<StoredPolicy | undefined>;
  /** Saves version `version`'s input again as a new version that names it in `revertedFrom`. */
  revert(version: number, actor: string, note?: string): Promise<RevertResult>;
}

export interface PolicyStoreOptions {
  readonly store: Store;
  readonly auditLog: AuditLog;
  readonly now?: () => Date;
}

export function createPolicyStore(options: PolicyStoreOptions): PolicyStore {
  const { store, auditLog } = options;
  const now = options.now ?? (() => new Date());

  async function save(input: unknown, actor: string, note?: string, revertedFrom?: number): Promise<SaveResult> {
    const checkedNote = checkNote(note);
    const parsed = parsePolicy(input);
    if (!parsed.ok) return { ok: false, code: 'invalid_policy', issues: parsed.issues };
    // Stored as the admin wrote it (omitted fields keep following the defaults), minus formatting.
    const text = JSON.stringify(input);
    const row = await auditLog.changeWithAudit(actor, async (tx, record) => {
      // changeWithAudit locks the audit head first, so concurrent saves get consecutive versions.
      const previous = await latestVersion(tx);
      const saved: PolicyVersionRow = {
        version: previous + 1,
        policy: text,
        createdAt: now().toISOString(),
        createdBy: normalizeActor(actor),
        ...(checkedNote === undefined ? {} : { note: checkedNote }),
        ...(revertedFrom === undefined ? {} : { revertedFrom }),
      };
      await insertVersion(tx, saved);
      record('policy_changed', {
        version: saved.version,
        previousVersion: previous,
        ...(revertedFrom === undefined ? {} : { revertedFrom }),
      });
      return saved;
    });
    return { ok: true, saved: { ...toStored(row), policy: parsed.policy } };
  }

  return {
    async current() {
      const row = await newestRow(store);
      if (row === undefined) return undefined;
      const stored = toStored(row);
      const parsed = parsePolicy(stored.input);
      if (!parsed.ok) throw new PolicyStoreError('stored_policy_invalid', `stored policy version ${row.version} no longer passes the policy checks`);
      return { ...stored, policy: parsed.policy };
    },
    latestVersion: () => latestVersion(store),
    save: (input, actor, note) => save(input, actor, note),
    history: (limit = DEFAULT_HISTORY_LIMIT, before) => versionInfos(store, Math.min(Math.max(1, Math.trunc(limit)), MAX_HISTORY_LIMIT), before),
    async version(version) {
      const row = await versionRow(store, version);
      return row && toStored(row);
    },
    async revert(version, actor, note) {
      const row = await versionRow(store, version);
      if (row === undefined) return { ok: false, code: 'version_not_found' };
      return save(toStored(row).input, actor, note, version);
    },
  };
}

/** The trimmed note, undefined when blank. */
function checkNote(note: string | undefined): string | undefined {
  if (note === undefined) return undefined;
  const parsed = PolicyNoteSchema.safeParse(note);
  if (!parsed.success) throw new PolicyStoreError('invalid_note', 'the note is too long or holds control characters');
  return parsed.data === '' ? undefined : parsed.data;
}

function toStored(row: PolicyVersionRow): StoredPolicy {
  const { policy, ...info } = row;
  return { ...info, input: JSON.parse(policy) as PolicyInput };
}
