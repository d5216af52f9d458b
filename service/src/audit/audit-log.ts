import { randomUUID } from 'node:crypto';
import type { Queryable, Store } from '../store/store.js';
import { normalizeActor, SERVICE_ACTOR } from './actor.js';
import { ChainWalker, GENESIS, type ChainPosition } from './chain.js';
import { isValidOrigin, signCheckpoint } from './checkpoint-signature.js';
import { AuditError } from './errors.js';
import { defined } from './defined.js';
import { eventHash } from './event-hash.js';
import type { AuditPublicKey, AuditSigningKey } from './keys.js';
import { CompactRange } from './merkle.js';
import {
  activeHoldCount,
  appendKey,
  chainRows,
  checkpointAt,
  checkpointCovering,
  findAppended,
  hashAt,
  holdRows,
  insertCheckpoint,
  insertEvents,
  insertHold,
  latestCheckpoint,
  lockHead,
  oldestPurgeable,
  readHead,
  releaseHoldRow,
  searchEvents,
  setHead,
  storedEvent,
  tombstoneDue,
  type CheckpointRow,
  type Head,
} from './repository.js';
import { DEFAULT_RETENTION_DAYS } from './retention.js';
import { auditStats, type AuditStats, type StatsRange } from './stats.js';
import {
  AuditEventInputSchema,
  HoldInputSchema,
  type AppendResult,
  type AttachmentsScannedDetail,
  type AuditDetail,
  type AuditEvent,
  type AuditEventInput,
  type AuditFilter,
  type AuditKind,
  type AuditRecord,
  type AdminEventKind,
  type Checkpoint,
  type Hold,
  type HoldInput,
  type ParsedAuditEventInput,
  type PortalEventKind,
  type RegistryEventKind,
  type RetentionStatus,
  type VerifyReport,
} from './schema.js';
import { verifyAuditLog } from './verify.js';

export const DEFAULT_ORIGIN = 'phi-guard/audit';
/**
 * How long the first append of a group waits for company. 0 adds no wait: the group is what
 * arrives in the same event-loop turn or while the previous commit is in flight. Measured on
 * SQLite (FULL) at 1, 8 and 200 concurrent appenders, 0 beat 1, 2 and 5 ms windows on both
 * throughput and latency (27k/s at 200). A window only helps when commits are much faster than arrivals.
 */
export const DEFAULT_GROUP_COMMIT_MS = 0;
export const DEFAULT_MAX_GROUP_EVENTS = 1000;
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 10 * 60_000;
export const DEFAULT_PURGE_INTERVAL_MS = 24 * 60 * 60_000;
export const MAX_SEARCH_LIMIT = 1000;

const PAGE = 500;
const DAY_MS = 86_400_000;

export interface AuditLogOptions {
  readonly store: Store;
  /** Signs checkpoints (keys.ts). */
  readonly key: AuditSigningKey;
  /** Earlier keys whose checkpoints still verify after a key change. */
  readonly previousKeys?: readonly AuditPublicKey[];
  /** Checkpoint origin, a C2SP key name such as `audit.example.org/phi-guard`. */
  readonly origin?: string;
  readonly now?: () => Date;
  readonly groupCommitMs?: number;
  readonly maxGroupEvents?: number;
  readonly retentionDays?: number;
  /** Failures of scheduled checkpoints and purges (codes only: AuditError/StoreError). Ignored when absent. */
  readonly onBackgroundError?: (error: unknown, task: 'checkpoint' | 'purge') => void;
}

