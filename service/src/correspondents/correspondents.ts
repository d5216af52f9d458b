import { normalizeActor } from '../audit/actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Store } from '../store/store.js';
import { normalizeDomain } from './domain.js';
import { CorrespondentError } from './errors.js';
import { correspondentEdits, saveCorrespondentEdit, sendsByDomain, type CorrespondentEdit, type CorrespondentStatus } from './repository.js';
import type { Correspondent } from './schema.js';

/** Sends after which a domain counts as a known correspondent. */
export const DEFAULT_MIN_SENDS = 3;
/** How long knownDomains answers from memory; admin edits on this instance clear it at once. */
export const DEFAULT_KNOWN_DOMAINS_CACHE_MS = 60_000;

export interface CorrespondentsOptions {
  readonly store: Store;
  readonly auditLog: AuditLog;
  readonly minSends?: number;
  readonly cacheMs?: number;
  readonly now?: () => Date;
}

/**
 * Domains the organisation writes to, for lookalike checks: learned from sends in the audit log,
 * corrected by admins (`added` forces a domain in, `removed` keeps it out, e.g. a typo domain
 * that was written to by mistake).
 */
export interface Correspondents {
  /** Known domains, sorted; cached (see DEFAULT_KNOWN_DOMAINS_CACHE_MS) since every lookup asks. */
  knownDomains(): Promise<readonly string[]>;
  /** Every learned or admin-edited domain with its origin, sorted by domain; read fresh. */
  list(): Promise<Correspondent[]>;
  /** CorrespondentError `invalid_domain`; audited `correspondent_added`. */
  add(by: string, domain: string): Promise<CorrespondentEdit>;
  /** CorrespondentError `invalid_domain`; audited `correspondent_removed`. */
  remove(by: string, domain: string): Promise<CorrespondentEdit>;
}

export function createCorrespondents(options: CorrespondentsOptions): Correspondents {
  const { store, auditLog } = options;
  const minSends = options.minSends ?? DEFAULT_MIN_SENDS;
  const cacheMs = options.cacheMs ?? DEFAULT_KNOWN_DOMAINS_CACHE_MS;
  const now = options.now ?? (() => new Date());
  let cached: { until: number; domains: Promise<readonly string[]> } | undefined;

  async function list(): Promise<Correspondent[]> {
    const [counts, edits] = await Promise.all([sendsByDomain(store, store.dialect, minSends), correspondentEdits(store)]);
    // Recipients are stored as typed, so one domain can appear as U-labels and as A-labels. Each form
    // meets minSends on its own (the database can't fold IDNs); a rare split below it is not learned.
    const sends = new Map<string, number>();
    for (const { domain, sends: n } of counts) {
      const normalized = normalizeDomain(domain);
      if (normalized !== undefined) sends.set(normalized, (sends.get(normalized) ?? 0) + n);
    }
    const editOf = new Map(edits.map((edit) => [edit.domain, edit]));
    const domains = [...new Set([...[...sends].filter(([, n]) => n >= minSends).map(([domain]) => domain), ...editOf.keys()])].sort();
    return domains.map((domain) => {
      const edit = editOf.get(domain);
      const count = sends.get(domain) ?? 0;
      if (edit === undefined) return { domain, known: true, origin: 'learned', sends: count };
      return { domain, known: edit.status === 'added', origin: edit.status, sends: count, changedBy: edit.changedBy, changedAt: edit.changedAt };
    });
  }

  async function edit(by: string, value: string, status: CorrespondentStatus): Promise<CorrespondentEdit> {
    const domain = normalizeDomain(value);
    if (domain === undefined) throw new CorrespondentError('invalid_domain', 'not a domain name');
    const change: CorrespondentEdit = { domain, status, changedBy: normalizeActor(by), changedAt: now().toISOString() };
    await auditLog.changeWithAudit(by, async (tx, record) => {
      await saveCorrespondentEdit(tx, change);
      record(status === 'added' ? 'correspondent_added' : 'correspondent_removed', { domain });
    });
    cached = undefined;
    return change;
  }

  return {
    knownDomains() {
      const at = now().getTime();
      if (cached === undefined || at >= cached.until) {
        const entry = { until: at + cacheMs, domains: list().then((all) => all.filter((c) => c.known).map((c) => c.domain)) };
        // A failed read is not remembered: the next call tries again.
        entry.domains.catch(() => {
          if (cached === entry) cached = undefined;
        });
        cached = entry;
      }
      return cached.domains;
    },
    list,
    add: (by, domain) => edit(by, domain, 'added'),
    remove: (by, domain) => edit(by, domain, 'removed'),
  };
}