export interface SearchPage {
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

export interface SearchResult {
  /** Newest first. */
  readonly events: AuditEvent[];
  readonly nextCursor?: string;
}

export interface PurgeResult {
  readonly cutoff: string;
  readonly purged: number;
  /** The purge event, when anything was purged. */
  readonly seq?: number;
}

/** One position of the chain: the event and the first checkpoint signed over it, or the purge that blanked it. */
export type EventAt = { readonly event: AuditEvent; readonly checkpoint?: Checkpoint } | { readonly purgedBy: number };

/** What a scan found and decided, without content: counts per PHI kind, the action and why (e.g. a portal message's). */
export type ScanSummary = Pick<AuditRecord, 'phiKinds' | 'action' | 'reasonCodes'>;

/** An event before it has a place in the chain. */
type Draft = Omit<AuditRecord, 'seq' | 'recorded' | 'time'> & { readonly time?: string };

interface Pending {
  readonly drafts: readonly Draft[];
  resolve(results: AppendResult[]): void;
  reject(error: unknown): void;
}

/**
 * The tamper-evident audit log. Appends are validated, queued and written by group commit:
 * appends arriving together (within `groupCommitMs`, or while a commit is in flight) share one
 * transaction and so one fsync. Each call's events are all stored or none are. A repeated (actor,
 * clientEventId) writes nothing and returns the original result.
 */
export class AuditLog {
  readonly origin: string;
  readonly publicKey: AuditPublicKey;
  /** The log's clock: times recorded, retention, and the console's default ranges. */
  readonly now: () => Date;
  private readonly store: Store;
  private readonly key: AuditSigningKey;
  private readonly trusted: readonly AuditPublicKey[];
  private readonly groupCommitMs: number;
  private readonly maxGroupEvents: number;
  private readonly retentionDays: number;
  private readonly onBackgroundError: NonNullable<AuditLogOptions['onBackgroundError']>;

  private queue: Pending[] = [];
  private queuedEvents = 0;
  /** Cancels the flush that is scheduled but not started. */
  private cancelScheduled: (() => void) | undefined;
  private flushing: Promise<void> | undefined;
  private checkpointing: Promise<unknown> = Promise.resolve();
  private schedules: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(options: AuditLogOptions) {
    this.origin = options.origin ?? DEFAULT_ORIGIN;
    if (!isValidOrigin(this.origin)) throw new TypeError('origin must be one line without spaces or "+"');
    this.store = options.store;
    this.key = options.key;
    this.publicKey = options.key.publicKey;
    this.trusted = [options.key.publicKey, ...(options.previousKeys ?? [])];
    this.now = options.now ?? (() => new Date());
    this.groupCommitMs = options.groupCommitMs ?? DEFAULT_GROUP_COMMIT_MS;
    this.maxGroupEvents = options.maxGroupEvents ?? DEFAULT_MAX_GROUP_EVENTS;
    this.retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    this.onBackgroundError = options.onBackgroundError ?? (() => undefined);
  }

  /** Appends one client event for `actor` (see actorOf); resolves once it is durable. */
  async append(actor: string, input: AuditEventInput): Promise<AppendResult> {
    const [result] = await this.appendBatch(actor, [input]);
    return result!;
  }

  /** Appends events atomically: all durable, or none stored and the promise rejects. */
  async appendBatch(actor: string, inputs: readonly AuditEventInput[]): Promise<AppendResult[]> {
    const drafts = inputs.map((input, index) => {
      const parsed = AuditEventInputSchema.safeParse(input);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ path: [index, ...issue.path], code: issue.code }));
        throw new AuditError('invalid_input', 'an audit event is not valid', { issues });
      }
      return clientDraft(normalizeActor(actor), parsed.data);
    });
    return drafts.length === 0 ? [] : this.enqueue(drafts);
  }

  /** Live events matching `filter`, newest first, a page at a time. */
  async search(filter: AuditFilter, page: SearchPage = {}): Promise<SearchResult> {
    const limit = Math.min(Math.max(1, page.limit ?? 100), MAX_SEARCH_LIMIT);
    const events = await searchEvents(this.store, this.store.dialect, normalizeFilter(filter), {
      order: 'desc',
      afterSeq: page.cursor === undefined ? undefined : decodeCursor(page.cursor),
      limit,
    });
    const last = events.at(-1);
    return events.length === limit && last ? { events, nextCursor: encodeCursor(last.seq) } : { events };
  }

  /** Every live event matching `filter`, oldest first, read page by page. */
  async *export(filter: AuditFilter): AsyncGenerator<AuditEvent> {
    const normalized = normalizeFilter(filter);
    for (let afterSeq = 0; ; ) {
      const events = await searchEvents(this.store, this.store.dialect, normalized, { order: 'asc', afterSeq, limit: PAGE });
      yield* events;
      if (events.length < PAGE) return;
      afterSeq = events.at(-1)!.seq;
    }
  }

  /** Records that `actor` exported the log (reading the audit trail is itself audited). */
  async recordExport(actor: string, format: 'csv' | 'ndjson'): Promise<AppendResult> {
    const [result] = await this.enqueue([serviceDraft(normalizeActor(actor), 'export', { format })]);
    return result!;
  }

  /** Records that `actor` had attachments extracted and scanned: counts and kinds only, never names or text. */
  async recordAttachmentScan(actor: string, detail: AttachmentsScannedDetail, phiKinds: AuditRecord['phiKinds']): Promise<AppendResult> {
    const [result] = await this.enqueue([{ ...serviceDraft(normalizeActor(actor), 'attachments_scanned', detail), phiKinds }]);
    return result!;
  }

  /**
   * Signs a checkpoint over every event so far, unless the newest one already covers them. The
   * events since the last checkpoint are re-verified first: a broken chain is never signed
   * (AuditError `chain_broken`). With `by`, an admin asked, and a `checkpoint` event records it.
   */
  checkpoint(options: { by?: string } = {}): Promise<Checkpoint> {
    const run = this.checkpointing.then(() => this.createCheckpoint(options.by));
    this.checkpointing = run.catch(() => undefined);
    return run;
  }

  async latestCheckpoint(): Promise<Checkpoint | undefined> {
    const row = await latestCheckpoint(this.store);
    return row && toCheckpoint(row);
  }

  /** Recomputes the chain and every checkpoint; see verify.ts. */
  verify(): Promise<VerifyReport> {
    return verifyAuditLog(this.store, { publicKeys: this.trusted, origin: this.origin });
  }

  /** Suspends purging of matching events until released; recorded as a `hold_placed` event. */
  async placeHold(by: string, input: HoldInput): Promise<Hold> {
    const parsed = HoldInputSchema.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path, code: issue.code }));
      throw new AuditError('invalid_input', 'the hold is not valid', { issues });
    }
    const { actor, recipient, from, to, reason } = parsed.data;
    const hold: Hold = defined({
      id: randomUUID(),
      actor: actor === undefined ? undefined : normalizeActor(actor),
      recipient: recipient?.toLowerCase(),
      from: from === undefined ? undefined : isoTime(from),
      to: to === undefined ? undefined : isoTime(to),
      reason,
      placedBy: normalizeActor(by),
      placedAt: this.now().toISOString(),
    });
    await this.store.transaction(async (tx) => {
      const head = await lockHead(tx);
      await insertHold(tx, hold);
      const { id: holdId, placedBy, placedAt: _placedAt, ...scope } = hold;
      await this.write(tx, head, [[serviceDraft(placedBy, 'hold_placed', { holdId, ...scope })]]);
    });
    return hold;
  }

  /**
   * Runs a change to one of the service's registries (keys, consents, correspondents) or to a
   * portal message and records
   * its audit events in the same transaction: the change and its record are stored together or
   * not at all. `record` may be called any number of times inside `fn`.
   */
  async changeWithAudit<T>(
    by: string,
    fn: (
      tx: Queryable,
      record: (
        kind: RegistryEventKind | PortalEventKind | AdminEventKind,
        detail: AuditDetail,
        recipients?: readonly string[],
        scan?: ScanSummary,
      ) => void,
    ) => Promise<T>,
  ): Promise<T> {
    const actor = normalizeActor(by);
    return this.store.transaction(async (tx) => {
      const head = await lockHead(tx);
      const drafts: Draft[] = [];
      const result = await fn(tx, (kind, detail, recipients = [], scan) =>
        drafts.push(
          defined({
            ...serviceDraft(actor, kind, detail),
            recipients: [...new Set(recipients.map((r) => r.toLowerCase()))],
            ...(scan && { phiKinds: scan.phiKinds, action: scan.action, reasonCodes: [...new Set(scan.reasonCodes)] }),
          }),
        ),
      );
      if (drafts.length > 0) await this.write(tx, head, [drafts]);
      return result;
    });
  }

  /** Ends a hold (AuditError `hold_not_found` unless it is active); recorded as `hold_released`. */
  async releaseHold(by: string, id: string): Promise<Hold> {
    const releasedBy = normalizeActor(by);
    await this.store.transaction(async (tx) => {
      const head = await lockHead(tx);
      if (!(await releaseHoldRow(tx, id, releasedBy, this.now().toISOString()))) {
        throw new AuditError('hold_not_found', 'no active hold with that id');
      }
      await this.write(tx, head, [[serviceDraft(releasedBy, 'hold_released', { holdId: id })]]);
    });
    const [hold] = await holdRows(this.store, { id });
    return hold!;
  }

  holds(options: { activeOnly?: boolean } = {}): Promise<Hold[]> {
    return holdRows(this.store, options);
  }

  /** The event at `seq`, live or purged; undefined when the chain has no such position. */
  async eventAt(seq: number): Promise<EventAt | undefined> {
    const stored = await storedEvent(this.store, seq);
    if (!stored || !('event' in stored)) return stored;
    const checkpoint = await checkpointCovering(this.store, seq);
    return checkpoint ? { ...stored, checkpoint: toCheckpoint(checkpoint) } : stored;
  }

  /** The admin console's figures over a range of event time (stats.ts). */
  stats(range: StatsRange): Promise<AuditStats> {
    return auditStats(this.store, this.store.dialect, range);
  }

  /** The retention period, what it makes due now, when the next event falls due, and the active holds. */
  async retention(): Promise<RetentionStatus> {
    const now = this.now().getTime();
    const [oldest, activeHolds] = await Promise.all([oldestPurgeable(this.store), activeHoldCount(this.store)]);
    return defined({
      retentionDays: this.retentionDays,
      cutoff: new Date(now - this.retentionDays * DAY_MS).toISOString(),
      nextPurgeEligible: oldest === undefined ? undefined : new Date(Date.parse(oldest) + this.retentionDays * DAY_MS).toISOString(),
      activeHolds,
    });
  }

  /**
   * Purges events recorded more than the retention period ago, except those under an active
   * hold, and records a `purge` event in the same transaction (how purged events stay
   * verifiable: retention.ts). Nothing due: nothing written.
   */
  async purge(options: { by?: string } = {}): Promise<PurgeResult> {
    const cutoff = new Date(this.now().getTime() - this.retentionDays * DAY_MS).toISOString();
    return this.store.transaction(async (tx) => {
      const head = await lockHead(tx);
      const purged = await tombstoneDue(tx, cutoff, head.seq + 1);
      if (purged === 0) return { cutoff, purged };
      const [results] = await this.write(tx, head, [[serviceDraft(normalizeActor(options.by ?? SERVICE_ACTOR), 'purge', { cutoff, purged })]]);
      return { cutoff, purged, seq: results![0]!.seq };
    });
  }

  /** Starts periodic checkpoints and purges; timers don't keep the process alive. */
  start(intervals: { checkpointMs?: number; purgeMs?: number } = {}): void {
    if (this.schedules.length > 0) return;
    const every = (ms: number, task: 'checkpoint' | 'purge', run: () => Promise<unknown>) => {
      const timer = setInterval(() => {
        run().catch((error: unknown) => this.onBackgroundError(error, task));
      }, ms);
      timer.unref();
      this.schedules.push(timer);
    };
    every(intervals.checkpointMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS, 'checkpoint', () => this.checkpoint());
    every(intervals.purgeMs ?? DEFAULT_PURGE_INTERVAL_MS, 'purge', () => this.purge());
  }

  /** Stops the schedules, writes every queued append, and refuses new ones. Leaves the store open. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.schedules) clearInterval(timer);
    this.schedules = [];
    while (this.flushing || this.cancelScheduled) {
      if (this.cancelScheduled && !this.flushing) {
        this.cancelFlush();
        this.startFlush();
      }
      await this.flushing;
    }
    await this.checkpointing;
  }

  private enqueue(drafts: readonly Draft[]): Promise<AppendResult[]> {
    if (this.closed) return Promise.reject(new AuditError('closed', 'the audit log is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ drafts, resolve, reject });
      this.queuedEvents += drafts.length;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.flushing) return; // the running flush takes whatever is queued next
    if (this.queuedEvents >= this.maxGroupEvents) {
      this.cancelFlush();
      this.startFlush();
      return;
    }
    if (this.cancelScheduled) return;
    const fire = () => {
      this.cancelScheduled = undefined;
      this.startFlush();
    };
    if (this.groupCommitMs > 0) {
      const timer = setTimeout(fire, this.groupCommitMs);
      this.cancelScheduled = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(fire);
      this.cancelScheduled = () => clearImmediate(immediate);
    }
  }

  private cancelFlush(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
  }

  private startFlush(): void {
    this.flushing = (async () => {
      while (this.queue.length > 0) await this.commitGroup(this.takeGroup());
    })().finally(() => {
      this.flushing = undefined;
      // An append can land between the loop's last look at the queue and this callback.
      if (this.queue.length > 0) this.schedule();
    });
  }

  /** Whole calls, oldest first, up to maxGroupEvents (always at least one call). */
  private takeGroup(): Pending[] {
    let events = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || events + this.queue[n]!.drafts.length <= this.maxGroupEvents)) {
      events += this.queue[n]!.drafts.length;
      n += 1;
    }
    this.queuedEvents -= events;
    return this.queue.splice(0, n);
  }

  private async commitGroup(group: readonly Pending[]): Promise<void> {
    try {
      const results = await this.store.transaction(async (tx) => this.write(tx, await lockHead(tx), group.map((p) => p.drafts)));
      group.forEach((pending, i) => pending.resolve(results[i]!));
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      // One call's failure must not fail the others: retry each alone (idempotency keeps any that did commit).
      for (const pending of group) await this.commitGroup([pending]);
    }
  }

  /** Chains and inserts the drafts after `head` (locked by the caller's transaction), skipping known ids. */
  private async write(tx: Queryable, head: Head, batches: ReadonlyArray<readonly Draft[]>): Promise<AppendResult[][]> {
    const all = batches.flat();
    const known = await findAppended(tx, all);
    const recorded = this.now().toISOString();
    const events: AuditEvent[] = [];
    let { seq, hash } = head;
    const results = batches.map((drafts) =>
      drafts.map((draft): AppendResult => {
        const key = appendKey(draft.actor, draft.clientEventId);
        const original = known.get(key);
        if (original) return original;
        seq += 1;
        const record: AuditRecord = { ...draft, seq, recorded, time: draft.time ?? recorded };
        const prevHash = hash;
        hash = eventHash(record, prevHash);
        events.push({ ...record, prevHash, hash });
        const result: AppendResult = { clientEventId: draft.clientEventId, seq, hash, recorded, status: 'created' };
        known.set(key, { ...result, status: 'duplicate' });
        return result;
      }),
    );
    if (events.length > 0) {
      await insertEvents(tx, events);
      await setHead(tx, { seq, hash });
    }
    return results;
  }

  private async createCheckpoint(by: string | undefined): Promise<Checkpoint> {
    const latest = await latestCheckpoint(this.store);
    const head = await readHead(this.store);
    if (latest && latest.size > head.seq) throw new AuditError('chain_broken', 'a checkpoint covers events the log lacks', { seq: head.seq + 1 });
    if (latest && latest.size === head.seq) return toCheckpoint(latest);

    const walker = new ChainWalker(await this.resumeFrom(latest), { checkPurges: false });
    for (let after = walker.seq; after < head.seq; ) {
      const rows = await chainRows(this.store, after, head.seq, PAGE);
      if (rows.length === 0) break;
      rows.forEach((row) => walker.visit(row));
      after = Number(rows.at(-1)!.seq);
    }
    const problem = walker.problems[0];
    if (problem || walker.seq !== head.seq || walker.hash !== head.hash) {
      throw new AuditError('chain_broken', 'the stored chain does not verify; not signing it', { seq: problem?.seq ?? walker.seq + 1 });
    }

    const root = walker.range.root().toString('base64');
    const { jws, note } = await signCheckpoint(this.key, { origin: this.origin, size: head.seq, root });
    await insertCheckpoint(this.store, {
      size: head.seq,
      recorded: this.now().toISOString(),
      root,
      key_id: this.key.kid,
      jws,
      note,
      frontier: JSON.stringify(walker.range.toJSON().frontier),
    });
    const stored = await checkpointAt(this.store, head.seq);
    if (by !== undefined) await this.enqueue([serviceDraft(normalizeActor(by), 'checkpoint', { size: head.seq, root })]);
    return toCheckpoint(stored!);
  }

  /** Where the previous checkpoint left the chain, so a new one reads only newer events. */
  private async resumeFrom(latest: CheckpointRow | undefined): Promise<ChainPosition> {
    if (!latest || latest.size === 0) return GENESIS;
    const hash = await hashAt(this.store, latest.size);
    let range: CompactRange;
    try {
      range = CompactRange.fromJSON({ size: latest.size, frontier: JSON.parse(latest.frontier) as string[] });
    } catch {
      range = CompactRange.empty();
    }
    if (hash === undefined || range.size !== latest.size || range.root().toString('base64') !== latest.root) {
      throw new AuditError('chain_broken', 'the latest checkpoint does not match the stored log', { seq: latest.size });
    }
    return { seq: latest.size, hash, range };
  }
}

function clientDraft(actor: string, input: ParsedAuditEventInput): Draft {
  return defined({
    clientEventId: input.clientEventId,
    time: isoTime(input.time),
    kind: input.kind,
    actor,
    client: input.client,
    messageRef: input.messageRef,
    recipients: [...new Set(input.recipients.map((r) => r.toLowerCase()))],
    phiKinds: input.phiKinds,
    action: input.action,
    reasonCodes: [...new Set(input.reasonCodes)],
    protection: input.protection,
    justification: input.justification,
  });
}

function serviceDraft(actor: string, kind: AuditKind, detail: AuditDetail): Draft {
  return { clientEventId: `svc-${randomUUID()}`, kind, actor, client: 'service', recipients: [], phiKinds: {}, reasonCodes: [], detail };
}

function normalizeFilter(filter: AuditFilter): AuditFilter {
  return defined({
    ...filter,
    from: filter.from === undefined ? undefined : isoTime(filter.from),
    to: filter.to === undefined ? undefined : isoTime(filter.to),
    actor: filter.actor === undefined ? undefined : normalizeActor(filter.actor),
    recipient: filter.recipient?.toLowerCase(),
  });
}

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    size: row.size,
    root: row.root,
    origin: row.note.slice(0, row.note.indexOf('\n')),
    recorded: row.recorded,
    keyId: row.key_id,
    jws: row.jws,
    note: row.note,
  };
}

/** Fixed-width UTC, so stored times sort as text on both databases. */
function isoTime(time: string): string {
  return new Date(time).toISOString();
}

export function encodeCursor(seq: number): string {
  return Buffer.from(String(seq)).toString('base64url');
}

/** AuditError `invalid_cursor` for a cursor this log never handed out. */
export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const seq = Number(text);
  if (!/^[1-9]\d{0,15}$/.test(text) || !Number.isSafeInteger(seq)) {
    throw new AuditError('invalid_cursor', 'the cursor is not valid');
  }
  return seq;
}

